"""Who sits at the table, and who gets its minutes.

A seat opens what participants shared with the table, so every change of one is an entry on
the member's account, the way the admin records it (``account_change_record``). A
mailing-list address gets only the minutes, which name no one; its changes are entries on the
werktafel. Each change locks the table's row, so two chairs working at the same time cannot
together take away its last chair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts import permissions
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, Role
from steunsysteem.accounts.services import account_change_record

from ..constants import WorktableRole
from ..models import (
    MailingListEntry,
    Worktable,
    WorktableMembership,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from steunsysteem.accounts.models import User


class MembershipError(Exception):
    """A change to a table's members or mailing list that cannot be made; the message says
    why."""


def _locked_worktable(worktable: Worktable) -> Worktable:
    return Worktable.objects.select_for_update().get(pk=worktable.pk)


def _check_role(user: User, role: str) -> None:
    if role not in WorktableRole.values:
        raise MembershipError(_("Choose a role at the table."))
    if role == WorktableRole.CHAIR and user.role != Role.COORDINATOR:
        raise MembershipError(_("Only a coordinator can chair a werktafel."))


def _is_last_chair(membership: WorktableMembership) -> bool:
    return (
        membership.role == WorktableRole.CHAIR
        and not WorktableMembership.objects.filter(
            worktable_id=membership.worktable_id, role=WorktableRole.CHAIR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def worktable_member_add(
    *,
    worktable: Worktable,
    user: User,
    role: str,
    by: User,
    request: HttpRequest | None = None,
) -> WorktableMembership:
    """Give a professional or coordinator a seat at the table, in a role."""
    if not permissions.can_sit_at_worktable(user):
        raise MembershipError(_("Only professionals and coordinators can sit at a werktafel."))
    _check_role(user, role)
    with transaction.atomic():
        worktable = _locked_worktable(worktable)
        if WorktableMembership.objects.filter(worktable=worktable, user=user).exists():
            raise MembershipError(
                _("%(name)s already sits at this werktafel.")
                % {"name": user.get_full_name() or user.username}
            )
        membership = WorktableMembership.objects.create(worktable=worktable, user=user, role=role)
        account_change_record(user=user, fields=["worktables"], by=by, request=request)
    return membership


def worktable_member_role_change(
    *,
    membership: WorktableMembership,
    role: str,
    by: User,
    request: HttpRequest | None = None,
) -> WorktableMembership:
    """Change someone's role at the table. The last chair stays chair until another one is
    chosen. The same role again changes and records nothing."""
    with transaction.atomic():
        _locked_worktable(membership.worktable)
        membership = WorktableMembership.objects.select_related("user").get(pk=membership.pk)
        if membership.role == role:
            return membership
        _check_role(membership.user, role)
        if _is_last_chair(membership):
            raise MembershipError(
                _("A werktafel needs a chair. First make someone else chair, then change this.")
            )
        membership.role = role
        membership.save(update_fields=["role"])
        account_change_record(user=membership.user, fields=["worktables"], by=by, request=request)
    return membership


def worktable_member_remove(
    *, membership: WorktableMembership, by: User, request: HttpRequest | None = None
) -> None:
    """Take someone off the table: what participants shared with the table closes for them
    at once. The last chair cannot be taken off."""
    with transaction.atomic():
        _locked_worktable(membership.worktable)
        locked = WorktableMembership.objects.select_related("user").filter(pk=membership.pk).first()
        if locked is None:
            return
        if _is_last_chair(locked):
            raise MembershipError(
                _(
                    "A werktafel needs a chair. First make someone else chair, then take this"
                    " one off."
                )
            )
        locked.delete()
        account_change_record(user=locked.user, fields=["worktables"], by=by, request=request)


def mailing_list_add(
    *, worktable: Worktable, email: str, by: User, request: HttpRequest | None = None
) -> MailingListEntry:
    """Put a work address on the table's mailing list (it gets the minutes). Addresses are
    kept in small letters, so the same address is never on the list twice."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise MembershipError(_("Fill in a valid e-mail address.")) from error
    with transaction.atomic():
        worktable = _locked_worktable(worktable)
        if worktable.mailing_list.filter(email__iexact=email).exists():
            raise MembershipError(_("%(email)s is already on the mailing list.") % {"email": email})
        if worktable.members.filter(email__iexact=email).exists():
            raise MembershipError(
                _("Someone at the table has the address %(email)s: they get the minutes already.")
                % {"email": email}
            )
        entry = MailingListEntry.objects.create(worktable=worktable, email=email)
        audit_record(
            actor=by,
            action=AuditAction.CREATE,
            obj=worktable,
            fields=["mailing_list"],
            request=request,
        )
    return entry


def mailing_list_remove(
    *, entry: MailingListEntry, by: User, request: HttpRequest | None = None
) -> None:
    """Take an address off the mailing list; it gets no more minutes."""
    with transaction.atomic():
        worktable = _locked_worktable(entry.worktable)
        deleted, _rows = MailingListEntry.objects.filter(pk=entry.pk).delete()
        if deleted:
            audit_record(
                actor=by,
                action=AuditAction.DELETE,
                obj=worktable,
                fields=["mailing_list"],
                request=request,
            )
