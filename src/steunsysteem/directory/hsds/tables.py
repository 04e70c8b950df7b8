"""The HSDS 3.0 tables and the models that hold them: one description shared by the CSV
importer, the JSON importer and the exporter.

Table names, file names, columns (in order), types, required columns, enumerations and declared
foreign keys come from the official tabular data package (``datapackage.json`` next to this
module, an unchanged copy). This module only adds which model holds each table and the one
column whose model field has another name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import models

from .. import models as directory

DATAPACKAGE = Path(__file__).with_name("datapackage.json")

# Every HSDS table and its model, in an order where a table comes after the tables it refers to
# (apart from the self references and the contact/phone/service-at-location triangle).
MODELS: dict[str, type[models.Model]] = {
    "organization": directory.Organization,
    "organization_identifier": directory.OrganizationIdentifier,
    "program": directory.Program,
    "service": directory.Service,
    "location": directory.Location,
    "service_at_location": directory.ServiceAtLocation,
    "contact": directory.Contact,
    "phone": directory.Phone,
    "address": directory.Address,
    "accessibility": directory.Accessibility,
    "schedule": directory.Schedule,
    "funding": directory.Funding,
    "service_area": directory.ServiceArea,
    "required_document": directory.RequiredDocument,
    "cost_option": directory.CostOption,
    "language": directory.Language,
    "taxonomy": directory.Taxonomy,
    "taxonomy_term": directory.TaxonomyTerm,
    "attribute": directory.Attribute,
    "metadata": directory.Metadata,
    "meta_table_description": directory.MetaTableDescription,
}
# HSDS column -> model field, where the names differ.
FIELD_NAMES = {("taxonomy_term", "taxonomy"): "taxonomy_name"}
# Tables that link to a row of any table: (id column, table name column).
GENERIC_LINKS = {
    "attribute": ("link_id", "link_entity"),
    "metadata": ("resource_id", "resource_type"),
}


@dataclass(frozen=True)
class Column:
    name: str
    field: models.Field
    type: str  # the data package type: string, number, date, datetime or time
    format: str  # default, uuid, email or uri
    required: bool
    enum: tuple[str, ...]
    reference: str | None  # the table an id column refers to
    declared_reference: bool  # the data package declares it as a foreign key

    @property
    def attname(self) -> str:
        return self.field.attname


@dataclass(frozen=True)
class Table:
    name: str
    path: str  # the CSV file name
    model: type[models.Model]
    columns: tuple[Column, ...]

    @property
    def by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    @property
    def references(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.reference)


def _table_of(model) -> str:
    return next(name for name, candidate in MODELS.items() if candidate is model)


def _column(table: str, model, spec: dict, declared: set[str]) -> Column:
    # get_field() also finds a foreign key by its column name ("organization_id").
    field = model._meta.get_field(FIELD_NAMES.get((table, spec["name"]), spec["name"]))
    constraints = spec.get("constraints", {})
    return Column(
        name=spec["name"],
        field=field,
        type=spec["type"],
        format=spec.get("format", "default"),
        required=bool(constraints.get("required")),
        enum=tuple(constraints.get("enum", ())),
        reference=_table_of(field.related_model) if field.is_relation else None,
        declared_reference=spec["name"] in declared,
    )


@cache
def tables() -> dict[str, Table]:
    """Every HSDS table by name, in :data:`MODELS` order."""
    resources = {r["name"]: r for r in json.loads(DATAPACKAGE.read_text("utf-8"))["resources"]}
    result = {}
    for name, model in MODELS.items():
        resource = resources[name]
        schema = resource["schema"]
        declared = {key["fields"] for key in schema.get("foreignKeys") or []}
        columns = tuple(_column(name, model, spec, declared) for spec in schema["fields"])
        result[name] = Table(name=name, path=resource["path"], model=model, columns=columns)
    return result


def table_for_path(path: str) -> Table | None:
    return next((table for table in tables().values() if table.path == path), None)
