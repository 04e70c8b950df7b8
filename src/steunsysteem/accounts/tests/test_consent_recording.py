"""Recording consent for someone else: possible (many people have no account), but never
under emergency access, never for longer than the maximum, and never opening anything for
oneself, one's own organisation or werktafel, or a scope the person withdrew, without a
second yes. Every grant is shown to the person, who is told by a mail without content."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import AuditAction, ConsentScope, ConsentSource
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.accounts.services import (
    ConsentError,
    consent_confirm,
    consent_decline,
    consent_grant,
    consent_withdraw,
    emergency_access_start,
)
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.participants.services import participant_erase, participant_register
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables.selectors import shared_with
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PROFILE, NETWORK, QUESTIONS = ConsentScope.PROFILE, ConsentScope.NETWORK, ConsentScope.QUESTIONS


@pytest.fixture
def ggz():
    return OrganizationFactory(name="GGZ Partistad")


@pytest.fixture
def fatima(ggz):
    return UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Yilmaz",
        professional=True,
        organizations=[ggz],
    )


@pytest.fixture
def janny(ggz):
    """Janny has an account; her basic details are shared with the GGZ (written consent)."""
    janny = ParticipantFactory(
        name="Janny de Vries", user=UserFactory(username="janny", first_name="Janny")
    )
    ConsentGrantFactory(
        participant=janny, grantee_user=None, grantee_organization=ggz, source="written"
    )
    return janny


@pytest.fixture
def mark(ggz):
    """Mark has no account; his basic details are shared with the GGZ (said in a talk)."""
    mark = ParticipantFactory(name="Mark Jansen")
    ConsentGrantFactory(participant=mark, grantee_user=None, grantee_organization=ggz)
    return mark


def sees(user, participant, scope=PROFILE) -> bool:
    return permissions.participant_access(user, participant, scope).allowed


def in_a_month() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=30)


def record(participant, by, grantee, scopes=(NETWORK,), **kwargs):
    values = {
        "participant": participant,
        "grantee": grantee,
        "scopes": list(scopes),
        "ends_on": in_a_month(),
        "source": ConsentSource.SPOKEN,
        "by": by,
        **kwargs,
    }
    return consent_grant(**values)


# Never under emergency access ----------------------------------------------------------------


def test_a_professional_with_emergency_access_cannot_record_consent():
    mark = ParticipantFactory(name="Mark")
    professional = UserFactory(professional=True)
    emergency_access_start(participant=mark, by=professional, reason="In crisis, onbereikbaar.")
    assert sees(professional, mark)

    assert not permissions.can_manage_consent(professional, mark)
    with pytest.raises(ConsentError, match="cannot record consent for this person"):
        record(mark, professional, professional, scopes=[PROFILE, NETWORK])

    assert not ConsentGrant.objects.exists()
    assert not AuditEntry.objects.filter(object_type="accounts.consentgrant").exists()


def test_emergency_access_gives_no_say_in_someone_elses_second_yes(mark, fatima):
    [waiting] = record(mark, fatima, fatima)
    stranger = UserFactory(professional=True)
    emergency_access_start(participant=mark, by=stranger, reason="In crisis, onbereikbaar.")

    assert not permissions.can_confirm_consent(stranger, waiting)
    with pytest.raises(ConsentError, match="cannot answer"):
        consent_confirm(grant=waiting, by=stranger)


def test_withdrawing_stays_possible_for_a_caseworker_with_consent(janny, fatima):
    grant = ConsentGrantFactory(participant=janny, scope=NETWORK)

    consent_withdraw(grant=grant, by=fatima)

    grant.refresh_from_db()
    assert grant.withdrawn_by == fatima
    assert not sees(grant.grantee_user, janny, NETWORK)


# A maximum duration ----------------------------------------------------------------------------


def test_an_end_date_in_the_year_9999_is_refused_naming_the_latest_date_allowed(janny, fatima):
    latest = timezone.localdate() + dt.timedelta(days=365)

    with pytest.raises(ConsentError) as refused:
        record(janny, fatima, OrganizationFactory(), ends_on=dt.date(9999, 12, 31))

    assert "at most 365 days" in str(refused.value)
    assert f"{latest.day} {latest:%B} {latest.year}" in str(refused.value)
    assert not ConsentGrant.objects.filter(scope=NETWORK).exists()


def test_the_maximum_holds_for_the_participant_too_and_comes_from_the_settings(janny, settings):
    settings.CONSENT_MAX_DAYS = 30
    today = timezone.localdate()
    grantee = UserFactory(professional=True)

    with pytest.raises(ConsentError, match="at most 30 days"):
        record(janny, janny.user, grantee, ends_on=today + dt.timedelta(days=31))
    [grant] = record(janny, janny.user, grantee, ends_on=today + dt.timedelta(days=30))

    assert grant.ends_on == today + dt.timedelta(days=30)


def test_registering_someone_applies_the_maximum_too(fatima):
    with pytest.raises(ConsentError, match="at most 365 days"):
        participant_register(
            name="Nuray",
            district=None,
            preferred_language="tr",
            contact_route="phone",
            consent_to=fatima,
            consent_scopes=[PROFILE],
            consent_ends_on=timezone.localdate() + dt.timedelta(days=366),
            consent_source=ConsentSource.SPOKEN,
            by=fatima,
        )

    assert not ConsentGrant.objects.exists()


# A second yes ---------------------------------------------------------------------------------


def test_consent_a_professional_records_for_herself_opens_nothing_until_janny_says_yes(
    janny, fatima
):
    """The attack: Fatima sees Janny through her organisation's grant for basic details and
    records consent for Janny's network for herself."""
    assert sees(fatima, janny) and not sees(fatima, janny, NETWORK)

    [grant] = record(janny, fatima, fatima)

    assert grant.confirmed_at is None and grant.is_awaiting_confirmation
    assert not sees(fatima, janny, NETWORK)
    assert not ConsentGrant.objects.active().filter(pk=grant.pk).exists()
    assert not permissions.can_confirm_consent(fatima, grant)
    with pytest.raises(ConsentError, match="cannot answer"):
        consent_confirm(grant=grant, by=fatima)

    consent_confirm(grant=grant, by=janny.user)

    assert sees(fatima, janny, NETWORK)
    grant.refresh_from_db()
    assert grant.confirmed_by == janny.user
    entry = AuditEntry.objects.filter(
        object_type="accounts.consentgrant", object_id=str(grant.pk)
    ).last()
    assert (entry.action, entry.fields, entry.actor_user_id) == (
        AuditAction.UPDATE,
        ["confirmed_at"],
        janny.user.pk,
    )


@pytest.mark.parametrize("to", ["own_organisation", "own_worktable"])
def test_consent_for_ones_own_organisation_or_werktafel_waits_too(janny, fatima, ggz, to):
    grantee = ggz if to == "own_organisation" else WorktableFactory(members=[fatima])
    colleague = UserFactory(professional=True, organizations=[ggz])
    if to == "own_worktable":
        grantee.members.add(colleague)

    [grant] = record(janny, fatima, grantee)

    assert grant.is_awaiting_confirmation
    assert not sees(colleague, janny, NETWORK)


def test_consent_for_someone_else_counts_at_once(janny, fatima):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    coach = UserFactory(professional=True, organizations=[wijkteam])

    [grant] = record(janny, fatima, wijkteam)

    assert grant.confirmed_at == grant.given_at and grant.confirmed_by == fatima
    assert sees(coach, janny, NETWORK)


def test_a_scope_janny_withdrew_stays_closed_when_a_professional_records_it_again(janny, fatima):
    coach = UserFactory(professional=True, first_name="Kees")
    withdrawn = ConsentGrantFactory(
        participant=janny, grantee_user=coach, scope=NETWORK, recorded_by=janny.user
    )
    consent_withdraw(grant=withdrawn, by=janny.user)

    again, fresh = sorted(record(janny, fatima, coach, scopes=[NETWORK, QUESTIONS]), key=str)
    again, fresh = (again, fresh) if again.scope == NETWORK else (fresh, again)

    assert again.is_awaiting_confirmation and not sees(coach, janny, NETWORK)
    assert fresh.confirmed_at is not None and sees(coach, janny, QUESTIONS)
    consent_confirm(grant=again, by=janny.user)
    assert sees(coach, janny, NETWORK)


def test_janny_herself_gives_a_withdrawn_scope_again_and_it_counts_at_once(janny):
    coach = UserFactory(professional=True)
    withdrawn = ConsentGrantFactory(participant=janny, grantee_user=coach, scope=NETWORK)
    consent_withdraw(grant=withdrawn, by=janny.user)

    [grant] = record(janny, janny.user, coach, source=ConsentSource.PORTAL)

    assert grant.confirmed_at is not None and sees(coach, janny, NETWORK)


def test_the_consent_given_when_registering_someone_counts_at_once(fatima):
    nuray = participant_register(
        name="Nuray",
        district=None,
        preferred_language="tr",
        contact_route="phone",
        consent_to=fatima,
        consent_scopes=[PROFILE, QUESTIONS],
        consent_ends_on=in_a_month(),
        consent_source=ConsentSource.SPOKEN,
        by=fatima,
    )

    assert sees(fatima, nuray) and sees(fatima, nuray, QUESTIONS)
    assert all(grant.confirmed_by == fatima for grant in nuray.consent_grants.all())


def test_the_registration_exception_cannot_be_used_for_someone_already_registered(mark, fatima):
    with pytest.raises(ConsentError, match="not the registration"):
        record(mark, fatima, fatima, registering=True)

    assert not mark.consent_grants.filter(scope=NETWORK).exists()


def test_without_an_account_a_second_caseworker_with_consent_confirms(mark, fatima, ggz):
    [grant] = record(mark, fatima, fatima)
    colleague = UserFactory(professional=True, organizations=[ggz])
    stranger = UserFactory(professional=True)
    volunteer = UserFactory(volunteer=True)
    ConsentGrantFactory(participant=mark, grantee_user=volunteer)
    relative = UserFactory(relative=True)
    ConsentGrantFactory(participant=mark, grantee_user=relative)

    assert not permissions.can_confirm_consent(fatima, grant), "not who recorded it"
    assert not permissions.can_confirm_consent(stranger, grant), "no consent of her own"
    assert not permissions.can_confirm_consent(volunteer, grant), "not a caseworker"
    assert not permissions.can_confirm_consent(relative, grant), "not a caseworker"
    assert permissions.can_confirm_consent(colleague, grant)

    consent_confirm(grant=grant, by=colleague)

    assert sees(fatima, mark, NETWORK)


def test_the_person_who_would_receive_it_cannot_be_the_second_yes(mark, fatima, ggz):
    """Mark's network was shared with Fatima and withdrawn; a coordinator records it again."""
    withdrawn = ConsentGrantFactory(participant=mark, grantee_user=fatima, scope=NETWORK)
    coordinator = UserFactory(coordinator=True, organizations=[ggz])
    consent_withdraw(grant=withdrawn, by=coordinator)
    colleague = UserFactory(professional=True, organizations=[ggz])

    [grant] = record(mark, coordinator, fatima)

    assert grant.is_awaiting_confirmation
    assert not permissions.can_confirm_consent(fatima, grant), "she would receive it"
    assert not permissions.can_confirm_consent(coordinator, grant), "he recorded it"
    assert permissions.can_confirm_consent(colleague, grant)


def test_when_the_person_has_an_account_only_they_answer(janny, fatima, ggz):
    [grant] = record(janny, fatima, fatima)
    colleague = UserFactory(professional=True, organizations=[ggz])

    assert not permissions.can_confirm_consent(colleague, grant)
    assert permissions.can_confirm_consent(janny.user, grant)


def test_a_declined_grant_is_closed_and_never_counts(janny, fatima):
    [grant] = record(janny, fatima, fatima)

    consent_decline(grant=grant, by=janny.user)

    grant.refresh_from_db()
    assert grant.was_declined and grant.withdrawn_by == janny.user
    assert not sees(fatima, janny, NETWORK)
    with pytest.raises(ConsentError, match="no longer waits"):
        consent_confirm(grant=grant, by=janny.user)
    assert AuditEntry.objects.filter(
        object_type="accounts.consentgrant", object_id=str(grant.pk), fields=["withdrawn_at"]
    ).exists()


def test_nothing_counts_a_grant_that_waits(fatima):
    """The list of people, the werktafel's agenda and the erasure notice look only at
    consent in force, never at consent that waits for a second yes."""
    table = WorktableFactory(members=[fatima])
    mark = ParticipantFactory(name="Mark", with_account=True)
    ConsentGrantFactory(participant=mark, grantee_user=fatima)
    question_submit(
        participant=mark, text="Ik zoek werk.", life_domains=["work"], worktable=table, by=fatima
    )
    outsider = UserFactory(professional=True)

    [waiting_for_table] = record(mark, fatima, table, scopes=[QUESTIONS])
    ConsentGrantFactory(participant=mark, grantee_user=outsider, awaiting_confirmation=True)

    assert waiting_for_table.is_awaiting_confirmation
    assert not shared_with(table).exists()
    assert mark not in permissions.visible_participants(outsider)
    erased = participant_erase(participant=mark, by=mark.user)
    assert erased.consent_user_ids == [fatima.pk]
    assert erased.consent_worktable_ids == []


# The person sees and is told ------------------------------------------------------------------


def test_janny_gets_one_mail_without_content_when_someone_else_records_consent(
    janny, fatima, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record(janny, fatima, fatima, scopes=[NETWORK, QUESTIONS])

    (message,) = mail.outbox
    assert message.to == [janny.user.email]
    link = settings.SITE_URL + reverse("participants:consent", args=[janny.pk])
    assert link in message.body
    text = message.subject + message.body
    for private in ["Janny", "Fatima", "Yilmaz", "GGZ", "fatima", "professional"]:
        assert private not in text
    for language in ("nl", "en"):
        with translation.override(language):
            for scope in ConsentScope:
                assert str(scope.label) not in text


def test_janny_is_told_of_a_withdrawal_a_decline_by_someone_else_but_not_of_her_own_acts(
    janny, fatima, django_capture_on_commit_callbacks
):
    grant = ConsentGrantFactory(participant=janny, scope=NETWORK)
    with django_capture_on_commit_callbacks(execute=True):
        [own] = record(janny, janny.user, fatima, source=ConsentSource.PORTAL)
        consent_withdraw(grant=own, by=janny.user)
        [waiting] = record(janny, fatima, fatima, scopes=[QUESTIONS])
        consent_confirm(grant=waiting, by=janny.user)
    assert len(mail.outbox) == 1  # only for Fatima's recording

    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(grant=grant, by=fatima)
    assert len(mail.outbox) == 2


def test_nobody_is_mailed_for_someone_without_an_account(
    mark, fatima, ggz, django_capture_on_commit_callbacks
):
    colleague = UserFactory(professional=True, organizations=[ggz])
    with django_capture_on_commit_callbacks(execute=True):
        [grant] = record(mark, fatima, fatima)
        consent_confirm(grant=grant, by=colleague)

    assert mail.outbox == []
