"""The first pass of an import: read every row, check every cell, and collect all problems.

Nothing is written here. What the second pass needs is kept small: the ids per table (to find
duplicates and to resolve references) and the ids each table is referred to by.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .errors import Problem
from .reader import Record
from .values import InvalidValue, parse


@dataclass
class Checked:
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, dict[uuid.UUID, int | str]] = field(default_factory=lambda: defaultdict(dict))
    referenced: dict[str, set[uuid.UUID]] = field(default_factory=lambda: defaultdict(set))
    term_codes: dict[tuple[Any, str], int | str] = field(default_factory=dict)
    rows: int = 0


def row_values(record: Record, problems: list[Problem]) -> dict[str, Any]:
    """The record's cells as model values (by attname); a wrong cell becomes a problem."""
    values = {}
    for name, raw in record.values.items():
        column = record.table.by_name[name]
        if record.nested and column.reference and raw in (None, ""):
            # Nested JSON links the other way round: service.program has no organization_id.
            continue
        try:
            values[column.attname] = parse(column, raw)
        except InvalidValue as error:
            problems.append(Problem(record.source, record.row, name, str(error)))
    for column in record.table.columns:
        if column.required and column.name not in record.values:
            if not (record.nested and column.reference):
                problems.append(
                    Problem(record.source, record.row, column.name, _("a value is required"))
                )
    return values


def _row_rules(record: Record, values: dict, checked: Checked) -> None:
    """Rules across cells, as the database constraints of the models have them."""
    problems, where = checked.problems, (record.source, record.row)
    low, high = values.get("minimum_age"), values.get("maximum_age")
    if record.table.name == "service" and low is not None and high is not None and low > high:
        problems.append(Problem(*where, "maximum_age", _("is lower than minimum_age (%s)") % low))
    if record.table.name == "taxonomy_term" and values.get("code"):
        key = (values.get("taxonomy_id"), values["code"])
        if key in checked.term_codes:
            reason = _('code "%(code)s" is already used in this taxonomy (row %(row)s)')
            problems.append(
                Problem(*where, "code", reason % {"code": key[1], "row": checked.term_codes[key]})
            )
        checked.term_codes[key] = record.row


def check(records: Iterable[Record], problems: list[Problem]) -> Checked:
    checked = Checked(problems=problems)
    for record in records:
        checked.rows += 1
        values = row_values(record, checked.problems)
        row_id = values.get("id")
        if isinstance(row_id, uuid.UUID):
            seen = checked.ids[record.table.name]
            if row_id in seen:
                reason = _("id %(id)s is used twice in this table (also at row %(row)s)")
                checked.problems.append(
                    Problem(
                        record.source,
                        record.row,
                        "id",
                        reason % {"id": row_id, "row": seen[row_id]},
                    )
                )
            seen[row_id] = record.row
        for column in record.table.references:
            target = values.get(column.attname)
            if target is not None:
                checked.referenced[column.reference].add(target)
        _row_rules(record, values, checked)
    return checked


def dangling_references(
    records: Iterable[Record], dangling: dict[str, set[uuid.UUID]]
) -> Iterator[tuple[Problem, bool]]:
    """Where the import refers to ids that exist nowhere; True when HSDS declares the link."""
    for record in records:
        values = row_values(record, [])
        for column in record.table.references:
            target = values.get(column.attname)
            if target in dangling.get(column.reference, ()):
                reason = _("%(table)s %(id)s is not in the import or in the database") % {
                    "table": column.reference,
                    "id": target,
                }
                yield (
                    Problem(record.source, record.row, column.name, reason),
                    column.declared_reference,
                )
