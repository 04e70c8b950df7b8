"""In the browser: an editor proposes a change, a coordinator approves it."""

import pytest

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.core.tests.menu import log_out
from steunsysteem.directory.constants import ChangeRequestStatus
from steunsysteem.directory.models import ChangeRequest, Service
from steunsysteem.directory.tests.factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)

PASSWORD = "een-lang-wachtwoord"  # the factory's password


def log_in(page, username):
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_editor_proposes_a_change_and_a_coordinator_approves_it(page, assert_accessible):
    organization = OrganizationFactory(name="Stichting De Brug")
    service = ServiceFactory(
        organization=organization, name="Inloop De Brug", description="Koffie en een praatje."
    )
    ServiceAtLocationFactory(service=service, location=LocationFactory(organization=organization))
    UserFactory(username="els", editor=True, organizations=[organization])
    give_totp_device(UserFactory(username="kees", coordinator=True))
    editor_page = f"/mijn-aanbod/dienst/{service.pk}/"

    # The editor opens "Mijn aanbod", is asked to log in, and lands on her entries.
    page.goto("/mijn-aanbod/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)
    log_in(page, "els")
    page.wait_for_url("**/mijn-aanbod/")
    assert_accessible(page)

    page.click(f"a[href='{editor_page}']")
    page.wait_for_url(f"**{editor_page}")
    assert_accessible(page)
    page.click(f"a[href='{editor_page}wijzigen/']")
    assert_accessible(page)
    page.fill("#id_description", "Elke dinsdag koffie en een praatje.")
    page.click("form button.utrecht-button--primary-action")
    page.wait_for_url(f"**{editor_page}")
    assert "Elke dinsdag koffie en een praatje." in page.content()
    assert Service.objects.get(pk=service.pk).description == "Koffie en een praatje."
    log_out(page)

    # The coordinator reviews the change and approves it, after the code from their app.
    page.goto("/te-beoordelen/")
    sign_in_in_browser(page, "kees")
    page.wait_for_url("**/te-beoordelen/")
    assert_accessible(page)
    request = ChangeRequest.objects.get()
    page.click(f"a[href='/te-beoordelen/{request.pk}/']")
    page.wait_for_url(f"**/te-beoordelen/{request.pk}/")
    assert_accessible(page)
    page.click("button[name=decision][value=approve]")
    page.wait_for_url("**/te-beoordelen/")

    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.APPROVED
    assert Service.objects.get(pk=service.pk).description == "Elke dinsdag koffie en een praatje."

    # The entry's page now shows the approved version in its history.
    page.goto(editor_page)
    assert page.locator("ins", has_text="Elke dinsdag koffie en een praatje.").count() == 1
    assert_accessible(page)
