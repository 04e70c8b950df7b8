"""Help right now: a calm pointer on every page, and the crisis lines above the search results
when a visitor types words of crisis (issue 12, point 1)."""

import logging

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from steunsysteem.core.logging import NoPersonalDataFilter, scrub
from steunsysteem.directory.search import index_service
from steunsysteem.directory.tests.factories import OrganizationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:search")


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def public_pages():
    service = ServiceFactory()
    return [
        reverse("core:home"),
        SEARCH,
        reverse("directory:map"),
        reverse("directory:service_detail", args=[service.pk]),
        reverse("directory:organization_detail", args=[OrganizationFactory().pk]),
        reverse("directory:service_handout", args=[service.pk]),
        reverse("login"),
    ]


def test_every_public_page_points_to_help_right_now(client):
    for url in public_pages():
        html = client.get(url, follow=True).content.decode()
        assert 'id="crisis-pointer"' in html, url
        assert 'href="tel:113"' in html and 'href="tel:08000113"' in html, url
        assert 'href="tel:112"' in html, url


def test_the_pointer_folds_open_to_every_line_without_javascript(client):
    html = client.get(SEARCH).content.decode()
    pointer = html.split('id="crisis-pointer"')[1].split("</aside>")[0]
    assert "<details>" in pointer
    assert "113 Zelfmoordpreventie" in pointer
    assert "huisarts" in pointer
    assert 'href="tel:0880767000"' in pointer and "De Luisterlijn" in pointer
    assert 'href="https://www.113.nl/"' in pointer


@pytest.mark.parametrize("typed", ["ik wil dood", "zelfmoord", "suïcide", "crisis", "113"])
def test_words_of_crisis_put_the_crisis_lines_above_the_results(client, typed):
    index_service(
        ServiceFactory(
            name="Gesprek met een geestelijk verzorger",
            description="Over de dood, zelfmoord, suïcide, een crisis of de lijn 113.",
        )
    )
    html = client.get(SEARCH, {"q": typed}).content.decode()
    assert 'id="crisis-help"' in html
    results = html.split('id="search-results"')[1]
    assert results.index('id="crisis-help"') < results.index("steunsysteem-cards")
    help_box = html.split('id="crisis-help"')[1].split("</section>")[0]
    for href in ("tel:113", "tel:08000113", "tel:112", "tel:0880767000"):
        assert f'href="{href}"' in help_box


def test_the_crisis_lines_come_with_a_live_update_of_the_results_too(client):
    response = client.get(SEARCH, {"q": "ik wil dood"}, HTTP_HX_REQUEST="true")
    assert 'id="crisis-help"' in response.content.decode()


@pytest.mark.parametrize("typed", ["", "koor", "zingeving", "ik wil zingen"])
def test_an_everyday_search_gets_no_crisis_box(client, typed):
    assert 'id="crisis-help"' not in client.get(SEARCH, {"q": typed}).content.decode()


def test_the_numbers_are_the_regions_own(client):
    region = {
        **settings.CRISIS_HELP,
        "suicide_line_phones": ["0800-0113"],
        "gp_post_phone": "0900 123 45 67",
        "emergency_phone": "112",
        "listening_line_phone": "",
    }
    with override_settings(CRISIS_HELP=region):
        html = client.get(SEARCH, {"q": "zelfmoord"}).content.decode()
    help_box = html.split('id="crisis-help"')[1].split("</section>")[0]
    assert 'href="tel:09001234567"' in help_box
    assert 'href="tel:113"' not in help_box
    assert "Luisterlijn" not in help_box


def test_a_search_for_words_of_crisis_is_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get(SEARCH, {"q": "ik wil dood"})
    client.get(SEARCH, {"q": "ik wil dood"}, HTTP_HX_REQUEST="true")
    assert not [record for record in caplog.records if "dood" in record.getMessage()]


def test_the_request_lines_of_the_development_server_hide_the_search_words():
    handlers = logging.getLogger("django.server").handlers
    assert handlers
    assert all(
        any(isinstance(check, NoPersonalDataFilter) for check in handler.filters)
        for handler in handlers
    )
    line = '"GET /sociale-kaart/?free=on&q=ik+wil+dood HTTP/1.1" 200 5120'
    assert "dood" not in scrub(line)
