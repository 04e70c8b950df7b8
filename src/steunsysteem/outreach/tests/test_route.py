"""The route per person: a kwartiermaker or ervaringsdeskundige writes visits only with the
person's consent for notes; the person reads them; every read and write is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.outreach import services
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

from .factories import VisitFactory

pytestmark = pytest.mark.django_db


def with_consent(role="kwartiermaker", scope=ConsentScope.NOTES, **grant):
    user = UserFactory(**{role: True})
    participant = ParticipantFactory(with_account=True)
    ConsentGrantFactory(participant=participant, grantee_user=user, scope=scope, **grant)
    return user, participant


@pytest.mark.parametrize("role", ["kwartiermaker", "experience_expert"])
def test_a_companion_with_consent_for_notes_writes_a_visit(role):
    user, participant = with_consent(role)
    visit = services.visit_record(
        participant=participant,
        phase="presence",
        visited_on=timezone.localdate(),
        note="Koffie gedronken.",
        by=user,
    )
    assert visit.written_by_role == role
    entry = AuditEntry.objects.filter(object_id=str(participant.pk)).latest("pk")
    assert entry.legal_basis.startswith("consent:")
    assert "Koffie" not in str(entry.fields)


@pytest.mark.parametrize(
    "grant",
    [
        {"scope": ConsentScope.PROFILE},
        {"scope": ConsentScope.QUESTIONS},
        {"withdrawn": True},
        {"expired": True},
    ],
)
def test_no_visit_without_consent_for_notes_in_force(grant):
    scope = grant.pop("scope", ConsentScope.NOTES)
    user, participant = with_consent(scope=scope, **grant)
    with pytest.raises(services.OutreachError):
        services.visit_record(
            participant=participant,
            phase="presence",
            visited_on=timezone.localdate(),
            note="",
            by=user,
        )


@pytest.mark.parametrize("role", ["professional", "relative", "volunteer", "coordinator"])
def test_other_roles_keep_no_route(role):
    user, participant = with_consent(role)
    assert not permissions.can_keep_route(user, participant)


def test_a_visit_is_short_and_not_in_the_future():
    user, participant = with_consent()
    with pytest.raises(services.OutreachError):
        services.visit_record(
            participant=participant,
            phase="presence",
            visited_on=timezone.localdate(),
            note="x" * 501,
            by=user,
        )
    with pytest.raises(services.OutreachError):
        services.visit_record(
            participant=participant,
            phase="presence",
            visited_on=timezone.localdate() + dt.timedelta(days=1),
            note="",
            by=user,
        )
    with pytest.raises(services.OutreachError):
        services.visit_record(
            participant=participant,
            phase="bouwen",
            visited_on=timezone.localdate(),
            note="",
            by=user,
        )


def test_the_person_reads_their_own_route(client):
    user, participant = with_consent()
    VisitFactory(
        participant=participant,
        written_by=user,
        note="Samen boodschappen gedaan.",
        phase="practical",
    )
    sign_in(client, participant.user)
    page = client.get(reverse("outreach:route", args=[participant.pk])).content.decode()
    assert "Samen boodschappen gedaan." in page


def test_the_companion_reads_the_route_and_the_read_is_audited(client):
    user, participant = with_consent()
    VisitFactory(participant=participant, written_by=user)
    sign_in(client, user)
    assert client.get(reverse("outreach:route", args=[participant.pk])).status_code == 200
    entry = AuditEntry.objects.filter(object_id=str(participant.pk), action="read").latest("pk")
    assert entry.fields == ["route"]


@pytest.mark.parametrize("role", ["professional", "relative"])
def test_someone_with_consent_for_notes_but_not_a_companion_does_not_read_the_route(client, role):
    user, participant = with_consent(role)
    sign_in(client, user)
    assert client.get(reverse("outreach:route", args=[participant.pk])).status_code == 403


def test_the_companion_writes_a_visit_through_the_page(client):
    user, participant = with_consent("experience_expert")
    sign_in(client, user)
    form = client.get(reverse("outreach:visit_add", args=[participant.pk]))
    response = client.post(
        reverse("outreach:visit_add", args=[participant.pk]),
        {
            "visited_on": timezone.localdate().isoformat(),
            "phase": "social",
            "note": "Over de buurtkamer gepraat.",
            "form_token": form.context["form_token"],
        },
    )
    assert response.url == reverse("outreach:route", args=[participant.pk])
    assert participant.visits.get().phase == "social"


def test_the_route_is_in_the_companions_sub_menu(client):
    user, participant = with_consent()
    ConsentGrantFactory(participant=participant, grantee_user=user)
    sign_in(client, user)
    page = client.get(reverse("participants:detail", args=[participant.pk])).content.decode()
    assert reverse("outreach:route", args=[participant.pk]) in page


def test_the_persons_own_download_holds_the_route_and_a_copy_only_with_consent_for_notes():
    from steunsysteem.participants.export import participant_data

    user, participant = with_consent()
    VisitFactory(participant=participant, written_by=user, note="Samen gewandeld.")
    data = participant_data(participant)
    assert [visit["note"] for visit in data["route"]] == ["Samen gewandeld."]
    assert "route" not in participant_data(participant, parts=["record", "questions"])
