"""A visitor reads when an activity takes place, in plain words."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from steunsysteem.directory.models import Schedule
from steunsysteem.directory.schedules import describe_schedule, next_occurrences

TODAY = dt.date(2025, 3, 1)  # a Saturday


def schedule(**fields) -> Schedule:
    fields.setdefault("freq", "WEEKLY")
    return Schedule(**fields)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            dict(byday="TU", opens_at=dt.time(10), closes_at=dt.time(12)),
            "every Tuesday 10:00–12:00",
        ),
        (
            dict(byday="MO,TH", opens_at=dt.time(9, 30), closes_at=dt.time(11, 30)),
            "every Monday and Thursday 9:30–11:30",
        ),
        (dict(byday="FR,MO,WE"), "every Monday, Wednesday and Friday"),
        (
            dict(byday="WE", interval=2, opens_at=dt.time(14), closes_at=dt.time(16)),
            "every other week on Wednesday 14:00–16:00",
        ),
        (dict(byday="SA", interval=3), "every 3 weeks on Saturday"),
        (
            dict(freq="MONTHLY", byday="1FR", opens_at=dt.time(19), closes_at=dt.time(21)),
            "every first Friday of the month 19:00–21:00",
        ),
        (dict(freq="MONTHLY", byday="-1SU"), "every last Sunday of the month"),
        (dict(freq="MONTHLY", byday="2TU,4TU"), "every second and fourth Tuesday of the month"),
        (
            dict(freq="MONTHLY", byday="1MO,-1FR"),
            "every first Monday and last Friday of the month",
        ),
        (dict(freq="MONTHLY", byday="1TH", interval=2), "every first Thursday of every 2 months"),
        (dict(freq="MONTHLY", bymonthday="15"), "every month on day 15"),
        (dict(freq="MONTHLY", bymonthday="-1"), "every last day of the month"),
        (dict(freq="MONTHLY"), "every month"),
        (dict(byday="MO,TU,WE,TH,FR", opens_at=dt.time(9)), "every weekday from 9:00"),
        (dict(byday="MO,TU,WE,TH,FR,SA,SU"), "every day"),
        (dict(freq="DAILY", interval=2), "every 2 days"),
        (dict(freq="", byday="TH"), "every Thursday"),
        (dict(freq="", opens_at=dt.time(10), closes_at=dt.time(12)), "10:00–12:00"),
    ],
)
def test_a_schedule_reads_as_plain_english(fields, expected):
    assert describe_schedule(schedule(**fields), today=TODAY) == expected


def test_a_schedule_that_has_not_started_yet_says_from_when():
    rule = schedule(byday="TU", valid_from=dt.date(2025, 4, 1))
    assert describe_schedule(rule, today=TODAY) == "every Tuesday, from 1 April 2025"


def test_a_start_date_in_the_past_is_left_out():
    rule = schedule(byday="TU", valid_from=dt.date(2024, 4, 1))
    assert describe_schedule(rule, today=TODAY) == "every Tuesday"


def test_a_schedule_with_an_end_says_until_when():
    rule = schedule(byday="TU", until=dt.date(2025, 6, 30), valid_to=dt.date(2025, 7, 31))
    assert describe_schedule(rule, today=TODAY) == "every Tuesday, until 30 June 2025"


def test_a_course_with_a_start_end_and_number_of_meetings():
    rule = schedule(
        byday="WE", valid_from=dt.date(2025, 4, 2), valid_to=dt.date(2025, 5, 7), count=6
    )
    assert describe_schedule(rule, today=TODAY) == (
        "every Wednesday, from 2 April 2025 to 7 May 2025, 6 times"
    )


def test_without_a_rule_the_description_is_shown():
    rule = schedule(freq="", description="Op afspraak, bel ons even.")
    assert describe_schedule(rule, today=TODAY) == "Op afspraak, bel ons even."


def test_an_empty_schedule_says_nothing():
    assert describe_schedule(schedule(freq=""), today=TODAY) == ""


def test_the_rule_wins_over_the_description():
    rule = schedule(byday="TU", description="dinsdags")
    assert describe_schedule(rule, today=TODAY) == "every Tuesday"


SATURDAY_NOON = dt.datetime(2025, 3, 1, 12, 0)


def test_the_next_tuesdays():
    rule = schedule(byday="TU", opens_at=dt.time(10))
    assert next_occurrences(rule, SATURDAY_NOON) == [
        dt.datetime(2025, 3, 4, 10),
        dt.datetime(2025, 3, 11, 10),
        dt.datetime(2025, 3, 18, 10),
    ]


def test_the_next_first_fridays_and_last_sundays():
    first_friday = schedule(freq="MONTHLY", byday="1FR", opens_at=dt.time(19))
    assert next_occurrences(first_friday, SATURDAY_NOON, n=2) == [
        dt.datetime(2025, 3, 7, 19),
        dt.datetime(2025, 4, 4, 19),
    ]
    last_sunday = schedule(freq="MONTHLY", byday="-1SU")
    assert next_occurrences(last_sunday, SATURDAY_NOON, n=1) == [dt.datetime(2025, 3, 30)]


def test_every_other_week_counts_from_the_first_date():
    rule = schedule(byday="WE", interval=2, dtstart=dt.date(2025, 3, 5), opens_at=dt.time(14))
    assert next_occurrences(rule, dt.datetime(2025, 3, 6), n=2) == [
        dt.datetime(2025, 3, 19, 14),
        dt.datetime(2025, 4, 2, 14),
    ]


def test_no_occurrences_after_the_end():
    rule = schedule(byday="TU", valid_to=dt.date(2025, 3, 10))
    assert next_occurrences(rule, SATURDAY_NOON) == [dt.datetime(2025, 3, 4)]


def test_a_course_of_three_meetings_ends_after_the_third():
    rule = schedule(byday="TU", dtstart=dt.date(2025, 2, 25), count=3)
    assert next_occurrences(rule, SATURDAY_NOON, n=5) == [
        dt.datetime(2025, 3, 4),
        dt.datetime(2025, 3, 11),
    ]


def test_a_schedule_without_a_rule_has_no_next_dates():
    assert next_occurrences(schedule(freq=""), SATURDAY_NOON) == []


def test_aware_times_in_give_aware_times_out():
    after = timezone.make_aware(SATURDAY_NOON)
    (first,) = next_occurrences(schedule(byday="TU", opens_at=dt.time(10)), after, n=1)
    assert first == timezone.make_aware(dt.datetime(2025, 3, 4, 10))
