"""Steunsysteem's own directory API (/api/v1): the public sociale kaart, read-only."""

from __future__ import annotations

import uuid
from collections import defaultdict
from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...constants import AccessFeature, LifeDomain, Weekday
from ...models import (
    Address,
    Attribute,
    Contact,
    CostOption,
    District,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
)
from ...vocabularies import ACCESS_FEATURES, LIFE_DOMAINS, PARTICIPATION_GOALS

TERM_KINDS = {
    "life_domains": LIFE_DOMAINS,
    "participation_goals": PARTICIPATION_GOALS,
    "access_features": ACCESS_FEATURES,
}


@cache
def _term_codes() -> dict[uuid.UUID, tuple[str, str]]:
    return {
        vocabulary.term_id(code): (kind, code)
        for kind, vocabulary in TERM_KINDS.items()
        for code in vocabulary.dutch_names
    }


def service_terms(service_ids) -> dict[uuid.UUID, dict[str, list[str]]]:
    """Life domains, participation goals and access features per service, in one query."""
    codes = _term_codes()
    by_service: dict = defaultdict(lambda: defaultdict(list))
    rows = Attribute.objects.filter(
        link_entity="service", link_id__in=list(service_ids), taxonomy_term_id__in=list(codes)
    ).values_list("link_id", "taxonomy_term_id")
    for service_id, term_id in rows:
        kind, code = codes[term_id]
        by_service[service_id][kind].append(code)
    return by_service


class ProblemSerializer(serializers.Serializer):
    """An error as RFC 7807 problem details (for the OpenAPI document)."""

    type = serializers.CharField(help_text=_("A URI that identifies the kind of problem."))
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    invalid_params = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        required=False,
        help_text=_("Each invalid query parameter with the reason (name, reason)."),
    )


class _NullWhenEmpty:
    def to_representation(self, value):
        return value or None


class OptionalURLField(_NullWhenEmpty, serializers.URLField):
    """A website or logo; null when there is none ("" is no URI)."""


class OptionalEmailField(_NullWhenEmpty, serializers.EmailField):
    """An e-mail address; null when there is none ("" is no address)."""


@extend_schema_field(
    {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$", "example": "14:00:00"}
)
class ClockTimeField(serializers.TimeField):
    """A time of day such as 14:00:00. Not OpenAPI's ``format: time``: that is RFC 3339's
    full-time, which needs a UTC offset, and a weekly opening time has none."""


# Read-only model data as the OpenAPI document describes it: no empty strings where the
# document promises a URI or an e-mail address, times of day without an offset. (A comment,
# not a docstring: drf-spectacular would put a docstring in every schema's description.)
class PublicModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: OptionalURLField,
        models.EmailField: OptionalEmailField,
        models.TimeField: ClockTimeField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class in (OptionalURLField, OptionalEmailField) and model_field.blank:
            kwargs["allow_null"] = True
        return field_class, kwargs


class DistrictSerializer(PublicModelSerializer):
    class Meta:
        model = District
        fields = ["slug", "name", "municipality", "population", "term_id"]
        read_only_fields = fields


class OrganizationSerializer(PublicModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id", "name", "alternate_name", "description", "email", "website", "logo",
            "last_modified",
        ]  # fmt: skip
        read_only_fields = fields


class OrganizationSummarySerializer(PublicModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name"]
        read_only_fields = fields


class ServiceFilterSerializer(serializers.Serializer):
    """The query parameters of the service list."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=_("Words to search for; typos are fine. Empty: every service."),
    )
    life_domain = serializers.MultipleChoiceField(
        choices=LifeDomain.choices, required=False, help_text=_("Any of these life domains.")
    )
    district = serializers.SlugField(required=False, help_text=_("A district's slug."))
    free = serializers.BooleanField(required=False, default=False, help_text=_("Only free ones."))
    weekday = serializers.MultipleChoiceField(
        choices=Weekday.choices, required=False, help_text=_("Open on one of these days.")
    )
    access = serializers.MultipleChoiceField(
        choices=AccessFeature.choices, required=False, help_text=_("All of these access features.")
    )
    postcode = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=7,
        help_text=_("Dutch postcode; sorts by distance."),
    )
    max_distance_km = serializers.FloatField(
        required=False, min_value=0.1, max_value=500, help_text=_("Needs a postcode.")
    )


class _TermsMixin(serializers.Serializer):
    life_domains = serializers.SerializerMethodField()
    participation_goals = serializers.SerializerMethodField()
    access_features = serializers.SerializerMethodField()
    distance_km = serializers.SerializerMethodField()

    def _terms(self, obj, kind: str) -> list[str]:
        return sorted(self.context.get("terms", {}).get(obj.id, {}).get(kind, []))

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(LifeDomain.choices)))
    def get_life_domains(self, obj) -> list[str]:
        return self._terms(obj, "life_domains")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_participation_goals(self, obj) -> list[str]:
        return self._terms(obj, "participation_goals")

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(AccessFeature.choices))
    )
    def get_access_features(self, obj) -> list[str]:
        return self._terms(obj, "access_features")

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, obj) -> float | None:
        distance = getattr(obj, "distance_km", None)
        return None if distance is None else round(distance, 2)


SERVICE_LIST_FIELDS = [
    "id", "name", "alternate_name", "description", "status", "alert", "url", "email",
    "organization", "life_domains", "participation_goals", "access_features", "distance_km",
    "last_modified",
]  # fmt: skip


class ServiceSerializer(_TermsMixin, PublicModelSerializer):
    organization = OrganizationSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Service
        fields = SERVICE_LIST_FIELDS
        read_only_fields = fields


class PhoneSerializer(PublicModelSerializer):
    class Meta:
        model = Phone
        fields = ["number", "extension", "type", "description"]
        read_only_fields = fields


class ContactSerializer(PublicModelSerializer):
    phones = PhoneSerializer(many=True, read_only=True)

    class Meta:
        model = Contact
        fields = ["name", "title", "department", "email", "phones"]
        read_only_fields = fields


class AddressSerializer(PublicModelSerializer):
    class Meta:
        model = Address
        fields = ["address_1", "address_2", "postal_code", "city"]
        read_only_fields = fields


class LocationSerializer(PublicModelSerializer):
    addresses = AddressSerializer(many=True, read_only=True)
    district = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Location
        fields = [
            "id", "name", "location_type", "description", "transportation", "latitude",
            "longitude", "district", "addresses",
        ]  # fmt: skip
        read_only_fields = fields


class ScheduleSerializer(PublicModelSerializer):
    class Meta:
        model = Schedule
        fields = [
            "freq", "interval", "byday", "bymonthday", "opens_at", "closes_at", "valid_from",
            "valid_to", "description",
        ]  # fmt: skip
        read_only_fields = fields


class CostOptionSerializer(PublicModelSerializer):
    class Meta:
        model = CostOption
        fields = ["option", "amount", "currency", "amount_description"]
        read_only_fields = fields


class ServiceDetailSerializer(ServiceSerializer):
    locations = serializers.SerializerMethodField()
    schedules = ScheduleSerializer(many=True, read_only=True)
    cost_options = CostOptionSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)
    phones = PhoneSerializer(many=True, read_only=True)

    class Meta:
        model = Service
        fields = [
            *SERVICE_LIST_FIELDS, "application_process", "eligibility_description",
            "fees_description", "minimum_age", "maximum_age", "wait_time", "assured_date",
            "places_available", "locations", "schedules", "cost_options", "contacts", "phones",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(LocationSerializer(many=True))
    def get_locations(self, obj) -> list[dict]:
        locations = [row.location for row in obj.service_at_locations.all() if row.location]
        return LocationSerializer(locations, many=True, context=self.context).data
