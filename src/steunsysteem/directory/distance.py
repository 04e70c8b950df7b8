"""Distance from a Dutch postcode to the locations of the sociale kaart.

A postcode is resolved to the centre of its four-digit area (``PostcodeArea``). Distances use
the equirectangular approximation, written as plain arithmetic so SQLite and PostgreSQL compute
them the same way; within the Netherlands it is off by far less than the size of a PC4 area.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, FloatField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Sqrt
from django.utils.translation import gettext as _

from .models import District, Location, PostcodeArea, ServiceAtLocation

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.320
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*(?:[A-Za-z]{2})?\s*$")


def parse_postcode(text: str) -> str | None:
    """The four digits of a Dutch postcode ("3901 AB", "3901ab", "3901" → "3901"), or None."""
    match = _POSTCODE.match(text or "")
    return match.group(1) if match else None


def find_postcode_area(text: str) -> PostcodeArea | None:
    code = parse_postcode(text)
    return PostcodeArea.objects.filter(code=code).first() if code else None


def _km_per_degree_longitude(latitude: float) -> float:
    return KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(latitude))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dx = (lon2 - lon1) * _km_per_degree_longitude((lat1 + lat2) / 2)
    dy = (lat2 - lat1) * KM_PER_DEGREE_LATITUDE
    return math.hypot(dx, dy)


def bounding_box(latitude: float, longitude: float, km: float) -> tuple[float, float, float, float]:
    """(min latitude, max latitude, min longitude, max longitude) around a point."""
    dlat = km / KM_PER_DEGREE_LATITUDE
    dlon = km / _km_per_degree_longitude(latitude)
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def with_distance(services: QuerySet, area: PostcodeArea, max_km: float | None = None) -> QuerySet:
    """Annotate ``distance_km`` (to the nearest location, None without coordinates);
    with ``max_km`` keep only services with a location that close."""
    kx = Value(_km_per_degree_longitude(area.latitude))
    ky = Value(KM_PER_DEGREE_LATITUDE)
    dx = (F("longitude") - Value(area.longitude)) * kx
    dy = (F("latitude") - Value(area.latitude)) * ky
    nearest = (
        Location.objects.filter(
            service_at_locations__service=OuterRef("pk"),
            latitude__isnull=False,
            longitude__isnull=False,
        )
        .annotate(squared_km=dx * dx + dy * dy)
        .order_by("squared_km")
        .values("squared_km")[:1]
    )
    services = services.annotate(
        distance_km=Sqrt(Subquery(nearest, output_field=FloatField()), output_field=FloatField())
    )
    if max_km is None:
        return services
    min_lat, max_lat, min_lon, max_lon = bounding_box(area.latitude, area.longitude, max_km)
    in_box = ServiceAtLocation.objects.filter(
        location__latitude__range=(min_lat, max_lat),
        location__longitude__range=(min_lon, max_lon),
    ).values("service_id")
    return services.filter(id__in=in_box, distance_km__lte=max_km)


@dataclass
class PostcodeImportError(Exception):
    errors: list[str]

    def __str__(self) -> str:
        return "\n".join(self.errors)


def postcode_areas_import(*, rows: Iterable[Mapping[str, str]]) -> int:
    """Create or update PC4 centroids from rows with code, latitude, longitude[, district].

    Writes nothing when any row is wrong; the error lists every wrong row by its line number.
    """
    districts = {district.slug: district for district in District.objects.all()}
    areas: dict[str, PostcodeArea] = {}
    errors: list[str] = []
    with_districts = False
    for line, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        if not re.fullmatch(r"[1-9][0-9]{3}", code):
            errors.append(
                _("Line %(line)s: '%(code)s' is not a four-digit postcode.")
                % {"line": line, "code": code}
            )
            continue
        try:
            latitude = float(row.get("latitude") or "")
            longitude = float(row.get("longitude") or "")
        except ValueError:
            errors.append(
                _("Line %(line)s: latitude and longitude must be numbers.") % {"line": line}
            )
            continue
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            errors.append(_("Line %(line)s: the coordinates are out of range.") % {"line": line})
            continue
        with_districts = with_districts or row.get("district") is not None
        slug = (row.get("district") or "").strip()
        if slug and slug not in districts:
            errors.append(
                _("Line %(line)s: there is no district '%(slug)s'.") % {"line": line, "slug": slug}
            )
            continue
        areas[code] = PostcodeArea(
            code=code, latitude=latitude, longitude=longitude, district=districts.get(slug)
        )
    if errors:
        raise PostcodeImportError(errors)
    with transaction.atomic():
        existing = set(
            PostcodeArea.objects.filter(code__in=list(areas)).values_list("code", flat=True)
        )
        PostcodeArea.objects.bulk_create(
            [area for code, area in areas.items() if code not in existing], batch_size=1000
        )
        PostcodeArea.objects.bulk_update(
            [area for code, area in areas.items() if code in existing],
            ["latitude", "longitude", "district"] if with_districts else ["latitude", "longitude"],
            batch_size=1000,
        )
    return len(areas)
