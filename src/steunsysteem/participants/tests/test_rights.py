"""A participant's AVG rights: download everything stored about them, and have it erased.

Erased means erased: afterwards no text or JSON column of any table holds their name,
e-mail address or username, while the monitor keeps its names-free counts.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from steunsysteem.accounts.audit import audit_record, verify_audit_chain
from steunsysteem.accounts.constants import AuditAction, ConsentScope, Role
from steunsysteem.accounts.models import AuditEntry, ConsentGrant, EmergencyAccess, UserSession
from steunsysteem.accounts.permissions import OWN_DATA
from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.factories import InvitationFactory
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.login_lockout import username_key
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    UserFactory,
)
from steunsysteem.networks.models import NetworkMember, NetworkSnapshot, SnapshotMember
from steunsysteem.networks.services import network_snapshot_take
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.notes.models import Note
from steunsysteem.notes.services import note_write
from steunsysteem.participants.export import PARTS, participant_data
from steunsysteem.participants.models import (
    ErasureRecord,
    LadderPosition,
    Participant,
    SelfSufficiencyRating,
)
from steunsysteem.participants.services import RightsRequestError, participant_erase
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = pytest.mark.django_db

NAME = "Janny de Vries"
QUESTION = "Ik wil graag zingen in het koor van de Vliet"
NOTE = "Janny zoekt achter het koor vooral mensen bij wie ze hoort"
USERNAME = "janny.devries"
EMAIL = "janny.devries@example.org"


class Janny:
    """Janny with every kind of data, and the people around her."""

    def __init__(self):
        self.district = DistrictFactory(name="Oost")
        self.wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
        self.fatima = UserFactory(
            username="fatima", first_name="Fatima", last_name="Yilmaz", professional=True
        )
        self.coordinator = UserFactory(username="coordinator", coordinator=True)
        self.colleague = UserFactory(
            username="collega", professional=True, organizations=[self.wijkteam]
        )
        self.stranger = UserFactory(username="onbekende", professional=True)
        self.worktable = WorktableFactory(members=[self.coordinator])
        self.user = UserFactory(
            username=USERNAME, email=EMAIL, first_name="Janny", last_name="de Vries"
        )
        self.participant = ParticipantFactory(
            name=NAME,
            user=self.user,
            district=self.district,
            contact_detail=EMAIL,
            life_goals=["social_contacts", "skills"],
            created_by=self.fatima,
        )
        p = self.participant
        self.grant = ConsentGrantFactory(participant=p, grantee_user=self.fatima)
        ConsentGrantFactory(participant=p, grantee_user=self.fatima, scope=ConsentScope.PROGRESS)
        ConsentGrantFactory(participant=p, grantee_user=None, grantee_organization=self.wijkteam)
        ConsentGrantFactory(participant=p, grantee_user=None, grantee_worktable=self.worktable)
        ConsentGrantFactory(participant=p, withdrawn=True)
        LadderPosition.objects.create(
            participant=p, step=2, measured_on=dt.date(2026, 3, 1), recorded_by=self.fatima
        )
        SelfSufficiencyRating.objects.create(
            participant=p,
            domain="housing",
            score=3,
            measured_on=dt.date(2026, 3, 1),
            recorded_by=self.fatima,
        )
        NetworkMemberFactory(
            participant=p,
            name="Henk (broer)",
            central=True,
            gives_back=["company"],
            gives_back_note="Ik help Henk met de tuin",
        )
        NetworkMemberFactory(participant=p, name="Fatima", user=self.fatima, professional=True)
        question = question_submit(
            participant=p, text=QUESTION, life_domains=["culture"], by=self.user
        )
        ConsentGrantFactory(participant=p, grantee_user=self.fatima, scope=ConsentScope.NOTES)
        note_write(
            participant=p,
            by=self.fatima,
            held_on=dt.date(2026, 3, 1),
            asked="Janny vraagt naar het koor.",
            question_behind=NOTE,
        )
        note_write(
            participant=p,
            by=self.user,
            held_on=dt.date(2026, 3, 2),
            asked=f"{NAME} over {QUESTION}",
            question=question,
        )
        self.snapshot = network_snapshot_take(participant=p, occasion="intake", by=self.fatima)
        emergency_access_start(participant=p, by=self.stranger, reason="In crisis, onbereikbaar.")
        audit_record(actor=self.fatima, action=AuditAction.READ, obj=p, fields=["name"])
        audit_record(actor=self.user, action=AuditAction.READ, obj=p, fields=["name"])
        UserSession.objects.create(
            user=self.user,
            session_key="sessie-van-janny",
            started_at=timezone.now(),
            last_active_at=timezone.now(),
        )
        TOTPDevice.objects.create(user=self.user, name="app", confirmed=True)
        InvitationFactory(email=EMAIL, user=self.user, accepted=True, role=Role.PARTICIPANT)
        AccessAttempt.objects.create(
            username=username_key(USERNAME),
            ip_address="203.0.113.0",
            user_agent="x",
            failures_since_start=1,
        )


@pytest.fixture
def janny():
    return Janny()


def text_values_containing(needles: list[str]) -> list[str]:
    """Every CharField, TextField and JSONField value of every table that holds a needle."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list("pk", *fields):
            for name, value in zip(["pk", *fields], row, strict=True):
                if not isinstance(value, str):
                    value = json.dumps(value, ensure_ascii=False, default=str)
                text = value
                for needle in needles:
                    if needle.casefold() in text.casefold():
                        found.append(f"{model._meta.label}.{name} (pk {row[0]}): {needle}")
    return found


# Export --------------------------------------------------------------------------------------


def test_the_export_holds_every_part_of_what_is_stored(janny):
    data = participant_data(janny.participant)

    assert set(PARTS) <= set(data)
    assert data["record"]["name"] == NAME
    assert data["record"]["contact_detail"] == EMAIL
    assert data["life_goals"]["goals"] == ["social_contacts", "skills"]
    assert [p["step"] for p in data["ladder_positions"]] == [2]
    assert [(s["domain"], s["score"]) for s in data["self_sufficiency_ratings"]] == [("housing", 3)]
    assert {m["name"] for m in data["network_members"]} == {"Henk (broer)", "Fatima"}
    assert len(data["network_snapshots"]) == 1
    assert data["network_snapshots"][0]["summary"]["size"] == 2
    snapshot_members = data["network_snapshots"][0]["members"]
    assert {m["name"] for m in snapshot_members} == {"Henk (broer)", "Fatima"}
    grants = data["consent_grants"]
    assert {g["grantee"] for g in grants if g["current"]} >= {
        "Fatima Yilmaz",
        "Sociaal Wijkteam",
        janny.worktable.name,
    }
    assert any(not g["current"] and g["withdrawn_at"] for g in grants)
    assert data["emergency_accesses"][0]["reason"] == "In crisis, onbereikbaar."
    assert [q["text"] for q in data["questions"]] == [QUESTION]
    assert [n["question_behind"] for n in data["notes"]] == ["", NOTE]
    assert any(row["who"] == "Fatima Yilmaz" for row in data["access_log"])
    assert data["account"]["username"] == USERNAME
    assert data["account"]["email"] == EMAIL
    assert (data["account"]["first_name"], data["account"]["last_name"]) == ("Janny", "de Vries")
    assert data["account"]["role"] == Role.PARTICIPANT


def test_the_participant_downloads_valid_json_without_secrets(client, janny):
    sign_in(client, janny.user)

    response = client.get(reverse("participants:export_json", args=[janny.participant.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and ".json" in disposition
    assert "janny" not in disposition.lower()
    data = json.loads(response.content)
    assert data["record"]["name"] == NAME
    body = response.content.decode()
    assert janny.user.password not in body
    assert "password" not in body and "pbkdf2" not in body
    assert TOTPDevice.objects.get(user=janny.user).key not in body
    entries = AuditEntry.objects.filter(action=AuditAction.EXPORT)
    assert entries.count() == 1
    entry = entries.get()
    assert (entry.object_type, entry.object_id) == (
        "participants.participant",
        str(janny.participant.pk),
    )
    assert entry.actor_user_id == janny.user.pk and entry.actor_username == ""


def test_the_readable_pdf_is_a_pdf_and_is_recorded(client, janny):
    sign_in(client, janny.user)

    response = client.get(reverse("participants:export_pdf", args=[janny.participant.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "janny" not in response["Content-Disposition"].lower()
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.actor_user_id == janny.user.pk
    assert entry.legal_basis == OWN_DATA


def test_the_rights_page_offers_both_downloads_and_erasure(client, janny):
    sign_in(client, janny.user)

    response = client.get(reverse("participants:my_data", args=[janny.participant.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("participants:export_json", args=[janny.participant.pk]) in content
    assert reverse("participants:export_pdf", args=[janny.participant.pk]) in content
    assert reverse("participants:erase", args=[janny.participant.pk]) in content


def test_the_details_page_links_to_my_rights(client, janny):
    sign_in(client, janny.user)

    response = client.get(reverse("participants:detail", args=[janny.participant.pk]))

    assert reverse("participants:my_data", args=[janny.participant.pk]) in response.content.decode()


@pytest.mark.parametrize("name", ["export_json", "export_pdf", "my_data", "erase"])
def test_without_consent_nobody_exports_or_erases(client, janny, name):
    relative = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny.participant, grantee_user=relative)

    # Emergency access opens details, not these rights; a relative records no consent.
    for user in (janny.stranger, relative, UserFactory(username="mark")):
        sign_in(client, user)
        url = reverse(f"participants:{name}", args=[janny.participant.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"confirmation": "WISSEN"}).status_code == 403

    assert Participant.objects.filter(pk=janny.participant.pk).exists()
    assert not AuditEntry.objects.filter(action__in=[AuditAction.EXPORT, AuditAction.ERASE])


@pytest.mark.parametrize("name", ["export_json", "export_pdf", "erase"])
def test_consent_is_no_right_to_download_everything_or_erase(client, janny, name):
    """Downloading everything and erasing at once are the participant's own: a personal,
    organisation or werktafel grant opens neither (someone else records a request first)."""
    for user in (janny.fatima, janny.colleague, janny.coordinator):
        sign_in(client, user)
        url = reverse(f"participants:{name}", args=[janny.participant.pk])
        assert client.get(url).status_code == 403, user
        assert client.post(url, {"confirmation": "WISSEN"}).status_code == 403, user

    assert Participant.objects.filter(pk=janny.participant.pk).exists()
    assert not AuditEntry.objects.filter(action__in=[AuditAction.EXPORT, AuditAction.ERASE])


def test_the_erase_service_refuses_anyone_but_the_participant(janny):
    with pytest.raises(RightsRequestError):
        participant_erase(participant=janny.participant, by=janny.fatima)

    assert Participant.objects.filter(pk=janny.participant.pk).exists()
    assert not ErasureRecord.objects.exists()


# Erasure -------------------------------------------------------------------------------------


def test_after_erasure_no_table_holds_the_persons_name_email_or_username(client, janny):
    pk = janny.participant.pk
    sign_in(client, janny.user)
    assert text_values_containing([NAME, EMAIL, USERNAME, "Henk", QUESTION, NOTE]) != []  # works

    response = client.post(reverse("participants:erase", args=[pk]), {"confirmation": "wissen"})

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:erased")
    assert text_values_containing([NAME, EMAIL, USERNAME, "Janny", "Henk", QUESTION, NOTE]) == []
    assert not Note.objects.exists()
    for model in (Participant, LadderPosition, SelfSufficiencyRating, NetworkMember):
        assert not model.objects.exists(), model
    assert not SnapshotMember.objects.exists()
    assert not ConsentGrant.objects.exists()
    assert not AccessAttempt.objects.exists()
    assert not EmergencyAccess.objects.exists()
    assert not UserSession.objects.filter(user=janny.user).exists()
    assert not TOTPDevice.objects.filter(user=janny.user).exists()
    # She is logged out, and her account is closed for good.
    assert "_auth_user_id" not in client.session
    janny.user.refresh_from_db()
    assert janny.user.username.startswith("verwijderd-")
    assert not janny.user.is_active and not janny.user.has_usable_password()
    assert (janny.user.email, janny.user.first_name, janny.user.last_name) == ("", "", "")


def test_the_monitor_keeps_the_names_free_snapshot_with_its_district(janny):
    summary = janny.snapshot.summary

    participant_erase(participant=janny.participant, by=janny.user)

    snapshot = NetworkSnapshot.objects.get(pk=janny.snapshot.pk)
    assert snapshot.participant_id is None
    assert snapshot.district_id == janny.district.pk
    assert snapshot.summary == summary and summary["size"] == 2


def test_the_erasure_is_recorded_without_a_name(janny):
    pk = janny.participant.pk

    record = participant_erase(participant=janny.participant, by=janny.user)

    record.refresh_from_db()
    assert record.participant_id == pk
    assert record.erased_by_role == Role.PARTICIPANT
    assert record.district_id == janny.district.pk
    assert record.consent_user_ids == [janny.fatima.pk]  # the withdrawn grant is not there
    assert record.consent_organization_ids == [str(janny.wijkteam.pk)]
    assert record.consent_worktable_ids == [janny.worktable.pk]
    assert not record.on_behalf
    assert record.request_recorded_by_user_id is None
    entry = AuditEntry.objects.get(action=AuditAction.ERASE)
    assert (entry.object_type, entry.object_id) == ("participants.participant", str(pk))
    assert entry.actor_user_id == janny.user.pk
    assert entry.legal_basis == OWN_DATA
    assert verify_audit_chain().intact


def test_whoever_held_consent_sees_that_the_data_was_erased(client, janny):
    pk = janny.participant.pk
    participant_erase(participant=janny.participant, by=janny.user)

    for user in (janny.fatima, janny.colleague, janny.coordinator):
        sign_in(client, user)
        response = client.get(reverse("participants:detail", args=[pk]))
        assert response.status_code == 410, user
        assert "gewist" in response.content.decode()
        assert NAME not in response.content.decode()

    sign_in(client, janny.fatima)
    response = client.get(reverse("participants:list"))
    assert 'id="erased-recently"' in response.content.decode()

    for user in (janny.stranger, UserFactory(username="mark")):
        sign_in(client, user)
        assert client.get(reverse("participants:detail", args=[pk])).status_code == 404
        response = client.get(reverse("participants:list"))
        assert 'id="erased-recently"' not in response.content.decode()


def test_erasure_needs_the_confirmation_word(client, janny):
    sign_in(client, janny.user)
    url = reverse("participants:erase", args=[janny.participant.pk])

    page = client.get(url)
    response = client.post(url, {"confirmation": "ja"})

    assert page.status_code == 200 and "WISSEN" in page.content.decode()
    assert response.status_code == 200
    assert Participant.objects.filter(pk=janny.participant.pk).exists()
    assert not ErasureRecord.objects.exists()
