"""Registering someone also offers the werktafel of their district for consent to their
questions, so that the questions Fatima brings in for them can reach an agenda."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import ConsentGrant
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    UserFactory,
)
from steunsysteem.participants.models import Participant
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables import selectors
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def wijkteam():
    return OrganizationFactory(name="Sociaal Wijkteam")


@pytest.fixture
def fatima(wijkteam):
    return UserFactory(username="fatima", professional=True, organizations=[wijkteam])


@pytest.fixture
def vlietzoom():
    return DistrictFactory(name="Vlietzoom")


@pytest.fixture
def table(vlietzoom):
    return WorktableFactory(name="Werktafel Vlietzoom", district=vlietzoom)


def mark_form(client, district, **overrides) -> dict:
    return {
        "name": "Mark",
        "district": district.pk if district else "",
        "preferred_language": "nl",
        "contact_route": "via_professional",
        "contact_detail": "",
        "consent_to": "me",
        "scopes": ["profile", "questions"],
        "ends_on": (timezone.localdate() + dt.timedelta(days=180)).isoformat(),
        "source": "spoken",
        "form_token": form_token_for(client, reverse("participants:register")),
        **overrides,
    }


def test_the_registration_form_offers_the_werktafel_of_each_district(client, fatima, table):
    WorktableFactory(name="Werktafel Werk", theme="Werk")
    sign_in(client, fatima)

    form = client.get(reverse("participants:register")).context["form"]

    assert dict(form.fields["table_consent"].choices) == {
        "": "No, not (yet)",
        str(table.pk): "Yes: Werktafel Vlietzoom (district Vlietzoom)",
    }


def test_consent_for_a_table_she_does_not_sit_at_counts_at_once_and_his_question_reaches_it(
    client, fatima, table, vlietzoom
):
    sign_in(client, fatima)

    client.post(
        reverse("participants:register"),
        mark_form(client, vlietzoom, table_consent=str(table.pk)),
    )

    mark = Participant.objects.get(name="Mark")
    grant = ConsentGrant.objects.get(participant=mark, grantee_worktable=table)
    assert grant.scope == ConsentScope.QUESTIONS and grant.source == "spoken"
    assert grant.confirmed_at is not None
    assert grant.ends_on == timezone.localdate() + dt.timedelta(days=180)
    question = question_submit(
        participant=mark, text="Kaarten.", life_domains=[], worktable=table, by=fatima
    )
    assert list(selectors.new_questions(table)) == [question]


def test_consent_for_a_table_she_sits_at_waits_for_a_second_yes(client, fatima, table, vlietzoom):
    table.members.add(fatima)
    sign_in(client, fatima)

    client.post(
        reverse("participants:register"),
        mark_form(client, vlietzoom, table_consent=str(table.pk)),
    )

    grant = ConsentGrant.objects.get(grantee_worktable=table)
    assert grant.is_awaiting_confirmation
    assert ConsentGrant.objects.get(grantee_user=fatima, scope="profile").confirmed_at


def test_the_table_of_another_district_is_refused_and_nothing_is_stored(client, fatima, table):
    sign_in(client, fatima)

    response = client.post(
        reverse("participants:register"),
        mark_form(client, DistrictFactory(name="Oosterhof"), table_consent=str(table.pk)),
    )

    assert response.status_code == 200
    assert "Choose the werktafel of the person&#x27;s district" in response.content.decode()
    assert not Participant.objects.exists() and not ConsentGrant.objects.exists()


def test_table_consent_needs_the_basic_details_for_the_recorder(client, fatima, table, vlietzoom):
    sign_in(client, fatima)

    response = client.post(
        reverse("participants:register"),
        mark_form(client, vlietzoom, scopes=["questions"], table_consent=str(table.pk)),
    )

    assert response.status_code == 200
    assert "you must see the basic details yourself" in response.content.decode()
    assert not Participant.objects.exists() and not ConsentGrant.objects.exists()


def test_without_a_table_chosen_only_the_usual_consent_is_recorded(client, fatima, vlietzoom):
    sign_in(client, fatima)

    client.post(reverse("participants:register"), mark_form(client, vlietzoom))

    assert not ConsentGrant.objects.filter(grantee_worktable__isnull=False).exists()
    assert ConsentGrant.objects.filter(grantee_user=fatima).count() == 2
