"""Meeting invitations and the feed read back as iCalendar, at the right Amsterdam hour."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from steunsysteem.worktables.calendar import calendar_feed_ics, meeting_invitation_ics

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

MEETING = {
    "uid": "werktafel-noord-2026-03-30@steunsysteem.example",
    "title": "Werktafel Noord",
    # 08:00 UTC on the Monday after summer time starts (29 March 2026): 10:00 in Amsterdam.
    "starts_at": datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
    "ends_at": datetime(2026, 3, 30, 9, 30, tzinfo=UTC),
    "location": "Buurthuis De Schakel, Kerkstraat 1, Partistad",
    "organizer_email": "coordinator@example.org",
    "description": "Agenda en stukken volgen per mail.",
}


def _events(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, list(calendar.walk("VEVENT"))


def test_an_invitation_parses_back_with_everything_it_was_given():
    calendar, (event,) = _events(meeting_invitation_ics(**MEETING, sequence=2))

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert str(event["UID"]) == MEETING["uid"]
    assert str(event["SUMMARY"]) == "Werktafel Noord"
    assert str(event["LOCATION"]) == MEETING["location"]
    assert str(event["DESCRIPTION"]) == MEETING["description"]
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(event["ORGANIZER"]) == "mailto:coordinator@example.org"


def test_times_are_in_europe_amsterdam_on_both_sides_of_the_dst_change():
    before = {
        **MEETING,
        "uid": "before@x",
        "starts_at": datetime(2026, 3, 27, 10, 0, tzinfo=AMSTERDAM),
        "ends_at": datetime(2026, 3, 27, 11, 30, tzinfo=AMSTERDAM),
    }
    ics = calendar_feed_ics([before, MEETING])
    calendar, (winter, summer) = _events(ics)

    assert b"DTSTART;TZID=Europe/Amsterdam:20260327T100000" in ics
    assert b"DTSTART;TZID=Europe/Amsterdam:20260330T100000" in ics
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert winter.decoded("DTSTART").utcoffset().total_seconds() == 3600
    assert summer.decoded("DTSTART").utcoffset().total_seconds() == 7200
    assert winter.decoded("DTSTART").astimezone(UTC) == datetime(2026, 3, 27, 9, 0, tzinfo=UTC)
    assert summer.decoded("DTSTART").astimezone(UTC) == MEETING["starts_at"]
    assert summer.decoded("DTEND").astimezone(UTC) == MEETING["ends_at"]


def test_a_cancellation_keeps_the_uid_and_says_cancelled():
    calendar, (event,) = _events(meeting_invitation_ics(**MEETING, sequence=3, method="CANCEL"))

    assert calendar["METHOD"] == "CANCEL"
    assert str(event["UID"]) == MEETING["uid"]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 3


def test_no_attendee_and_no_name_only_the_organisers_address():
    ics = meeting_invitation_ics(**MEETING)
    _, (event,) = _events(ics)

    assert "ATTENDEE" not in event
    assert "CN" not in event["ORGANIZER"].params
    text = ics.decode()
    assert "mailto:" + MEETING["organizer_email"] in text
    assert text.count("@") == 2  # the UID and the organiser's address, nothing more


def test_the_description_is_exactly_what_was_passed_or_absent():
    _, (event,) = _events(meeting_invitation_ics(**{**MEETING, "description": ""}))
    assert "DESCRIPTION" not in event

    odd = "Regel 1; met komma, en puntkomma\nRegel 2: zaal 3"
    _, (event,) = _events(meeting_invitation_ics(**{**MEETING, "description": odd}))
    assert str(event["DESCRIPTION"]) == odd


def test_a_feed_lists_every_meeting_with_its_own_uid():
    other = {**MEETING, "uid": "other@x", "cancelled": True}
    calendar, events = _events(calendar_feed_ics([MEETING, other], name="Werktafels Partistad"))

    assert "METHOD" not in calendar
    assert calendar["X-WR-CALNAME"] == "Werktafels Partistad"
    assert [str(e["UID"]) for e in events] == [MEETING["uid"], "other@x"]
    assert [e["STATUS"] for e in events] == ["CONFIRMED", "CANCELLED"]


@pytest.mark.parametrize(
    "change",
    [
        {"starts_at": datetime(2026, 3, 30, 10, 0)},
        {"ends_at": MEETING["starts_at"]},
        {"method": "PUBLISH"},
    ],
)
def test_naive_times_an_end_before_the_start_and_other_methods_are_refused(change):
    with pytest.raises(ValueError):
        meeting_invitation_ics(**{**MEETING, **change})


def test_control_characters_in_what_people_typed_leave_a_calendar_that_parses():
    """A title, place or description with control characters or a lone surrogate (which
    could not even be written as UTF-8) still gives an invitation and a feed that parse."""
    typed = {
        **MEETING,
        "title": "Werktafel\x01 Noord\r\nX-INJECTED:1",
        "location": "De Schakel\x0b\x7f, zaal 2\ud800",
        "description": "Agenda\x00 volgt.\nTot dan!\x1f",
    }

    for ics in (meeting_invitation_ics(**typed), calendar_feed_ics([typed], name="Noord\x1b")):
        assert not [byte for byte in ics if byte < 0x20 and byte not in b"\r\n"]
        calendar, (event,) = _events(ics)
        assert str(event["SUMMARY"]) == "Werktafel Noord X-INJECTED:1"
        assert str(event["LOCATION"]) == "De Schakel, zaal 2"
        assert str(event["DESCRIPTION"]) == "Agenda volgt.\nTot dan!"
        assert "X-INJECTED" not in calendar.walk("VEVENT")[0]
