"""In the browser: the coordinator puts a theme and a case about no registered person on a
meeting's agenda, invites the organisation suggested for the case, runs the meeting (what
the table agreed, an action, a tip) and approves minutes that list both by their title and
never the case's description."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.directory.vocabularies import install_vocabularies
from steunsysteem.worktables.models import Action, AgendaItem, Invitation, MailingListEntry
from steunsysteem.worktables.services import meeting_plan
from steunsysteem.worktables.tests.factories import WorktableFactory

THEME = "Eenzaamheid onder mantelzorgers"
CASE = "Wie bij de gemeente gaat over schulden bij jongeren?"
CASE_TEXT = "Een jongere van 19 met schulden bij drie instanties wil hulp bij het ordenen."


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_discusses_a_theme_and_a_case_without_a_participant(page, assert_accessible):
    install_vocabularies(Taxonomy, TaxonomyTerm)
    ruud = UserFactory(username="ruud", first_name="Ruud", coordinator=True)
    fatima = UserFactory(username="fatima", first_name="Fatima", professional=True)
    give_totp_device(ruud)
    table = WorktableFactory(
        name="Werktafel Vlietzoom", district=DistrictFactory(), members=[ruud, fatima]
    )
    MailingListEntry.objects.create(worktable=table, email="wmo@partistad.example.nl")
    geldwinkel = OrganizationFactory(name="Geldwinkel Partistad", email="info@geldwinkel.example")
    ServiceFactory(name="Schuldhulp op afspraak", organization=geldwinkel, life_domains=["money"])
    start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    start += dt.timedelta(days=1)
    meeting = meeting_plan(
        worktable=table,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="De Schakel",
        by=ruud,
    )

    page.goto(f"/werktafels/overleg/{meeting.pk}/")
    sign_in_in_browser(page, "ruud")
    page.goto(f"/werktafels/{table.pk}/")
    page.locator("#upcoming a").first.click()
    expect(page.locator("#no-agenda")).to_be_visible()
    assert_accessible(page)

    # A theme, and a case about no registered person.
    add = page.locator("#add-item")
    add.get_by_label("Een thema", exact=False).check()
    page.fill("#id_new-item-title", THEME)
    add.get_by_label("Ontmoeting").check()
    page.click("#add-item-button")
    expect(page.locator("[role=status]")).to_contain_text("Het punt staat op de agenda.")
    add.get_by_label("Een casus zonder deelnemer", exact=False).check()
    page.fill("#id_new-item-title", CASE)
    page.fill("#id_new-item-description", CASE_TEXT)
    add.get_by_label("Geld en administratie").check()
    page.click("#add-item-button")
    expect(page.locator("#agenda")).to_contain_text(f"Thema: {THEME}")
    expect(page.locator("#agenda")).to_contain_text(f"Casus zonder deelnemer: {CASE}")
    expect(page.locator("main")).not_to_contain_text(CASE_TEXT)
    case = AgendaItem.objects.get(kind="case")

    # Only the suggested organisation can be invited for the case; nobody as "the person".
    mail.outbox.clear()
    invite = page.locator(f"#invite-{case.pk}")
    expect(invite).to_contain_text("je nodigt alleen de organisaties uit")
    expect(invite.get_by_label("De persoon zelf")).to_have_count(0)
    page.fill(f"#id_item-{case.pk}-starts_at", "14:30")
    page.fill(f"#id_item-{case.pk}-ends_at", "14:50")
    invite.get_by_label("Geldwinkel Partistad").check()
    invite.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.locator("[role=status]")).to_contain_text("1 uitnodiging")
    (message,) = mail.outbox
    assert message.to == ["info@geldwinkel.example"]
    assert CASE not in message.body and CASE_TEXT not in message.body
    assert Invitation.objects.get().kind == "organization"
    assert_accessible(page)
    page.screenshot(path="/tmp/shots/themes-meeting.png", full_page=True)

    # The case on the meeting screen: marked, with its description for the table.
    page.get_by_role("link", name=f"Casus zonder deelnemer: {CASE}").first.click()
    expect(page.locator("h1")).to_have_text(f"Casus zonder deelnemer: {CASE}")
    expect(page.locator("#no-participant")).to_contain_text("Gaat niet over een ingeschreven")
    expect(page.locator("#item-description")).to_have_text(CASE_TEXT)
    expect(page.locator("#suggested-organizations")).to_contain_text("Geldwinkel Partistad")
    assert_accessible(page)
    page.fill("#id_proposal", "De gemeente stuurt de naam van de schuldhulpcoach.")
    page.click("#save-proposal")
    expect(page.locator("[role=status]")).to_contain_text("Opgeslagen wat de tafel afsprak.")
    page.select_option("#id_owner", str(fatima.pk))
    page.fill("#id_what", "Naam schuldhulpcoach doorgeven")
    page.fill("#id_due_on", (timezone.localdate() + dt.timedelta(days=14)).isoformat())
    page.click("#add-action")
    expect(page.locator("#actions")).to_contain_text("Naam schuldhulpcoach doorgeven")
    page.locator("#tips ~ form").get_by_label("Schuldhulp op afspraak", exact=False).check()
    page.fill("#id_text", "Het spreekuur van de Geldwinkel is ook zonder afspraak.")
    page.click("#save-tips")
    expect(page.locator("[role=status]")).to_contain_text("tips")
    assert_accessible(page)
    page.screenshot(path="/tmp/shots/themes-case-screen.png", full_page=True)
    assert Action.objects.get().question is None

    page.get_by_role("link", name="Agenda").first.click()
    expect(page.locator("#agenda")).to_contain_text("Besproken")
    page.get_by_label("Ruud").check()
    page.get_by_label(f"Casus zonder deelnemer: {CASE}: Geldwinkel Partistad").check()
    page.click("#save-attendance")
    expect(page.locator("[role=status]")).to_contain_text("Opgeslagen wie er was")
    page.click("#close-meeting")
    assert_accessible(page)
    page.click("#confirm-close")
    expect(page.locator("main")).to_contain_text("Afgesloten")

    # The minutes: both by their title, with the tip; the case's description nowhere.
    mail.outbox.clear()
    page.click("#minutes-link")
    expect(page.locator("#minutes-titles")).to_contain_text("de titel niemand noemt")
    minutes_text = page.locator("#minutes-text")
    expect(minutes_text).to_contain_text(f"Thema: {THEME} - Ontmoeting")
    expect(minutes_text).to_contain_text(f"Casus zonder deelnemer: {CASE} - Geld en administratie")
    expect(minutes_text).to_contain_text("Organisaties aan tafel: Geldwinkel Partistad")
    expect(minutes_text).to_contain_text("Het spreekuur van de Geldwinkel is ook zonder afspraak.")
    for secret in [CASE_TEXT, "schuldhulpcoach"]:
        expect(minutes_text).not_to_contain_text(secret)
    assert_accessible(page)
    page.screenshot(path="/tmp/shots/themes-minutes.png", full_page=True)
    page.click("#approve-minutes")
    expect(page.locator("#minutes-status")).to_be_visible()
    assert mail.outbox
    for message in mail.outbox:
        assert THEME in message.body and CASE_TEXT not in message.body
