"""Werktafels (worktables): who sits at one, runs it, seats members and completes actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from ..constants import CASEWORKER_ROLES, Role
from .consent import is_active

if TYPE_CHECKING:
    from ..models import User


def worktables_of(user: User):
    """The werktafels this user sits at (none for an inactive account)."""
    from steunsysteem.worktables.models import Worktable

    if not is_active(user):
        return Worktable.objects.none()
    return Worktable.objects.with_member(user)


def can_view_worktable(user: User, worktable) -> bool:
    """Members of a werktafel see its meetings and agendas."""
    return worktables_of(user).filter(pk=worktable.pk).exists()


def can_view_agenda_item(user: User, item) -> bool:
    """An agenda item, and for a theme or a case without a participant its description, is
    for the members of the item's werktafel only. A question's own words need the person's
    consent to the table as well (``participant_access`` through ``authorize_participant``)."""
    return can_view_worktable(user, item.meeting.worktable)


def can_run_worktable(user: User, worktable) -> bool:
    """A coordinator at the table prepares, runs and closes its meetings."""
    return is_active(user) and user.role == Role.COORDINATOR and can_view_worktable(user, worktable)


# A seat at a werktafel opens every question participants shared with the table, so only
# the roles that work on cases get one: professionals and coordinators. A volunteer sees only
# what their one match needs, a relative is there for one person, a policy officer sees
# figures only, and a provider editor or an administrator sees no participant at all.
WORKTABLE_SEAT_ROLES = CASEWORKER_ROLES


def can_sit_at_worktable(user: User) -> bool:
    """An active professional or coordinator account may be given a seat at a werktafel."""
    return is_active(user) and user.role in WORKTABLE_SEAT_ROLES


def can_manage_worktable_members(user: User, worktable) -> bool:
    """Whoever runs the table (a coordinator at it) seats members, changes their role at
    the table, takes them off, and keeps the table's mailing list."""
    return can_run_worktable(user, worktable)


def worktable_seat_candidates(user: User, worktable):
    """The accounts a chair may pick from a list: active professionals and coordinators who
    work for an organisation that someone at the table (the chair too) works for; those who
    sit at it already among them. Nobody else is listed; for anyone else the chair types an
    exact address or user name (``worktable_seat_lookup``)."""
    from ..models import Membership, User

    if not can_manage_worktable_members(user, worktable):
        return User.objects.none()
    organizations = Membership.objects.filter(user__worktables=worktable).values("organization_id")
    return User.objects.filter(
        is_active=True,
        role__in=WORKTABLE_SEAT_ROLES,
        pk__in=Membership.objects.filter(organization_id__in=organizations).values("user_id"),
    ).order_by("first_name", "last_name", "username")


def worktable_seat_lookup(user: User, worktable, text: str) -> User | None:
    """An exact search for someone to seat: the one active professional or coordinator whose
    e-mail address or user name is exactly ``text`` (capitals aside).

    Everyone else gives the same None as an address without any account: a participant, a
    relative, a volunteer, an inactive account, or an address two accounts share. So the
    search never tells whether someone has an account, let alone that they take part."""
    from ..models import User

    text = text.strip()
    if not text or not can_manage_worktable_members(user, worktable):
        return None
    found = list(
        User.objects.filter(is_active=True, role__in=WORKTABLE_SEAT_ROLES).filter(
            Q(email__iexact=text) | Q(username__iexact=text)
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def can_complete_action(user: User, action) -> bool:
    """The owner of an action, or whoever runs the table, marks it done."""
    if not is_active(user):
        return False
    if action.owner_id == user.pk:
        return True
    item = action.agenda_item
    return item is not None and can_run_worktable(user, item.meeting.worktable)
