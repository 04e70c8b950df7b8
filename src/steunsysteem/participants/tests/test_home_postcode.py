"""The person's home postcode (four digits), so offers close to home come first. It is part of
their basic details: only who may see those sees it."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.export import participant_data
from steunsysteem.participants.models import Participant
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

from .test_views import mark_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dutch")]


@pytest.fixture
def wijkteam():
    from steunsysteem.directory.tests.factories import OrganizationFactory

    return OrganizationFactory(name="Sociaal Wijkteam")


@pytest.fixture
def fatima(wijkteam):
    return UserFactory(professional=True, organizations=[wijkteam])


@pytest.mark.parametrize("typed", ["3901 AB", "3901ab", " 3901 "])
def test_a_postcode_as_people_write_it_is_kept_as_its_four_digits(client, fatima, wijkteam, typed):
    sign_in(client, fatima)

    response = client.post(
        reverse("participants:register"), {**mark_form(client, wijkteam), "home_postcode": typed}
    )

    assert response.status_code == 302
    assert Participant.objects.get(name="Mark").home_postcode == "3901"


def test_a_wrong_postcode_is_refused_with_a_clear_message_and_nothing_is_stored(
    client, fatima, wijkteam
):
    sign_in(client, fatima)

    response = client.post(
        reverse("participants:register"), {**mark_form(client, wijkteam), "home_postcode": "39"}
    )

    assert response.status_code == 200
    assert "Vul een Nederlandse postcode in, bijvoorbeeld 3901 AB of 3901." in (
        response.content.decode()
    )
    assert not Participant.objects.filter(name="Mark").exists()


def test_a_participant_starting_her_own_page_may_give_her_postcode(client):
    user = UserFactory()
    sign_in(client, user)

    client.post(
        reverse("participants:my_record"),
        {
            "name": "Janny",
            "home_postcode": "3902 CD",
            "preferred_language": "nl",
            "contact_route": "via_professional",
        },
    )

    assert Participant.objects.get(user=user).home_postcode == "3902"


def test_the_postcode_shows_only_to_who_may_see_her_details_and_is_in_her_copy(client):
    janny = ParticipantFactory(name="Janny", home_postcode="3901")
    with_details, questions_only = UserFactory(professional=True), UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=with_details)
    ConsentGrantFactory(
        participant=janny, grantee_user=questions_only, scope=ConsentScope.QUESTIONS
    )
    url = reverse("participants:detail", args=[janny.pk])

    sign_in(client, with_details)
    seen = client.get(url).content.decode()
    client.logout()
    sign_in(client, questions_only)
    refused = client.get(url)

    assert "Postcode thuis" in seen and "3901" in seen
    assert refused.status_code in (403, 404) and "3901" not in refused.content.decode()
    assert participant_data(janny)["record"]["home_postcode"] == "3901"


def test_janny_changes_her_home_postcode_from_her_own_page(client):
    janny = ParticipantFactory(name="Janny", user=UserFactory(), home_postcode="3901")
    sign_in(client, janny.user)
    detail = client.get(reverse("participants:detail", args=[janny.pk])).content.decode()
    assert reverse("participants:details_edit", args=[janny.pk]) in detail

    response = client.post(
        reverse("participants:details_edit", args=[janny.pk]),
        {
            "name": "Janny",
            "home_postcode": "3512 AB",
            "preferred_language": "nl",
            "contact_route": "via_professional",
        },
        follow=True,
    )

    janny.refresh_from_db()
    assert janny.home_postcode == "3512"
    assert "De gegevens zijn bewaard." in response.content.decode()
    [entry] = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(janny.pk))
    assert entry.fields == ["home_postcode"]


def test_a_wrong_postcode_on_the_details_form_changes_nothing(client):
    janny = ParticipantFactory(name="Janny", user=UserFactory(), home_postcode="3901")
    sign_in(client, janny.user)

    response = client.post(
        reverse("participants:details_edit", args=[janny.pk]),
        {
            "name": "Janny",
            "home_postcode": "AB",
            "preferred_language": "nl",
            "contact_route": "via_professional",
        },  # fmt: skip
    )

    janny.refresh_from_db()
    assert response.status_code == 200
    assert "Vul een Nederlandse postcode in" in response.content.decode()
    assert janny.home_postcode == "3901"
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()


def test_a_relative_with_consent_may_see_but_not_change_the_details(client):
    janny = ParticipantFactory(name="Janny", home_postcode="3901")
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk)
    sign_in(client, henk)

    response = client.post(
        reverse("participants:details_edit", args=[janny.pk]),
        {
            "name": "Janny",
            "home_postcode": "1234",
            "preferred_language": "nl",
            "contact_route": "via_professional",
        },  # fmt: skip
    )

    janny.refresh_from_db()
    assert response.status_code == 403
    assert janny.home_postcode == "3901"
