"""Kees was registered by Fatima, his wijkteam worker. She invites him to an account of his
own, at the e-mail address he gave; with the link he chooses a name and password and lands
on his own page, where he follows his questions and answers the werktafel himself."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from steunsysteem.accounts import permissions, services
from steunsysteem.accounts.constants import AuditAction, ConsentScope, Role
from steunsysteem.accounts.models import AuditEntry, Invitation, User
from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants import services as participant_services
from steunsysteem.participants.constants import ContactRoute
from steunsysteem.participants.models import Participant
from steunsysteem.participants.services import participant_erase

from .factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PASSWORD = "zonnebloem-aan-de-rivier"
KEES_MAIL = "kees.dekker@example.org"


@pytest.fixture
def fatima():
    return UserFactory(username="fatima", first_name="Fatima", professional=True)


@pytest.fixture
def kees(fatima):
    kees = ParticipantFactory(
        name="Kees Dekker", contact_route=ContactRoute.EMAIL, contact_detail=KEES_MAIL
    )
    ConsentGrantFactory(participant=kees, grantee_user=fatima, scope=ConsentScope.PROFILE)
    return kees


def invite_url(participant):
    return reverse("participants:own_account_invite", args=[participant.pk])


def token_in(message) -> str:
    (link,) = re.findall(r"https?://\S+", message.body)
    return link.rstrip("/").rsplit("/", 1)[1]


def invite(fatima, kees, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return participant_services.participant_account_invite(participant=kees, by=fatima)


# Who may invite the person to an account of their own


def test_a_professional_with_consent_for_the_details_may_invite(fatima, kees):
    assert permissions.can_invite_to_own_account(fatima, kees)


def test_a_coordinator_with_consent_may_invite_too(kees):
    ruud = UserFactory(coordinator=True)
    ConsentGrantFactory(participant=kees, grantee_user=ruud, scope=ConsentScope.PROFILE)
    assert permissions.can_invite_to_own_account(ruud, kees)


@pytest.mark.parametrize("role", [Role.RELATIVE, Role.VOLUNTEER])
def test_a_relative_or_volunteer_with_consent_may_not(kees, role):
    """They see the details with consent, but handing out the page is a caseworker's job."""
    helper = UserFactory(role=role)
    ConsentGrantFactory(participant=kees, grantee_user=helper, scope=ConsentScope.PROFILE)
    assert not permissions.can_invite_to_own_account(helper, kees)


def test_consent_for_questions_only_is_not_enough(kees):
    anouk = UserFactory(professional=True)
    ConsentGrantFactory(participant=kees, grantee_user=anouk, scope=ConsentScope.QUESTIONS)
    assert not permissions.can_invite_to_own_account(anouk, kees)


def test_emergency_access_never_hands_out_the_page(kees):
    stranger = UserFactory(professional=True)
    emergency_access_start(participant=kees, by=stranger, reason="Crisis, geen bereik.")
    assert permissions.participant_access(stranger, kees, ConsentScope.PROFILE).allowed
    assert not permissions.can_invite_to_own_account(stranger, kees)


def test_nobody_invites_to_a_page_that_has_its_own_account(fatima, kees):
    kees.user = UserFactory(role=Role.PARTICIPANT)
    kees.save()
    assert not permissions.can_invite_to_own_account(fatima, kees)
    with pytest.raises(PermissionDenied):
        participant_services.participant_account_invite(participant=kees, by=fatima)


# The invitation


def test_the_invitation_goes_to_the_persons_own_address_and_names_no_one(
    fatima, kees, django_capture_on_commit_callbacks
):
    invitation = invite(fatima, kees, django_capture_on_commit_callbacks)

    (message,) = mail.outbox
    assert message.to == [KEES_MAIL]
    for private in ["Kees", "Dekker", "Fatima", "fatima"]:
        assert private not in message.body and private not in message.subject
    assert invitation.participant == kees and invitation.role == Role.PARTICIPANT
    entry = AuditEntry.objects.get(
        action=AuditAction.CREATE, object_type="accounts.invitation", object_id=str(invitation.pk)
    )
    assert entry.actor_user_id == fatima.pk
    assert entry.legal_basis.startswith("consent:")


def test_without_an_e_mail_address_nothing_goes_out(fatima, kees):
    kees.contact_route = ContactRoute.PHONE
    kees.contact_detail = "06 12345678"
    kees.save()

    with pytest.raises(participant_services.NoAddressForInvitation):
        participant_services.participant_account_invite(participant=kees, by=fatima)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_new_invitation_stops_the_old_link(fatima, kees, django_capture_on_commit_callbacks):
    invite(fatima, kees, django_capture_on_commit_callbacks)
    old_token = token_in(mail.outbox[0])
    invite(fatima, kees, django_capture_on_commit_callbacks)

    assert Invitation.objects.count() == 1
    with pytest.raises(services.InvitationNotFound):
        services.invitation_accept(token=old_token, username="kees", password=PASSWORD)
    services.invitation_accept(token=token_in(mail.outbox[1]), username="kees", password=PASSWORD)


# Accepting


def test_accepting_opens_his_own_page_and_nothing_more(
    fatima, kees, django_capture_on_commit_callbacks
):
    invite(fatima, kees, django_capture_on_commit_callbacks)

    user = services.invitation_accept(
        token=token_in(mail.outbox[0]), username="kees", password=PASSWORD
    )

    kees.refresh_from_db()
    assert kees.user == user and user.role == Role.PARTICIPANT
    assert list(user.organizations.all()) == []
    assert permissions.participant_access(user, kees, ConsentScope.NOTES).allowed
    other = ParticipantFactory()
    assert not permissions.participant_access(user, other, ConsentScope.PROFILE).allowed
    entry = AuditEntry.objects.get(
        action=AuditAction.UPDATE, object_type="participants.participant", object_id=str(kees.pk)
    )
    assert entry.actor_user_id == user.pk and entry.fields == ["user"]


def test_a_link_to_a_page_that_got_an_account_meanwhile_creates_nothing(
    fatima, kees, django_capture_on_commit_callbacks
):
    invite(fatima, kees, django_capture_on_commit_callbacks)
    someone = UserFactory(role=Role.PARTICIPANT)
    Participant.objects.filter(pk=kees.pk).update(user=someone)
    users_before = User.objects.count()

    with pytest.raises(services.InvitationPageTaken):
        services.invitation_accept(
            token=token_in(mail.outbox[0]), username="kees", password=PASSWORD
        )
    assert User.objects.count() == users_before
    kees.refresh_from_db()
    assert kees.user == someone


def test_erasure_takes_the_invitation_and_its_address_along(
    fatima, kees, django_capture_on_commit_callbacks
):
    invite(fatima, kees, django_capture_on_commit_callbacks)
    # Meanwhile Kees started his page himself, and now erases it: the open link goes too.
    Participant.objects.filter(pk=kees.pk).update(user=UserFactory(role=Role.PARTICIPANT))
    kees.refresh_from_db()
    participant_erase(participant=kees, by=kees.user)

    assert not Invitation.objects.filter(email=KEES_MAIL).exists()


# The pages


def test_fatima_finds_the_invitation_on_his_details_and_sends_it(
    client, fatima, kees, django_capture_on_commit_callbacks
):
    sign_in(client, fatima)
    details = client.get(reverse("participants:detail", args=[kees.pk]))
    assert invite_url(kees) in details.content.decode()

    assert KEES_MAIL in client.get(invite_url(kees)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url(kees),
            {"form_token": form_token_for(client, invite_url(kees))},
            follow=True,
        )

    assert response.redirect_chain[-1][0] == reverse("participants:detail", args=[kees.pk])
    assert "is ready and goes out with the next mail round" in response.content.decode()
    assert [message.to for message in mail.outbox] == [[KEES_MAIL]]


def test_the_invitation_page_says_plainly_when_there_is_no_address(client, fatima, kees):
    kees.contact_route = ContactRoute.LETTER
    kees.contact_detail = ""
    kees.save()
    sign_in(client, fatima)

    page = client.get(invite_url(kees)).content.decode()

    assert 'id="no-address"' in page and "send-own-account-invitation" not in page


@pytest.mark.parametrize("role", [Role.RELATIVE, Role.VOLUNTEER, Role.POLICY_OFFICER])
def test_others_see_neither_the_link_nor_the_page_with_his_address(client, kees, role):
    other = UserFactory(role=role)
    ConsentGrantFactory(participant=kees, grantee_user=other, scope=ConsentScope.PROFILE)
    sign_in(client, other)

    assert client.get(invite_url(kees)).status_code == 403
    details = client.get(reverse("participants:detail", args=[kees.pk]))
    assert invite_url(kees) not in details.content.decode()


def test_kees_chooses_his_name_and_lands_on_his_own_page(
    client, fatima, kees, django_capture_on_commit_callbacks
):
    invite(fatima, kees, django_capture_on_commit_callbacks)
    accept = reverse("accounts:invitation_accept", args=[token_in(mail.outbox[0])])

    response = client.post(
        accept,
        {"username": "kees", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("participants:detail", args=[kees.pk])
    page = response.content.decode()
    assert "Welcome! This is your own page." in page
    assert reverse("questions:list", args=[kees.pk]) in page


def test_fatima_withdraws_the_open_invitation_from_his_page(
    client, fatima, kees, django_capture_on_commit_callbacks
):
    invitation = invite(fatima, kees, django_capture_on_commit_callbacks)
    token = token_in(mail.outbox[0])
    sign_in(client, fatima)
    page = client.get(invite_url(kees)).content.decode()
    assert reverse("accounts:invitation_revoke", args=[invitation.pk]) in page

    response = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))

    assert response.url == invite_url(kees)
    assert not Invitation.objects.exists()
    with pytest.raises(services.InvitationNotFound):
        services.invitation_accept(token=token, username="kees", password=PASSWORD)


def test_a_relative_with_consent_cannot_withdraw_his_invitation(
    client, fatima, kees, django_capture_on_commit_callbacks
):
    invitation = invite(fatima, kees, django_capture_on_commit_callbacks)
    anja = UserFactory(relative=True)
    ConsentGrantFactory(participant=kees, grantee_user=anja, scope=ConsentScope.PROFILE)
    sign_in(client, anja)

    response = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))

    assert response.status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_no_invitation_to_an_address_that_already_has_an_account(fatima, kees):
    UserFactory(email=KEES_MAIL.upper())
    with pytest.raises(ValidationError, match="already an account"):
        participant_services.participant_account_invite(participant=kees, by=fatima)
    assert not Invitation.objects.exists()
