"""The steunpunten coverage in the monitor: the table on the dashboard and in the PDF report,
with a link to the coverage page with the map."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory import services
from steunsysteem.directory.tests.factories import DistrictFactory, LocationFactory, UserFactory
from steunsysteem.monitor.counting import Scope
from steunsysteem.monitor.periods import Period
from steunsysteem.monitor.report import report_context
from steunsysteem.monitor.selectors import monitor
from steunsysteem.monitor.tests.test_views import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
CENTRE = (52.08, 5.45)


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.COVERAGE_MAX_DISTANCE_KM = 3
    settings.COVERAGE_MIN_DAYS_OPEN = 3


@pytest.fixture
def region():
    DistrictFactory(name="Binnenstad", centre_latitude=CENTRE[0], centre_longitude=CENTRE[1])
    DistrictFactory(name="Verweg", centre_latitude=CENTRE[0] + 0.5, centre_longitude=CENTRE[1])
    location = LocationFactory(name="De Vonk", latitude=CENTRE[0] + 0.01, longitude=CENTRE[1])
    services.support_point_save(
        location=location,
        by=None,
        days_open_per_week=4,
        own_location=True,
        led_by_experts_by_experience=True,
        independent=True,
    )


def section(page: str) -> str:
    return page.split('id="support-points-section"')[1].split("</section>")[0]


def test_the_dashboard_shows_the_coverage_per_district(client, region):
    sign_in(client, UserFactory(policy_officer=True))
    page = client.get(reverse("monitor:dashboard")).content.decode()
    part = section(page)
    assert "Binnenstad" in part and "Verweg" in part and "De Vonk" in part
    assert "1.1 km" in part
    assert "white spot" in part


def test_the_dashboard_links_to_the_coverage_map(client, region):
    sign_in(client, UserFactory(policy_officer=True))
    page = client.get(reverse("monitor:dashboard")).content.decode()
    assert f'href="{reverse("directory:coverage")}"' in section(page)


def test_the_coverage_section_is_there_without_steunpunten(client):
    DistrictFactory(name="Binnenstad", centre_latitude=CENTRE[0], centre_longitude=CENTRE[1])
    sign_in(client, UserFactory(policy_officer=True))
    page = client.get(reverse("monitor:dashboard")).content.decode()
    assert "Binnenstad" in section(page)


def test_the_report_carries_the_coverage_table(region):
    context = report_context(monitor(Scope(Period(2026, 2))))
    names = {row.district.name: row.white_spot for row in context["coverage"]}
    assert names == {"Binnenstad": False, "Verweg": True}
    html = render_to_string("monitor/report.html", context)
    part = html.split("Steunpunten</h2>")[1].split("<h2>")[0]
    assert "De Vonk" in part and "Verweg" in part and "white spot" in part


def test_the_report_pdf_has_the_steunpunten_section(client, region):
    sign_in(client, UserFactory(policy_officer=True))
    response = client.get(reverse("monitor:report_pdf"), {"period": "2026H2"})
    content = pdf_text(response.content)
    assert b"/StructTreeRoot" in content
    # WeasyPrint subsets fonts, so look for the table's structure rather than the words.
    assert content.count(b"/TH") >= 1


def test_the_coverage_page_still_shows_its_table(client, region):
    sign_in(client, UserFactory(coordinator=True))
    page = client.get(reverse("directory:coverage")).content.decode()
    assert 'id="coverage"' in page and "De Vonk" in page
