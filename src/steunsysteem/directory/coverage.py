"""Coverage of the laagdrempelige steunpunten: which districts have one close enough.

"Regionaal dekkend" (steunpunten paper §6): a steunpunt nearby, with a recognisable own
location, open often enough. Per district we measure from where people live (the district's
centre from the imported boundary, else the average of its postcode areas) to the nearest
steunpunt that has its own location and is open at least ``COVERAGE_MIN_DAYS_OPEN`` days a
week. Further than ``COVERAGE_MAX_DISTANCE_KM``, or none at all: a white spot. Distances are
as the crow flies; travel by road is longer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg
from django.utils.translation import gettext as _

from .distance import distance_km
from .map_layout import Projection
from .models import District, PostcodeArea, SupportPoint


@dataclass
class Reach:
    support_point: SupportPoint
    km: float


@dataclass
class DistrictCoverage:
    district: District
    centre: tuple[float, float] | None
    nearest: Reach | None
    """The nearest steunpunt that counts: own location, open often enough."""
    nearest_any: Reach | None
    """The nearest steunpunt of any kind (it may fall short)."""
    reasons: list[str] = field(default_factory=list)

    @property
    def white_spot(self) -> bool:
        return bool(self.reasons)


def counts(support_point: SupportPoint) -> bool:
    return (
        support_point.own_location
        and support_point.days_open_per_week >= settings.COVERAGE_MIN_DAYS_OPEN
    )


def _centres() -> dict[int, tuple[float, float]]:
    fallback = {
        row["district_id"]: (row["lat"], row["lon"])
        for row in PostcodeArea.objects.filter(district__isnull=False)
        .values("district_id")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    }
    centres = {}
    for district in District.objects.all():
        if district.centre_latitude is not None and district.centre_longitude is not None:
            centres[district.pk] = (district.centre_latitude, district.centre_longitude)
        elif district.pk in fallback:
            centres[district.pk] = fallback[district.pk]
    return centres


def _nearest(centre, support_points) -> Reach | None:
    reaches = [
        Reach(point, distance_km(*centre, point.location.latitude, point.location.longitude))
        for point in support_points
    ]
    return min(reaches, key=lambda reach: reach.km, default=None)


def support_points():
    return (
        SupportPoint.objects.filter(
            location__latitude__isnull=False, location__longitude__isnull=False
        )
        .select_related("location__organization", "location__district")
        .order_by("location__name")
    )


def district_coverage() -> list[DistrictCoverage]:
    """Every district with its nearest steunpunt and, if it falls short, why."""
    points = list(support_points())
    counting = [point for point in points if counts(point)]
    centres = _centres()
    max_km = settings.COVERAGE_MAX_DISTANCE_KM
    rows = []
    for district in District.objects.order_by("name"):
        centre = centres.get(district.pk)
        if centre is None:
            rows.append(
                DistrictCoverage(
                    district, None, None, None, [_("Unknown where the district lies.")]
                )
            )
            continue
        row = DistrictCoverage(
            district=district,
            centre=centre,
            nearest=_nearest(centre, counting),
            nearest_any=_nearest(centre, points),
        )
        if row.nearest is None:
            row.reasons.append(
                _("No steunpunt with its own location open %(days)d days a week or more.")
                % {"days": settings.COVERAGE_MIN_DAYS_OPEN}
            )
        elif row.nearest.km > max_km:
            row.reasons.append(
                _("The nearest steunpunt that counts is more than %(km)s km away.")
                % {"km": f"{max_km:g}"}
            )
        rows.append(row)
    return rows


def _ring_paths(geometry: dict, projection: Projection) -> list[str]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    paths = []
    for polygon in polygons:
        for ring in polygon:
            points = [projection(lat, lon) for lon, lat, *_rest in ring]
            paths.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
    return paths


def coverage_map(rows: list[DistrictCoverage]) -> dict | None:
    """District shapes (hatched when a white spot), steunpunten and labels, projected."""
    points = list(support_points())
    corners = [
        (lat, lon)
        for row in rows
        if row.district.boundary
        for path in [row.district.boundary]
        for polygon in (
            [path["coordinates"]] if path.get("type") == "Polygon" else path.get("coordinates", [])
        )
        for lon, lat, *_rest in polygon[0]
    ]
    corners += [row.centre for row in rows if row.centre]
    corners += [(p.location.latitude, p.location.longitude) for p in points]
    if not corners:
        return None
    projection = Projection(corners)
    districts = []
    for row in rows:
        label = None
        if row.centre:
            x, y = projection(*row.centre)
            label = (x, round(y + 24, 1))
        districts.append(
            {
                "row": row,
                "paths": _ring_paths(row.district.boundary or {}, projection),
                "label": label,
            }
        )
    places = []
    for point in points:
        x, y = projection(point.location.latitude, point.location.longitude)
        places.append(
            {"point": point, "x": x, "y": y, "corner": (round(x - 7, 1), round(y - 7, 1))}
        )
    return {"projection": projection, "districts": districts, "places": places}
