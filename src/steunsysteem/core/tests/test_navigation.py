"""The header menu shows each role the pages it may use, and nothing else."""

import re

import pytest

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = ["Sociale kaart", "Map", "How it works"]
EXPECTED = {
    "participant": [*PUBLIC, "My page", "My account"],
    "relative": [*PUBLIC, "Participants", "My account"],
    "professional": [*PUBLIC, "Participants", "My account"],
    "editor": [*PUBLIC, "My entries", "My account"],
    "volunteer": [*PUBLIC, "Participants", "My account"],
    "coordinator": [
        *PUBLIC,
        "My entries",
        "To review",
        "Participants",
        "Signals",
        "Steunpunten",
        "Surveys",
        "My account",
    ],
    "policy_officer": [*PUBLIC, "Signals", "Steunpunten", "Surveys", "My account"],
    "administrator": [*PUBLIC, "My entries", "To review", "My account", "Administration"],
}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def menu(client, path="/sociale-kaart/") -> list[str]:
    html = client.get(path).content.decode()
    return re.findall(r'class="steunsysteem-nav__link"[^>]*>([^<]+)</a>', html)


def test_a_visitor_sees_the_public_pages_and_log_in(client):
    assert menu(client) == [*PUBLIC, "Log in"]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_its_own_pages(client, role):
    trait = {} if role == "participant" else {role: True}
    sign_in(client, UserFactory(**trait))

    assert menu(client) == EXPECTED[role]


def test_before_the_second_factor_only_the_public_pages_show(client):
    client.force_login(UserFactory(coordinator=True))

    # Every page sends them to set up the app; its menu has only the public pages.
    assert menu(client, "/accounts/tweestapsverificatie/instellen/") == PUBLIC


def test_the_log_in_page_shows_the_sites_name_not_the_server_address(client, settings):
    page = client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8011").content.decode()

    assert f'steunsysteem-header__site-name" href="/">{settings.SITE_NAME}</a>' in page
    assert "127.0.0.1:8011" not in page
