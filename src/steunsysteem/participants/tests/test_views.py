"""Participants' pages: registering someone with their consent, reading their details (always
in the audit trail), deciding who may see what, and seeing who looked."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import AuditAction, AuditResult, ConsentScope
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for, needs_postgresql, post_in_parallel
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    UserFactory,
)
from steunsysteem.participants.models import Participant
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def wijkteam():
    return OrganizationFactory(name="Sociaal Wijkteam")


@pytest.fixture
def fatima(wijkteam):
    return UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Yilmaz",
        professional=True,
        organizations=[wijkteam],
    )


@pytest.fixture
def janny():
    user = UserFactory(username="janny", first_name="Janny")
    return ParticipantFactory(name="Janny de Vries", user=user)


def entries(**filters):
    return AuditEntry.objects.filter(**filters).order_by("sequence")


def mark_form(client, wijkteam, district=None) -> dict:
    """The filled-in registration form for Mark, with the token of a freshly opened page."""
    return {
        "name": "Mark",
        "district": district.pk if district else "",
        "preferred_language": "nl",
        "contact_route": "via_professional",
        "contact_detail": "",
        "consent_to": str(wijkteam.pk),
        "scopes": ["profile", "questions"],
        "ends_on": (timezone.localdate() + dt.timedelta(days=180)).isoformat(),
        "source": "written",
        "form_token": form_token_for(client, reverse("participants:register")),
    }


def test_a_professional_registers_someone_with_the_consent_they_obtained(client, fatima, wijkteam):
    district = DistrictFactory(name="Vlietzoom")
    sign_in(client, fatima)

    response = client.post(reverse("participants:register"), mark_form(client, wijkteam, district))

    mark = Participant.objects.get(name="Mark")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("participants:detail", args=[mark.pk])
    grants = ConsentGrant.objects.filter(participant=mark)
    assert {(g.scope, g.grantee_organization, g.source) for g in grants} == {
        ("profile", wijkteam, "written"),
        ("questions", wijkteam, "written"),
    }
    assert list(entries().values_list("object_type", "action")) == [
        ("participants.participant", AuditAction.CREATE),
        ("accounts.consentgrant", AuditAction.CREATE),
        ("accounts.consentgrant", AuditAction.CREATE),
    ]
    # A colleague at the same organisation may now see Mark too.
    colleague = UserFactory(professional=True, organizations=[wijkteam])
    client.logout()
    sign_in(client, colleague)
    assert client.get(reverse("participants:detail", args=[mark.pk])).status_code == 200


def test_registering_without_saying_how_consent_was_given_stores_nothing(client, fatima):
    sign_in(client, fatima)

    response = client.post(
        reverse("participants:register"),
        {
            "name": "Mark",
            "preferred_language": "nl",
            "contact_route": "phone",
            "consent_to": "me",
            "scopes": ["profile"],
            "ends_on": "2030-01-01",
        },
    )

    assert response.status_code == 200
    assert "source" in response.context["form"].errors
    assert not Participant.objects.exists()
    assert not AuditEntry.objects.exists()


def test_registering_twice_with_the_same_form_registers_one_person(client, fatima, wijkteam):
    sign_in(client, fatima)
    form = mark_form(client, wijkteam)

    first = client.post(reverse("participants:register"), form)
    again = client.post(reverse("participants:register"), form, follow=True)

    mark = Participant.objects.get(name="Mark")
    assert again.redirect_chain == [(first.headers["Location"], 302)]
    assert "This was already sent" in again.content.decode()
    assert ConsentGrant.objects.filter(participant=mark).count() == 2
    assert entries(action=AuditAction.CREATE).count() == 3


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_five_parallel_registrations_with_one_form_register_one_person(client, fatima, wijkteam):
    sign_in(client, fatima)

    responses = post_in_parallel(
        client, reverse("participants:register"), mark_form(client, wijkteam), times=5
    )

    mark = Participant.objects.get(name="Mark")
    assert {(r.status_code, r.headers["Location"]) for r in responses} == {
        (302, reverse("participants:detail", args=[mark.pk]))
    }
    assert ConsentGrant.objects.filter(participant=mark).count() == 2


def test_reading_a_participant_page_writes_an_audit_entry(client, fatima, janny):
    grant = ConsentGrantFactory(participant=janny, grantee_user=fatima)
    sign_in(client, fatima)

    response = client.get(reverse("participants:detail", args=[janny.pk]), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    assert "Janny de Vries" in response.content.decode()
    [entry] = entries(action=AuditAction.READ)
    assert (entry.object_type, entry.object_id) == ("participants.participant", str(janny.pk))
    assert entry.actor_user_id == fatima.pk
    assert entry.actor_role == "professional"
    assert entry.legal_basis == f"consent:{grant.pk}"
    assert entry.fields == sorted(
        [
            "name",
            "district",
            "home_postcode",
            "preferred_language",
            "contact_route",
            "contact_detail",
        ]
    )
    assert entry.origin == "10.1.2.0/24"
    assert entry.result == AuditResult.ALLOWED


def test_without_consent_the_page_is_refused_and_the_refusal_recorded(client, fatima, janny):
    sign_in(client, fatima)

    response = client.get(reverse("participants:detail", args=[janny.pk]))

    assert response.status_code == 403
    assert "Janny" not in response.content.decode()
    [entry] = entries()
    assert entry.action == AuditAction.ACCESS_DENIED
    assert entry.result == AuditResult.DENIED
    assert entry.object_id == str(janny.pk)


def test_other_refused_pages_are_recorded_by_page_name(client, fatima):
    sign_in(client, fatima)

    response = client.get(reverse("directory:review_queue"))

    assert response.status_code == 403
    [entry] = entries()
    assert (entry.action, entry.object_type, entry.object_id) == (
        AuditAction.ACCESS_DENIED,
        "page",
        "directory:review_queue",
    )


def test_the_participant_sees_who_looked_at_their_details(client, fatima, janny, wijkteam):
    ConsentGrantFactory(participant=janny, grantee_user=fatima)
    sign_in(client, fatima)
    client.get(reverse("participants:detail", args=[janny.pk]))
    client.logout()

    sign_in(client, janny.user)
    response = client.get(reverse("participants:access_log", args=[janny.pk]))

    assert response.status_code == 200
    [row] = [row for row in response.context["rows"] if row.who == "Fatima Yilmaz"]
    assert row.role == "Professional"
    assert row.organizations == ["Sociaal Wijkteam"]
    assert row.action == "Read"
    assert row.basis == "consent"
    assert "Fatima Yilmaz" in response.content.decode()
    # Her own visits to these pages are not listed: she knows what she did.
    assert {row.who for row in response.context["rows"]} == {"Fatima Yilmaz"}


def test_the_participant_withdraws_consent_and_the_professional_is_shut_out_at_once(
    client, fatima, janny
):
    grant = ConsentGrantFactory(participant=janny, grantee_user=fatima)
    sign_in(client, janny.user)

    response = client.post(reverse("participants:consent_withdraw", args=[janny.pk, grant.pk]))

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.withdrawn_at is not None
    client.logout()
    sign_in(client, fatima)
    assert client.get(reverse("participants:detail", args=[janny.pk])).status_code == 403


def test_the_participant_gives_consent_to_someone_who_had_consent_before(client, fatima, janny):
    ConsentGrantFactory(participant=janny, grantee_user=fatima, expired=True)
    sign_in(client, janny.user)
    url = reverse("participants:consent_create", args=[janny.pk])

    form = client.get(url).context["form"]
    assert list(form.fields["grantee_user"].queryset) == [fatima]

    response = client.post(
        url,
        {
            "grantee_kind": "user",
            "grantee_user": fatima.pk,
            "scopes": ["profile", "network"],
            "ends_on": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
            "form_token": form_token_for(client, url),
        },
    )

    assert response.status_code == 302
    grants = ConsentGrant.objects.active().filter(participant=janny, grantee_user=fatima)
    assert {(grant.scope, grant.source) for grant in grants} == {
        ("profile", "portal"),
        ("network", "portal"),
    }
    page = client.get(reverse("participants:consent", args=[janny.pk])).content.decode()
    assert "Fatima Yilmaz" in page


def test_a_participant_starts_their_own_page(client):
    user = UserFactory(username="nuray")
    sign_in(client, user)

    assert client.get(reverse("participants:my_record")).status_code == 200
    response = client.post(
        reverse("participants:my_record"),
        {"name": "Nuray", "preferred_language": "tr", "contact_route": "portal"},
    )

    nuray = Participant.objects.get(user=user)
    assert response.headers["Location"] == reverse("participants:detail", args=[nuray.pk])
    assert client.get(reverse("participants:my_record")).headers["Location"] == (
        reverse("participants:detail", args=[nuray.pk])
    )
    assert entries(action=AuditAction.CREATE).get().legal_basis == "own data"


def test_pages_with_personal_data_are_not_kept_by_the_browser(client, janny):
    sign_in(client, janny.user)

    response = client.get(reverse("participants:detail", args=[janny.pk]))

    assert "no-store" in response.headers["Cache-Control"]
    assert 'hx-history="false"' in response.content.decode()


def test_the_professional_sees_only_people_who_shared_with_them(client, fatima, janny):
    ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=ConsentScope.QUESTIONS)
    ParticipantFactory(name="Iemand Anders")
    sign_in(client, fatima)

    page = client.get(reverse("participants:list")).content.decode()

    assert "Janny de Vries" in page
    assert "Iemand Anders" not in page
