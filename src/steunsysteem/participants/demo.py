"""Partistad demo participants (the personas Janny, Nuray and Mark) and their consent.

Made through the services, as real users do it: Janny starts her own page and gives her
consent herself; Fatima (hulpverlener) registers Nuray and Mark with the consent they gave
her, and records their further consent. Consent dates are counted from the day of loading,
so the demo always shows grants in force, one withdrawn, one that ended and one that waits
for Janny's yes. A persona that exists already is left as it is: loading twice adds nothing.
"""

import datetime as dt
import json
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from steunsysteem.accounts.models import ConsentGrant, User
from steunsysteem.accounts.services import consent_grant, consent_withdraw
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import District, Organization
from steunsysteem.worktables.models import Worktable

from . import services
from .models import LadderPosition, Participant

DATA = Path(__file__).parent / "demo_data" / "participants.json"


def _people() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def persona(slug: str) -> Participant:
    """A demo persona: Janny by her account, the others by the name Fatima registered them
    under (the oldest such record, should someone trying the demo register another Mark)."""
    item = next(item for item in _people() if item["slug"] == slug)
    found = _find(item)
    if found is None:
        raise Participant.DoesNotExist(f"demo persona {slug!r} is not loaded")
    return found


def _find(item: dict) -> Participant | None:
    if "account" in item:
        return Participant.objects.filter(user__username=item["account"]).first()
    return (
        Participant.objects.filter(name=item["name"], created_by__username=item["registered_by"])
        .order_by("created_at")
        .first()
    )


def _grantee(target: dict) -> User | Organization | Worktable:
    if "user" in target:
        return User.objects.get(username=target["user"])
    if "organization" in target:
        return Organization.objects.get(pk=demo_id("organization", target["organization"]))
    return Worktable.objects.get(name=target["worktable"])


def _dates(spec: dict) -> tuple[int, dt.timedelta]:
    """How many days ago the consent was given, and how long it lasts (at most
    ``CONSENT_MAX_DAYS``, as every grant)."""
    days_ago = 2 if spec.get("awaiting_confirmation", False) else 60
    given_on = timezone.localdate() - dt.timedelta(days=days_ago)
    ends_on = min(
        given_on + relativedelta(months=spec["months"]),
        given_on + dt.timedelta(days=settings.CONSENT_MAX_DAYS),
    )
    return days_ago, ends_on - given_on


def load_consent(participant: Participant, spec: dict, by: User, *, registering=False) -> int:
    """The grants of one spec, through ``consent_grant`` (and ``consent_withdraw``)."""
    days_ago, lasts = _dates(spec)
    recorded_by = User.objects.get(username=spec["recorded_by"]) if "recorded_by" in spec else by
    if registering:
        grants = participant.consent_grants.all()
    else:
        grants = consent_grant(
            participant=participant,
            grantee=_grantee(spec["to"]),
            scopes=spec["scopes"],
            ends_on=timezone.localdate() + lasts,
            source=spec["source"],
            by=recorded_by,
        )
    if "withdrawn_days_ago" in spec:
        for grant in grants:
            consent_withdraw(grant=grant, by=recorded_by)
    _move_back(grants, days=days_ago, withdrawn_days_ago=spec.get("withdrawn_days_ago"))
    return len(spec["scopes"])


def _move_back(grants, *, days: int, withdrawn_days_ago: int | None) -> None:
    """The services date a grant today; the demo's history (given two months ago, withdrawn
    or ended since) has no real-world counterpart, so its dates are moved back here."""
    shift = dt.timedelta(days=days)
    for grant in ConsentGrant.objects.filter(pk__in=[grant.pk for grant in grants]):
        grant.given_at -= shift
        grant.ends_on -= shift
        if grant.confirmed_at is not None:
            grant.confirmed_at = grant.given_at
        if withdrawn_days_ago is not None:
            grant.withdrawn_at = timezone.now() - dt.timedelta(days=withdrawn_days_ago)
        grant.save(update_fields=["given_at", "ends_on", "confirmed_at", "withdrawn_at"])


def load_progress(participant: Participant, spec: dict, recorded_by: User) -> None:
    """The goals, two ladder positions and two sets of ZRM scores, some months apart."""
    today = timezone.localdate()
    services.participant_goals_set(participant=participant, goals=spec["goals"], by=recorded_by)
    for days_ago, step in spec["ladder"]:
        services.ladder_position_record(
            participant=participant,
            step=step,
            measured_on=today - dt.timedelta(days=days_ago),
            by=recorded_by,
        )
    for days_ago, scores in spec["zrm"]:
        services.self_sufficiency_record(
            participant=participant,
            scores=scores,
            measured_on=today - dt.timedelta(days=days_ago),
            by=recorded_by,
        )


def _register(item: dict, by: User) -> Participant:
    """Janny starts her own page; Fatima registers the others with their first consent."""
    details = {
        "name": item["name"],
        "district": District.objects.get(slug=item["district"]),
        "preferred_language": item["preferred_language"],
        "contact_route": item["contact_route"],
        "contact_detail": item.get("contact_detail", ""),
    }
    if "account" in item:
        return services.participant_start_own_record(user=by, **details)
    first = item["consent"][0]
    return services.participant_register(
        **details,
        consent_to=_grantee(first["to"]),
        consent_scopes=first["scopes"],
        consent_ends_on=timezone.localdate() + _dates(first)[1],
        consent_source=first["source"],
        by=by,
    )


def load() -> str:
    people = _people()
    made = grants = 0
    for item in people:
        if _find(item) is not None:
            continue
        registered_by = User.objects.get(username=item["registered_by"])
        participant = _register(item, registered_by)
        for index, spec in enumerate(item["consent"]):
            registering = index == 0 and "account" not in item
            grants += load_consent(participant, spec, registered_by, registering=registering)
        load_progress(participant, item, registered_by)
        made += 1
    return (
        f"{made} deelnemers ingeschreven, {grants} toestemmingen"
        f" ({LadderPosition.objects.count()} stappen op de ladder)"
    )
