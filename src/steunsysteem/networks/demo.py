"""Partistad demo networks for Janny, Nuray and Mark, built through the services the way the
network grew: the people at intake (about eight months ago) and a snapshot, those of the
half-yearly conversation (two months ago) and a snapshot, then the network now. A persona
whose network exists already is left as it is: loading twice adds nothing."""

import datetime as dt
import json
import secrets
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import Organization
from steunsysteem.participants.demo import persona
from steunsysteem.participants.models import Participant

from . import services
from .models import NetworkMember, NetworkSnapshot

DATA = Path(__file__).parent / "demo_data" / "networks.json"
SNAPSHOTS = {"intake": 240, "half_year": 60}  # days ago


def _values(spec: dict) -> dict:
    organization = (
        Organization.objects.get(pk=demo_id("organization", spec["organization"]))
        if "organization" in spec
        else None
    )
    return {
        "name": spec["name"],
        "organization": organization,
        "relation": spec["relation"],
        "circle": spec["circle"],
        "support_received": spec.get("support", []),
        "gives_back": spec.get("gives_back", []),
        "gives_back_note": spec.get("note", ""),
        "contact_frequency": spec["frequency"],
        "is_central_contact": spec.get("central", False),
    }


def _link(member: NetworkMember, username: str) -> None:
    """The account holder confirms the link from the mail they got; the demo confirms for
    them with a token it knows (the mail's own token is stored only as a hash)."""
    user = User.objects.get(username=username)
    token = secrets.token_urlsafe(32)
    NetworkMember.objects.filter(pk=member.pk).update(
        link_token_hash=services.link_token_hash(token)
    )
    services.network_member_link_confirm(token=token, user=user)


def _grow(participant: Participant, specs: list[dict], moment: str) -> None:
    """The network at ``moment``: who joined is added, who left is taken out."""
    by = participant.created_by
    present = {member.name: member for member in participant.network_members.all()}
    wanted = [spec for spec in specs if moment in spec["in"]]
    for name, member in present.items():
        if name not in {spec["name"] for spec in wanted}:
            services.network_member_remove(member=member, by=by)
    for spec in wanted:
        if spec["name"] in present:
            continue
        account = User.objects.filter(username=spec.get("account", "")).first()
        member = services.network_member_add(
            participant=participant,
            by=by,
            account_email=account.email if account else "",
            **_values(spec),
        )
        if account is not None:
            _link(member, account.username)


def _snapshot(participant: Participant, occasion: str) -> None:
    snapshot = services.network_snapshot_take(
        participant=participant, occasion=occasion, by=participant.created_by
    )
    # A snapshot is taken now and never changed after (its queryset refuses updates); the
    # demo's history alone places it months back, once, right after taking it.
    NetworkSnapshot._base_manager.filter(pk=snapshot.pk).update(
        taken_at=timezone.now() - dt.timedelta(days=SNAPSHOTS[occasion])
    )


def load() -> str:
    networks = json.loads(DATA.read_text(encoding="utf-8"))
    count = 0
    for person, specs in networks.items():
        participant = persona(person)
        if not participant.network_snapshots.exists():
            for occasion in SNAPSHOTS:
                _grow(participant, specs, occasion)
                _snapshot(participant, occasion)
            _grow(participant, specs, "now")
        count += participant.network_members.count()
    return f"{count} netwerkleden, {NetworkSnapshot.objects.count()} momentopnames"
