"""A coordinator or administrator invites someone by e-mail; the link creates their account
once, with the role and organisations chosen for them."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.accounts import permissions, services
from steunsysteem.accounts.constants import AuditAction, Role
from steunsysteem.accounts.models import AuditEntry, Invitation, User
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory

from .factories import InvitationFactory
from .two_factor import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NEW_PASSWORD = "zonnebloem-aan-de-rivier"


@pytest.fixture
def coordinator():
    return UserFactory(username="kees", coordinator=True)


def accept_url(token):
    return reverse("accounts:invitation_accept", args=[token])


def link_in(message) -> str:
    (link,) = re.findall(r"https?://\S+", message.body)
    return link


def invite(coordinator, **overrides):
    arguments = {"email": "noor@example.org", "role": Role.PROFESSIONAL, "organizations": []}
    arguments.update(overrides)
    return services.invitation_create(**arguments, by=coordinator)


# Who may invite whom


@pytest.mark.parametrize(
    "role, allowed",
    [
        (Role.PARTICIPANT, True),
        (Role.RELATIVE, True),
        (Role.PROFESSIONAL, True),
        (Role.PROVIDER_EDITOR, True),
        (Role.VOLUNTEER, True),
        (Role.COORDINATOR, False),
        (Role.POLICY_OFFICER, False),
        (Role.ADMINISTRATOR, False),
    ],
)
def test_a_coordinator_invites_the_people_of_the_network_but_not_staff(role, allowed):
    assert permissions.can_invite(UserFactory(coordinator=True), role) is allowed


@pytest.mark.parametrize("role", Role.values)
def test_an_administrator_invites_every_role(role):
    assert permissions.can_invite(UserFactory(role=Role.ADMINISTRATOR), role)


@pytest.mark.parametrize(
    "inviter_role",
    [r for r in Role.values if r not in {Role.COORDINATOR, Role.ADMINISTRATOR}],
)
def test_nobody_else_invites_anyone(inviter_role):
    inviter = UserFactory(role=inviter_role)
    assert not any(permissions.can_invite(inviter, role) for role in Role.values)


def test_an_inactive_coordinator_invites_nobody():
    assert not permissions.can_invite(UserFactory(coordinator=True, is_active=False), Role.RELATIVE)


# Creating an invitation


def test_the_invitation_mail_holds_only_the_link_and_its_end_date(
    coordinator, settings, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(name="GGZ Partistad")
    coordinator.organizations.add(organization)

    with freeze_time("2026-03-02 10:00"), django_capture_on_commit_callbacks(execute=True):
        invitation = invite(coordinator, organizations=[organization])

    (message,) = mail.outbox
    assert message.to == ["noor@example.org"]
    link = link_in(message)
    assert link.startswith(settings.SITE_URL + "/accounts/uitnodiging/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == Invitation.hash_token(token)
    assert token not in str(Invitation.objects.values().get())
    assert "9 March 2026" in message.body
    for private in ["kees", "GGZ Partistad", "professional", "Professional"]:
        assert private not in message.body
    assert list(invitation.organizations.all()) == [organization]
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="accounts.invitation", object_id=str(invitation.pk)
    ).exists()


def test_no_mail_leaves_when_the_transaction_is_rolled_back(coordinator):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invitation_create(
            email="noor@example.org", role=Role.RELATIVE, organizations=[], by=coordinator
        )
        raise RuntimeError("something else failed")

    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_the_validity_comes_from_the_environment(coordinator, settings):
    settings.INVITATION_VALID_DAYS = 2

    invitation = invite(coordinator)

    assert invitation.expires_at - invitation.created_at == timedelta(days=2)


def test_a_coordinator_cannot_invite_an_administrator(coordinator):
    with pytest.raises(PermissionDenied):
        invite(coordinator, role=Role.ADMINISTRATOR)
    assert not Invitation.objects.exists()


# Into which organisations (issue 9, finding 3): a membership opens what participants shared
# with the organisation, so a coordinator hands out only the ones they hold themselves.


@pytest.fixture
def own_and_other(coordinator):
    own = OrganizationFactory(name="Buurtteam Noord")
    coordinator.organizations.add(own)
    return own, OrganizationFactory(name="GGZ Partistad")


def test_a_coordinator_invites_into_their_own_organisation(coordinator, own_and_other):
    own, _other = own_and_other

    invitation = invite(coordinator, organizations=[own])

    assert list(invitation.organizations.all()) == [own]


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.VOLUNTEER, Role.PROVIDER_EDITOR])
def test_a_coordinator_cannot_invite_into_an_organisation_they_do_not_belong_to(
    coordinator, own_and_other, role
):
    own, other = own_and_other

    with pytest.raises(PermissionDenied, match="organisation you work for yourself"):
        invite(coordinator, role=role, organizations=[own, other])

    assert not Invitation.objects.exists()
    assert not AuditEntry.objects.filter(object_type="accounts.invitation").exists()


def test_an_administrator_invites_into_any_organisation(own_and_other):
    administrator = UserFactory(role=Role.ADMINISTRATOR)

    invitation = invite(administrator, organizations=list(own_and_other))

    assert invitation.organizations.count() == 2


def test_the_form_offers_a_coordinator_only_their_own_organisations(
    client, coordinator, own_and_other
):
    own, other = own_and_other
    sign_in(client, coordinator)

    page = client.get(reverse("accounts:invitation_create"))
    refused = client.post(
        reverse("accounts:invitation_create"),
        {"email": "noor@example.org", "role": Role.PROFESSIONAL, "organizations": [other.pk]},
    )

    assert list(page.context["form"].fields["organizations"].queryset) == [own]
    assert "GGZ Partistad" not in page.content.decode()
    assert "an administrator can invite" in page.content.decode()
    assert refused.status_code == 200
    assert "organizations" in refused.context["form"].errors
    assert not Invitation.objects.exists()


def test_the_form_offers_an_administrator_every_organisation(client, own_and_other):
    administrator = UserFactory(administrator=True)
    sign_in(client, administrator)

    page = client.get(reverse("accounts:invitation_create"))

    assert set(page.context["form"].fields["organizations"].queryset) == set(own_and_other)
    assert "an administrator can invite" not in page.content.decode()


def test_the_database_refuses_an_invitation_that_expires_before_it_is_made():
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(expires_at=timezone.now() - timedelta(days=1))


# Accepting


def test_accepting_creates_the_account_with_the_role_and_organisations_once():
    organization = OrganizationFactory()
    invitation = InvitationFactory(token="t0k3n", role=Role.VOLUNTEER, organizations=[organization])

    user = services.invitation_accept(token="t0k3n", username="noor", password=NEW_PASSWORD)

    assert user.role == Role.VOLUNTEER
    assert user.email == invitation.email
    assert list(user.organizations.all()) == [organization]
    assert user.check_password(NEW_PASSWORD)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.user == user
    entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert entry.action == AuditAction.CREATE
    assert entry.fields == sorted(["username", "email", "password", "role", "organizations"])
    assert NEW_PASSWORD not in str(entry.__dict__)
    with pytest.raises(services.InvitationAlreadyUsed):
        services.invitation_accept(token="t0k3n", username="noor2", password=NEW_PASSWORD)
    assert User.objects.filter(role=Role.VOLUNTEER).count() == 1


def test_an_expired_link_creates_nothing():
    InvitationFactory(token="oud", expired=True)

    with pytest.raises(services.InvitationExpired):
        services.invitation_accept(token="oud", username="noor", password=NEW_PASSWORD)
    assert not User.objects.filter(username="noor").exists()


def test_an_unknown_link_creates_nothing():
    with pytest.raises(services.InvitationNotFound):
        services.invitation_accept(token="verzonnen", username="noor", password=NEW_PASSWORD)


def test_a_weak_password_or_a_taken_name_is_refused():
    InvitationFactory(token="t0k3n")
    UserFactory(username="noor")

    with pytest.raises(ValidationError):
        services.invitation_accept(token="t0k3n", username="noor2", password="12345678")
    with pytest.raises(ValidationError):
        services.invitation_accept(token="t0k3n", username="Noor", password=NEW_PASSWORD)
    assert not Invitation.objects.get().accepted_at


# Pages


def test_a_coordinator_invites_through_the_form_and_sees_the_open_invitation(
    client, coordinator, django_capture_on_commit_callbacks
):
    sign_in(client, coordinator)
    form = client.get(reverse("accounts:invitation_create"))
    roles = [value for value, _label in form.context["form"].fields["role"].choices]
    assert Role.ADMINISTRATOR not in roles and Role.PROFESSIONAL in roles

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_create"),
            {"email": "noor@example.org", "role": Role.RELATIVE},
            follow=True,
        )

    assert response.redirect_chain[-1][0] == reverse("accounts:invitation_list")
    assert "noor@example.org" in response.content.decode()
    assert len(mail.outbox) == 1
    assert "no-store" in response["Cache-Control"]


def test_a_coordinator_cannot_post_a_role_outside_their_list(client, coordinator):
    sign_in(client, coordinator)

    response = client.post(
        reverse("accounts:invitation_create"), {"email": "x@example.org", "role": "administrator"}
    )

    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_the_list_shows_a_coordinator_only_their_own_open_invitations(client, coordinator):
    mine = InvitationFactory(invited_by=coordinator, email="mine@example.org")
    InvitationFactory(email="someone-elses@example.org")
    InvitationFactory(invited_by=coordinator, email="used@example.org", accepted=True)
    InvitationFactory(invited_by=coordinator, email="old@example.org", expired=True)
    sign_in(client, coordinator)

    listed = list(client.get(reverse("accounts:invitation_list")).context["invitations"])

    assert listed == [mine]


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.PROVIDER_EDITOR, Role.PARTICIPANT])
def test_others_have_no_invitation_pages(client, role):
    sign_in(client, UserFactory(role=role))

    assert client.get(reverse("accounts:invitation_create")).status_code == 403
    assert client.get(reverse("accounts:invitation_list")).status_code == 403


def test_the_new_professional_chooses_a_name_and_password_then_sets_up_two_factor(client):
    InvitationFactory(token="t0k3n", role=Role.PROFESSIONAL)

    page = client.get(accept_url("t0k3n"))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    response = client.post(
        accept_url("t0k3n"),
        {"username": "noor", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.url == reverse("accounts:two_factor_setup")
    assert client.get(reverse("login")).wsgi_request.user.username == "noor"


def test_a_new_participant_goes_to_their_account_page(client):
    InvitationFactory(token="t0k3n", role=Role.PARTICIPANT)

    response = client.post(
        accept_url("t0k3n"),
        {"username": "janny", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.url == reverse("accounts:account")


def test_the_accept_page_shows_the_password_rules_and_refuses_a_weak_one(client):
    InvitationFactory(token="t0k3n")

    response = client.post(
        accept_url("t0k3n"), {"username": "noor", "password1": "noor", "password2": "noor"}
    )

    html = response.content.decode()
    assert "at least 12 characters" in html
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(username="noor").exists()


@pytest.mark.parametrize(
    "traits, status, text",
    [
        ({"expired": True}, 410, "This invitation link has expired."),
        ({"accepted": True}, 410, "This invitation link has already been used."),
    ],
)
def test_a_link_that_no_longer_works_shows_a_calm_page(client, traits, status, text):
    InvitationFactory(token="t0k3n", **traits)

    response = client.get(accept_url("t0k3n"))

    assert response.status_code == status
    html = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{text}</h1>' in html
    assert "Ask the person who invited you" in html
    assert 'name="password1"' not in html


def test_an_unknown_link_shows_the_same_calm_page(client):
    response = client.get(accept_url("verzonnen"))

    assert response.status_code == 404
    assert "Ask the person who invited you" in response.content.decode()


# One open invitation per address, and withdrawing one


def test_inviting_an_address_with_an_open_invitation_is_refused_and_says_until_when(coordinator):
    with freeze_time("2026-03-02 10:00"):
        invite(coordinator, email="noor@example.org")
        with pytest.raises(ValidationError, match="still open, until 9 March 2026"):
            invite(coordinator, email="Noor@Example.org ")
    assert Invitation.objects.count() == 1


def test_an_address_whose_invitation_expired_can_be_invited_again(coordinator):
    InvitationFactory(email="noor@example.org", expired=True)
    invite(coordinator, email="noor@example.org")
    assert Invitation.objects.open().filter(email="noor@example.org").count() == 1


def test_inviting_an_address_that_has_an_account_is_refused(coordinator):
    UserFactory(email="noor@example.org")
    with pytest.raises(ValidationError, match="already an account"):
        invite(coordinator, email="noor@example.org")
    assert not Invitation.objects.exists()


def test_the_form_shows_the_refusal_at_the_address(client, coordinator):
    invite(coordinator, email="noor@example.org")
    sign_in(client, coordinator)

    response = client.post(
        reverse("accounts:invitation_create"),
        {"email": "noor@example.org", "role": Role.RELATIVE},
    )

    assert response.status_code == 200
    assert "still open" in str(response.context["form"].errors["email"])
    assert Invitation.objects.count() == 1


def test_a_coordinator_withdraws_their_invitation_and_its_link_stops(client, coordinator):
    invitation = InvitationFactory(token="weg-ermee", invited_by=coordinator)
    sign_in(client, coordinator)

    response = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]), follow=True)

    assert "Its link no longer works." in response.content.decode()
    assert not Invitation.objects.exists()
    assert client.get(accept_url("weg-ermee")).status_code == 404
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_type="accounts.invitation", object_id=str(invitation.pk)
    ).exists()


def test_the_list_offers_withdrawing_each_open_invitation(client, coordinator):
    invitation = InvitationFactory(invited_by=coordinator)
    sign_in(client, coordinator)

    page = client.get(reverse("accounts:invitation_list")).content.decode()

    assert reverse("accounts:invitation_revoke", args=[invitation.pk]) in page


def test_a_coordinator_cannot_withdraw_another_coordinators_invitation(client, coordinator):
    invitation = InvitationFactory()  # sent by another coordinator
    sign_in(client, coordinator)

    response = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))

    assert response.status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_used_invitation_cannot_be_withdrawn(coordinator):
    invitation = InvitationFactory(accepted=True, invited_by=coordinator)
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(invitation=invitation, by=coordinator)
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_withdrawing_needs_a_post(client, coordinator):
    invitation = InvitationFactory(invited_by=coordinator)
    sign_in(client, coordinator)
    response = client.get(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 405
