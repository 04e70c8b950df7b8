"""The HSDS rows of an entry that an editor keeps current through a change request: times,
the opening hours of the organisation's locations, phone numbers, contact persons, costs and
languages.

Each kind is read into a sorted list of plain dicts (the "snapshot" form of a change request,
see ``services.service_snapshot``) and written back from such a list. Writing keeps every row
that did not change (so HSDS ids stay the same for those who follow our data), deletes the
rows that are no longer wanted and creates the new ones. Rows the edit form cannot show
faithfully (a phone number with an extension, a course with a fixed number of meetings) are
neither read nor touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Contact, CostOption, Language, Location, Phone, Schedule, Service
from .schedules import schedule_fields, schedule_row

Row = dict[str, Any]

# Languages an editor can tick: code (ISO 639-1, or 639-3 where there is none) → the label
# in the interface and the Dutch name that is published (HSDS data is in the region's language).
SPOKEN_LANGUAGES: dict[str, tuple[Any, str]] = {
    "nl": (_("Dutch"), "Nederlands"),
    "en": (_("English"), "Engels"),
    "ar": (_("Arabic"), "Arabisch"),
    "tr": (_("Turkish"), "Turks"),
    "pl": (_("Polish"), "Pools"),
    "uk": (_("Ukrainian"), "Oekraïens"),
    "ti": (_("Tigrinya"), "Tigrinya"),
    "so": (_("Somali"), "Somalisch"),
    "fa": (_("Persian (Farsi)"), "Perzisch (Farsi)"),
    "zgh": (_("Berber (Tamazight)"), "Berbers (Tamazight)"),
    "pap": (_("Papiamento"), "Papiaments"),
    "de": (_("German"), "Duits"),
    "fr": (_("French"), "Frans"),
    "es": (_("Spanish"), "Spaans"),
    "dse": (_("Dutch Sign Language"), "Nederlandse Gebarentaal"),
}


def sorted_rows(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


def _sync(existing: list[tuple[Row, Model]], wanted: list[Row], create: Callable[[Row], Any]):
    """Keep unchanged rows, delete the others, create what is new."""
    remaining = list(wanted)
    for row, instance in existing:
        if row in remaining:
            remaining.remove(row)
        else:
            instance.delete()
    for row in remaining:
        create(row)


# Times of the activity itself ----------------------------------------------------------------


def _own_schedules(service: Service) -> QuerySet:
    return Schedule.objects.filter(service=service, location=None, service_at_location=None)


def _editable(schedules: Iterable[Schedule]) -> list[tuple[Row, Schedule]]:
    return [(row, s) for s in schedules if (row := schedule_row(s)) is not None]


def read_schedules(service: Service) -> list[Row]:
    return sorted_rows(row for row, _s in _editable(_own_schedules(service)))


def fixed_schedules(service: Service) -> list[Schedule]:
    """The activity's times the edit form cannot change (they stay as they are)."""
    return [s for s in _own_schedules(service).order_by("id") if schedule_row(s) is None]


def write_schedules(service: Service, rows: list[Row]) -> None:
    _sync(
        _editable(_own_schedules(service)),
        rows,
        lambda row: Schedule.objects.create(service=service, **schedule_fields(row)),
    )


# Opening hours of the organisation's locations -----------------------------------------------


def _organization_locations(organization_id) -> QuerySet:
    if not organization_id:
        return Location.objects.none()
    return Location.objects.filter(organization_id=organization_id)


def _location_schedules(organization_id) -> QuerySet:
    return Schedule.objects.filter(
        location__in=_organization_locations(organization_id),
        service=None,
        service_at_location=None,
    )


def _editable_hours(organization_id) -> list[tuple[Row, Schedule]]:
    return [
        ({**row, "location": str(s.location_id)}, s)
        for row, s in _editable(_location_schedules(organization_id))
    ]


def organization_hours(organization_id) -> list[Row]:
    """The opening hours of all the organisation's locations, as the form's rows."""
    return sorted_rows(row for row, _s in _editable_hours(organization_id))


def read_location_hours(service: Service) -> list[Row]:
    return organization_hours(service.organization_id)


def fixed_location_hours(organization_id) -> list[Schedule]:
    return [
        s
        for s in _location_schedules(organization_id).select_related("location").order_by("id")
        if schedule_row(s) is None
    ]


def write_location_hours(service: Service, rows: list[Row]) -> set:
    """Write the opening hours; returns the ids of the locations whose hours changed."""
    ids = _organization_locations(service.organization_id).values_list("pk", flat=True)
    locations = {str(pk): pk for pk in ids}
    existing = _editable_hours(service.organization_id)
    wanted = [row for row in rows if row["location"] in locations]
    changed = {row["location"] for row in wanted if row not in [r for r, _s in existing]}
    changed |= {row["location"] for row, _s in existing if row not in wanted}

    def create(row: Row) -> None:
        fields = schedule_fields({k: v for k, v in row.items() if k != "location"})
        Schedule.objects.create(location_id=locations[row["location"]], **fields)

    _sync(existing, wanted, create)
    return {locations[pk] for pk in changed}


# Phone numbers --------------------------------------------------------------------------------


def _own_phones(service: Service) -> list[tuple[Row, Phone]]:
    phones = Phone.objects.filter(
        service=service, contact=None, location=None, service_at_location=None, extension=None
    )
    return [({"number": p.number, "description": p.description.strip()}, p) for p in phones]


def read_phones(service: Service) -> list[Row]:
    return sorted_rows(row for row, _p in _own_phones(service))


def write_phones(service: Service, rows: list[Row]) -> None:
    _sync(
        _own_phones(service),
        rows,
        lambda row: Phone.objects.create(service=service, type="voice", **row),
    )


# Contact persons ----------------------------------------------------------------------------


def _contacts(service: Service) -> list[tuple[Row, Contact]]:
    contacts = Contact.objects.filter(
        service=service, location=None, service_at_location=None, department=""
    ).prefetch_related("phones")
    editable = []
    for contact in contacts:
        phones = list(contact.phones.all())
        if len(phones) > 1 or (phones and phones[0].extension is not None):
            continue
        row = {
            "name": contact.name,
            "title": contact.title,
            "phone": phones[0].number if phones else "",
            "email": contact.email,
        }
        editable.append((row, contact))
    return editable


def read_contacts(service: Service) -> list[Row]:
    return sorted_rows(row for row, _c in _contacts(service))


def write_contacts(service: Service, rows: list[Row]) -> None:
    def create(row: Row) -> None:
        contact = Contact.objects.create(
            service=service, name=row["name"], title=row["title"], email=row["email"]
        )
        if row["phone"]:
            Phone.objects.create(contact=contact, number=row["phone"], type="voice")

    _sync(_contacts(service), rows, create)


# Costs --------------------------------------------------------------------------------------


def amount_text(amount: Decimal | None) -> str | None:
    return None if amount is None else f"{amount:.2f}"


def _costs(service: Service) -> list[tuple[Row, CostOption]]:
    options = CostOption.objects.filter(
        service=service, valid_from=None, valid_to=None, currency__in=["EUR", ""]
    )
    return [
        (
            {
                "amount": amount_text(o.amount),
                "per": o.amount_description,
                "condition": o.option.strip(),
            },
            o,
        )
        for o in options
    ]


def read_costs(service: Service) -> list[Row]:
    return sorted_rows(row for row, _o in _costs(service))


def write_costs(service: Service, rows: list[Row]) -> None:
    def create(row: Row) -> None:
        CostOption.objects.create(
            service=service,
            currency="EUR",
            amount=None if row["amount"] is None else Decimal(row["amount"]),
            amount_description=row["per"],
            option=row["condition"],
        )

    _sync(_costs(service), rows, create)


# Languages ------------------------------------------------------------------------------------


def _languages(service: Service) -> list[tuple[str, Language]]:
    rows = Language.objects.filter(service=service, location=None, phone=None, note="")
    return [(language.code, language) for language in rows.exclude(code="")]


def read_languages(service: Service) -> list[str]:
    return sorted(code for code, _l in _languages(service))


def language_names(service: Service | None) -> dict[str, str]:
    """Code → name for the codes an editor can choose for this service (ours and its own)."""
    names = {code: str(label) for code, (label, _dutch) in SPOKEN_LANGUAGES.items()}
    if service is not None:
        for code, language in _languages(service):
            names.setdefault(code, language.name or code)
    return names


def write_languages(service: Service, codes: list[str]) -> None:
    existing = _languages(service)
    known = {code: language.name for code, language in existing}

    def create(code: str) -> None:
        name = SPOKEN_LANGUAGES[code][1] if code in SPOKEN_LANGUAGES else known.get(code, code)
        Language.objects.create(service=service, code=code, name=name)

    _sync(existing, list(dict.fromkeys(codes)), create)
