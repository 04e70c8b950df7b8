"""The public sociale kaart: search, a service, an organisation and the map. No login needed.

Every page costs a fixed number of SQL queries, whatever the size of the directory: the rows
a page shows are prefetched, and the taxonomy links (``Attribute``, a generic link) are
fetched in one query for all services on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify

from steunsysteem.core.rate_limits import rate_limited
from steunsysteem.matching.public import also_fitting

from .. import map_layout, street_map
from ..calendar import activity_ics, next_date
from ..constants import ServiceStatus
from ..contact_details import contact_details
from ..forms_public import SearchForm, search_query
from ..handout import handout_pdf
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
from ..search.crisis import mentions_crisis
from ..vocabularies import ACCESS_FEATURES, LIFE_DOMAINS, PARTICIPATION_GOALS

PAGE_SIZE = 20


def _card_rows(services: QuerySet) -> QuerySet:
    """What a result card shows, prefetched."""
    return services.select_related("organization").prefetch_related(
        "schedules",
        "cost_options",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location__district", "location__support_point"
            )
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
        "search_query": search_query(request.GET),
        "crisis": mentions_crisis(form.search_params().text),
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


def _public_service(pk) -> Service:
    """The service with everything its page, calendar file and handout show, prefetched."""
    service = get_object_or_404(
        Service.objects.select_related("organization").prefetch_related(
            "cost_options",
            "languages",
            "phones",
            "required_documents",
            "organization__phones",
            Prefetch("organization__contacts", queryset=Contact.objects.prefetch_related("phones")),
            Prefetch("contacts", queryset=Contact.objects.prefetch_related("phones")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("opens_at", "id")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related(
                    "location__district", "location__support_point"
                )
                .prefetch_related(
                    "location__addresses",
                    "location__accessibilities",
                    "location__languages",
                    "location__phones",
                    Prefetch(
                        "location__schedules",
                        queryset=Schedule.objects.filter(
                            service=None, service_at_location=None
                        ).order_by("id"),
                    ),
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
    return service


def _service_context(request: HttpRequest, service: Service) -> dict:
    now = timezone.now()
    schedules = [*service.schedules.all()]
    places = []
    for service_at_location in service.service_at_locations.all():
        places.append(
            Place(service_at_location.location, list(service_at_location.schedules.all()))
        )
        schedules.extend(service_at_location.schedules.all())
    next_dates = sorted({moment for s in schedules for moment in next_occurrences(s, now, 3)})[:5]
    is_gone = service.status in {ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT}
    is_closed = service.status == ServiceStatus.TEMPORARILY_CLOSED
    return {
        "service": service,
        "places": places,
        "schedules": schedules,
        "next_dates": next_dates,
        "is_gone": is_gone,
        "is_closed": is_closed,
        "takes_place": bool(next_dates) and not is_gone and not is_closed,
        "contact": contact_details(service),
        "page_url": request.build_absolute_uri(
            reverse("directory:service_detail", args=[service.pk])
        ),
        "search_query": search_query(request.GET),
    }


def service_detail(request: HttpRequest, pk) -> HttpResponse:
    service = _public_service(pk)
    return render(request, "directory/service_detail.html", _service_context(request, service))


def service_calendar(request: HttpRequest, pk) -> HttpResponse:
    """The activity's next date as an .ics file ("Zet in mijn agenda")."""
    service = _public_service(pk)
    context = _service_context(request, service)
    places = [(place.location, place.schedules) for place in context["places"]]
    date = next_date(service, places, timezone.now()) if context["takes_place"] else None
    if date is None:
        raise Http404("No coming date")
    ics = activity_ics(service=service, date=date, page_url=context["page_url"])
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    filename = f"{slugify(service.name)[:60] or 'activiteit'}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def service_handout(request: HttpRequest, pk) -> HttpResponse:
    """A one-page handout to print, for someone without internet."""
    service = _public_service(pk)
    return render(request, "directory/handout.html", _service_context(request, service))


def service_handout_pdf(request: HttpRequest, pk) -> HttpResponse:
    """The handout as an A4 PDF."""
    service = _public_service(pk)
    context = {**_service_context(request, service), "standalone": True}
    pdf = handout_pdf(render_to_string("directory/handout_pdf.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{slugify(service.name)[:60] or 'activiteit'}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


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
    context = {
        "organization": organization,
        "services": services,
        "search_query": search_query(request.GET),
    }
    return render(request, "directory/organization_detail.html", context)


def map_view(request: HttpRequest) -> HttpResponse:
    form, result = _search(request)
    context = {"form": form, "result": result, **map_layout.layout(result.services)}
    context.update(
        street_map=street_map.config_json(),
        street_map_places=street_map.places_json(context["places"]),
    )
    response = render(request, "directory/map.html", context)
    if update := street_map.csp_update():
        response._csp_update = update
    return response
