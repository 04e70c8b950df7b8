"""The read-only Open Referral HSDS 3.0 API, path by path as in the official openapi.json.

These views are described by the standard's own document (served at ``openapi.json``),
so they stay out of the generated /api/v1 schema (``schema = None``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from steunsysteem.core.api import AnonymousRateThrottle

from ...models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from . import filters, prefetch, serializers
from .pagination import PageRequest
from .renderers import NdjsonRenderer, ndjson_line
from .spec import HSDS_VERSION, openapi_document

# We publish plain HSDS 3.0 without a profile, so the profile is the standard itself.
PROFILE_URL = "https://openreferral.org/"
NDJSON_CHUNK = 200


def _serialize_with_links(build: Callable) -> Callable[[list], list]:
    def serialize(rows: list) -> list:
        links = serializers.LinkedRows()
        contents = [build(row, links) for row in rows]
        links.fill()
        return contents

    return serialize


def _serialize_plain(build: Callable) -> Callable[[list], list]:
    return lambda rows: [build(row) for row in rows]


class HsdsView(APIView):
    schema = None
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonymousRateThrottle]
    renderer_classes = [JSONRenderer]


class HsdsListView(HsdsView):
    """A paged list; ``format=ndjson`` streams every match without paging."""

    renderer_classes = [JSONRenderer, NdjsonRenderer]

    def rows(self, params) -> QuerySet:
        raise NotImplementedError

    def serializer(self, params) -> Callable[[list], list]:
        raise NotImplementedError

    def is_minimal(self, params) -> bool:
        return False

    def get(self, request):
        params = request.query_params
        rows = self.rows(params)
        serialize = self.serializer(params)
        if request.accepted_renderer.format == NdjsonRenderer.format:
            return StreamingHttpResponse(
                _ndjson(rows, serialize), content_type=NdjsonRenderer.media_type
            )
        page = PageRequest.from_params(params, minimal=self.is_minimal(params))
        return Response(page.paginate(rows, rows.count(), serialize))


def _ndjson(rows: QuerySet, serialize) -> Iterator[bytes]:
    """Every row once, from one query read in chunks (a server-side cursor on PostgreSQL).

    Not pages with OFFSET: the database would sort and skip all earlier rows again for every
    chunk, so the last chunks of a large list took longest. Memory stays at one chunk of rows
    (and what the chunk's prefetch and links load).
    """
    stream = rows.iterator(chunk_size=NDJSON_CHUNK)
    while chunk := list(islice(stream, NDJSON_CHUNK)):
        for item in serialize(chunk):
            yield ndjson_line(item)


def _get(rows: QuerySet, pk: str):
    try:
        return rows.get(pk=uuid.UUID(pk))
    except (ValueError, rows.model.DoesNotExist):
        raise Http404 from None


class ApiMetaView(HsdsView):
    def get(self, request):
        return Response(
            {
                "version": HSDS_VERSION,
                "profile": PROFILE_URL,
                "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
            }
        )


class OpenApiView(HsdsView):
    """The official openapi.json, with this server's address filled in."""

    def get(self, request):
        document = openapi_document()
        document["info"] = {
            "title": "Steunsysteem HSDS API",
            "version": HSDS_VERSION,
            "summary": "Open Referral HSDS 3.0 API of this Steunsysteem sociale kaart.",
            "description": "Read-only. Paths and schemas are those of the HSDS 3.0 standard.",
            "license": {
                "name": "EUPL-1.2",
                "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
            },
        }
        document["servers"] = [{"url": request.build_absolute_uri(reverse("hsds:meta"))}]
        # Fixed upstream in openreferral/specification#574: this path returns a
        # service_at_location, as its description already says.
        operation = document["paths"]["/service_at_locations/{id}"]["get"]
        operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] = (
            "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
            "compiled/service_at_location.json"
        )
        return Response(document)


class ServiceListView(HsdsListView):
    def rows(self, params):
        rows = filters.services(params)
        if self.is_minimal(params):
            return rows
        if filters.flag(params, "full"):
            return prefetch.services_full(rows)
        return prefetch.services_brief(rows)

    def is_minimal(self, params) -> bool:
        return filters.flag(params, "minimal")

    def serializer(self, params):
        if self.is_minimal(params):
            return _serialize_plain(serializers.service_minimal)
        if filters.flag(params, "full"):
            return _serialize_with_links(serializers.service_full)
        return _serialize_plain(serializers.service_brief)


class ServiceDetailView(HsdsView):
    def get(self, request, pk: str):
        service = _get(prefetch.services_full(Service.objects.all()), pk)
        return Response(_serialize_with_links(serializers.service_full)([service])[0])


class OrganizationListView(HsdsListView):
    def rows(self, params):
        rows = filters.organizations(params)
        if self._full(params):
            full_services = filters.flag(params, "full_service")
            return prefetch.organizations_full(rows, full_services=full_services)
        return rows

    def _full(self, params) -> bool:
        return filters.flag(params, "full") or filters.flag(params, "full_service")

    def serializer(self, params):
        if self._full(params):
            full_services = filters.flag(params, "full_service")
            return _serialize_with_links(
                lambda row, links: serializers.organization_full(
                    row, links, full_services=full_services
                )
            )
        return _serialize_plain(serializers.organization_brief)


class OrganizationDetailView(HsdsView):
    def get(self, request, pk: str):
        full_services = filters.flag(request.query_params, "full_service")
        rows = prefetch.organizations_full(Organization.objects.all(), full_services=full_services)
        organization = _get(rows, pk)
        links = serializers.LinkedRows()
        data = serializers.organization_full(organization, links, full_services=full_services)
        links.fill()
        return Response(data)


class TaxonomyListView(HsdsListView):
    def rows(self, params):
        return filters.taxonomies(params)

    def serializer(self, params):
        return _serialize_plain(serializers.taxonomy)


class TaxonomyDetailView(HsdsView):
    def get(self, request, pk: str):
        return Response(serializers.taxonomy(_get(Taxonomy.objects.all(), pk)))


class TaxonomyTermListView(HsdsListView):
    def rows(self, params):
        return filters.taxonomy_terms(params)

    def serializer(self, params):
        return _serialize_plain(serializers.taxonomy_term)


class TaxonomyTermDetailView(HsdsView):
    def get(self, request, pk: str):
        term = _get(TaxonomyTerm.objects.select_related("taxonomy"), pk)
        return Response(serializers.taxonomy_term(term))


class ServiceAtLocationListView(HsdsListView):
    def rows(self, params):
        rows = filters.service_at_locations(params)
        if filters.flag(params, "full"):
            return prefetch.service_at_locations_full(rows)
        return prefetch.service_at_locations_brief(rows)

    def serializer(self, params):
        if filters.flag(params, "full"):
            return _serialize_with_links(serializers.service_at_location_full)
        return _serialize_plain(serializers.service_at_location_brief)


class ServiceAtLocationDetailView(HsdsView):
    def get(self, request, pk: str):
        row = _get(prefetch.service_at_locations_full(ServiceAtLocation.objects.all()), pk)
        return Response(_serialize_with_links(serializers.service_at_location_full)([row])[0])
