"""Export the sociale kaart as an HSDS 3.0 tabular data package.

The folder gets the official ``datapackage.json`` and one CSV file per HSDS table, with the
official file names and columns in the official order. Rows are streamed from the database.
A text cell that a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+cmd|...``) is
written with a leading apostrophe; the importer takes it off again (``values.neutralise_formula``).
Besides the stored taxonomies (life domains, participation goals, access features are stored
as terms already), each district becomes a term of the district taxonomy and each location in
a district gets an attribute linking it to that term, so another system receives them too.
A location that is a laagdrempelig steunpunt gets attributes of the steunpunt taxonomy: one
for being a steunpunt, one per property it has, and ``steunpunt_days_open_per_week`` with the
number as its value.
"""

from __future__ import annotations

import csv
import shutil
import sys
import uuid
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from tqdm import tqdm

from steunsysteem.core.atomic_files import atomic_folder

from ..models import Attribute, District, Location, SupportPoint, TaxonomyTerm
from ..services import SUPPORT_POINT_FIELDS
from ..vocabularies import DISTRICTS, SUPPORT_POINT_FEATURES
from .tables import DATAPACKAGE, Table, tables
from .values import neutralise_formula, to_text

CHUNK = 2000
DISTRICT_LINK_TYPE = "district"


def district_attribute_id(location_id: uuid.UUID, term_id: uuid.UUID) -> uuid.UUID:
    """The same location in the same district gets the same attribute id in every export."""
    return uuid.uuid5(term_id, str(location_id))


def _district_terms(table: Table) -> Iterator[dict]:
    districts = list(District.objects.order_by("name"))
    stored = set(
        TaxonomyTerm.objects.filter(id__in=[d.term_id for d in districts]).values_list(
            "id", flat=True
        )
    )
    for district in districts:
        if district.term_id not in stored:
            yield {
                "id": district.term_id,
                "code": district.slug,
                "name": district.name,
                "description": f"{district.name} ({district.municipality})",
                "taxonomy_name": DISTRICTS.name,
                "language": "nl",
                "taxonomy_id": uuid.UUID(DISTRICTS.taxonomy_id),
            }


def _district_attributes(table: Table) -> Iterator[dict]:
    district_terms = District.objects.values("term_id")
    stored = set(
        Attribute.objects.filter(
            link_entity="location", taxonomy_term_id__in=district_terms
        ).values_list("id", flat=True)
    )
    located = Location.objects.filter(district__isnull=False).order_by("pk")
    for location_id, term_id in located.values_list("id", "district__term_id").iterator(CHUNK):
        row_id = district_attribute_id(location_id, term_id)
        if row_id not in stored:
            yield {
                "id": row_id,
                "link_id": location_id,
                "taxonomy_term_id": term_id,
                "link_type": DISTRICT_LINK_TYPE,
                "link_entity": "location",
            }


SUPPORT_POINT_LINK_TYPE = "steunpunt"


def _support_point_attributes(table: Table) -> Iterator[dict]:
    term_ids = [SUPPORT_POINT_FEATURES.term_id(code) for code in SUPPORT_POINT_FEATURES.dutch_names]
    stored = set(
        Attribute.objects.filter(link_entity="location", taxonomy_term_id__in=term_ids).values_list(
            "id", flat=True
        )
    )
    for point in SupportPoint.objects.order_by("location_id").iterator(CHUNK):
        codes = [
            ("steunpunt", ""),
            ("steunpunt_days_open_per_week", str(point.days_open_per_week)),
        ]
        codes += [
            (f"steunpunt_{name}", "")
            for name in SUPPORT_POINT_FIELDS
            if name != "days_open_per_week" and getattr(point, name)
        ]
        for code, value in codes:
            term_id = SUPPORT_POINT_FEATURES.term_id(code)
            row_id = district_attribute_id(point.location_id, term_id)
            if row_id not in stored:
                yield {
                    "id": row_id,
                    "link_id": point.location_id,
                    "taxonomy_term_id": term_id,
                    "link_type": SUPPORT_POINT_LINK_TYPE,
                    "link_entity": "location",
                    "value": value,
                }


EXTRA_ROWS = {
    "taxonomy_term": _district_terms,
    "attribute": lambda table: chain(_district_attributes(table), _support_point_attributes(table)),
}


def _rows(table: Table) -> Iterator[dict]:
    names = [column.attname for column in table.columns]
    queryset = table.model.objects.order_by("pk").values(*names)
    yield from queryset.iterator(chunk_size=CHUNK)
    if table.name in EXTRA_ROWS:
        yield from EXTRA_ROWS[table.name](table)


def _cell(value, is_text: bool) -> str:
    """Text columns are neutralised against spreadsheet formulas; numbers and dates are not."""
    return neutralise_formula(to_text(value)) if is_text else to_text(value)


def hsds_export(*, outdir: Path, progress: bool = False) -> dict[str, int]:
    """Write the data package into ``outdir``; returns the number of rows per table.

    The files are written into a temporary folder beside ``outdir`` and moved in only when
    all are complete (``core.atomic_files``): a full disk leaves no half package, and raises
    ``WriteFailed`` with a clear message."""
    with atomic_folder(outdir) as folder:
        return _write_package(folder, progress)


def _write_package(outdir: Path, progress: bool) -> dict[str, int]:
    shutil.copyfile(DATAPACKAGE, outdir / "datapackage.json")
    counts = {}
    bar = tqdm(
        tables().values(),
        disable=not (progress and sys.stderr.isatty()),
        file=sys.stderr,
        unit=" tables",
    )
    for table in bar:
        with (outdir / table.path).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([column.name for column in table.columns])
            text = [column.type == "string" for column in table.columns]
            count = 0
            for row in _rows(table):
                writer.writerow(
                    [
                        _cell(row.get(column.attname), is_text)
                        for column, is_text in zip(table.columns, text, strict=True)
                    ]
                )
                count += 1
        counts[table.name] = count
    return counts
