"""Someone else acts on the person's AVG rights only as a recorded, separate act.

A professional or coordinator whose access rests on the person's consent records the
request (when and how the person asked). A copy holds only the parts they may see, and only
right after recording. A request to erase rests on consent to the recorder personally and
waits for a second person, who approves it with the typed word; the recorder cannot, nor
can anyone with emergency access. The person is told by a mail without content, sees every
request on their page and can stop erasure. The audit trail names the request.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.constants import (
    DeclineReason,
    RequestChannel,
    RightsRequestKind,
    RightsRequestStatus,
)
from steunsysteem.participants.models import ErasureRecord, Participant, RightsRequest
from steunsysteem.participants.services import (
    RightsRequestError,
    rights_request_approve,
    rights_request_record,
)
from steunsysteem.participants.tests.factories import ConsentGrantFactory

from .test_rights import EMAIL, NAME, Janny, text_values_containing

pytestmark = pytest.mark.django_db

ASKED_ON = dt.date(2026, 3, 2)


@pytest.fixture
def janny():
    return Janny()


def url(name, janny, rights_request=None):
    args = [janny.participant.pk] + ([rights_request.pk] if rights_request else [])
    return reverse(f"participants:{name}", args=args)


def record(client, janny, user, kind=RightsRequestKind.DOWNLOAD, **data):
    sign_in(client, user)
    return client.post(
        url("rights_request_record", janny),
        {"kind": kind, "asked_on": ASKED_ON.isoformat(), "channel": "phone", **data},
    )


def recorded(janny, by, kind=RightsRequestKind.DOWNLOAD) -> RightsRequest:
    return rights_request_record(
        participant=janny.participant,
        kind=kind,
        asked_on=ASKED_ON,
        channel=RequestChannel.PHONE,
        by=by,
    )


def download(client, janny, rights_request, file_format="json"):
    return client.get(url(f"rights_request_export_{file_format}", janny, rights_request))


# A copy for someone else --------------------------------------------------------------------


def test_organisation_and_werktafel_grants_give_no_download_without_a_recorded_request(
    client, janny
):
    for user in (janny.colleague, janny.coordinator):
        sign_in(client, user)
        assert client.get(url("export_json", janny)).status_code == 403
        assert client.get(url("export_pdf", janny)).status_code == 403

    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_organisation_grant_copy_holds_only_basic_details(client, janny):
    response = record(client, janny, janny.colleague)
    rights_request = RightsRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("rights_request", janny, rights_request)

    response = download(client, janny, rights_request)

    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["parts"] == ["record"]
    assert data["record"]["name"] == NAME
    for part in (
        "network_members",
        "network_snapshots",
        "ladder_positions",
        "self_sufficiency_ratings",
        "life_goals",
        "questions",
        "access_log",
        "consent_grants",
        "emergency_accesses",
        "rights_requests",
        "account",
    ):
        assert part not in data, part
    body = response.content.decode()
    assert "Henk" not in body and "In crisis" not in body and "koor" not in body
    assert data["made_for_request"]["scopes"] == [ConsentScope.PROFILE]


def test_the_pdf_copy_holds_only_the_recorders_scopes_too(client, janny, tmp_path):
    import subprocess

    record(client, janny, janny.colleague)
    rights_request = RightsRequest.objects.get()

    response = download(client, janny, rights_request, "pdf")

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pdf = tmp_path / "kopie.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert NAME in text
    assert "Henk" not in text  # network
    assert "koor" not in text  # questions
    assert "In crisis" not in text  # emergency access
    assert "Sociaal Wijkteam" not in text  # who may see what
    assert "Participatieladder" not in text


def test_a_personal_grant_copy_holds_the_scopes_given_to_that_person(client, janny):
    record(client, janny, janny.fatima)

    data = json.loads(download(client, janny, RightsRequest.objects.get()).content)

    # Fatima may see basic details, progress and notes; not the network, questions or the log.
    assert data["parts"] == [
        "record",
        "life_goals",
        "ladder_positions",
        "self_sufficiency_ratings",
        "notes",
    ]
    assert [p["step"] for p in data["ladder_positions"]] == [2]
    assert "network_members" not in data and "access_log" not in data


def test_a_werktafel_grant_copy_holds_the_questions_shared_with_the_table(client, janny):
    ConsentGrantFactory(
        participant=janny.participant,
        grantee_user=None,
        grantee_worktable=janny.worktable,
        scope=ConsentScope.QUESTIONS,
    )
    record(client, janny, janny.coordinator)

    data = json.loads(download(client, janny, RightsRequest.objects.get()).content)

    assert data["parts"] == ["record", "questions"]
    assert "koor" in data["questions"][0]["text"]
    assert "network_members" not in data and "access_log" not in data


def test_emergency_access_opens_no_part_of_a_copy(client, janny):
    """A recorder who also has emergency access hands over only what consent opens."""
    from steunsysteem.accounts.services import emergency_access_start

    other = UserFactory(professional=True)
    emergency_access_start(participant=janny.participant, by=other, reason="Dringend.")
    ConsentGrantFactory(participant=janny.participant, grantee_user=other)
    record(client, janny, other)

    data = json.loads(download(client, janny, RightsRequest.objects.get()).content)

    assert data["parts"] == ["record"]


def test_only_the_recorder_downloads_and_only_right_after_recording(client, janny):
    rights_request = recorded(janny, janny.colleague)

    for user in (janny.fatima, janny.coordinator, janny.user, janny.stranger):
        sign_in(client, user)
        assert download(client, janny, rights_request).status_code == 403, user
        assert download(client, janny, rights_request, "pdf").status_code == 403, user

    RightsRequest.objects.filter(pk=rights_request.pk).update(
        recorded_at=timezone.now() - dt.timedelta(minutes=61)
    )
    sign_in(client, janny.colleague)
    assert download(client, janny, rights_request).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_withdrawn_consent_ends_the_download_for_the_request(client, janny):
    rights_request = recorded(janny, janny.fatima)
    janny.grant.withdrawn_at = timezone.now()
    janny.grant.save()

    sign_in(client, janny.fatima)

    assert download(client, janny, rights_request).status_code == 403


def test_the_audit_trail_names_the_request_not_the_persons_own_request(client, janny):
    record(client, janny, janny.colleague)
    rights_request = RightsRequest.objects.get()
    download(client, janny, rights_request)
    download(client, janny, rights_request, "pdf")

    created = AuditEntry.objects.get(action=AuditAction.CREATE, fields=["rights_requests"])
    assert created.actor_user_id == janny.colleague.pk
    assert created.legal_basis.startswith("consent:")
    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT)
    assert exports.count() == 2
    assert {entry.legal_basis for entry in exports} == {f"rights_request:{rights_request.pk}"}
    assert {entry.actor_user_id for entry in exports} == {janny.colleague.pk}
    assert not AuditEntry.objects.filter(legal_basis__startswith="request:").exists()
    rights_request.refresh_from_db()
    assert rights_request.status == RightsRequestStatus.CARRIED_OUT
    assert rights_request.carried_out_at is not None


# Recording ----------------------------------------------------------------------------------


@pytest.mark.parametrize("holder", ["stranger", "relative", "other_scope_only", "participant"])
def test_who_cannot_record_a_request(client, janny, holder):
    users = {
        "stranger": janny.stranger,  # emergency access only
        "participant": janny.user,  # downloads and erases herself
    }
    if holder == "relative":
        users[holder] = UserFactory(relative=True)
        ConsentGrantFactory(participant=janny.participant, grantee_user=users[holder])
    if holder == "other_scope_only":
        users[holder] = UserFactory(professional=True)
        ConsentGrantFactory(
            participant=janny.participant, grantee_user=users[holder], scope=ConsentScope.NETWORK
        )
    user = users[holder]

    response = record(client, janny, user)

    assert response.status_code == 403
    assert client.get(url("rights_request_record", janny)).status_code == 403
    with pytest.raises(RightsRequestError):
        recorded(janny, user)
    assert not RightsRequest.objects.exists()


def test_a_request_date_in_the_future_is_refused_and_changes_nothing(client, janny):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = record(client, janny, janny.fatima, asked_on=tomorrow.isoformat())

    assert response.status_code == 200
    assert "De datum kan niet in de toekomst liggen." in response.content.decode()
    assert not RightsRequest.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE, fields=["rights_requests"])


# Erasure on someone else's behalf ------------------------------------------------------------


@pytest.mark.parametrize("holder", ["colleague", "coordinator"])
def test_organisation_and_werktafel_grants_cannot_record_erasure(client, janny, holder):
    user = getattr(janny, holder)
    sign_in(client, user)
    form = client.get(url("rights_request_record", janny)).content.decode()
    assert 'value="erasure"' not in form

    response = record(client, janny, user, kind=RightsRequestKind.ERASURE)

    assert response.status_code == 200  # the form says no
    assert not RightsRequest.objects.exists()
    with pytest.raises(RightsRequestError):
        recorded(janny, user, kind=RightsRequestKind.ERASURE)
    # Nor erase directly.
    assert client.post(url("erase", janny), {"confirmation": "WISSEN"}).status_code == 403
    assert Participant.objects.filter(pk=janny.participant.pk).exists()


def test_a_personal_grant_erasure_request_erases_nothing_until_a_second_person_approves(
    client, janny, django_capture_on_commit_callbacks
):
    response = record(client, janny, janny.fatima, kind=RightsRequestKind.ERASURE)
    rights_request = RightsRequest.objects.get()
    assert response.status_code == 302
    assert Participant.objects.filter(pk=janny.participant.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.ERASE).exists()

    # The second person sees it on the rights page: what, asked when and how, by whom.
    sign_in(client, janny.colleague)
    page = client.get(url("my_data", janny)).content.decode()
    assert url("rights_request", janny, rights_request) in page
    detail = client.get(url("rights_request", janny, rights_request)).content.decode()
    assert "Alle gegevens wissen" in detail
    assert "2 maart 2026" in detail and "Telefonisch" in detail
    assert "Fatima Yilmaz" in detail
    assert 'id="approve-form"' in detail

    # Without the word nothing happens.
    response = client.post(
        url("rights_request_approve", janny, rights_request), {"approve-confirmation": "ja"}
    )
    assert response.status_code == 200
    assert Participant.objects.filter(pk=janny.participant.pk).exists()

    response = client.post(
        url("rights_request_approve", janny, rights_request), {"approve-confirmation": "wissen"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("participants:erased") + "?door=hulpverlener"
    assert not Participant.objects.filter(pk=janny.participant.pk).exists()
    assert not RightsRequest.objects.exists()
    record_ = ErasureRecord.objects.get()
    assert record_.on_behalf
    assert record_.rights_request_id == rights_request.pk
    assert record_.requested_on == ASKED_ON
    assert record_.request_channel == RequestChannel.PHONE
    assert record_.request_recorded_by_user_id == janny.fatima.pk
    assert record_.request_approved_by_user_id == janny.colleague.pk
    entry = AuditEntry.objects.get(action=AuditAction.ERASE)
    assert entry.actor_user_id == janny.colleague.pk
    assert entry.legal_basis == f"rights_request:{rights_request.pk}"
    # What is left names nobody.
    assert text_values_containing([NAME, EMAIL, "Janny", "Henk", "Fatima Yilmaz"]) == []
    assert "_auth_user_id" in client.session  # the colleague stays logged in


def test_the_recorder_cannot_approve_their_own_request(client, janny):
    rights_request = recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)
    sign_in(client, janny.fatima)

    detail = client.get(url("rights_request", janny, rights_request)).content.decode()
    response = client.post(
        url("rights_request_approve", janny, rights_request), {"approve-confirmation": "WISSEN"}
    )

    assert 'id="approve-form"' not in detail
    assert 'id="waiting-for-second-person"' in detail
    assert response.status_code == 403
    with pytest.raises(RightsRequestError):
        rights_request_approve(rights_request=rights_request, by=janny.fatima)
    assert Participant.objects.filter(pk=janny.participant.pk).exists()


def test_emergency_access_cannot_approve(client, janny):
    rights_request = recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)
    sign_in(client, janny.stranger)  # has emergency access to Janny

    assert client.get(url("my_data", janny)).status_code == 403
    assert client.get(url("rights_request", janny, rights_request)).status_code == 403
    response = client.post(
        url("rights_request_approve", janny, rights_request), {"approve-confirmation": "WISSEN"}
    )

    assert response.status_code == 403
    with pytest.raises(RightsRequestError):
        rights_request_approve(rights_request=rights_request, by=janny.stranger)
    assert Participant.objects.filter(pk=janny.participant.pk).exists()


def test_a_second_person_needs_consent_and_a_caseworker_role(client, janny):
    rights_request = recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)
    relative = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny.participant, grantee_user=relative)
    withdrawn = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny.participant, grantee_user=withdrawn, withdrawn=True)

    for user in (relative, withdrawn, UserFactory(professional=True), janny.user):
        sign_in(client, user)
        response = client.post(
            url("rights_request_approve", janny, rights_request),
            {"approve-confirmation": "WISSEN"},
        )
        assert response.status_code == 403, user
    assert Participant.objects.filter(pk=janny.participant.pk).exists()


def test_one_request_to_erase_waits_at_a_time(janny):
    recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)

    with pytest.raises(RightsRequestError, match="wacht al"):
        recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)

    assert RightsRequest.objects.count() == 1


def test_a_second_person_declines_with_a_reason_the_person_sees(
    client, janny, mailoutbox, django_capture_on_commit_callbacks
):
    rights_request = recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)
    sign_in(client, janny.coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("rights_request_decline", janny, rights_request),
            {"decline-reason": DeclineReason.NO_LONGER_WANTED},
        )

    assert response.status_code == 302
    rights_request.refresh_from_db()
    assert rights_request.status == RightsRequestStatus.DECLINED
    assert rights_request.decided_by == janny.coordinator
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [EMAIL]
    sign_in(client, janny.user)
    page = client.get(url("my_data", janny)).content.decode()
    assert "Niet uitgevoerd: de persoon wil het niet meer" in page
    # A declined request cannot be approved any more.
    sign_in(client, janny.colleague)
    client.post(
        url("rights_request_approve", janny, rights_request), {"approve-confirmation": "WISSEN"}
    )
    assert Participant.objects.filter(pk=janny.participant.pk).exists()


# The participant is told and can stop it ------------------------------------------------------


def test_the_participant_is_mailed_without_content_and_sees_the_request(
    client, janny, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = record(client, janny, janny.fatima, kind=RightsRequestKind.ERASURE)
    assert response.status_code == 302

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [EMAIL]
    text = f"{mail.subject}\n{mail.body}"
    assert url("my_data", janny) in mail.body
    for secret in (NAME, "Janny", "Fatima", "Yilmaz", "wissen", "Wissen", "erase", "kopie"):
        assert secret not in text, secret

    sign_in(client, janny.user)
    page = client.get(url("my_data", janny)).content.decode()
    assert 'id="rights-requests"' in page
    assert "Fatima Yilmaz" in page
    assert "Wacht op een tweede persoon" in page


def test_no_mail_when_the_participant_has_no_account(
    janny, mailoutbox, django_capture_on_commit_callbacks
):
    janny.participant.user = None
    janny.participant.save()

    with django_capture_on_commit_callbacks(execute=True):
        recorded(janny, janny.fatima)

    assert mailoutbox == []


def test_the_participant_stops_a_request_to_erase(client, janny):
    rights_request = recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)
    sign_in(client, janny.user)
    detail = client.get(url("rights_request", janny, rights_request)).content.decode()
    assert 'id="stop-request"' in detail

    response = client.post(url("rights_request_stop", janny, rights_request))

    assert response.status_code == 302
    rights_request.refresh_from_db()
    assert rights_request.status == RightsRequestStatus.STOPPED
    entry = AuditEntry.objects.filter(fields=["rights_requests"]).latest("sequence")
    assert entry.actor_user_id == janny.user.pk
    sign_in(client, janny.colleague)
    client.post(
        url("rights_request_approve", janny, rights_request), {"approve-confirmation": "WISSEN"}
    )
    assert Participant.objects.filter(pk=janny.participant.pk).exists()


def test_only_the_participant_stops_a_request(client, janny):
    rights_request = recorded(janny, janny.fatima, kind=RightsRequestKind.ERASURE)

    for user in (janny.fatima, janny.colleague, janny.stranger):
        sign_in(client, user)
        assert client.post(url("rights_request_stop", janny, rights_request)).status_code == 403

    rights_request.refresh_from_db()
    assert rights_request.is_open


# Reachable by clicking -----------------------------------------------------------------------


def test_the_rights_link_is_there_for_those_who_may_record_and_not_for_others(client, janny):
    link = url("my_data", janny)

    for user in (janny.fatima, janny.colleague, janny.coordinator, janny.user):
        sign_in(client, user)
        assert link in client.get(url("detail", janny)).content.decode(), user

    sign_in(client, janny.stranger)  # emergency access: details, but no rights
    assert link not in client.get(url("detail", janny)).content.decode()
    assert client.get(link).status_code == 403


def test_the_rights_page_leads_to_recording_and_says_what_erasure_needs(client, janny):
    sign_in(client, janny.colleague)

    page = client.get(url("my_data", janny)).content.decode()

    assert url("rights_request_record", janny) in page
    assert 'id="no-erasure-request"' in page  # an organisation grant records no erasure
    assert url("export_json", janny) not in page and url("erase", janny) not in page

    sign_in(client, janny.fatima)
    page = client.get(url("my_data", janny)).content.decode()
    assert 'id="no-erasure-request"' not in page
    form = client.get(url("rights_request_record", janny)).content.decode()
    assert 'value="erasure"' in form


def test_the_person_sees_in_who_looked_that_a_copy_was_made_for_a_request(client, janny):
    rights_request = recorded(janny, janny.colleague)
    sign_in(client, janny.colleague)
    download(client, janny, rights_request)

    sign_in(client, janny.user)
    response = client.get(url("access_log", janny))

    assert response.status_code == 200
    log = response.content.decode()
    assert "verzoeken over rechten" in log
    assert "een verzoek dat voor de persoon is vastgelegd" in log
