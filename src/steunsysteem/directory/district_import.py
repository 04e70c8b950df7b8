"""District boundaries and population from open data: CBS Wijken en Buurten.

``steunsysteem import_districts wijken.geojson [--population bevolking.csv]`` reads a GeoJSON
FeatureCollection of districts (one feature per wijk, WGS84 coordinates) and optionally a CSV
with the population per district, and creates or updates the districts in one transaction:
all rows are checked first, and one bad row changes nothing. See docs/districts.md.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction

from .constants import TAXONOMY_DISTRICT
from .models import District, TaxonomyTerm
from .vocabularies import DISTRICTS

# Property names as CBS publishes them (PDOK 2022+, older shapefile columns) and our own.
CODE_FIELDS = ("wijkcode", "WK_CODE", "code")
NAME_FIELDS = ("wijknaam", "WK_NAAM", "name")
MUNICIPALITY_FIELDS = ("gemeentenaam", "GM_NAAM", "municipality")
POPULATION_FIELDS = ("aantalInwoners", "aantal_inwoners", "AANT_INW", "population")


class DistrictImportError(Exception):
    """What is wrong, row by row; nothing was imported."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class DistrictRow:
    code: str
    name: str
    municipality: str
    population: int | None
    boundary: dict[str, Any]
    centre: tuple[float, float]  # (latitude, longitude)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _first(properties: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        value = properties.get(name)
        if value not in (None, ""):
            return value
    return None


def _population(value: Any) -> int | None:
    """CBS marks secret or unknown figures with negative numbers (e.g. -99999999)."""
    if value in (None, ""):
        return None
    number = int(float(str(value).replace(" ", "")))
    if number < 0:
        return None
    return number


def _rings(geometry: dict) -> list[list[list[float]]]:
    """The outer rings of a Polygon or MultiPolygon."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon" and coordinates:
        return [coordinates[0]]
    if kind == "MultiPolygon" and coordinates:
        return [polygon[0] for polygon in coordinates if polygon]
    raise ValueError(_("the geometry must be a Polygon or MultiPolygon"))


def _ring_area_and_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area), cx / (6 * area), cy / (6 * area)


def geometry_centre(geometry: dict) -> tuple[float, float]:
    """(latitude, longitude) of the area-weighted centre of the geometry's outer rings."""
    parts = [_ring_area_and_centroid([point[:2] for point in ring]) for ring in _rings(geometry)]
    total = sum(area for area, _x, _y in parts)
    if total == 0:
        _area, x, y = parts[0]
        return y, x
    x = sum(area * cx for area, cx, _cy in parts) / total
    y = sum(area * cy for area, _cx, cy in parts) / total
    return y, x


def _check_wgs84(geometry: dict) -> None:
    for ring in _rings(geometry):
        for point in ring:
            if len(point) < 2 or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
                raise ValueError(
                    _(
                        "coordinates must be longitude/latitude (WGS84, EPSG:4326); convert"
                        " the file first, e.g. ogr2ogr -t_srs EPSG:4326"
                    )
                )


def read_geojson(text: str) -> list[DistrictRow]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DistrictImportError([_("The file is not valid JSON: %s") % error]) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DistrictImportError([_("The file must be a GeoJSON FeatureCollection.")])
    rows, problems = [], []
    for number, feature in enumerate(document.get("features") or [], start=1):
        properties = (feature or {}).get("properties") or {}
        name = _first(properties, NAME_FIELDS)
        where = _("Feature %(number)d (%(name)s)") % {"number": number, "name": name or "?"}
        if not name:
            problems.append(
                _("%(where)s: field '%(field)s' is missing.")
                % {"where": where, "field": NAME_FIELDS[0]}
            )
            continue
        try:
            population = _population(_first(properties, POPULATION_FIELDS))
        except ValueError:
            problems.append(
                _("%(where)s: field '%(field)s' is not a whole number.")
                % {"where": where, "field": POPULATION_FIELDS[0]}
            )
            continue
        geometry = (feature or {}).get("geometry") or {}
        try:
            _check_wgs84(geometry)
            centre = geometry_centre(geometry)
        except (ValueError, TypeError, IndexError) as error:
            problems.append(_("%(where)s: %(problem)s.") % {"where": where, "problem": error})
            continue
        rows.append(
            DistrictRow(
                code=str(_first(properties, CODE_FIELDS) or ""),
                name=str(name).strip(),
                municipality=str(_first(properties, MUNICIPALITY_FIELDS) or "").strip(),
                population=population,
                boundary=geometry,
                centre=centre,
            )
        )
    if not rows and not problems:
        problems.append(_("The file holds no districts."))
    if problems:
        raise DistrictImportError(problems)
    return rows


def read_population_csv(text: str) -> dict[str, int]:
    """Population by district code or name, from a CSV with a header (``;`` or ``,``)."""
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=";,")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = reader.fieldnames or []
    key_field = next((f for f in (*CODE_FIELDS, *NAME_FIELDS) if f in header), None)
    value_field = next((f for f in POPULATION_FIELDS if f in header), None)
    if key_field is None or value_field is None:
        raise DistrictImportError(
            [
                _(
                    "The population file needs a column '%(key)s' (or '%(name)s') and a column"
                    " '%(value)s'."
                )
                % {"key": CODE_FIELDS[0], "name": NAME_FIELDS[0], "value": POPULATION_FIELDS[1]}
            ]
        )
    population, problems = {}, []
    for number, row in enumerate(reader, start=2):
        try:
            value = _population(row.get(value_field))
        except ValueError:
            value = None
        if value is None:
            problems.append(
                _("Population file, line %(line)d: '%(field)s' is not a whole number.")
                % {"line": number, "field": value_field}
            )
            continue
        population[str(row[key_field]).strip().casefold()] = value
    if problems:
        raise DistrictImportError(problems)
    return population


def _find(row: DistrictRow) -> District | None:
    if row.code:
        found = District.objects.filter(code=row.code).first()
        if found:
            return found
    return District.objects.filter(name__iexact=row.name).first()


def districts_import(
    *,
    rows: list[DistrictRow],
    population: dict[str, int] | None = None,
    municipality: str = "",
    by=None,
) -> ImportResult:
    """Create or update the districts, all or nothing. A district is found by its CBS code,
    else by name; population comes from the CSV (by code or name) or from the GeoJSON."""
    population = population or {}
    problems = []
    for row in rows:
        figure = population.get(row.code.casefold()) if row.code else None
        if figure is None:
            figure = population.get(row.name.casefold())
        row.population = figure if figure is not None else row.population
        if row.population is None and _find(row) is None:
            problems.append(
                _("District %(name)s: no population in either file.") % {"name": row.name}
            )
    if problems:
        raise DistrictImportError(problems)
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            district = _find(row)
            values = {
                "code": row.code,
                "boundary": row.boundary,
                "centre_latitude": round(row.centre[0], 6),
                "centre_longitude": round(row.centre[1], 6),
            }
            if row.population is not None:
                values["population"] = row.population
            if district is None:
                slug = slugify(row.name)
                term_id = DISTRICTS.term_id(slug)
                TaxonomyTerm.objects.update_or_create(
                    id=term_id,
                    defaults={
                        "code": slug,
                        "name": row.name,
                        "description": row.name,
                        "taxonomy_id": TAXONOMY_DISTRICT,
                        "taxonomy_name": DISTRICTS.name,
                        "language": "nl",
                    },
                )
                district = District.objects.create(
                    name=row.name,
                    slug=slug,
                    municipality=row.municipality or municipality,
                    term_id=term_id,
                    **values,
                )
                created += 1
                audit_record(
                    actor=by, action=AuditAction.CREATE, obj=district, fields=sorted(values)
                )
                continue
            changed = sorted(f for f, value in values.items() if getattr(district, f) != value)
            if not changed:
                continue  # the same file again changes and records nothing
            for field in changed:
                setattr(district, field, values[field])
            district.save(update_fields=changed)
            updated += 1
            audit_record(actor=by, action=AuditAction.UPDATE, obj=district, fields=changed)
    return ImportResult(created=created, updated=updated)
