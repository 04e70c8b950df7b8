"""In the browser: a steunpunt host changes the times of an activity from "Deze week", the
coordinator approves, and the public page shows the new times. At 1280 px and at 375 px."""

import datetime

import pytest

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.core.tests.menu import log_out
from steunsysteem.directory.constants import ChangeRequestStatus
from steunsysteem.directory.models import ChangeRequest, Schedule
from steunsysteem.directory.tests.factories import (
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)

from .test_editor_e2e import log_in


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 375])
def test_an_editor_changes_a_schedule_and_the_coordinator_approves_it(
    page, assert_accessible, width
):
    page.set_viewport_size({"width": width, "height": 900})
    organization = OrganizationFactory(name="Buurtkamer De Linde")
    service = ServiceFactory(organization=organization, name="Inloop De Linde")
    ServiceAtLocationFactory(service=service, location=LocationFactory(organization=organization))
    # Every day of the week, so it is on the programme whatever day the test runs.
    ScheduleFactory(
        service=service, byday="MO,TU,WE,TH,FR,SA,SU", opens_at="10:00", closes_at="12:00"
    )
    UserFactory(username="els", editor=True, organizations=[organization])
    give_totp_device(UserFactory(username="kees", coordinator=True))

    # The host opens "Mijn aanbod", then "Deze week", and sees the activity with its times.
    page.goto("/mijn-aanbod/")
    log_in(page, "els")
    page.wait_for_url("**/mijn-aanbod/")
    page.click("main a[href='/mijn-aanbod/deze-week/']")
    page.wait_for_url("**/mijn-aanbod/deze-week/")
    assert page.locator(f"li[data-service='{service.pk}']", has_text="10:00–12:00").count() == 7
    assert_accessible(page)
    page.screenshot(path=f"/tmp/shots/editor-week-{width}.png", full_page=True)

    # From there to the edit form: the daily time becomes Tuesday and Thursday morning,
    # and a monthly soup evening is added.
    edit = f"/mijn-aanbod/dienst/{service.pk}/wijzigen/"
    page.locator(f"a[href='{edit}']").first.click()
    page.wait_for_url(f"**{edit}")
    assert_accessible(page)
    page.check("input[name='times-0-DELETE']")
    page.check("input[name='times-1-days'][value='TU']")
    page.check("input[name='times-1-days'][value='TH']")
    page.fill("input[name='times-1-opens_at']", "09:30")
    page.fill("input[name='times-1-closes_at']", "11:30")
    page.fill("input[name='times-1-notes']", "Niet in de schoolvakanties")
    page.check("input[name='times-2-frequency'][value='monthly']")
    page.check("input[name='times-2-days'][value='WE']")
    page.select_option("select[name='times-2-week_of_month']", "1")
    # First a mistake: the end before the start. The page says so and keeps what was typed.
    page.fill("input[name='times-2-opens_at']", "20:00")
    page.fill("input[name='times-2-closes_at']", "18:00")
    page.click("form button.utrecht-button--primary-action")
    error = page.locator("#id_times-2-closes_at_error")
    assert error.is_visible()
    assert page.locator("input[name='times-2-closes_at']").get_attribute("aria-invalid") == "true"
    assert page.input_value("input[name='times-1-opens_at']") == "09:30"
    assert_accessible(page)
    page.screenshot(path=f"/tmp/shots/editor-form-error-{width}.png", full_page=True)
    page.fill("input[name='times-2-opens_at']", "18:00")
    page.fill("input[name='times-2-closes_at']", "20:00")
    page.click("form button.utrecht-button--primary-action")
    page.wait_for_url(f"**/mijn-aanbod/dienst/{service.pk}/")
    assert Schedule.objects.get(service=service).byday == "MO,TU,WE,TH,FR,SA,SU"
    log_out(page)

    # The coordinator sees old and new times side by side and approves.
    page.goto("/te-beoordelen/")
    sign_in_in_browser(page, "kees")
    page.wait_for_url("**/te-beoordelen/")
    request = ChangeRequest.objects.get()
    page.click(f"a[href='/te-beoordelen/{request.pk}/']")
    page.wait_for_url(f"**/te-beoordelen/{request.pk}/")
    assert page.locator("del", has_text="10:00–12:00").count() == 1
    assert page.locator("ins", has_text="9:30–11:30").count() == 1
    assert page.locator("ins", has_text="18:00–20:00").count() == 1
    assert_accessible(page)
    page.screenshot(path=f"/tmp/shots/review-times-{width}.png", full_page=True)
    page.click("button[name=decision][value=approve]")
    page.wait_for_url("**/te-beoordelen/")
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.APPROVED

    # A visitor sees the new times on the public page.
    page.goto(f"/sociale-kaart/dienst/{service.pk}/")
    times = page.locator("#schedules")
    assert "9:30–11:30" in times.inner_text()
    assert "Niet in de schoolvakanties" in times.inner_text()
    assert "18:00–20:00" in times.inner_text()
    assert "10:00–12:00" not in times.inner_text()
    assert_accessible(page)
    page.screenshot(path=f"/tmp/shots/public-times-{width}.png", full_page=True)
    rows = Schedule.objects.filter(service=service).order_by("opens_at")
    assert [(s.freq, s.byday) for s in rows] == [("WEEKLY", "TU,TH"), ("MONTHLY", "1WE")]
    assert rows[0].opens_at == datetime.time(9, 30)
