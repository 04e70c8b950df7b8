"""Telephone circles (telefooncirkels)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from ..constants import ConsentScope, Role
from ..models import User as UserModel
from .buddies import buddy_projects_of
from .consent import access_rests_on_consent, is_active

if TYPE_CHECKING:
    from steunsysteem.participants.models import Participant

    from ..models import User


def can_run_circles(user: User) -> bool:
    """Coordinators form telephone circles, keep their order and absences, and follow up a
    missed call."""
    return is_active(user) and user.role == Role.COORDINATOR


def can_run_circle(user: User, circle) -> bool:
    """The coordinator the circle's last caller calls runs it."""
    return can_run_circles(user) and circle.coordinator_id == user.pk


def circle_member_of(user: User, circle):
    """The user's own place in the circle (a participant through their own record, a
    volunteer through their account), or None."""
    if not is_active(user):
        return None
    return circle.members.active().for_user(user).first()


def can_view_circle(user: User, circle) -> bool:
    """The coordinator who runs it, and each member of it (who sees only their neighbours)."""
    return can_run_circle(user, circle) or circle_member_of(user, circle) is not None


def can_be_circle_member(participant: Participant, circle) -> bool:
    """A participant is in a circle only while their consent for basic details to the
    circle's coordinator is in force: the neighbours see their first name and number."""
    coordinator = circle.coordinator
    return access_rests_on_consent(coordinator, participant, ConsentScope.PROFILE)


def circle_volunteers(circle):
    """The volunteers the circle's coordinator may add: active volunteer accounts of the
    coordinator's own organisation(s), the ones they work for and the maatjesprojects they
    coordinate. A volunteer of another organisation is not theirs to place (or to learn
    about)."""
    coordinator = circle.coordinator
    own = Q(organizations__in=coordinator.organizations.all()) | Q(
        organizations__in=buddy_projects_of(coordinator)
    )
    return (
        UserModel.objects.filter(own, role=Role.VOLUNTEER, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def can_be_circle_volunteer(volunteer: User, circle) -> bool:
    """A volunteer joins a circle only when they volunteer for an organisation of the
    circle's coordinator (see ``circle_volunteers``)."""
    return circle_volunteers(circle).filter(pk=volunteer.pk).exists()


def circles_of(user: User):
    """The circles this user sees: the ones they run, and the ones they are in."""
    from steunsysteem.circles.models import Circle

    if not is_active(user):
        return Circle.objects.none()
    run = Q(coordinator=user) if can_run_circles(user) else Q(pk__in=[])
    member_of = Circle.objects.filter(members__in=_member_rows(user)).values("pk")
    return Circle.objects.filter(run | Q(pk__in=member_of)).distinct()


def _member_rows(user: User):
    from steunsysteem.circles.models import CircleMember

    return CircleMember.objects.active().for_user(user)
