"""The sociale kaart as a map: places projected from latitude/longitude onto an SVG.

No map tiles here: this SVG is the map without JavaScript (and when the tile service is
switched off). A plain SVG of points, district names and a legend is readable, printable and
keyboard-accessible. With JavaScript, directory/map.js draws the same places over street
tiles (street_map).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, QuerySet
from django.urls import reverse

from .constants import LifeDomain
from .models import Location, PostcodeArea, ServiceAtLocation
from .query import attach_terms
from .vocabularies import LIFE_DOMAINS

MAP_MAX_PLACES = 1000

MAP_WIDTH = 800
MAP_MARGIN = 56
# One colour per life domain, each at least 3:1 against the map's light background
# (WCAG 1.4.11), in an order where neighbours differ in hue.
DOMAIN_COLOURS = {
    LifeDomain.MEETING: "#0b5cad",
    LifeDomain.DAYTIME_ACTIVITY: "#b5400b",
    LifeDomain.VOLUNTEERING: "#1d7a36",
    LifeDomain.WORK: "#6b3fa0",
    LifeDomain.EDUCATION: "#a3165a",
    LifeDomain.HOUSING: "#6e5a00",
    LifeDomain.MONEY: "#0f6e6e",
    LifeDomain.SPORT: "#c0261f",
    LifeDomain.CULTURE: "#8a3ffc",
    LifeDomain.MEANING: "#5c4033",
    LifeDomain.RELATIONSHIPS: "#d1246e",
    LifeDomain.HEALTH: "#4a5a8a",
}
OTHER_COLOUR = "#30343b"


@dataclass
class MapPlace:
    location: Location
    services: list = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0

    @property
    def domain(self) -> tuple[str, str] | None:
        """The life domain (code, label) most of the place's activities belong to, if any."""
        counts = Counter(domain for service in self.services for domain in service.life_domains)
        if not counts:
            return None
        order = list(LifeDomain.values)
        return min(counts, key=lambda domain: (-counts[domain], order.index(domain[0])))

    @property
    def colour(self) -> str:
        return DOMAIN_COLOURS[self.domain[0]] if self.domain else OTHER_COLOUR

    @property
    def link(self) -> str:
        if len(self.services) == 1:
            return reverse("directory:service_detail", args=[self.services[0].pk])
        return f"#place-{self.location.pk}"


class Projection:
    """Latitude/longitude to SVG coordinates (equirectangular, true to scale near the centre)."""

    do_not_call_in_templates = True

    def __init__(self, points: list[tuple[float, float]]):
        latitudes = [lat for lat, _lon in points]
        longitudes = [lon for _lat, lon in points]
        self.south, self.north = min(latitudes), max(latitudes)
        self.west, self.east = min(longitudes), max(longitudes)
        self.x_scale = math.cos(math.radians((self.north + self.south) / 2))
        span_x = max((self.east - self.west) * self.x_scale, 0.01)
        span_y = max(self.north - self.south, 0.01)
        inner = MAP_WIDTH - 2 * MAP_MARGIN
        self.scale = inner / max(span_x, span_y * 4 / 3)
        self.width = MAP_WIDTH
        self.height = round(min(max(span_y * self.scale, 200), 900)) + 2 * MAP_MARGIN
        self.offset_x = (inner - span_x * self.scale) / 2 + MAP_MARGIN
        self.offset_y = (self.height - 2 * MAP_MARGIN - span_y * self.scale) / 2 + MAP_MARGIN

    def __call__(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = self.offset_x + (longitude - self.west) * self.x_scale * self.scale
        y = self.offset_y + (self.north - latitude) * self.scale
        return round(x, 1), round(y, 1)

    def shows(self, point: tuple[float, float]) -> bool:
        x, y = point
        return 0 <= x <= self.width and 0 <= y <= self.height


def _map_places(services: QuerySet) -> tuple[list[MapPlace], bool]:
    rows = list(
        ServiceAtLocation.objects.filter(
            service_id__in=services.values("id"),
            location__latitude__isnull=False,
            location__longitude__isnull=False,
        )
        .select_related("service__organization", "location__district")
        .prefetch_related("location__addresses")
        .order_by("location__name", "location_id", "service__name")[: MAP_MAX_PLACES + 1]
    )
    cut_off = len(rows) > MAP_MAX_PLACES
    rows = rows[:MAP_MAX_PLACES]
    attach_terms([row.service for row in rows], life_domains=LIFE_DOMAINS)
    places: dict = {}
    for row in rows:
        place = places.setdefault(row.location_id, MapPlace(row.location))
        if row.service not in place.services:
            place.services.append(row.service)
    return list(places.values()), cut_off


def _district_labels(places: list[MapPlace], projection: Projection) -> list[dict]:
    """District names at the centre of their postcode areas (or of their places)."""
    centres = {
        row["district__name"]: (row["lat"], row["lon"])
        for row in PostcodeArea.objects.filter(district__isnull=False)
        .values("district__name")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    }
    by_district = defaultdict(list)
    for place in places:
        if place.location.district:
            by_district[place.location.district.name].append(place.location)
    for name, locations in by_district.items():
        if name not in centres:
            centres[name] = (
                sum(location.latitude for location in locations) / len(locations),
                sum(location.longitude for location in locations) / len(locations),
            )
    labels = []
    for name, (latitude, longitude) in sorted(centres.items()):
        x, y = projection(latitude, longitude)
        if projection.shows((x, y)):
            labels.append({"name": name, "x": x, "y": y})
    return labels


def layout(services: QuerySet) -> dict:
    """Everything the map template draws for these services (a fixed number of queries)."""
    places, cut_off = _map_places(services)
    context = {"places": places, "cut_off": cut_off}
    if not places:
        return context
    projection = Projection([(p.location.latitude, p.location.longitude) for p in places])
    for place in places:
        place.x, place.y = projection(place.location.latitude, place.location.longitude)
    south, north, west, east = (
        projection.south - 0.02,
        projection.north + 0.02,
        projection.west - 0.03,
        projection.east + 0.03,
    )
    areas = list(
        PostcodeArea.objects.filter(
            latitude__range=(south, north), longitude__range=(west, east)
        ).values_list("latitude", "longitude")[:5000]
    )
    projected = [projection(latitude, longitude) for latitude, longitude in areas]
    context.update(
        projection=projection,
        areas=[point for point in projected if projection.shows(point)],
        districts=_district_labels(places, projection),
        legend=[
            (label, DOMAIN_COLOURS[code])
            for code, label in LifeDomain.choices
            if any(place.domain and place.domain[0] == code for place in places)
        ],
        other_in_legend=any(place.domain is None for place in places),
        other_colour=OTHER_COLOUR,
    )
    return context
