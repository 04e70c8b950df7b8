"""Every change of what an account may see is in the audit trail, wherever it is made.

Issue 9, finding 3: an administrator changed an account's role and organisation in the
admin, the account then saw a participant through the organisation's grants, and only
Django's (editable) admin log knew. Role, organisations, werktafels, e-mail address and
password changes are now audit entries naming the changed fields, never their values.
"""

import re

import pytest
from django.core import mail
from django.forms import MultiWidget
from django.urls import reverse

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import verify_audit_chain
from steunsysteem.accounts.constants import AuditAction, ConsentScope, Role
from steunsysteem.accounts.models import AuditEntry, User
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.worktables.models import WorktableMembership
from steunsysteem.worktables.tests.factories import WorktableFactory

from .two_factor import PASSWORD, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NEW_PASSWORD = "zonnebloem-aan-de-rivier"


def account_entries(user):
    return AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk))


def stored_text() -> str:
    return str(list(AuditEntry.objects.values_list()))


def change_form_data(response) -> dict:
    """What the admin's change page would post back unchanged: its form and inlines."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(
            {
                f"{formset.prefix}-{name}": value
                for name, value in formset.management_form.initial.items()
            }
        )
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            keys = [form.add_prefix(name)]
            if field.show_hidden_initial:
                keys.append(form.add_initial_prefix(name))
            for key in keys:
                data.update(_posted(field, key, form[name].value()))
    return data


def _posted(field, key, value) -> dict:
    if isinstance(field.widget, MultiWidget):
        parts = zip(field.widget.widgets_names, field.widget.decompress(value), strict=True)
        return {key + suffix: "" if part is None else str(part) for suffix, part in parts}
    if isinstance(value, bool):
        return {key: "on"} if value else {}
    if isinstance(value, list | tuple):
        return {key: [str(item) for item in value]}
    return {} if value is None else {key: str(value)}


def admin_save(client, user, **changes):
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


class TestTheAdministratorChangesAnAccount:
    def test_a_new_role_and_organisation_are_recorded_before_they_open_anything(
        self, admin_client, admin_user
    ):
        """The incident of finding 3, now with its entry in the trail."""
        organization = OrganizationFactory(name="GGZ Partistad")
        janny = ParticipantFactory(name="Janny")
        ConsentGrantFactory(
            participant=janny,
            grantee_user=None,
            grantee_organization=organization,
            recorded_by=admin_user,
        )
        account = UserFactory(username="nieuwe-collega", volunteer=True)
        assert not permissions.participant_access(account, janny, ConsentScope.PROFILE).allowed

        admin_save(
            admin_client,
            account,
            role=Role.PROFESSIONAL,
            **{
                "membership_set-TOTAL_FORMS": "1",
                "membership_set-0-organization": str(organization.pk),
            },
        )

        account.refresh_from_db()
        assert permissions.participant_access(account, janny, ConsentScope.PROFILE).allowed
        entry = account_entries(account).get()
        assert entry.action == AuditAction.UPDATE
        assert entry.fields == ["organizations", "role"]
        assert entry.actor_user_id == admin_user.pk
        assert verify_audit_chain().intact

    def test_removing_an_organisation_is_recorded(self, admin_client):
        organization = OrganizationFactory()
        account = UserFactory(professional=True, organizations=[organization])

        admin_save(admin_client, account, **{"membership_set-0-DELETE": "on"})

        assert not account.organizations.exists()
        assert account_entries(account).get().fields == ["organizations"]

    def test_a_new_e_mail_address_is_recorded_without_the_old_or_new_address(self, admin_client):
        account = UserFactory(username="piet", email="piet.oud@example.org", professional=True)

        admin_save(admin_client, account, email="piet.nieuw@example.org")

        assert account_entries(account).get().fields == ["email"]
        assert "piet.oud" not in stored_text() and "piet.nieuw" not in stored_text()

    def test_rights_and_being_switched_off_are_recorded(self, admin_client):
        account = UserFactory(professional=True)

        admin_save(admin_client, account, is_active="", is_staff="on")

        assert account_entries(account).get().fields == ["is_active", "is_staff"]

    def test_saving_without_a_change_records_nothing(self, admin_client):
        account = UserFactory(professional=True, organizations=[OrganizationFactory()])

        admin_save(admin_client, account)

        assert not account_entries(account).exists()

    def test_a_new_password_is_recorded_but_not_the_password(self, admin_client, admin_user):
        account = UserFactory(professional=True)
        url = reverse("admin:auth_user_password_change", args=[account.pk])

        response = admin_client.post(
            url,
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
        )

        assert response.status_code == 302
        account.refresh_from_db()
        assert account.check_password(NEW_PASSWORD)
        entry = account_entries(account).get()
        assert (entry.fields, entry.actor_user_id) == (["password"], admin_user.pk)
        assert NEW_PASSWORD not in stored_text() and account.password not in stored_text()

    def test_a_refused_password_records_nothing(self, admin_client):
        account = UserFactory(professional=True)
        url = reverse("admin:auth_user_password_change", args=[account.pk])

        response = admin_client.post(
            url, {"password1": "kort", "password2": "kort", "usable_password": "true"}
        )

        assert response.status_code == 200
        assert not account_entries(account).exists()

    def test_a_new_account_is_recorded(self, admin_client):
        response = admin_client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "nieuw",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
                "usable_password": "true",
                "membership_set-TOTAL_FORMS": "0",
                "membership_set-INITIAL_FORMS": "0",
            },
        )

        assert response.status_code == 302
        account = User.objects.get(username="nieuw")
        entry = account_entries(account).get()
        assert entry.action == AuditAction.CREATE
        assert entry.fields == ["password", "username"]
        assert NEW_PASSWORD not in stored_text()

    def test_a_removed_account_is_recorded(self, admin_client):
        account = UserFactory(professional=True)
        pk = account.pk

        admin_client.post(reverse("admin:accounts_user_delete", args=[pk]), {"post": "yes"})

        assert not User.objects.filter(pk=pk).exists()
        entry = AuditEntry.objects.get(object_type="accounts.user", object_id=str(pk))
        assert entry.action == AuditAction.DELETE


class TestWerktafelMembership:
    """A seat at a werktafel opens what participants shared with the table."""

    def worktable_form(self, client, worktable):
        url = reverse("admin:worktables_worktable_change", args=[worktable.pk])
        return url, change_form_data(client.get(url))

    def test_a_new_member_is_recorded_on_their_account(self, admin_client, admin_user):
        worktable = WorktableFactory()
        member = UserFactory(professional=True)
        url, data = self.worktable_form(admin_client, worktable)
        prefix = "worktablemembership_set"
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-user": str(member.pk)})
        data[f"{prefix}-0-role"] = "core"

        assert admin_client.post(url, data).status_code == 302

        assert worktable.members.filter(pk=member.pk).exists()
        entry = account_entries(member).get()
        assert (entry.fields, entry.actor_user_id) == (["worktables"], admin_user.pk)

    def test_a_member_who_leaves_is_recorded(self, admin_client):
        member = UserFactory(professional=True)
        worktable = WorktableFactory(members=[member])
        url, data = self.worktable_form(admin_client, worktable)
        data["worktablemembership_set-0-DELETE"] = "on"

        assert admin_client.post(url, data).status_code == 302

        assert not worktable.members.exists()
        assert account_entries(member).get().fields == ["worktables"]

    def test_a_seat_handed_to_someone_else_is_recorded_for_both(self, admin_client):
        leaving, arriving = UserFactory(professional=True), UserFactory(professional=True)
        worktable = WorktableFactory(members=[leaving])
        url, data = self.worktable_form(admin_client, worktable)
        data["worktablemembership_set-0-user"] = str(arriving.pk)

        assert admin_client.post(url, data).status_code == 302

        assert list(worktable.members.all()) == [arriving]
        assert account_entries(leaving).count() == 1
        assert account_entries(arriving).count() == 1

    def test_a_removed_werktafel_is_recorded_for_each_member(self, admin_client):
        members = [UserFactory(professional=True), UserFactory(coordinator=True)]
        worktable = WorktableFactory(members=members)

        admin_client.post(
            reverse("admin:worktables_worktable_delete", args=[worktable.pk]), {"post": "yes"}
        )

        assert not WorktableMembership.objects.exists()
        for member in members:
            assert account_entries(member).get().fields == ["worktables"]

    def chaired_table(self):
        chair = UserFactory(coordinator=True)
        worktable = WorktableFactory()
        WorktableMembership.objects.create(worktable=worktable, user=chair, role="chair")
        return worktable, chair

    def test_the_last_chair_cannot_be_taken_off_in_the_admin(self, admin_client):
        worktable, chair = self.chaired_table()
        url, data = self.worktable_form(admin_client, worktable)
        data["worktablemembership_set-0-DELETE"] = "on"

        response = admin_client.post(url, data)

        assert response.status_code == 200
        assert "A werktafel needs a chair." in response.content.decode()
        assert list(worktable.members.all()) == [chair]
        assert not account_entries(chair).exists()

    def test_the_last_chair_cannot_become_a_core_member_in_the_admin(self, admin_client):
        worktable, chair = self.chaired_table()
        url, data = self.worktable_form(admin_client, worktable)
        data["worktablemembership_set-0-role"] = "core"

        assert admin_client.post(url, data).status_code == 200

        assert WorktableMembership.objects.get(user=chair).role == "chair"

    def test_the_chair_can_be_handed_to_another_coordinator_in_the_admin(self, admin_client):
        worktable, chair = self.chaired_table()
        successor = UserFactory(coordinator=True)
        url, data = self.worktable_form(admin_client, worktable)
        prefix = "worktablemembership_set"
        data.update({f"{prefix}-0-DELETE": "on", f"{prefix}-TOTAL_FORMS": "2"})
        data.update({f"{prefix}-1-user": str(successor.pk), f"{prefix}-1-role": "chair"})

        assert admin_client.post(url, data).status_code == 302

        assert list(worktable.members.all()) == [successor]

    def test_only_a_coordinator_chairs_in_the_admin(self, admin_client):
        worktable = WorktableFactory()
        professional = UserFactory(professional=True)
        url, data = self.worktable_form(admin_client, worktable)
        prefix = "worktablemembership_set"
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-user": str(professional.pk)})
        data[f"{prefix}-0-role"] = "chair"

        response = admin_client.post(url, data)

        assert "Only a coordinator can chair a werktafel." in response.content.decode()
        assert not worktable.members.exists()

    @pytest.mark.parametrize("role", ["volunteer", "relative", "policy_officer", "editor"])
    def test_only_caseworkers_get_a_seat_in_the_admin(self, admin_client, role):
        worktable = WorktableFactory()
        account = UserFactory(**{role: True})
        url, data = self.worktable_form(admin_client, worktable)
        prefix = "worktablemembership_set"
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-user": str(account.pk)})
        data[f"{prefix}-0-role"] = "core"

        response = admin_client.post(url, data)

        assert "Only professionals and coordinators can sit at a werktafel." in (
            response.content.decode()
        )
        assert not worktable.members.exists()

    def test_renaming_a_werktafel_records_no_membership_change(self, admin_client):
        member = UserFactory(professional=True)
        worktable = WorktableFactory(members=[member])
        url, data = self.worktable_form(admin_client, worktable)
        data["name"] = "Werktafel Noord"

        assert admin_client.post(url, data).status_code == 302

        assert not account_entries(member).exists()


class TestPasswordsOnTheSite:
    def test_changing_ones_own_password_is_recorded(self, client):
        user = UserFactory(professional=True)
        sign_in(client, user)

        client.post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )

        entry = account_entries(user).get()
        assert (entry.action, entry.fields, entry.actor_user_id) == (
            AuditAction.UPDATE,
            ["password"],
            user.pk,
        )
        assert NEW_PASSWORD not in stored_text()

    def test_a_wrong_old_password_records_nothing(self, client):
        user = UserFactory()
        sign_in(client, user)

        client.post(
            reverse("password_change"),
            {"old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )

        assert not account_entries(user).exists()

    def test_a_password_set_through_the_reset_link_is_recorded(self, client):
        user = UserFactory(email="janny@example.org")
        client.post(reverse("password_reset"), {"email": "janny@example.org"})
        (link,) = re.findall(r"https?://\S+", mail.outbox[0].body)
        form_page = client.get(link, follow=True)
        set_password_url = form_page.redirect_chain[-1][0]

        client.post(
            set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )

        user.refresh_from_db()
        assert user.check_password(NEW_PASSWORD)
        entry = account_entries(user).get()
        assert (entry.fields, entry.actor_user_id) == (["password"], user.pk)
        assert "janny" not in stored_text()
