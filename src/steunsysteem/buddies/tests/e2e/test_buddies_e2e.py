"""In the browser: Wendy, coordinator of the maatjesproject, registers Anna, a volunteer who
likes card games; Fatima sends Mark's wish "iemand om een potje mee te kaarten"; Wendy sees
Anna suggested with her reasons and proposes her; Mark and Anna both say yes, and only then
see each other's contact details; six weeks on (freezegun) both are asked how it goes and
answer, and only Wendy reads what Mark says is wrong. Every page passes axe."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.buddies.models import Match
from steunsysteem.core.tests.menu import click_menu_link
from steunsysteem.directory.tests.factories import UserFactory

from ..story import MARKS_PHONE, make_story

SHOTS = Path("/tmp/shots")
ANNAS_PHONE = "06-55556666"
CONCERN = "Anna komt vaak te laat."


def _sign_in(page, username):
    # Signing in again within the same 30 seconds would reuse the code, which is refused.
    TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    sign_in_in_browser(page, username)


def _to_the_match(page, assert_accessible):
    page.goto("/")
    click_menu_link(page, "Maatjes")
    assert_accessible(page)
    page.locator("#person-matches a, #volunteer-matches a").first.click()
    assert_accessible(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_buddy_for_mark_from_registration_to_the_six_week_check_in(page, assert_accessible):
    story = make_story()
    story.kees.delete()  # Anna is registered in the browser instead
    for user, name in ((story.wendy, "wendy"), (story.fatima, "fatima"), (story.mark.user, "mark")):
        user.username = name
        user.save()
    anna = UserFactory(
        username="anna",
        first_name="Anna",
        last_name="de Wit",
        volunteer=True,
        organizations=[story.project],
    )
    for user in (story.wendy, story.fatima, anna):
        give_totp_device(user)
    SHOTS.mkdir(exist_ok=True)

    # Wendy registers Anna, from her start page.
    _sign_in(page, "wendy")
    click_menu_link(page, "Maatjes")
    assert_accessible(page)
    page.get_by_role("link", name="Maatjesproject Samen op Pad").click()
    assert_accessible(page)
    page.get_by_role("link", name="Een vrijwilliger inschrijven").click()
    page.get_by_label("Vrijwilliger", exact=True).select_option(str(anna.pk))
    page.get_by_label("Kaarten en bordspellen").check()
    page.get_by_label("Woensdag").check()
    page.get_by_label("Nederlands").check()
    page.get_by_label("Postcode (4 cijfers)").fill("3902")
    page.get_by_label("Telefoonnummer").fill(ANNAS_PHONE)
    page.get_by_label("Kennismakingsgesprek gehad op").fill("2026-11-02")
    page.get_by_label("VOG gecontroleerd op").fill("2026-11-16")
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "buddies_register.png"), full_page=True)
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_text("De vrijwilliger is ingeschreven.")).to_be_visible()
    expect(page.locator("#screening")).to_contain_text("16 november 2026")
    assert_accessible(page)

    # Fatima sends Mark's wish from his question.
    _sign_in(page, "fatima")
    click_menu_link(page, "Maatjes")
    page.get_by_role("link", name="Vraag een maatjesproject om een maatje").click()
    assert_accessible(page)
    page.get_by_label("Bij welke vraag?").select_option(str(story.question.pk))
    page.get_by_label("Maatjesproject", exact=True).select_option(str(story.project.pk))
    page.get_by_label("Kaarten en bordspellen").check()
    page.get_by_label("Woensdag").check()
    page.get_by_label("De persoon vindt het goed").check()
    page.get_by_role("button", name="Wens versturen").click()
    expect(page.get_by_text("De wens is verstuurd.")).to_be_visible()
    assert_accessible(page)

    # Wendy sees Anna suggested, with plain reasons, and proposes her.
    _sign_in(page, "wendy")
    click_menu_link(page, "Maatjes")
    page.get_by_role("link", name="Maatjesproject Samen op Pad").click()
    page.locator("#wishes a").first.click()
    expect(page.locator("h1")).to_have_text("Mark wil graag een maatje")
    suggestions = page.locator("#suggestions")
    expect(suggestions).to_contain_text("Anna de Wit")
    expect(suggestions).to_contain_text("Doet ook graag: kaarten en bordspellen")
    expect(suggestions).to_contain_text("Woont dichtbij")
    expect(suggestions).to_contain_text("Kan op: woensdag")
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "buddies_wish.png"), full_page=True)
    page.get_by_role("button", name="Anna voorstellen").click()
    expect(page.get_by_text("De koppeling is voorgesteld.")).to_be_visible()
    assert_accessible(page)

    # Mark says yes: still no contact details on either side.
    _sign_in(page, "mark")
    _to_the_match(page, assert_accessible)
    expect(page.locator("#no-contact-details")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(ANNAS_PHONE)
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Bedankt, je antwoord is bewaard.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(ANNAS_PHONE)
    assert_accessible(page)

    # Anna sees no contact details before her own yes; after it, Mark's number.
    _sign_in(page, "anna")
    _to_the_match(page, assert_accessible)
    expect(page.locator("#no-contact-details")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(MARKS_PHONE)
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator("#contact-details")).to_contain_text(MARKS_PHONE)
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "buddies_match_volunteer.png"), full_page=True)

    _sign_in(page, "mark")
    _to_the_match(page, assert_accessible)
    expect(page.locator("#contact-details")).to_contain_text(ANNAS_PHONE)
    match = Match.objects.get()
    assert match.status == "active"
    assert match.network_member is not None

    # Six weeks on, both are asked how it goes (the daily command, run under freezegun).
    with freeze_time(timezone.now() + dt.timedelta(weeks=6, hours=1)):
        call_command("ask_buddy_check_ins")
    assert match.check_ins.count() == 2

    page.reload()
    expect(page.get_by_role("heading", name="Hoe gaat het? (na 6 weken)")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nee, er is iets niet goed").check()
    page.get_by_label("Wil je iets tegen de coördinator zeggen?").fill(CONCERN)
    page.screenshot(path=str(SHOTS / "buddies_check_in.png"), full_page=True)
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Alleen de coördinator leest wat je schreef.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(CONCERN)
    assert_accessible(page)

    _sign_in(page, "anna")
    _to_the_match(page, assert_accessible)
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Alleen de coördinator leest wat je schreef.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(CONCERN)

    # Wendy reads what Mark said; she is the only one.
    _sign_in(page, "wendy")
    click_menu_link(page, "Maatjes")
    page.get_by_role("link", name="Maatjesproject Samen op Pad").click()
    page.locator("#matches a").first.click()
    expect(page.locator("#check-ins")).to_contain_text(CONCERN)
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "buddies_match_coordinator.png"), full_page=True)
    assert {c.answered_at is not None for c in match.check_ins.all()} == {True}
