"""In the browser, with the keyboard only: Janny builds her network and keeps a snapshot."""

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks.models import NetworkMember, NetworkSnapshot
from steunsysteem.participants.tests.factories import ParticipantFactory

PASSWORD = "een-lang-wachtwoord"  # the factory's password


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus, as a keyboard user."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_janny_builds_her_network_with_the_keyboard_only(page, assert_accessible):
    janny = ParticipantFactory(name="Janny", user=UserFactory(username="janny"))

    page.goto("/mijn-gegevens/")
    tab_to(page, "#id_username")
    page.keyboard.type("janny")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{janny.pk}/")

    tab_to(page, f"a[href='/deelnemers/{janny.pk}/netwerk/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Mijn netwerk")
    expect(page.locator("#no-members")).to_be_visible()
    assert_accessible(page)

    tab_to(page, "#add-member")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Iemand toevoegen aan het netwerk")
    assert_accessible(page)
    tab_to(page, "#id_name")
    page.keyboard.type("Henk (broer)")
    tab_to(page, "#id_relation")
    page.keyboard.type("Familie")
    tab_to(page, "input[name=circle]")  # lands on the chosen "Dichtbij"
    page.keyboard.press("ArrowUp")  # "Heel dichtbij"
    tab_to(page, "#id_support_received_0")
    page.keyboard.press("Space")  # practical help
    tab_to(page, "#id_gives_back_2")
    page.keyboard.press("Space")  # company
    tab_to(page, "#id_is_central_contact")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("#members")).to_contain_text("Henk (broer)")
    expect(page.locator("#members")).to_contain_text("vaste contactpersoon")
    henk = NetworkMember.objects.get(participant=janny)
    assert (henk.relation, henk.circle, henk.is_central_contact) == ("family", "inner", True)
    assert henk.support_received == ["practical"] and henk.gives_back == ["company"]
    assert_accessible(page)

    tab_to(page, "input[name=occasion]")  # lands on the chosen "half-yearly"
    page.keyboard.press("ArrowUp")  # intake
    tab_to(page, f"form[action='/deelnemers/{janny.pk}/netwerk/momentopnames/'] button")
    page.keyboard.press("Enter")

    expect(page.locator("#snapshot-members")).to_contain_text("Henk (broer)")
    assert NetworkSnapshot.objects.get(participant=janny).occasion == "intake"
    assert_accessible(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_janny_does_not_overwrite_a_change_made_while_she_had_the_form_open(
    page, assert_accessible
):
    from steunsysteem.networks import services
    from steunsysteem.networks.tests.factories import NetworkMemberFactory

    janny = ParticipantFactory(name="Janny", user=UserFactory(username="janny"))
    henk = NetworkMemberFactory(participant=janny, name="Henk (broer)", relation="family")
    page.goto("/mijn-gegevens/")
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{janny.pk}/")
    page.goto(f"/deelnemers/{janny.pk}/netwerk/{henk.pk}/")

    # Meanwhile her professional moves Henk to the inner circle.
    services.network_member_update(member=henk, by=janny.user, circle="inner", version=1)
    tab_to(page, "#id_gives_back_note")
    page.keyboard.type("Ik kook op zondag")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#saved-now")).to_contain_text("Heel dichtbij")
    expect(page.locator("#id_gives_back_note")).to_have_value("Ik kook op zondag")
    henk.refresh_from_db()
    assert (henk.gives_back_note, henk.version) == ("", 2)
    assert_accessible(page)

    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#members")).to_contain_text("Ik kook op zondag")
