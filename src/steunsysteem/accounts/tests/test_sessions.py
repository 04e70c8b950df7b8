"""On "Mijn account" someone sees where they are logged in, and ends the sessions they do not
trust: those sessions really stop working."""

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from steunsysteem.accounts.models import UserSession
from steunsysteem.directory.tests.factories import UserFactory

from .two_factor import PASSWORD, give_totp_device, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ACCOUNT = reverse("accounts:account")
FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def log_in_from(user, *, user_agent, address):
    client = Client(headers={"User-Agent": user_agent}, REMOTE_ADDR=address)
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    client.get(ACCOUNT)
    return client


def is_logged_in(client) -> bool:
    return client.get(reverse("login")).wsgi_request.user.is_authenticated


def test_the_account_page_lists_each_session_with_browser_system_and_network_only():
    user = UserFactory()
    laptop = log_in_from(user, user_agent=FIREFOX_WINDOWS, address="203.0.113.77")
    log_in_from(user, user_agent=SAFARI_IPHONE, address="198.51.100.23")

    response = laptop.get(ACCOUNT)

    html = response.content.decode()
    assert [(s.browser, s.operating_system) for s in response.context["sessions"]] == [
        ("Safari", "iOS"),
        ("Firefox", "Windows"),
    ]
    assert "Firefox on Windows" in html and "Safari on iOS" in html
    assert "203.0.113.0/24" in html and "198.51.100.0/24" in html
    assert "203.0.113.77" not in html and "198.51.100.23" not in html
    assert "This session" in html
    assert FIREFOX_WINDOWS not in str(UserSession.objects.values())
    assert "no-store" in response["Cache-Control"]
    assert 'hx-history="false"' in html


def test_ending_another_session_logs_it_out():
    user = UserFactory()
    laptop = log_in_from(user, user_agent=FIREFOX_WINDOWS, address="203.0.113.77")
    phone = log_in_from(user, user_agent=SAFARI_IPHONE, address="198.51.100.23")
    phone_session = UserSession.objects.get(browser="Safari")

    response = laptop.post(reverse("accounts:session_end", args=[phone_session.pk]))

    assert response.url == ACCOUNT
    assert not is_logged_in(phone)
    assert is_logged_in(laptop)
    assert [s.browser for s in laptop.get(ACCOUNT).context["sessions"]] == ["Firefox"]


def test_ending_all_other_sessions_keeps_only_this_one():
    user = UserFactory()
    laptop = log_in_from(user, user_agent=FIREFOX_WINDOWS, address="203.0.113.77")
    others = [log_in_from(user, user_agent=SAFARI_IPHONE, address="198.51.100.23") for _ in "ab"]

    laptop.post(reverse("accounts:sessions_end_others"))

    assert is_logged_in(laptop)
    assert not any(is_logged_in(other) for other in others)
    assert UserSession.objects.count() == 1


def test_nobody_can_end_someone_elses_session():
    victim, intruder = UserFactory(), UserFactory()
    victim_client = log_in_from(victim, user_agent=SAFARI_IPHONE, address="198.51.100.23")
    intruder_client = log_in_from(intruder, user_agent=FIREFOX_WINDOWS, address="203.0.113.77")
    victim_session = UserSession.objects.get(user=victim)

    response = intruder_client.post(reverse("accounts:session_end", args=[victim_session.pk]))

    assert response.status_code == 404
    assert is_logged_in(victim_client)


def test_ending_needs_a_post(client):
    user = UserFactory()
    sign_in(client, user)
    client.get(ACCOUNT)

    assert client.get(reverse("accounts:sessions_end_others")).status_code == 405


def test_a_logged_out_or_timed_out_session_is_no_longer_listed():
    user = UserFactory()
    with freeze_time("2026-05-01 09:00") as clock:
        laptop = log_in_from(user, user_agent=FIREFOX_WINDOWS, address="203.0.113.77")
        phone = log_in_from(user, user_agent=SAFARI_IPHONE, address="198.51.100.23")
        phone.post(reverse("logout"))
        assert [s.browser for s in laptop.get(ACCOUNT).context["sessions"]] == ["Firefox"]

        idle = log_in_from(user, user_agent=SAFARI_IPHONE, address="198.51.100.23")
        clock.tick(60 * 29)
        laptop.get(ACCOUNT)
        clock.tick(60 * 2)
        assert [s.browser for s in laptop.get(ACCOUNT).context["sessions"]] == ["Firefox"]
        assert not is_logged_in(idle)


def test_the_account_page_shows_the_two_factor_status(client):
    participant = UserFactory()
    sign_in(client, participant)
    assert "Not needed for your account" in client.get(ACCOUNT).content.decode()

    coordinator = UserFactory(coordinator=True)
    give_totp_device(coordinator)
    sign_in(client, coordinator)
    html = client.get(ACCOUNT).content.decode()
    assert "On: you log in with your password and a code from your app." in html
    assert reverse("password_change") in html
    assert reverse("accounts:invitation_create") in html


def test_the_account_page_needs_a_login(client):
    assert client.get(ACCOUNT).url.startswith(reverse("login"))
