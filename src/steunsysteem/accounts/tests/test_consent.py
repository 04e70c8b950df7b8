"""Consent: the participant decides who may see which part of their data, and until when."""

import datetime as dt

import pytest
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import AuditAction, ConsentScope, ConsentSource
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.accounts.services import ConsentError, consent_grant, consent_withdraw
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PROFILE = ConsentScope.PROFILE


@pytest.fixture
def nuray():
    return ParticipantFactory(name="Nuray Demir", with_account=True)


def sees(user, participant, scope=PROFILE) -> bool:
    return permissions.participant_access(user, participant, scope).allowed


def in_a_month() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=30)


def test_a_participant_gives_a_professional_consent_per_kind_of_data(nuray):
    professional = UserFactory(professional=True)
    assert not sees(professional, nuray)

    grants = consent_grant(
        participant=nuray,
        grantee=professional,
        scopes=[ConsentScope.PROFILE, ConsentScope.QUESTIONS],
        ends_on=in_a_month(),
        source=ConsentSource.PORTAL,
        by=nuray.user,
    )

    assert sorted(grant.scope for grant in grants) == ["profile", "questions"]
    assert sees(professional, nuray, ConsentScope.PROFILE)
    assert sees(professional, nuray, ConsentScope.QUESTIONS)
    assert not sees(professional, nuray, ConsentScope.NETWORK)
    assert not sees(professional, nuray, ConsentScope.NOTES)
    access = permissions.participant_access(professional, nuray, PROFILE)
    assert access.legal_basis == f"consent:{access.grant.pk}"


def test_every_grant_is_in_the_audit_trail_without_personal_data(nuray):
    professional = UserFactory(professional=True)

    [grant] = consent_grant(
        participant=nuray,
        grantee=professional,
        scopes=[PROFILE],
        ends_on=in_a_month(),
        source=ConsentSource.PORTAL,
        by=nuray.user,
    )

    entry = AuditEntry.objects.get(object_type="accounts.consentgrant")
    assert entry.action == AuditAction.CREATE
    assert entry.object_id == str(grant.pk)
    assert entry.actor_user_id == nuray.user.pk
    assert entry.legal_basis == f"participant:{nuray.pk}"
    stored = " ".join(str(getattr(entry, field.name)) for field in AuditEntry._meta.fields)
    assert "Nuray" not in stored and "Demir" not in stored


def test_withdrawing_consent_takes_effect_at_once(nuray):
    grant = ConsentGrantFactory(participant=nuray)
    professional = grant.grantee_user
    assert sees(professional, nuray)

    consent_withdraw(grant=grant, by=nuray.user)

    assert not sees(professional, nuray)
    grant.refresh_from_db()
    assert grant.withdrawn_by == nuray.user
    assert AuditEntry.objects.filter(
        object_type="accounts.consentgrant", object_id=str(grant.pk), fields=["withdrawn_at"]
    ).exists()
    with pytest.raises(ConsentError, match="already withdrawn"):
        consent_withdraw(grant=grant, by=nuray.user)


def test_consent_ends_after_its_last_day(nuray):
    grant = ConsentGrantFactory(participant=nuray, ends_on=dt.date(2027, 3, 31))
    professional = grant.grantee_user

    with freeze_time("2027-03-31 22:00:00+02:00"):
        assert sees(professional, nuray)
    with freeze_time("2027-04-01 00:30:00+02:00"):
        assert not sees(professional, nuray)


def test_consent_to_an_organisation_opens_for_its_professionals_but_not_its_editors(nuray):
    organization = OrganizationFactory(name="Sociaal Wijkteam")
    colleague = UserFactory(professional=True, organizations=[organization])
    editor = UserFactory(editor=True, organizations=[organization])
    policy_officer = UserFactory(policy_officer=True, organizations=[organization])
    outsider = UserFactory(professional=True)
    ConsentGrantFactory(participant=nuray, grantee_user=None, grantee_organization=organization)

    assert sees(colleague, nuray)
    assert not sees(editor, nuray)
    assert not sees(policy_officer, nuray)
    assert not sees(outsider, nuray)


def test_consent_to_a_werktafel_opens_for_the_people_at_that_table(nuray):
    member = UserFactory(professional=True)
    chair = UserFactory(coordinator=True)
    table = WorktableFactory(members=[member, chair])
    other_coordinator = UserFactory(coordinator=True)
    WorktableFactory(members=[other_coordinator])
    ConsentGrantFactory(participant=nuray, grantee_user=None, grantee_worktable=table)

    assert sees(member, nuray)
    assert sees(chair, nuray)
    assert not sees(other_coordinator, nuray)


def test_an_administrator_sees_no_participant_even_with_a_grant_to_their_organisation(nuray):
    organization = OrganizationFactory()
    administrator = UserFactory(administrator=True, organizations=[organization])
    ConsentGrantFactory(participant=nuray, grantee_user=None, grantee_organization=organization)

    assert not sees(administrator, nuray)
    assert nuray not in permissions.visible_participants(administrator)


def test_the_participant_always_sees_their_own_data_and_nobody_elses(nuray):
    other = ParticipantFactory(with_account=True)

    assert permissions.participant_access(nuray.user, nuray, ConsentScope.NOTES).legal_basis == (
        permissions.OWN_DATA
    )
    assert not sees(nuray.user, other)
    assert list(permissions.visible_participants(nuray.user)) == [nuray]


def test_a_deactivated_account_sees_nothing(nuray):
    grant = ConsentGrantFactory(participant=nuray)
    grant.grantee_user.is_active = False
    grant.grantee_user.save()

    assert not sees(grant.grantee_user, nuray)
    nuray.user.is_active = False
    nuray.user.save()
    assert not sees(nuray.user, nuray)


def test_the_list_of_participants_holds_only_those_with_active_consent():
    professional = UserFactory(professional=True)
    shared = ConsentGrantFactory(grantee_user=professional).participant
    ConsentGrantFactory(grantee_user=professional, withdrawn=True)
    ConsentGrantFactory(grantee_user=professional, expired=True)
    ParticipantFactory()

    assert list(permissions.visible_participants(professional)) == [shared]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scopes": []}, "at least one"),
        ({"scopes": ["diagnosis"]}, "Unknown kind"),
        ({"ends_on": dt.date(2020, 1, 1)}, "already passed"),
        ({"source": "guessed"}, "how the consent was given"),
    ],
)
def test_a_grant_that_makes_no_sense_is_refused_and_nothing_is_stored(nuray, changes, message):
    values = {
        "participant": nuray,
        "grantee": UserFactory(professional=True),
        "scopes": [PROFILE],
        "ends_on": in_a_month(),
        "source": ConsentSource.SPOKEN,
        "by": nuray.user,
        **changes,
    }

    with pytest.raises(ConsentError, match=message):
        consent_grant(**values)

    assert not ConsentGrant.objects.exists()
    assert not AuditEntry.objects.exists()


def test_consent_cannot_go_to_a_role_that_may_not_see_people(nuray):
    with pytest.raises(ConsentError, match="cannot receive consent"):
        consent_grant(
            participant=nuray,
            grantee=UserFactory(policy_officer=True),
            scopes=[PROFILE],
            ends_on=in_a_month(),
            source=ConsentSource.PORTAL,
            by=nuray.user,
        )
