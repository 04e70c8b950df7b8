"""In the browser: the chair of a werktafel gives a colleague a seat, changes their role,
takes them off again (but not the last chair), and keeps the mailing list. Every page passes
axe (WCAG 2.1 AA)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.worktables.constants import WorktableRole
from steunsysteem.worktables.models import MailingListEntry, WorktableMembership
from steunsysteem.worktables.tests.factories import WorktableFactory

SHOTS = Path("/tmp/shots")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_chair_keeps_the_members_and_the_mailing_list(page, assert_accessible):
    SHOTS.mkdir(exist_ok=True)
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    ruud = UserFactory(
        username="ruud", first_name="Ruud", coordinator=True, organizations=[wijkteam]
    )
    give_totp_device(ruud)
    UserFactory(username="kees", first_name="Kees", professional=True, organizations=[wijkteam])
    table = WorktableFactory(name="Werktafel Vlietzoom")
    chair = WorktableMembership.objects.create(worktable=table, user=ruud, role=WorktableRole.CHAIR)
    MailingListEntry.objects.create(worktable=table, email="wmo@partistad.example.nl")

    page.goto("/werktafels/")
    sign_in_in_browser(page, "ruud")
    page.goto("/werktafels/")
    page.get_by_role("link", name="Werktafel Vlietzoom").click()
    page.get_by_role("link", name="Veranderen wie er aan tafel zit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wie zit er aan Werktafel Vlietzoom")
    page.get_by_label("Kies een collega").select_option(label="Kees (Sociaal Wijkteam)")
    page.get_by_label("Rol aan tafel", exact=True).select_option(label="Lid op afroep")
    page.get_by_role("button", name="Aan tafel zetten").click()
    expect(page.locator(".utrecht-alert, [role=status]").first).to_contain_text(
        "Kees zit nu aan tafel."
    )
    expect(page.locator("#members tbody tr")).to_have_count(2)
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "e2e_worktable_members.png"), full_page=True)

    page.get_by_label("Rol van Kees").select_option(label="Vast lid")
    row = page.locator("#members tbody tr", has_text="Kees")
    row.get_by_role("button", name="Rol wijzigen").click()
    expect(page.get_by_label("Rol van Kees")).to_have_value("core")

    page.locator("#members tbody tr", has_text="Ruud").get_by_role(
        "button", name="Van de tafel halen"
    ).click()
    expect(page.get_by_text("Een werktafel heeft een voorzitter nodig.")).to_be_visible()
    assert WorktableMembership.objects.filter(pk=chair.pk).exists()

    page.locator("#members tbody tr", has_text="Kees").get_by_role(
        "button", name="Van de tafel halen"
    ).click()
    expect(page.get_by_text("Kees zit niet meer aan tafel.")).to_be_visible()
    expect(page.locator("#members tbody tr")).to_have_count(1)

    page.get_by_role("link", name="Wie het verslag krijgt zonder aan tafel te zitten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Verzendlijst van Werktafel Vlietzoom"
    )
    page.get_by_label("E-mailadres").fill("WMO@partistad.example.nl")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#id_email_error")).to_contain_text(
        "wmo@partistad.example.nl staat al op de verzendlijst."
    )
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "e2e_worktable_mailing_list_duplicate.png"), full_page=True)
    page.get_by_label("E-mailadres").fill("team-noord@woonstede.example.nl")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#mailing-list tbody tr")).to_have_count(2)
    page.locator("#mailing-list tbody tr", has_text="wmo@partistad.example.nl").get_by_role(
        "button", name="Van de lijst halen"
    ).click()
    expect(page.locator("#mailing-list tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "e2e_worktable_mailing_list.png"), full_page=True)
