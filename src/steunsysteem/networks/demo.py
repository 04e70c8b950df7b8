"""Partistad demo networks for Janny, Nuray and Mark: the network now, and two snapshots
(intake about eight months ago, a half-yearly conversation two months ago) that show it grew."""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import Organization
from steunsysteem.participants.models import Participant

from .models import NetworkMember, NetworkSnapshot, SnapshotMember
from .selectors import network_summary

DATA = Path(__file__).parent / "demo_data" / "networks.json"
SNAPSHOTS = {"intake": 240, "half_year": 60}  # days ago
FIELDS = [
    "participant",
    "name",
    "organization",
    "user",
    "relation",
    "circle",
    "support_received",
    "gives_back",
    "gives_back_note",
    "contact_frequency",
    "is_central_contact",
]


def _member(participant: Participant, person: str, spec: dict) -> NetworkMember:
    organization = (
        Organization.objects.get(pk=demo_id("organization", spec["organization"]))
        if "organization" in spec
        else None
    )
    return NetworkMember(
        id=demo_id("network_member", person, spec["slug"]),
        participant=participant,
        name=spec["name"],
        organization=organization,
        user=User.objects.filter(username=spec.get("account", "")).first(),
        relation=spec["relation"],
        circle=spec["circle"],
        support_received=sorted(spec.get("support", [])),
        gives_back=sorted(spec.get("gives_back", [])),
        gives_back_note=spec.get("note", ""),
        contact_frequency=spec["frequency"],
        is_central_contact=spec.get("central", False),
    )


def _snapshot(participant: Participant, occasion: str, members: list[NetworkMember]) -> None:
    """Snapshots never change: one that exists already is left as it is."""
    if participant.network_snapshots.filter(occasion=occasion).exists():
        return
    snapshot = NetworkSnapshot.objects.create(
        participant=participant,
        district=participant.district,
        occasion=occasion,
        taken_at=timezone.now() - dt.timedelta(days=SNAPSHOTS[occasion]),
        taken_by=participant.created_by,
        summary=network_summary(members),
    )
    SnapshotMember.objects.bulk_create(
        SnapshotMember(
            snapshot=snapshot,
            member_id=member.id,
            name=member.name,
            organization_name=member.organization.name if member.organization else "",
            relation=member.relation,
            circle=member.circle,
            support_received=member.support_received,
            gives_back=member.gives_back,
            gives_back_note=member.gives_back_note,
            contact_frequency=member.contact_frequency,
            is_central_contact=member.is_central_contact,
        )
        for member in members
    )


def load() -> str:
    networks = json.loads(DATA.read_text(encoding="utf-8"))
    count = 0
    for person, specs in networks.items():
        participant = Participant.objects.get(pk=demo_id("participant", person))
        members = [(spec, _member(participant, person, spec)) for spec in specs]
        for occasion in SNAPSHOTS:
            _snapshot(participant, occasion, [m for spec, m in members if occasion in spec["in"]])
        now = [member for spec, member in members if "now" in spec["in"]]
        participant.network_members.exclude(pk__in=[m.pk for m in now]).delete()
        for member in now:
            NetworkMember.objects.update_or_create(
                id=member.id,
                defaults={field: getattr(member, field) for field in FIELDS},
            )
        count += len(now)
    return f"{count} netwerkleden, {NetworkSnapshot.objects.count()} momentopnames"
