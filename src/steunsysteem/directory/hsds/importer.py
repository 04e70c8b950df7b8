"""Import HSDS 3.0 data into the sociale kaart: all or nothing.

The source is read twice. The first pass checks every cell and every reference and collects
all problems; if there is one, nothing is written. The second pass writes in one transaction,
in batches (an insert-or-update per batch, keyed on the HSDS id), so importing the same data
again updates the rows instead of adding them twice.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from ..search import rebuild_index
from .checks import Checked, check, dangling_references, row_values
from .errors import HsdsImportError, Problem
from .reader import Source
from .tables import Table, tables

logger = logging.getLogger(__name__)
LOOKUP_CHUNK = 1000
SEARCHED_TABLES = {"service", "organization", "attribute"}


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    warnings: list[Problem] = field(default_factory=list)


def _bar(progress: bool, **kwargs) -> tqdm:
    return tqdm(
        disable=not (progress and sys.stderr.isatty()),
        file=sys.stderr,
        unit=" " + _("rows"),
        **kwargs,
    )


def _in_database(model: type[models.Model], ids: set[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    pending = list(ids)
    for start in range(0, len(pending), LOOKUP_CHUNK):
        chunk = pending[start : start + LOOKUP_CHUNK]
        found.update(model.objects.filter(id__in=chunk).values_list("id", flat=True))
    return found


def _dangling(checked: Checked, unread: set[str]) -> dict[str, set[uuid.UUID]]:
    """Referenced ids that are neither in the import nor in the database, per table.

    Tables whose file could not be read are left out: their problem is reported already.
    """
    dangling = {}
    for name, referenced in checked.referenced.items():
        if name in unread:
            continue
        missing = referenced - checked.ids[name].keys()
        missing -= _in_database(tables()[name].model, missing)
        if missing:
            dangling[name] = missing
    return dangling


def hsds_import(
    *, source: Source, allow_dangling: bool = False, progress: bool = False, batch_size: int = 1000
) -> ImportReport:
    """Check all of ``source`` and then write it, or raise :class:`HsdsImportError`.

    A reference to an id that exists neither in the import nor in the database is refused,
    unless ``allow_dangling``: then the link is left empty and reported as a warning. Parent
    links (``parent_organization_id``, ``parent_id``), which HSDS does not declare as foreign
    keys, are always left empty with a warning when their target is unknown.
    """
    report = ImportReport()
    problems: list[Problem] = []
    with _bar(progress, desc=_("Checking")) as bar:
        checked = check(_counted(source.records(problems), bar), problems)
    dangling = _dangling(checked, source.unread)
    if dangling:
        for problem, declared in dangling_references(source.records(None), dangling):
            if declared and not allow_dangling:
                problems.append(problem)
            else:
                reason = _("link left empty: %s") % problem.reason
                report.warnings.append(replace(problem, reason=reason))
    if problems:
        raise HsdsImportError(problems)
    with transaction.atomic():
        with _bar(progress, desc=_("Importing"), total=checked.rows) as bar:
            _write(source, dangling, report, batch_size, bar)
        if SEARCHED_TABLES & (report.created.keys() | report.updated.keys()):
            transaction.on_commit(lambda: rebuild_index(progress=progress and sys.stderr.isatty()))
    logger.info(
        "hsds_import_finished",
        extra={"rows_created": dict(report.created), "rows_updated": dict(report.updated)},
    )
    return report


def _counted(records, bar: tqdm):
    for record in records:
        bar.update()
        yield record


def _write(
    source: Source, dangling: dict, report: ImportReport, batch_size: int, bar: tqdm
) -> None:
    pending: dict[tuple[str, frozenset[str]], tuple[Table, list[dict[str, Any]]]] = {}
    for record in source.records(None):
        values = row_values(record, [])
        for column in record.table.references:
            if values.get(column.attname) in dangling.get(column.reference, ()):
                values[column.attname] = None
        key = (record.table.name, frozenset(values))
        table, rows = pending.setdefault(key, (record.table, []))
        rows.append(values)
        if len(rows) >= batch_size:
            _save(table, pending.pop(key)[1], report, source)
            bar.update(len(rows))
    for table, rows in pending.values():
        _save(table, rows, report, source)
        bar.update(len(rows))


def _save(table: Table, rows: list[dict[str, Any]], report: ImportReport, source: Source) -> None:
    """Insert or update one batch of rows that all have the same columns."""
    model = table.model
    existing = _in_database(model, {row["id"] for row in rows})
    objects = [model(**row) for row in rows]
    fields = [name for name in rows[0] if name != "id"]
    try:
        if fields:
            model.objects.bulk_create(
                objects, update_conflicts=True, unique_fields=["id"], update_fields=fields
            )
        else:
            model.objects.bulk_create(objects, ignore_conflicts=True)
        _keep_source_timestamps(model, objects, rows)
    except IntegrityError as error:
        reason = _("the database refused the %(table)s rows: %(error)s")
        raise HsdsImportError(
            [Problem(source.name, None, None, reason % {"table": table.name, "error": error})]
        ) from error
    report.updated[table.name] += len(existing)
    report.created[table.name] += len(rows) - len(existing)


def _keep_source_timestamps(model, objects: list[models.Model], rows: list[dict[str, Any]]) -> None:
    """Saving stamps ``auto_now`` fields with the current time; put back the source's value."""
    for field_ in model._meta.concrete_fields:
        if getattr(field_, "auto_now", False) and field_.attname in rows[0]:
            changed = []
            for obj, row in zip(objects, rows, strict=True):
                if row[field_.attname] is not None:
                    setattr(obj, field_.attname, row[field_.attname])
                    changed.append(obj)
            if changed:
                model.objects.bulk_update(changed, [field_.attname])
