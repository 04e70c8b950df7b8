"""The public sociale kaart: search, a service, an organisation and the map. No login needed.

Every page costs a fixed number of SQL queries, whatever the size of the directory: the rows
a page shows are prefetched, and the taxonomy links (``Attribute``, a generic link) are
fetched in one query for all services on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from steunsysteem.core.rate_limits import rate_limited
from steunsysteem.matching.public import also_fitting

from .. import map_layout
from ..constants import ServiceStatus
from ..forms_public import SearchForm
from ..models import (
    Contact,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
)
from ..query import attach_terms
from ..schedules import next_occurrences
from ..search import search_services
from ..vocabularies import ACCESS_FEATURES, LIFE_DOMAINS, PARTICIPATION_GOALS

PAGE_SIZE = 20


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


@rate_limited("search")
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
        "meaning": also_fitting(
            form.search_params(), found=paginator.count, shown_ids=[s.pk for s in services]
        ),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "directory/_search_results.html" if partial else "directory/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


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


def map_view(request: HttpRequest) -> HttpResponse:
    form, result = _search(request)
    context = {"form": form, "result": result, **map_layout.layout(result.services)}
    return render(request, "directory/map.html", context)
