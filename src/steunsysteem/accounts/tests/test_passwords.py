"""Someone who forgot their password gets a link by e-mail; a signed-in user changes theirs."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from steunsysteem.directory.tests.factories import UserFactory

from .two_factor import PASSWORD, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NEW_PASSWORD = "zonnebloem-aan-de-rivier"
RESET = reverse("password_reset")


def reset_link(message) -> str:
    (link,) = re.findall(r"https?://\S+", message.body)
    return link


def main_of(response) -> str:
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def test_the_login_page_links_to_forgot_password(client):
    html = client.get(reverse("login")).content.decode()

    assert f'href="{RESET}"' in html


def test_the_reset_page_asks_for_the_e_mail_address(client):
    response = client.get(RESET)

    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<label class="utrecht-form-label" for="id_email">' in html
    assert "utrecht-textbox" in html


def test_the_mail_holds_the_link_and_no_user_name(client, settings):
    UserFactory(username="janny", email="janny@example.org")

    response = client.post(RESET, {"email": "janny@example.org"})

    assert response.url == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.to == ["janny@example.org"]
    assert reset_link(message).startswith(settings.SITE_URL + "/accounts/reset/")
    assert "janny" not in message.body.replace("janny@example.org", "")
    assert settings.SITE_NAME in message.subject
    assert "\n" not in message.subject


def test_the_answer_is_the_same_whether_or_not_the_address_exists(client):
    UserFactory(email="janny@example.org")

    known = client.post(RESET, {"email": "janny@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "niemand@example.org"}, follow=True)

    assert len(mail.outbox) == 1
    assert known.redirect_chain == unknown.redirect_chain
    assert main_of(known) == main_of(unknown)
    assert "If an account has this e-mail address" in main_of(known)


def test_the_link_lets_one_choose_a_new_password_with_the_rules_shown(client):
    user = UserFactory(email="janny@example.org")
    client.post(RESET, {"email": "janny@example.org"})
    link = reset_link(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert "at least 12 characters" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_password_url, {"new_password1": "kort", "new_password2": "kort"})
    assert weak.status_code == 200 and weak.context["form"].errors
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    used_again = client.get(link, follow=True)
    assert "This link does not work any more" in used_again.content.decode()


def test_a_signed_in_user_changes_their_password_and_their_other_sessions_end(client):
    user = UserFactory()
    other_device = type(client)()
    other_device.force_login(user)
    sign_in(client, user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.url == reverse("password_change_done")
    assert client.get(reverse("accounts:account")).status_code == 200, "this session goes on"
    assert other_device.get(reverse("accounts:account")).status_code == 302


def test_the_password_change_page_is_not_cached(client):
    sign_in(client, UserFactory())

    response = client.get(reverse("password_change"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "at least 12 characters" in response.content.decode()


def test_the_password_change_page_needs_the_second_factor_first(client):
    client.force_login(UserFactory(coordinator=True))

    response = client.get(reverse("password_change"))

    assert response.url.startswith(reverse("accounts:two_factor_setup"))
