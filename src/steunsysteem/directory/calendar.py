"""The next date of an activity as an iCalendar file (RFC 5545), for "Zet in mijn agenda".

One event, no attendees and no organiser: only what the public service page shows (name,
time, place, a short description and the page's address). Every text goes through
``core.printable`` (iCalendar's TEXT may not hold control characters; title and place on one
line). Times are written in Europe/Amsterdam with its VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import UTC
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from steunsysteem.core.printable import printable_text

from .models import Location, Schedule, Service
from .schedules import next_occurrences

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Steunsysteem//Sociale kaart//NL"
DESCRIPTION_LENGTH = 400


@dataclass(frozen=True)
class NextDate:
    """When the activity next takes place, and where (None: the place is not known)."""

    starts_at: dt.datetime
    ends_at: dt.datetime | None
    location: Location | None


def _ends_at(schedule: Schedule, starts_at: dt.datetime) -> dt.datetime | None:
    if schedule.closes_at is None or schedule.opens_at is None:
        return None
    if schedule.closes_at <= schedule.opens_at:
        return None
    return starts_at.replace(hour=schedule.closes_at.hour, minute=schedule.closes_at.minute)


def next_date(
    service: Service, places: list[tuple[Location, list[Schedule]]], now: dt.datetime
) -> NextDate | None:
    """The first coming date over the service's own times and those of each place.

    ``places`` is [(location, its schedules)]; a time of the service itself is at its only
    place when it has exactly one.
    """
    only_place = places[0][0] if len(places) == 1 else None
    candidates = [(schedule, only_place) for schedule in service.schedules.all()]
    candidates += [(schedule, location) for location, schedules in places for schedule in schedules]
    found = []
    for schedule, location in candidates:
        for moment in next_occurrences(schedule, now, 1):
            found.append(NextDate(moment, _ends_at(schedule, moment), location))
    return min(found, key=lambda date: date.starts_at, default=None)


def _place_text(location: Location | None) -> str:
    if location is None:
        return ""
    parts = [location.name]
    for address in location.addresses.all():
        parts.append(f"{address.address_1}, {address.postal_code} {address.city}".strip(", "))
    return ", ".join(part for part in parts if part)


def activity_ics(*, service: Service, date: NextDate, page_url: str) -> bytes:
    """One calendar event for ``date`` of ``service``."""
    description = printable_text(service.description or "")
    if len(description) > DESCRIPTION_LENGTH:
        description = description[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + " …"
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{service.pk}-{date.starts_at:%Y%m%dT%H%M}@steunsysteem")
    event.add("dtstamp", dt.datetime.now(UTC))
    event.add("summary", printable_text(service.name, one_line=True))
    event.add("dtstart", date.starts_at.astimezone(AMSTERDAM))
    if date.ends_at is not None:
        event.add("dtend", date.ends_at.astimezone(AMSTERDAM))
    place = _place_text(date.location)
    if place:
        event.add("location", printable_text(place, one_line=True))
    event.add("description", "\n\n".join(part for part in (description, page_url) if part))
    event.add("url", page_url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
