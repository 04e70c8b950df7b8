"""In the browser: a telephone circle of five runs a week. Cor says he is away for three
days; on those days Bert calls Dini, and the coordinator sees the gap closed in the week's
schedule. Today Bert cannot reach Cor: the coordinator sees the alert and follows it up.
Every page passes axe."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.circles.tests.factories import CircleFactory, CircleMemberFactory
from steunsysteem.directory.tests.factories import UserFactory

SHOTS = "/tmp/shots"
NAMES = ["Anna", "Bert", "Cor", "Dini", "Els"]


def _day_id(day: dt.date) -> str:
    return f"#day-{day.isoformat()}"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_circle_of_five_runs_a_week_and_closes_the_gap(page, assert_accessible):
    ruud = UserFactory(username="ruud", first_name="Ruud", coordinator=True)
    give_totp_device(ruud)
    circle = CircleFactory(name="Ochtendcirkel Woensel", coordinator=ruud)
    members = {}
    for index, name in enumerate(NAMES):
        user = UserFactory(username=name.lower(), first_name=name, volunteer=True)
        give_totp_device(user)
        members[name] = CircleMemberFactory(
            circle=circle,
            position=index + 1,
            volunteer=user,
            first_name=name,
            phone=f"06-1000000{index}",
        )
    today = timezone.localdate()
    away_from, away_until = today + dt.timedelta(days=2), today + dt.timedelta(days=4)

    # Cor, from the menu to his circle, says when he is away.
    page.goto("/")
    page.get_by_role("link", name="Inloggen").click()
    sign_in_in_browser(page, "cor")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Telefooncirkels"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Ochtendcirkel Woensel").click()
    expect(page.locator("#you-call")).to_contain_text("Dini")
    expect(page.locator("#you-call")).to_contain_text("06-10000003")
    expect(page.locator("main")).not_to_contain_text("Anna")  # not his neighbour
    assert_accessible(page)
    page.get_by_label("Weg vanaf").fill(away_from.isoformat())
    page.get_by_label("Weg tot en met").fill(away_until.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#absences")).to_be_visible()
    expect(page.locator(_day_id(away_from))).to_contain_text("je bent weg")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/circle-member-cor.png", full_page=True)

    # Bert: on Cor's days away he calls Dini; today he calls Cor and cannot reach him.
    page.context.clear_cookies()
    page.goto("/accounts/login/?next=/telefooncirkels/")
    sign_in_in_browser(page, "bert")
    page.get_by_role("link", name="Ochtendcirkel Woensel").click()
    expect(page.locator("#you-call")).to_contain_text("Cor")
    expect(page.locator(_day_id(away_from))).to_contain_text("jij belt Dini")
    expect(page.locator(_day_id(away_until + dt.timedelta(days=1)))).to_contain_text("jij belt Cor")
    page.get_by_role("button", name="Ik kon niemand bereiken").click()
    expect(page.locator(".utrecht-alert, [role=status]").first).to_contain_text(
        "De coördinator hoort het"
    )
    assert_accessible(page)

    # Ruud sees the week with the gap closed, and the missed call.
    page.context.clear_cookies()
    page.goto("/accounts/login/?next=/telefooncirkels/")
    sign_in_in_browser(page, "ruud")
    page.get_by_role("link", name="Ochtendcirkel Woensel").click()
    week = page.locator("#week")
    for offset in range(7):
        day = today + dt.timedelta(days=offset)
        card = page.locator(_day_id(day))
        expect(card).to_contain_text("Els belt de coördinator")
        if away_from <= day <= away_until:
            expect(card).to_contain_text("Bert belt Dini")
            expect(card).to_contain_text("Weg: Cor")
        else:
            expect(card).to_contain_text("Bert belt Cor")
            expect(card).to_contain_text("Cor belt Dini")
    expect(week.locator("h3")).to_have_count(7)
    alert = page.locator("#alerts")
    expect(alert).to_contain_text("Bert kon Cor niet bereiken (06-10000002)")
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/circle-coordinator.png", full_page=True)
    alert.get_by_role("button", name="Ik heb dit opgevolgd").click()
    expect(page.locator("#no-alerts")).to_be_visible()
    assert_accessible(page)
