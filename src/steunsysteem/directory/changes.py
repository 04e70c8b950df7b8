"""What a change request changes, field by field, in words a reviewer reads (old → new)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .constants import (
    AccessFeature,
    ChangeRequestStatus,
    LifeDomain,
    ParticipationGoal,
    ServiceStatus,
)
from .forms import ROW_FORMSETS, ServiceForm
from .models import ChangeRequest, Location, Service
from .schedules import WEEK, describe_row
from .service_rows import language_names
from .templatetags.directory_public import money

CHOICE_LABELS = {
    "status": ServiceStatus,
    "life_domains": LifeDomain,
    "access_features": AccessFeature,
    "participation_goals": ParticipationGoal,
}
ROW_LABELS = {
    "schedules": gettext_lazy("Times"),
    "location_hours": gettext_lazy("Opening hours of the locations"),
    "phones": gettext_lazy("Phone numbers"),
    "contacts": gettext_lazy("Contact persons"),
    "costs": gettext_lazy("Costs"),
}


@dataclass
class DescribedChange:
    """A change request with its field-by-field differences (label, old, new)."""

    request: ChangeRequest
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    conflict: bool = False


def _label(key: str) -> str:
    if key in ROW_LABELS:
        return str(ROW_LABELS[key])
    if key in ServiceForm.declared_fields:
        return ServiceForm.declared_fields[key].label
    return Service._meta.get_field(key).verbose_name


def _display(key: str, value: Any, location_names: dict[str, str]) -> str:
    if value in (None, "", []):
        return ""
    if key == "locations":
        return ", ".join(location_names.get(v, _("(removed location)")) for v in value)
    if key in ROW_FORMSETS:
        texts = [_row_text(key, row, location_names) for row in _in_week_order(key, value)]
        return "\n".join(texts)
    if key == "languages":
        names = language_names(None)
        return ", ".join(names.get(code, code) for code in value)
    if key in CHOICE_LABELS:
        choices = dict(CHOICE_LABELS[key].choices)
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(choices.get(v, v)) for v in values)
    return str(value)


def _in_week_order(key: str, rows: list[dict]) -> list[dict]:
    """Times by their first day and start time, as a person reads a week; others as stored."""
    if key not in ("schedules", "location_hours"):
        return rows

    def moment(row: dict) -> tuple:
        first_day = row["byday"].split(",")[0][-2:]
        return (row.get("location", ""), WEEK.index(first_day), row["opens_at"])

    return sorted(rows, key=moment)


def _row_text(key: str, row: dict, location_names: dict[str, str]) -> str:
    """One row of a list in words, e.g. "Every Tuesday 10:00–12:00 — not in the holidays"."""
    if key == "schedules":
        return describe_row(row)
    if key == "location_hours":
        name = location_names.get(row["location"], _("(removed location)"))
        return f"{name}: {describe_row({k: v for k, v in row.items() if k != 'location'})}"
    if key == "costs":
        text = money(Decimal(row["amount"])) if row["amount"] is not None else ""
        parts = [" ".join(p for p in (text, row["per"]) if p), row["condition"]]
        return " — ".join(p for p in parts if p)
    return ", ".join(str(value) for value in row.values() if value)


def describe_changes(
    requests: Iterable[ChangeRequest], *, current: bool = False
) -> list[DescribedChange]:
    """Field-by-field differences; ``current`` also checks whether the entry changed since."""
    requests = list(requests)
    location_ids = {
        v for r in requests for d in (r.data, r.previous_data) for v in d.get("locations", [])
    } | {
        row["location"]
        for r in requests
        for d in (r.data, r.previous_data)
        for row in d.get("location_hours", [])
    }
    location_names = {
        str(location.pk): str(location) for location in Location.objects.filter(pk__in=location_ids)
    }
    described = []
    for request in requests:
        item = DescribedChange(request)
        for key in services.SNAPSHOT_FIELDS:
            if key not in request.data:
                continue
            old = _display(key, request.previous_data.get(key), location_names)
            new = _display(key, request.data[key], location_names)
            if old != new:
                item.rows.append((_label(key), old, new))
        if current and request.service_id and request.status == ChangeRequestStatus.PENDING:
            snapshot = services.service_snapshot(request.service)
            item.conflict = any(
                snapshot.get(key) != value for key, value in request.previous_data.items()
            )
        described.append(item)
    return described
