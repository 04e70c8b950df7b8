"""The header menu shows each role the pages it may use, and nothing else."""

import re

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PUBLIC = ["Sociale kaart", "Map", "How it works"]
# Signed in, the map and "how it works" move to the footer: the header fits one row.
SIGNED_IN = ["Sociale kaart"]
EXPECTED = {
    "participant": [*SIGNED_IN, "My page", "Buddies", "My account"],
    "relative": [*SIGNED_IN, "Participants", "My account"],
    "professional": [*SIGNED_IN, "Participants", "Buddies", "My account"],
    "editor": [*SIGNED_IN, "My entries", "My account"],
    "volunteer": [*SIGNED_IN, "Participants", "My account"],
    "coordinator": [
        *SIGNED_IN,
        "Participants",
        "Monitor",
        "My entries",
        "To review",
        "Signals",
        "Buddies",
        "Telephone circles",
        "Kwartiermaken",
        "Steunpunten",
        "Surveys",
        "My account",
    ],
    "kwartiermaker": [*SIGNED_IN, "Participants", "Kwartiermaken", "My account"],
    "experience_expert": [*SIGNED_IN, "Participants", "My account"],
    "policy_officer": [*SIGNED_IN, "Monitor", "Signals", "Steunpunten", "Surveys", "My account"],
    "administrator": [*SIGNED_IN, "My entries", "To review", "Administration", "My account"],
}


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


def more_menu(client, path="/sociale-kaart/") -> list[str]:
    html = client.get(path).content.decode()
    if 'class="steunsysteem-nav__more"' not in html:
        return []
    folded = html.split('class="steunsysteem-nav__more-list"')[1].split("</ul>")[0]
    return re.findall(r'class="steunsysteem-nav__link"[^>]*>([^<]+)</a>', folded)


def test_a_short_menu_stands_in_one_row_without_more(client):
    sign_in(client, UserFactory(policy_officer=True))

    assert more_menu(client) == []


def test_a_long_menu_folds_the_rest_under_more_and_keeps_my_account_in_the_row(client):
    from steunsysteem.worktables.tests.factories import WorktableFactory

    ruud = UserFactory(coordinator=True)
    WorktableFactory(members=[ruud])
    sign_in(client, ruud)

    in_the_row = ["Sociale kaart", "Participants", "Werktafels", "Monitor", "My entries"]
    assert menu(client)[:5] == in_the_row
    assert more_menu(client) == [
        "To review",
        "Signals",
        "Buddies",
        "Telephone circles",
        "Kwartiermaken",
        "Steunpunten",
        "Surveys",
    ]
    assert menu(client)[-1] == "My account"


def test_more_is_marked_when_the_current_page_is_folded_under_it(client):
    from steunsysteem.worktables.tests.factories import WorktableFactory

    ruud = UserFactory(coordinator=True)
    WorktableFactory(members=[ruud])
    sign_in(client, ruud)
    html = client.get(reverse("signals:list")).content.decode()

    assert "steunsysteem-nav__more-button--current" in html
    assert 'aria-current="page">Signals<' in html


def test_before_the_second_factor_only_the_public_pages_show(client):
    client.force_login(UserFactory(coordinator=True))

    # Every page sends them to set up the app; its menu has only the public pages.
    assert menu(client, "/accounts/tweestapsverificatie/instellen/") == PUBLIC


def test_the_log_in_page_shows_the_sites_name_not_the_server_address(client, settings):
    page = client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8011").content.decode()

    assert f'href="/"><span>{settings.SITE_NAME}</span></a>' in page
    assert "127.0.0.1:8011" not in page


@pytest.mark.parametrize("role", [None, "coordinator"])
def test_every_page_links_the_public_pages_in_its_footer(client, role):
    if role:
        sign_in(client, UserFactory(**{role: True}))

    html = client.get("/sociale-kaart/").content.decode()
    footer = html.split('class="steunsysteem-footer"')[1]

    for label in [
        "Search the sociale kaart",
        "Map of the sociale kaart",
        "How the steunsysteem works",
    ]:
        assert f">{label}</a>" in footer


def test_the_log_in_page_shows_a_configured_region_name(client, settings):
    settings.SITE_NAME = "Steunsysteem Regio Vallei"

    page = client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8011").content.decode()

    assert "<title>Log in | Steunsysteem Regio Vallei</title>" in page
    assert "Log in to Steunsysteem Regio Vallei with your user name" in page


def test_a_volunteer_or_editor_sees_buddies_once_a_maatjesproject_has_them(client):
    from steunsysteem.buddies.tests.factories import (
        ProjectCoordinatorFactory,
        VolunteerProfileFactory,
    )

    volunteer = VolunteerProfileFactory().user
    sign_in(client, volunteer)
    assert "Buddies" in menu(client)
    editor = ProjectCoordinatorFactory(user=UserFactory(editor=True)).user
    client.logout()
    sign_in(client, editor)
    assert "Buddies" in menu(client)


def test_a_member_of_a_telephone_circle_finds_it_in_the_menu(client):
    from steunsysteem.circles.tests.factories import CircleMemberFactory

    member = CircleMemberFactory()
    sign_in(client, member.volunteer)

    assert "Telephone circles" in menu(client)
