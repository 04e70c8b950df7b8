"""Read-only views of the public sociale kaart. Anyone may read; writes go via the editor."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny

from steunsysteem.core.api import AnonymousRateThrottle

from ...models import Contact, District, Location, Organization, Service, ServiceAtLocation
from ...search import SearchParams, search_services
from .serializers import (
    DistrictSerializer,
    OrganizationSerializer,
    ProblemSerializer,
    ServiceDetailSerializer,
    ServiceFilterSerializer,
    ServiceSerializer,
    service_terms,
)

PROBLEM = "application/problem+json"
NOT_FOUND = {(404, PROBLEM): OpenApiResponse(ProblemSerializer, description=_("Not found."))}
BAD_REQUEST = {
    (400, PROBLEM): OpenApiResponse(ProblemSerializer, description=_("Invalid parameters."))
}
TOO_MANY = {(429, PROBLEM): OpenApiResponse(ProblemSerializer, description=_("Too many requests."))}
# Lists: a page size out of range is 400, a page past the end 404.
PAGES = {
    (400, PROBLEM): OpenApiResponse(ProblemSerializer, description=_("Invalid page size.")),
    (404, PROBLEM): OpenApiResponse(ProblemSerializer, description=_("No such page.")),
}


class Pagination(PageNumberPagination):
    """``page`` and ``page_size``; a page past the end is 404, a page size that is no
    number from 1 to 100 is 400 (not silently the default)."""

    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return self.page_size
        if not asked.isascii() or not asked.isdigit() or not 1 <= int(asked) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: _("Give a whole number from 1 to 100.")}
            )
        return int(asked)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            elif parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters


class PublicReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Public directory data: no login, so no session or password is ever sent here."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousRateThrottle]
    pagination_class = Pagination


def search_params(query_params) -> SearchParams:
    """The service list's query parameters, validated, as a search request."""
    filters = ServiceFilterSerializer(data=query_params)
    filters.is_valid(raise_exception=True)
    data = filters.validated_data
    if data.get("max_distance_km") is not None and not data.get("postcode"):
        raise ValidationError({"max_distance_km": _("Give a postcode to search by distance.")})
    return SearchParams(
        text=data.get("q", ""),
        life_domains=tuple(sorted(data.get("life_domain", ()))),
        district=data.get("district", ""),
        free_only=data["free"],
        weekdays=tuple(sorted(data.get("weekday", ()))),
        access_features=tuple(sorted(data.get("access", ()))),
        postcode=data.get("postcode", ""),
        max_distance_km=data.get("max_distance_km"),
    )


@extend_schema_view(
    list=extend_schema(
        summary=_("Search public services"),
        description=_(
            "Services a visitor can go to, best match first; with a postcode, nearest first."
        ),
        parameters=[ServiceFilterSerializer],
        responses={200: ServiceSerializer(many=True), **PAGES, **BAD_REQUEST, **TOO_MANY},
    ),
    retrieve=extend_schema(
        summary=_("One public service"),
        responses={200: ServiceDetailSerializer, **NOT_FOUND, **TOO_MANY},
    ),
)
class ServiceViewSet(PublicReadOnlyViewSet):
    serializer_class = ServiceSerializer

    def get_queryset(self):
        if self.action == "list":
            result = search_services(search_params(self.request.query_params))
            if result.postcode_unknown:
                raise ValidationError({"postcode": _("We do not know this postcode.")})
            return result.services.select_related("organization")
        locations = Location.objects.select_related("district").prefetch_related("addresses")
        return (
            Service.objects.public()
            .select_related("organization")
            .prefetch_related(
                "schedules",
                "cost_options",
                "phones",
                Prefetch("contacts", Contact.objects.prefetch_related("phones")),
                Prefetch(
                    "service_at_locations",
                    ServiceAtLocation.objects.prefetch_related(Prefetch("location", locations)),
                ),
            )
        )

    def get_serializer_class(self):
        return ServiceDetailSerializer if self.action == "retrieve" else ServiceSerializer

    def get_serializer(self, instance=None, *args, **kwargs):
        if instance is not None:
            rows = instance if kwargs.get("many") else [instance]
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["terms"] = service_terms(row.id for row in rows)
        return super().get_serializer(instance, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary=_("Organisations"),
        responses={200: OrganizationSerializer(many=True), **PAGES, **TOO_MANY},
    ),
    retrieve=extend_schema(
        summary=_("One organisation"),
        responses={200: OrganizationSerializer, **NOT_FOUND, **TOO_MANY},
    ),
)
class OrganizationViewSet(PublicReadOnlyViewSet):
    serializer_class = OrganizationSerializer
    queryset = Organization.objects.order_by("name", "id")


@extend_schema_view(
    list=extend_schema(
        summary=_("Districts"), responses={200: DistrictSerializer(many=True), **PAGES, **TOO_MANY}
    ),
    retrieve=extend_schema(
        summary=_("One district"), responses={200: DistrictSerializer, **NOT_FOUND, **TOO_MANY}
    ),
)
class DistrictViewSet(PublicReadOnlyViewSet):
    serializer_class = DistrictSerializer
    queryset = District.objects.order_by("name")
    lookup_field = "slug"
