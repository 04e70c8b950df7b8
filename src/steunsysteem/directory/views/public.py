"""The public sociale kaart: search, a service, an organisation and the map. No login needed.

Every page costs a fixed number of SQL queries, whatever the size of the directory: the rows
a page shows are prefetched, and the taxonomy links (``Attribute``, a generic link) are
fetched in one query for all services on the page.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Avg, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from ..constants import LifeDomain, ServiceStatus
from ..forms_public import SearchForm
from ..models import (
    Attribute,
    Contact,
    Location,
    Organization,
    PostcodeArea,
    Schedule,
    Service,
    ServiceAtLocation,
)
from ..schedules import next_occurrences
from ..search import search_services
from ..vocabularies import ACCESS_FEATURES, LIFE_DOMAINS, PARTICIPATION_GOALS, Vocabulary

PAGE_SIZE = 20
MAP_MAX_PLACES = 1000
REPORT_FORM_TEMPLATE = "directory/editor/_report_outdated_form.html"


def _terms(vocabulary: Vocabulary) -> dict:
    """Taxonomy term id → (code, translated label), in the vocabulary's own order."""
    return {vocabulary.term_id(code): (code, label) for code, label in vocabulary.choices.choices}


def attach_terms(services: list[Service], **vocabularies: Vocabulary) -> None:
    """Set each keyword as a list of (code, label) on every service, with one query in all.

    ``attach_terms(services, life_domains=LIFE_DOMAINS)`` sets ``service.life_domains``.
    """
    lookups = {name: _terms(vocabulary) for name, vocabulary in vocabularies.items()}
    term_ids = [term_id for terms in lookups.values() for term_id in terms]
    found = defaultdict(set)
    for link_id, term_id in Attribute.objects.filter(
        link_entity="service",
        link_id__in=[service.id for service in services],
        taxonomy_term_id__in=term_ids,
    ).values_list("link_id", "taxonomy_term_id"):
        found[link_id].add(term_id)
    for service in services:
        for name, terms in lookups.items():
            labels = [terms[term_id] for term_id in terms if term_id in found[service.id]]
            setattr(service, name, labels)


def _card_rows(services: QuerySet) -> QuerySet:
    """What a result card shows, prefetched."""
    return services.select_related("organization").prefetch_related(
        "schedules",
        "cost_options",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location__district")
            .prefetch_related("location__addresses", "schedules")
            .order_by("location__name", "id"),
        ),
    )


def _search(request: HttpRequest) -> tuple[SearchForm, object]:
    form = SearchForm(request.GET or None)
    return form, search_services(form.search_params())


def search(request: HttpRequest) -> HttpResponse:
    form, result = _search(request)
    paginator = Paginator(_card_rows(result.services), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    services = list(page.object_list)
    attach_terms(services, life_domains=LIFE_DOMAINS)
    context = {
        "form": form,
        "result": result,
        "page": page,
        "services": services,
        "searched": form.is_filtered(),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "directory/_search_results.html" if partial else "directory/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _report_form_available() -> bool:
    try:
        get_template(REPORT_FORM_TEMPLATE)
    except TemplateDoesNotExist:
        return False
    return True


@dataclass
class Place:
    """A location where the service is given, with its own times."""

    location: Location
    schedules: list = field(default_factory=list)


def service_detail(request: HttpRequest, pk) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.select_related("organization").prefetch_related(
            "cost_options",
            "languages",
            "phones",
            "required_documents",
            Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("opens_at", "id")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location__district")
                .prefetch_related(
                    "location__addresses",
                    "location__accessibilities",
                    "location__languages",
                    "location__phones",
                    "schedules",
                )
                .order_by("location__name", "id"),
            ),
        ),
        pk=pk,
    )
    attach_terms(
        [service],
        life_domains=LIFE_DOMAINS,
        participation_goals=PARTICIPATION_GOALS,
        access_features=ACCESS_FEATURES,
    )
    now = timezone.now()
    schedules = [*service.schedules.all()]
    places = []
    for service_at_location in service.service_at_locations.all():
        places.append(
            Place(service_at_location.location, list(service_at_location.schedules.all()))
        )
        schedules.extend(service_at_location.schedules.all())
    next_dates = sorted({moment for s in schedules for moment in next_occurrences(s, now, 3)})[:5]
    context = {
        "service": service,
        "places": places,
        "schedules": schedules,
        "next_dates": next_dates,
        "is_gone": service.status in {ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT},
        "is_closed": service.status == ServiceStatus.TEMPORARILY_CLOSED,
        "report_form_available": _report_form_available(),
    }
    return render(request, "directory/service_detail.html", context)


def organization_detail(request: HttpRequest, pk) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.prefetch_related(
            "phones",
            Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
            Prefetch(
                "locations",
                queryset=Location.objects.select_related("district")
                .prefetch_related("addresses")
                .order_by("name", "id"),
            ),
        ),
        pk=pk,
    )
    services = list(_card_rows(organization.services.public().order_by("name", "id")))
    attach_terms(services, life_domains=LIFE_DOMAINS)
    context = {"organization": organization, "services": services}
    return render(request, "directory/organization_detail.html", context)


# The map ---------------------------------------------------------------------------------

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


def map_view(request: HttpRequest) -> HttpResponse:
    form, result = _search(request)
    places, cut_off = _map_places(result.services)
    context = {"form": form, "result": result, "places": places, "cut_off": cut_off}
    if places:
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
    return render(request, "directory/map.html", context)
