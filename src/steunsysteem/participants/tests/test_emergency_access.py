"""Emergency access: a professional sees someone without consent for a few hours, with a
reason that the audit trail refers to and that the participant sees."""

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry, EmergencyAccess
from steunsysteem.accounts.services import EmergencyAccessError, emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

REASON = "In crisis en niet bereikbaar; de huisarts belt ons."


@pytest.fixture
def mark():
    return ParticipantFactory(name="Mark", with_account=True)


def test_the_refusal_page_offers_emergency_access_and_it_opens_the_details(client, mark):
    professional = UserFactory(professional=True)
    sign_in(client, professional)
    detail = reverse("participants:detail", args=[mark.pk])

    refused = client.get(detail)
    assert refused.status_code == 403
    emergency_url = reverse("participants:emergency_access", args=[mark.pk])
    assert emergency_url in refused.content.decode()

    response = client.post(emergency_url, {"reason": REASON})

    assert response.headers["Location"] == detail
    assert client.get(detail).status_code == 200
    read = AuditEntry.objects.filter(action=AuditAction.READ).get()
    access = EmergencyAccess.objects.get()
    assert read.legal_basis == f"emergency:{access.pk}"
    assert (read.reason, access.reason) == ("", REASON)


def test_emergency_access_ends_by_itself(mark, settings):
    settings.EMERGENCY_ACCESS_DURATION = dt.timedelta(hours=4)
    professional = UserFactory(professional=True)
    with freeze_time("2027-01-10 09:00:00+01:00"):
        emergency_access_start(participant=mark, by=professional, reason=REASON)
    with freeze_time("2027-01-10 12:59:00+01:00"):
        assert permissions.participant_access(professional, mark, ConsentScope.QUESTIONS).allowed
    with freeze_time("2027-01-10 13:00:00+01:00"):
        assert not permissions.participant_access(professional, mark, ConsentScope.PROFILE).allowed


def test_the_participant_sees_the_reason_in_their_access_log(client, mark):
    professional = UserFactory(professional=True, first_name="Piet", last_name="Post")
    emergency_access_start(participant=mark, by=professional, reason=REASON)
    sign_in(client, mark.user)

    response = client.get(reverse("participants:access_log", args=[mark.pk]))

    rows = [row for row in response.context["rows"] if row.who == "Piet Post"]
    assert rows and all(row.basis == "emergency access" for row in rows)
    assert REASON in response.content.decode()


@pytest.mark.parametrize("role", ["relative", "volunteer", "policy_officer", "editor"])
def test_only_professionals_and_coordinators_can_break_the_glass(mark, role):
    with pytest.raises(EmergencyAccessError):
        emergency_access_start(participant=mark, by=UserFactory(**{role: True}), reason=REASON)
    assert not EmergencyAccess.objects.exists()


def test_no_emergency_access_without_a_reason_or_when_consent_already_opens_it(mark):
    professional = UserFactory(professional=True)
    with pytest.raises(EmergencyAccessError, match="why"):
        emergency_access_start(participant=mark, by=professional, reason="  ")
    ConsentGrantFactory(participant=mark, grantee_user=professional)
    with pytest.raises(EmergencyAccessError):
        emergency_access_start(participant=mark, by=professional, reason=REASON)
    assert not EmergencyAccess.objects.exists()
