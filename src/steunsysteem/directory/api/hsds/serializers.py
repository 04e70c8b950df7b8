"""Model rows as HSDS 3.0 JSON objects, shaped like the official compiled schemas.

HSDS types its fields as plain strings and numbers (not nullable), so an empty or unknown
optional value is left out rather than sent as ``null`` or ``""``. The functions read only
what the querysets in ``prefetch.py`` loaded; attributes and metadata come from
:class:`LinkedRows`, which fetches them for a whole response in two queries.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from decimal import Decimal

from ...models import Attribute, Metadata

SERVICE_FIELDS = (
    "id", "organization_id", "program_id", "name", "alternate_name", "description", "url",
    "email", "status", "interpretation_services", "application_process", "fees_description",
    "wait_time", "fees", "accreditations", "eligibility_description", "minimum_age",
    "maximum_age", "assured_date", "assurer_email", "licenses", "alert", "last_modified",
)  # fmt: skip
ORGANIZATION_FIELDS = (
    "id", "name", "alternate_name", "description", "email", "website", "tax_status", "tax_id",
    "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id",
)  # fmt: skip
LOCATION_FIELDS = (
    "id", "location_type", "url", "organization_id", "name", "alternate_name", "description",
    "transportation", "latitude", "longitude", "external_identifier", "external_identifier_type",
)  # fmt: skip
SCHEDULE_FIELDS = (
    "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
    "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday", "byweekno",
    "bymonthday", "byyearday", "description", "opens_at", "closes_at", "schedule_link",
    "attending_type", "notes",
)  # fmt: skip
ADDRESS_FIELDS = (
    "id", "location_id", "attention", "address_1", "address_2", "city", "region",
    "state_province", "postal_code", "country", "address_type",
)  # fmt: skip
ADDRESS_REQUIRED = (
    "id", "address_1", "city", "state_province", "postal_code", "country", "address_type",
)  # fmt: skip
PHONE_FIELDS = (
    "id", "location_id", "service_id", "organization_id", "contact_id", "service_at_location_id",
    "number", "extension", "type", "description",
)  # fmt: skip
CONTACT_FIELDS = (
    "id", "organization_id", "service_id", "service_at_location_id", "location_id", "name",
    "title", "department", "email",
)  # fmt: skip
LANGUAGE_FIELDS = ("id", "service_id", "location_id", "phone_id", "name", "code", "note")
PROGRAM_FIELDS = ("id", "organization_id", "name", "alternate_name", "description")
FUNDING_FIELDS = ("id", "organization_id", "service_id", "source")
COST_OPTION_FIELDS = (
    "id", "service_id", "valid_from", "valid_to", "option", "currency", "amount",
    "amount_description",
)  # fmt: skip
SERVICE_AREA_FIELDS = ("id", "service_id", "name", "description", "extent", "extent_type", "uri")
REQUIRED_DOCUMENT_FIELDS = ("id", "service_id", "document", "uri")
ACCESSIBILITY_FIELDS = ("id", "location_id", "description", "details", "url")
IDENTIFIER_FIELDS = ("id", "organization_id", "identifier_scheme", "identifier_type", "identifier")
IDENTIFIER_REQUIRED = ("id", "identifier_type", "identifier")
TAXONOMY_FIELDS = ("id", "name", "description", "uri", "version")
TERM_FIELDS = ("id", "code", "name", "description", "parent_id", "language", "taxonomy_id",
               "term_uri")  # fmt: skip
METADATA_FIELDS = (
    "id", "resource_id", "resource_type", "last_action_date", "last_action_type", "field_name",
    "previous_value", "replacement_value", "updated_by",
)  # fmt: skip
ATTRIBUTE_FIELDS = ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value")


def _json_value(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def fields(obj, names, required=("id",)) -> dict:
    """The HSDS one-to-one fields of ``obj``; empty optional values are left out."""
    data = {}
    for name in names:
        value = getattr(obj, name)
        if value is None or value == "":
            if name not in required:
                continue
            value = ""
        data[name] = _json_value(value)
    return data


class LinkedRows:
    """Attributes and metadata of every object in one response, fetched at the end.

    The serializers ask for an object's lists while they build the response; ``fill()``
    then loads all of them at once and fills the lists in place.
    """

    def __init__(self):
        self._attributes = defaultdict(list)
        self._metadata = defaultdict(list)

    def attributes(self, entity: str, obj_id) -> list:
        rows: list = []
        self._attributes[(entity, obj_id)].append(rows)
        return rows

    def metadata(self, entity: str, obj_id) -> list:
        rows: list = []
        self._metadata[(entity, obj_id)].append(rows)
        return rows

    def fill(self) -> None:
        if self._attributes:
            ids = {obj_id for _, obj_id in self._attributes}
            attributes = (
                Attribute.objects.filter(link_id__in=ids)
                .select_related("taxonomy_term__taxonomy")
                .order_by("link_type", "id")
            )
            for row in attributes:
                for target in self._attributes.get((row.link_entity, row.link_id), ()):
                    target.append(attribute(row))
        if self._metadata:
            ids = {obj_id for _, obj_id in self._metadata}
            for row in Metadata.objects.filter(resource_id__in=ids).order_by(
                "last_action_date", "id"
            ):
                for target in self._metadata.get((row.resource_type, row.resource_id), ()):
                    target.append(fields(row, METADATA_FIELDS, required=METADATA_FIELDS))


def _with_links(data: dict, entity: str, obj, links: LinkedRows) -> dict:
    data["attributes"] = links.attributes(entity, obj.id)
    data["metadata"] = links.metadata(entity, obj.id)
    return data


def taxonomy(obj) -> dict:
    return fields(obj, TAXONOMY_FIELDS, required=("id", "name", "description"))


def taxonomy_term(obj) -> dict:
    data = fields(obj, TERM_FIELDS, required=("id", "name", "description"))
    if obj.taxonomy_name:
        data["taxonomy"] = obj.taxonomy_name
    if obj.taxonomy_id:
        data["taxonomy_detail"] = taxonomy(obj.taxonomy)
    return data


def attribute(obj) -> dict:
    data = fields(obj, ATTRIBUTE_FIELDS)
    if obj.taxonomy_term_id:
        data["taxonomy_term"] = taxonomy_term(obj.taxonomy_term)
    return data


def language(obj, links) -> dict:
    return _with_links(fields(obj, LANGUAGE_FIELDS), "language", obj, links)


def phone(obj, links) -> dict:
    data = fields(obj, PHONE_FIELDS, required=("id", "number"))
    data["languages"] = [language(row, links) for row in obj.languages.all()]
    return _with_links(data, "phone", obj, links)


def contact(obj, links) -> dict:
    data = fields(obj, CONTACT_FIELDS)
    data["phones"] = [phone(row, links) for row in obj.phones.all()]
    return _with_links(data, "contact", obj, links)


def schedule(obj, links) -> dict:
    return _with_links(fields(obj, SCHEDULE_FIELDS), "schedule", obj, links)


def _simple(obj, names, entity, links, required=("id",)) -> dict:
    return _with_links(fields(obj, names, required=required), entity, obj, links)


def location_brief(obj) -> dict:
    return fields(obj, LOCATION_FIELDS, required=("id", "location_type"))


def location_full(obj, links) -> dict:
    data = location_brief(obj)
    data["languages"] = [language(row, links) for row in obj.languages.all()]
    data["addresses"] = [
        _simple(row, ADDRESS_FIELDS, "address", links, required=ADDRESS_REQUIRED)
        for row in obj.addresses.all()
    ]
    data["contacts"] = [contact(row, links) for row in obj.contacts.all()]
    data["accessibility"] = [
        _simple(row, ACCESSIBILITY_FIELDS, "accessibility", links)
        for row in obj.accessibilities.all()
    ]
    data["phones"] = [phone(row, links) for row in obj.phones.all()]
    data["schedules"] = [schedule(row, links) for row in obj.schedules.all()]
    return _with_links(data, "location", obj, links)


def organization_brief(obj) -> dict:
    return fields(obj, ORGANIZATION_FIELDS, required=("id", "name", "description"))


def program(obj, links=None) -> dict:
    data = fields(obj, PROGRAM_FIELDS, required=("id", "name", "description"))
    return _with_links(data, "program", obj, links) if links else data


def service_brief(obj) -> dict:
    """A service as in ``compiled/service_list.json``: one-to-one fields only."""
    data = fields(obj, SERVICE_FIELDS, required=("id", "name", "status"))
    if obj.organization_id:
        data["organization"] = organization_brief(obj.organization)
    if obj.program_id:
        data["program"] = program(obj.program)
    return data


def service_minimal(obj) -> dict:
    """Just enough to notice a change: id and last_modified (plus the fields HSDS requires)."""
    return fields(obj, ("id", "name", "status", "last_modified"), required=("id", "name", "status"))


def _service_nested(obj, links) -> dict:
    data = service_brief(obj)
    data["phones"] = [phone(row, links) for row in obj.phones.all()]
    data["schedules"] = [schedule(row, links) for row in obj.schedules.all()]
    data["service_areas"] = [
        _simple(row, SERVICE_AREA_FIELDS, "service_area", links) for row in obj.service_areas.all()
    ]
    data["languages"] = [language(row, links) for row in obj.languages.all()]
    data["funding"] = [_simple(row, FUNDING_FIELDS, "funding", links) for row in obj.fundings.all()]
    data["cost_options"] = [
        _simple(row, COST_OPTION_FIELDS, "cost_option", links) for row in obj.cost_options.all()
    ]
    if obj.program_id:
        data["program"] = program(obj.program, links)
    data["required_documents"] = [
        _simple(row, REQUIRED_DOCUMENT_FIELDS, "required_document", links)
        for row in obj.required_documents.all()
    ]
    data["contacts"] = [contact(row, links) for row in obj.contacts.all()]
    return _with_links(data, "service", obj, links)


def service_full(obj, links) -> dict:
    """A fully nested service as in ``compiled/service.json``."""
    data = _service_nested(obj, links)
    data["service_at_locations"] = [
        _service_at_location_nested(row, links) for row in obj.service_at_locations.all()
    ]
    return data


def _service_at_location_nested(obj, links) -> dict:
    data = fields(obj, ("id", "service_id", "location_id", "description"))
    data["contacts"] = [contact(row, links) for row in obj.contacts.all()]
    data["phones"] = [phone(row, links) for row in obj.phones.all()]
    data["schedules"] = [schedule(row, links) for row in obj.schedules.all()]
    if obj.location_id:
        data["location"] = location_full(obj.location, links)
    return _with_links(data, "service_at_location", obj, links)


def service_at_location_brief(obj) -> dict:
    """As in ``compiled/service_at_location_list.json``."""
    data = fields(obj, ("id", "service_id", "location_id", "description"))
    if obj.location_id:
        data["location"] = location_brief(obj.location)
    if obj.service_id:
        data["service"] = service_brief(obj.service)
    return data


def service_at_location_full(obj, links) -> dict:
    """As in ``compiled/service_at_location.json``."""
    data = _service_at_location_nested(obj, links)
    if obj.service_id:
        data["service"] = _service_nested(obj.service, links)
    return data


def organization_full(obj, links, *, full_services: bool = False) -> dict:
    """As in ``compiled/organization.json``; services are brief unless ``full_services``."""
    data = organization_brief(obj)
    data["funding"] = [_simple(row, FUNDING_FIELDS, "funding", links) for row in obj.fundings.all()]
    data["contacts"] = [contact(row, links) for row in obj.contacts.all()]
    data["phones"] = [phone(row, links) for row in obj.phones.all()]
    data["locations"] = [location_full(row, links) for row in obj.locations.all()]
    data["programs"] = [program(row, links) for row in obj.programs.all()]
    data["organization_identifiers"] = [
        _simple(row, IDENTIFIER_FIELDS, "organization_identifier", links, IDENTIFIER_REQUIRED)
        for row in obj.organization_identifiers.all()
    ]
    data["services"] = [
        service_full(row, links) if full_services else service_brief(row)
        for row in obj.services.all()
    ]
    return _with_links(data, "organization", obj, links)
