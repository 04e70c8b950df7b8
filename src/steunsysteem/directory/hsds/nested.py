"""Rows of HSDS tables from an HSDS JSON document.

Accepted: one object (``service_full.json``), a list of objects, a page of the HSDS API
(``{"contents": [...]}``) or the tabular JSON form (``{"services.csv": [...], ...}``). Nested
objects become rows of their own table; the nesting supplies the link (a phone in a service's
``phones`` gets that ``service_id``). An object that appears several times (the same phone under
a service and under its location) becomes one row with every link.

The file is read and parsed once; its rows are kept for the importer's later passes. A JSON
document is held in memory as a whole, so its size is limited (``HSDS_IMPORT_JSON_MAX_MB``;
a tabular data package of CSV files is streamed and has no limit), and so is its nesting
(:data:`MAX_NESTING` levels: HSDS needs fewer than 20), which would otherwise crash the parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import Problem
from .reader import Record
from .tables import GENERIC_LINKS, Table, table_for_path, tables

MAX_NESTING = 64
# A JSON string, or one bracket outside strings: enough to count how deep the nesting goes.
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')

# JSON key -> the HSDS table of the nested object(s).
KEYS = {
    "accessibility": "accessibility",
    "addresses": "address",
    "attributes": "attribute",
    "contacts": "contact",
    "cost_options": "cost_option",
    "funding": "funding",
    "languages": "language",
    "locations": "location",
    "location": "location",
    "metadata": "metadata",
    "organization": "organization",
    "organization_identifiers": "organization_identifier",
    "phones": "phone",
    "program": "program",
    "programs": "program",
    "required_documents": "required_document",
    "schedules": "schedule",
    "service": "service",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "services": "service",
    "taxonomy_detail": "taxonomy",
    "taxonomy_term": "taxonomy_term",
}


def _column_to(table: Table, target: str) -> str | None:
    return next((c.name for c in table.references if c.reference == target), None)


class JsonDocument:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        self.unread: set[str] = set()
        self._records: list[Record] | None = None

    def _problem(self, problems: list[Problem], reason: str, at: str | int | None = None) -> None:
        problems.append(Problem(self.name, at, None, reason))

    def _load(self, problems: list[Problem]) -> Any:
        try:
            size = self.path.stat().st_size
            limit = settings.HSDS_IMPORT_JSON_MAX_MB * 1_000_000
            if size > limit:
                reason = _(
                    "the file is %(size)s MB, more than the %(limit)s MB a JSON file may be "
                    "(HSDS_IMPORT_JSON_MAX_MB); export the data as a tabular data package "
                    "(CSV files) instead, which has no limit"
                )
                limits = {
                    "size": round(size / 1_000_000),
                    "limit": settings.HSDS_IMPORT_JSON_MAX_MB,
                }
                self._problem(problems, reason % limits)
                return None
            text = self.path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            reason = _("the text is not UTF-8 (byte 0x%(byte)02x at position %(at)s)")
            self._problem(problems, reason % {"byte": error.object[error.start], "at": error.start})
            return None
        except OSError as error:
            self._problem(problems, str(error))
            return None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            self._problem(problems, _("not valid JSON (%s)") % error.msg, error.lineno)
            return None
        except RecursionError:
            line, column = _too_deep_in_text(text)
            where = _("line %(line)s, column %(column)s") % {"line": line, "column": column}
            self._problem(problems, _too_deep_reason(), where)
            return None
        del text  # Only the parsed document is kept from here on.
        if isinstance(document, dict | list) and (path := _too_deep(document)) is not None:
            self._problem(problems, _too_deep_reason(), path)
            return None
        return document

    def records(self, problems: list[Problem] | None) -> Iterator[Record]:
        """Every row; the file is parsed on the first call only (problems are named then)."""
        if self._records is None:
            self._records = list(self._read([] if problems is None else problems))
        yield from self._records

    def _read(self, problems: list[Problem]) -> Iterator[Record]:
        document = self._load(problems)
        if document is None:
            return
        if isinstance(document, dict) and any(key.endswith(".csv") for key in document):
            yield from self._tabular(document, problems)
            return
        if isinstance(document, dict) and isinstance(document.get("contents"), list):
            items = [(f"contents[{i}]", item) for i, item in enumerate(document["contents"])]
        elif isinstance(document, list):
            items = [(f"[{i}]", item) for i, item in enumerate(document)]
        else:
            items = [("$", document)]
        merged: dict[tuple[str, str], Record] = {}
        unnamed: list[Record] = []
        for at, item in items:
            table = self._table(item, problems, at)
            if table is not None:
                for record in _walk(item, table, at, {}):
                    record.source = self.name
                    _merge(record, merged, unnamed, problems)
        yield from merged.values()
        yield from unnamed

    def _tabular(self, document: dict, problems: list[Problem]) -> Iterator[Record]:
        for key, rows in document.items():
            table = table_for_path(key)
            if table is None or not isinstance(rows, list):
                problems.append(Problem(self.name, key, None, _("not an HSDS table")))
                continue
            for index, row in enumerate(rows):
                values = (
                    {k: v for k, v in row.items() if k in table.by_name}
                    if isinstance(row, dict)
                    else {}
                )
                yield Record(table, self.name, f"{key}[{index}]", values)

    def _table(self, item: Any, problems: list[Problem], at: str) -> Table | None:
        if not isinstance(item, dict):
            problems.append(Problem(self.name, at, None, _("not a JSON object")))
            return None
        stem = self.path.stem
        named = [t for t in tables().values() if stem == t.name or stem.startswith(f"{t.name}_")]
        if named:
            return max(named, key=lambda t: len(t.name))
        fitting = [t for t in tables().values() if _fits(item, t)]
        if len(fitting) == 1:
            return fitting[0]
        reason = _(
            "cannot tell which HSDS table this is; "
            "name the file after the table, like service_full.json"
        )
        problems.append(Problem(self.name, at, None, reason))
        return None


def _fits(item: dict, table: Table) -> bool:
    for key, value in item.items():
        if isinstance(value, dict | list):
            child = KEYS.get(key)
            if child is None or not _links(table, tables()[child], isinstance(value, list)):
                return False
        elif key not in table.by_name:
            return False
    return True


def _links(parent: Table, child: Table, many: bool) -> bool:
    if many:
        return child.name in GENERIC_LINKS or _column_to(child, parent.name) is not None
    return _column_to(parent, child.name) is not None


def _walk(item: dict, table: Table, at: str, link: dict[str, Any]) -> Iterator[Record]:
    """The item's own row (with ``link`` filled in) and then the rows of its nested objects."""
    values = {
        k: v for k, v in item.items() if k in table.by_name and not isinstance(v, dict | list)
    }
    for key, value in link.items():
        values.setdefault(key, value)
    children: list[Iterator[Record]] = []
    for key, value in item.items():
        child_name = KEYS.get(key)
        if child_name is None or not isinstance(value, dict | list):
            continue
        child = tables()[child_name]
        if isinstance(value, dict):
            column = _column_to(table, child.name)
            if column:
                values.setdefault(column, value.get("id"))
                children.append(_walk(value, child, f"{at}.{key}", {}))
            continue
        child_link = _child_link(table, child, item.get("id"))
        if child_link is not None:
            for index, element in enumerate(value):
                if isinstance(element, dict):
                    children.append(_walk(element, child, f"{at}.{key}[{index}]", child_link))
    yield Record(table, "", at, values, nested=True)
    for records in children:
        yield from records


def _child_link(parent: Table, child: Table, parent_id: Any) -> dict[str, Any] | None:
    if child.name in GENERIC_LINKS:
        id_column, table_column = GENERIC_LINKS[child.name]
        return {id_column: parent_id, table_column: parent.name}
    column = _column_to(child, parent.name)
    return {column: parent_id} if column else None


def _merge(record: Record, merged: dict, unnamed: list, problems: list[Problem]) -> None:
    key = record.values.get("id")
    if not isinstance(key, str) or not key:
        unnamed.append(record)
        return
    first = merged.get((record.table.name, key))
    if first is None:
        merged[(record.table.name, key)] = record
        return
    for name, value in record.values.items():
        if first.values.get(name) in (None, ""):
            first.values[name] = value
        elif value not in (None, "") and value != first.values[name]:
            reason = _("%(value)s differs from %(first)s at %(at)s, for the same id") % {
                "value": json.dumps(value),
                "first": json.dumps(first.values[name]),
                "at": first.row,
            }
            problems.append(Problem(record.source, record.row, name, reason))


def _too_deep_reason() -> str:
    return _(
        "the JSON is nested more than %(limit)s levels deep; HSDS data needs far fewer, "
        "so this is not HSDS data"
    ) % {"limit": MAX_NESTING}


def _too_deep(document: Any) -> str | None:
    """The path of the first value nested deeper than :data:`MAX_NESTING`, or None.

    Iterative, so a document that Python could parse cannot crash this check either.
    """
    stack: list[tuple[Any, int, tuple | None]] = [(document, 1, None)]
    while stack:
        value, depth, link = stack.pop()
        if depth > MAX_NESTING:
            return _path(link)
        children = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in children:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1, (link, key)))
    return None


def _path(link: tuple | None) -> str:
    """``$.contents[0].organization`` for the chain of keys (names and list positions)."""
    parts = []
    while link is not None:
        link, key = link
        parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
    return "$" + "".join(reversed(parts))


def _too_deep_in_text(text: str) -> tuple[int, int]:
    """Line and column where the nesting goes past :data:`MAX_NESTING` (for text too deep to
    parse at all)."""
    depth = 0
    for token in TOKEN.finditer(text):
        if token.group() in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, token.start()) + 1
                return line, token.start() - text.rfind("\n", 0, token.start())
        elif token.group() in ("]", "}"):
            depth -= 1
    return 1, 1
