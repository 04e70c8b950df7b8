"""Rows of HSDS tables from a tabular data package folder (CSV files) or an HSDS JSON file.

A source can be read more than once: the importer reads it once to check everything and once
more to write, so a large CSV file is streamed and never held in memory.

Only files inside the package folder are read: a resource path in ``datapackage.json`` that is
absolute, goes up with ``..`` or is a URL is refused, and so is a symbolic link (a file outside
the package must never end up on the public sociale kaart).

A text cell that our export protected against spreadsheet formulas (``'=...``) is read back
as the original text (``values.restore_formula``).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from django.utils.translation import gettext as _

from .errors import Problem
from .tables import Table, tables
from .values import restore_formula


@dataclass
class Record:
    table: Table
    source: str  # file name
    row: int | str  # CSV line number or JSON path
    values: dict[str, Any]  # HSDS column name -> raw cell; only the columns the source has
    nested: bool = False  # from nested JSON: links come from the nesting, not from id columns


class Source(Protocol):
    name: str
    unread: set[str]  # tables whose rows could not be read (a bad header)

    def records(self, problems: list[Problem] | None) -> Iterator[Record]:
        """Every row; structural problems (bad file, bad header) go to ``problems``."""


def open_source(path: Path) -> Source:
    """A data package folder (or its ``datapackage.json``) or an HSDS JSON document."""
    from .nested import JsonDocument

    if path.is_dir():
        return CsvPackage(path)
    if path.name == "datapackage.json":
        return CsvPackage(path.parent)
    return JsonDocument(path)


class CsvPackage:
    def __init__(self, folder: Path):
        self.folder = folder
        self.name = folder.name
        self.unread: set[str] = set()

    def _paths(self, problems: list[Problem]) -> dict[str, str]:
        """Table name -> CSV file name, from the folder's datapackage.json when there is one."""
        paths = {table.name: table.path for table in tables().values()}
        descriptor = self.folder / "datapackage.json"
        if descriptor.is_symlink():
            problems.append(Problem(descriptor.name, None, None, _symlink_reason()))
            return {}
        if not descriptor.is_file():
            return paths
        try:
            resources = json.loads(descriptor.read_bytes()).get("resources", [])
        except (ValueError, AttributeError, RecursionError) as error:
            reason = _("not valid JSON (%s)") % error
            problems.append(Problem(descriptor.name, None, None, reason))
            return paths
        for index, resource in enumerate(resources):
            if isinstance(resource, dict) and resource.get("name") in paths:
                if isinstance(resource.get("path"), str):
                    paths[resource["name"]] = resource["path"]
                    if reason := _outside_reason(resource["path"]):
                        field = f"resources[{index}].path"
                        problems.append(Problem(descriptor.name, None, field, reason))
        return paths

    def records(self, problems: list[Problem] | None) -> Iterator[Record]:
        problems = [] if problems is None else problems
        found = False
        paths = self._paths(problems)
        if any(_outside_reason(path) for path in paths.values()):
            return  # Named by _paths(); nothing of this package is read.
        for name, path in paths.items():
            file = self.folder / path
            if _is_linked(self.folder, path):
                found = True
                problems.append(Problem(path, None, None, _symlink_reason()))
                self.unread.add(name)
            elif file.is_file():
                found = True
                yield from _csv_records(tables()[name], file, path, problems, self.unread)
        if not found:
            problems.append(Problem(self.name, None, None, _("there are no HSDS CSV files here")))


def _outside_reason(path: str) -> str | None:
    """Why a resource path may not be read, or None when it names a file in the package."""
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or ":" in path:  # ":" also in a URL, "C:"
        return _(
            '"%(path)s" is outside the package folder; give the name of a file in the folder'
        ) % {"path": path}
    return None


def _is_linked(folder: Path, path: str) -> bool:
    """True when the file, or a folder between it and the package folder, is a symbolic link."""
    current = folder
    for part in PurePosixPath(path).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False


def _symlink_reason() -> str:
    return _("is a symbolic link; copy the file itself into the package folder")


def _lines(file: Path, source: str, problems: list[Problem]) -> Iterator[str]:
    """The file's lines as text; UTF-8 is checked line by line so a problem has a line number."""
    # O_NOFOLLOW: a file swapped for a symbolic link after the check is not followed either.
    descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with open(descriptor, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as error:
                reason = _("the text is not UTF-8 (byte 0x%(byte)02x); save the file as UTF-8") % {
                    "byte": raw[error.start]
                }
                problems.append(Problem(source, number, None, reason))
                yield raw.decode("utf-8", errors="replace")


def _header(table: Table, header: list[str], source: str, problems: list[Problem]) -> bool:
    ok = True
    for name in {name for name in header if header.count(name) > 1}:
        problems.append(Problem(source, 1, name, _("the column appears more than once")))
        ok = False
    for column in table.columns:
        if column.required and column.name not in header:
            problems.append(Problem(source, 1, column.name, _("a required column is missing")))
            ok = False
    return ok


def _csv_records(
    table: Table, file: Path, source: str, problems: list[Problem], unread: set[str]
) -> Iterator[Record]:
    reader = csv.reader(_lines(file, source, problems), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(source, 1, None, _("the file is empty; it needs a header row")))
        unread.add(table.name)
        return
    except csv.Error as error:
        problems.append(Problem(source, 1, None, _("the header row is not valid CSV (%s)") % error))
        unread.add(table.name)
        return
    if not _header(table, header, source, problems):
        unread.add(table.name)
        return
    columns = table.by_name
    known = [(index, name) for index, name in enumerate(header) if name in columns]
    text = {name for _index, name in known if columns[name].type == "string"}
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(Problem(source, start, None, _csv_reason(error)))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not cells:
            continue
        if len(cells) != len(header):
            reason = _("the row has %(cells)s fields but the header has %(columns)s") % {
                "cells": len(cells),
                "columns": len(header),
            }
            problems.append(Problem(source, line, None, reason))
            continue
        values = {name: cells[index] for index, name in known}
        for name in text:
            values[name] = restore_formula(values[name])
        yield Record(table, source, line, values)


def _csv_reason(error: csv.Error) -> str:
    if "unexpected end of data" in str(error):
        return _("a quoted field is not closed before the end of the file")
    return _("the row is not valid CSV (%s)") % error
