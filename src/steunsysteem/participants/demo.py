"""Partistad demo participants (the personas Janny, Nuray and Mark) and their consent.

Consent dates are counted from the day of loading, so the demo always shows grants in
force, one withdrawn, one that ended and one that waits for Janny's yes.
"""

import datetime as dt
import json
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils import timezone

from steunsysteem.accounts.models import ConsentGrant, User
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import District, Organization
from steunsysteem.worktables.models import Worktable

from .models import LadderPosition, Participant, SelfSufficiencyRating

DATA = Path(__file__).parent / "demo_data" / "participants.json"


def _grantee(target: dict) -> dict:
    if "user" in target:
        return {"grantee_user": User.objects.get(username=target["user"])}
    if "organization" in target:
        return {
            "grantee_organization": Organization.objects.get(
                pk=demo_id("organization", target["organization"])
            )
        }
    return {"grantee_worktable": Worktable.objects.get(name=target["worktable"])}


def load_consent(participant: Participant, spec: dict, registered_by: User) -> int:
    """The grants of one spec, within ``CONSENT_MAX_DAYS`` of the day they were given, as
    every new grant must be. Confirmed when given, unless the spec says the grant was
    recorded by someone else and still waits for the participant's yes."""
    now = timezone.now()
    awaiting = spec.get("awaiting_confirmation", False)
    given_at = now - dt.timedelta(days=2 if awaiting else 60)
    given_on = timezone.localdate(given_at)
    ends_on = min(
        given_on + relativedelta(months=spec["months"]),
        given_on + dt.timedelta(days=settings.CONSENT_MAX_DAYS),
    )
    recorded_by = (
        User.objects.get(username=spec["recorded_by"]) if "recorded_by" in spec else registered_by
    )
    withdrawn_at = (
        now - dt.timedelta(days=spec["withdrawn_days_ago"])
        if "withdrawn_days_ago" in spec
        else None
    )
    for scope in spec["scopes"]:
        ConsentGrant.objects.update_or_create(
            participant=participant,
            scope=scope,
            source=spec["source"],
            **_grantee(spec["to"]),
            defaults={
                "given_at": given_at,
                "ends_on": ends_on,
                "recorded_by": recorded_by,
                "confirmed_at": None if awaiting else given_at,
                "confirmed_by": None if awaiting else recorded_by,
                "withdrawn_at": withdrawn_at,
                "withdrawn_by": recorded_by if withdrawn_at else None,
            },
        )
    return len(spec["scopes"])


def load_progress(participant: Participant, spec: dict, recorded_by: User) -> None:
    """Two ladder positions and two sets of ZRM scores, some months apart."""
    today = timezone.localdate()
    for days_ago, step in spec["ladder"]:
        LadderPosition.objects.update_or_create(
            participant=participant,
            measured_on=today - dt.timedelta(days=days_ago),
            defaults={"step": step, "recorded_by": recorded_by},
        )
    for days_ago, scores in spec["zrm"]:
        for domain, score in scores.items():
            SelfSufficiencyRating.objects.update_or_create(
                participant=participant,
                domain=domain,
                measured_on=today - dt.timedelta(days=days_ago),
                defaults={"score": score, "recorded_by": recorded_by},
            )


def load() -> str:
    people = json.loads(DATA.read_text(encoding="utf-8"))
    grants = 0
    for item in people:
        registered_by = User.objects.get(username=item["registered_by"])
        participant, _ = Participant.objects.update_or_create(
            id=demo_id("participant", item["slug"]),
            defaults={
                "name": item["name"],
                "user": User.objects.filter(username=item.get("account", "")).first(),
                "district": District.objects.get(slug=item["district"]),
                "preferred_language": item["preferred_language"],
                "contact_route": item["contact_route"],
                "contact_detail": item.get("contact_detail", ""),
                "created_by": registered_by,
                "life_goals": sorted(item["goals"]),
            },
        )
        load_progress(participant, item, registered_by)
        grants += sum(load_consent(participant, spec, registered_by) for spec in item["consent"])
    return f"{len(people)} deelnemers, {grants} toestemmingen"
