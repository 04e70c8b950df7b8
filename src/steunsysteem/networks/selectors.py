"""Reads about networks: the counts a snapshot keeps, and how a network changed.

The counts carry no names: they are what the monitor may use, also after erasure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .constants import Circle, Relation, SupportKind


def network_summary(members: Iterable) -> dict:
    """Counts over network members (live ``NetworkMember`` or ``SnapshotMember`` rows)."""
    members = list(members)
    support: Counter[str] = Counter()
    for member in members:
        support.update(member.support_received)
    return {
        "size": len(members),
        "per_circle": {c: sum(m.circle == c for m in members) for c in Circle.values},
        "per_relation": {r: sum(m.relation == r for m in members) for r in Relation.values},
        "support_received": {kind: support[kind] for kind in SupportKind.values},
        "reciprocal": sum(bool(m.gives_back) for m in members),
        "has_central_contact": any(m.is_central_contact for m in members),
    }


@dataclass(frozen=True)
class CountChange:
    label: str
    before: int
    after: int

    @property
    def difference(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class NetworkChange:
    """What changed between two moments: who came and went, and the counts per kind."""

    added: list[str]
    lost: list[str]
    size: CountChange
    circles: list[CountChange]
    support: list[CountChange]
    reciprocal: CountChange

    @property
    def rows(self) -> list[CountChange]:
        return [self.size, *self.circles, *self.support, self.reciprocal]


def network_change(before: Iterable, after: Iterable) -> NetworkChange:
    """Compare two sets of members (snapshot members or live members) by member id."""
    before, after = list(before), list(after)

    def key(member):
        return getattr(member, "member_id", None) or member.pk

    before_ids = {key(m) for m in before}
    after_ids = {key(m) for m in after}
    old, new = network_summary(before), network_summary(after)
    return NetworkChange(
        added=sorted(m.name for m in after if key(m) not in before_ids),
        lost=sorted(m.name for m in before if key(m) not in after_ids),
        size=CountChange(str(_("People")), old["size"], new["size"]),
        circles=[
            CountChange(str(label), old["per_circle"][value], new["per_circle"][value])
            for value, label in Circle.choices
        ],
        support=[
            CountChange(str(label), old["support_received"][value], new["support_received"][value])
            for value, label in SupportKind.choices
        ],
        reciprocal=CountChange(
            str(_("People you give something back to")), old["reciprocal"], new["reciprocal"]
        ),
    )
