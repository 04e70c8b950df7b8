"""iCalendar (RFC 5545) for werktafel meetings: an invitation to attach to a mail, and a feed.

Pure functions of what they are given: no names of attendees, only the organiser's address,
and the description as passed, without the control characters iCalendar's TEXT may not hold
(``core.printable``); title, place and the feed's name on one line. Times are written in
Europe/Amsterdam with its VTIMEZONE, so calendars show the right hour on both sides of a
daylight-saving change.
"""

from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress

from steunsysteem.core.printable import printable_text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Steunsysteem//Werktafels//NL"


def meeting_invitation_ics(
    *,
    uid: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    organizer_email: str,
    description: str = "",
    sequence: int = 0,
    method: Literal["REQUEST", "CANCEL"] = "REQUEST",
) -> bytes:
    """One meeting as an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL).

    ``uid`` stays the same for every version of one meeting; raise ``sequence`` with each
    change, so calendars replace the earlier version instead of adding a second one.
    """
    if method not in {"REQUEST", "CANCEL"}:
        raise ValueError(f"method must be REQUEST or CANCEL, not {method!r}")
    calendar = _calendar()
    calendar.add("method", method)
    calendar.add_component(
        _event(
            uid=uid,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
            organizer_email=organizer_email,
            description=description,
            sequence=sequence,
            cancelled=method == "CANCEL",
        )
    )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_feed_ics(events: list[dict], *, name: str = "") -> bytes:
    """A subscribable feed of meetings; each dict holds ``meeting_invitation_ics``'s keywords
    (without ``method``), and ``cancelled=True`` for a meeting that will not take place."""
    calendar = _calendar()
    if name:
        calendar.add("x-wr-calname", printable_text(name, one_line=True))
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for event in events:
        calendar.add_component(_event(**event))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    return calendar


def _event(
    *,
    uid: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    organizer_email: str,
    description: str = "",
    sequence: int = 0,
    cancelled: bool = False,
) -> Event:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("starts_at and ends_at must be aware date-times")
    if ends_at <= starts_at:
        raise ValueError("ends_at must be after starts_at")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("sequence", sequence)
    event.add("summary", printable_text(title, one_line=True))
    event.add("dtstart", starts_at.astimezone(AMSTERDAM))
    event.add("dtend", ends_at.astimezone(AMSTERDAM))
    event.add("location", printable_text(location, one_line=True))
    if description:
        event.add("description", printable_text(description))
    # The address only: a CN would put a person's name in every attendee's calendar.
    event.add("organizer", vCalAddress(f"mailto:{organizer_email}"))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event
