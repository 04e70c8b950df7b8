"""The query parameters of the HSDS API (openapi.json) as querysets.

Free text (``search``) and distance (``postcode`` with ``proximity`` in metres) go through
the sociale kaart's own search engine, so the HSDS API finds what the website finds.
"""

from __future__ import annotations

import math
import uuid

from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Sqrt
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from ...constants import TAXONOMY_DISTRICT
from ...distance import (
    KM_PER_DEGREE_LATITUDE,
    KM_PER_DEGREE_LONGITUDE_AT_EQUATOR,
    find_postcode_area,
)
from ...models import (
    Attribute,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from ...search import SearchParams, search_services

TRUE_VALUES = {"true", "1", "yes"}
FALSE_VALUES = {"false", "0", "no", ""}


def flag(params, name: str) -> bool:
    raw = params.get(name, "").strip().lower()
    if raw in TRUE_VALUES:
        return True
    if raw in FALSE_VALUES:
        return False
    raise ValidationError({name: _("Use true or false.")})


def _uuid(params, name: str) -> uuid.UUID | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ValidationError({name: _("Enter a valid UUID.")}) from None


def _modified_after(params):
    raw = params.get("modified_after", "").strip()
    if not raw:
        return None
    # A '+' in an unencoded query string arrives as a space.
    value = parse_datetime(raw.replace(" ", "+"))
    if value is None and (day := parse_date(raw)):
        value = parse_datetime(f"{day.isoformat()}T00:00:00")
    if value is None:
        raise ValidationError(
            {"modified_after": _("Enter a date and time such as 2025-01-31T09:00:00Z.")}
        )
    return make_aware(value) if is_naive(value) else value


def _proximity_km(params) -> float | None:
    raw = params.get("proximity", "").strip()
    if not raw:
        return None
    try:
        metres = float(raw)
    except ValueError:
        metres = -1
    if metres <= 0:
        raise ValidationError({"proximity": _("Enter a distance in metres, above 0.")})
    return metres / 1000


def _services_with_term(term_id: uuid.UUID) -> Q:
    """Services tagged with the term, or, for a district's term, located in that district."""
    tagged = Attribute.objects.filter(link_entity="service", taxonomy_term_id=term_id)
    in_district = Q(service_at_locations__location__district__term_id=term_id)
    return Q(id__in=tagged.values("link_id")) | in_district


def _services_in_taxonomy(taxonomy_id: uuid.UUID) -> Q:
    tagged = Attribute.objects.filter(link_entity="service", taxonomy_term__taxonomy_id=taxonomy_id)
    q = Q(id__in=tagged.values("link_id"))
    if taxonomy_id == uuid.UUID(TAXONOMY_DISTRICT):
        q |= Q(service_at_locations__location__district__isnull=False)
    return q


def services(params) -> QuerySet:
    """Services matching the HSDS list parameters.

    Without ``search`` or ``postcode`` every service is listed (HSDS carries the status),
    by name. With them the search engine ranks the public services: best match first, then
    nearest.
    """
    filters = Q()
    if term_id := _uuid(params, "taxonomy_term_id"):
        filters &= _services_with_term(term_id)
    if taxonomy_id := _uuid(params, "taxonomy_id"):
        filters &= _services_in_taxonomy(taxonomy_id)
    if organization_id := _uuid(params, "organization_id"):
        filters &= Q(organization_id=organization_id)
    if modified_after := _modified_after(params):
        filters &= Q(last_modified__gte=modified_after)
    rows = Service.objects.filter(id__in=Service.objects.filter(filters).values("id"))
    text = params.get("search", "").strip()
    postcode = params.get("postcode", "").strip()
    max_km = _proximity_km(params)
    if max_km is not None and not postcode:
        raise ValidationError({"proximity": _("Give a postcode to search by distance.")})
    if not (text or postcode):
        return rows.order_by("name", "id")
    result = search_services(
        SearchParams(text=text, postcode=postcode, max_distance_km=max_km), queryset=rows
    )
    if result.postcode_unknown:
        raise ValidationError({"postcode": _("We do not know this postcode.")})
    return result.services


def service_at_locations(params) -> QuerySet:
    """Services at locations; with a postcode, nearest location first."""
    service_ids = services(params).values("id")
    rows = ServiceAtLocation.objects.filter(service__in=service_ids)
    postcode = params.get("postcode", "").strip()
    if not postcode:
        return rows.order_by("service__name", "location__name", "id")
    area = find_postcode_area(postcode)
    rows = rows.annotate(distance_km=location_distance_km(area))
    if (max_km := _proximity_km(params)) is not None:
        rows = rows.filter(distance_km__lte=max_km)
    return rows.order_by(F("distance_km").asc(nulls_last=True), "service__name", "id")


def location_distance_km(area) -> Sqrt:
    """Distance from the postcode area's centre to the row's location (None without one).

    The same equirectangular arithmetic as ``directory.distance``, per location.
    """
    kx = Value(KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(area.latitude)))
    dx = (F("location__longitude") - Value(area.longitude)) * kx
    dy = (F("location__latitude") - Value(area.latitude)) * Value(KM_PER_DEGREE_LATITUDE)
    return Sqrt(dx * dx + dy * dy, output_field=FloatField())


def organizations(params) -> QuerySet:
    rows = Organization.objects.all()
    if text := params.get("search", "").strip():
        rows = rows.filter(
            Q(name__icontains=text)
            | Q(alternate_name__icontains=text)
            | Q(description__icontains=text)
        )
    return rows.order_by("name", "id")


def taxonomies(params) -> QuerySet:
    rows = Taxonomy.objects.all()
    if text := params.get("search", "").strip():
        rows = rows.filter(Q(name__icontains=text) | Q(description__icontains=text))
    return rows.order_by("name", "id")


def taxonomy_terms(params) -> QuerySet:
    rows = TaxonomyTerm.objects.select_related("taxonomy")
    if text := params.get("search", "").strip():
        rows = rows.filter(
            Q(name__icontains=text) | Q(description__icontains=text) | Q(code__iexact=text)
        )
    if taxonomy_id := _uuid(params, "taxonomy_id"):
        rows = rows.filter(taxonomy_id=taxonomy_id)
    if parent_id := _uuid(params, "parent_id"):
        rows = rows.filter(parent_id=parent_id)
    if flag(params, "top_only"):
        rows = rows.filter(parent__isnull=True)
    return rows.order_by("taxonomy_name", "name", "id")
