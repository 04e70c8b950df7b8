"""Opening times in plain language ("every first Friday of the month 19:00–21:00") and the
next dates they fall on, from a ``Schedule``'s RFC 5545 fields.

Every sentence is one translatable format string with named placeholders, so a translator can
reorder it; weekday names and ordinals come from their own translated mappings.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil import rrule
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from .models import Schedule

WEEK = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WORKDAYS = frozenset(WEEK[:5])
WEEKDAY_NAMES = {
    "MO": pgettext_lazy("weekday in a sentence", "Monday"),
    "TU": pgettext_lazy("weekday in a sentence", "Tuesday"),
    "WE": pgettext_lazy("weekday in a sentence", "Wednesday"),
    "TH": pgettext_lazy("weekday in a sentence", "Thursday"),
    "FR": pgettext_lazy("weekday in a sentence", "Friday"),
    "SA": pgettext_lazy("weekday in a sentence", "Saturday"),
    "SU": pgettext_lazy("weekday in a sentence", "Sunday"),
}
ORDINALS = {
    1: pgettext_lazy("which weekday of the month", "first"),
    2: pgettext_lazy("which weekday of the month", "second"),
    3: pgettext_lazy("which weekday of the month", "third"),
    4: pgettext_lazy("which weekday of the month", "fourth"),
    5: pgettext_lazy("which weekday of the month", "fifth"),
    -1: pgettext_lazy("which weekday of the month", "last"),
    -2: pgettext_lazy("which weekday of the month", "second to last"),
}
_BYDAY = re.compile(r"^([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _byday(schedule: Schedule) -> list[tuple[int | None, str]]:
    """[(ordinal or None, weekday code)] in week order: "-1SU,1FR" → [(1, "FR"), (-1, "SU")]."""
    days = []
    for part in schedule.byday.upper().replace(" ", "").split(","):
        match = _BYDAY.match(part)
        if match:
            days.append((int(match.group(1)) if match.group(1) else None, match.group(2)))
    return sorted(days, key=lambda day: (WEEK.index(day[1]), day[0] or 0))


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _weekly(days: list[str], interval: int) -> str:
    if interval == 1 and set(days) == WORKDAYS:
        return _("every weekday")
    if interval == 1 and set(days) == set(WEEK):
        return _("every day")
    names = _join([str(WEEKDAY_NAMES[code]) for code in dict.fromkeys(days)])
    if not names:
        if interval == 1:
            return _("every week")
        return ngettext("every %(count)s week", "every %(count)s weeks", interval) % {
            "count": interval
        }
    if interval == 1:
        return _("every %(days)s") % {"days": names}
    if interval == 2:
        return _("every other week on %(days)s") % {"days": names}
    return _("every %(count)s weeks on %(days)s") % {"count": interval, "days": names}


def _nth_weekdays(days: list[tuple[int | None, str]]) -> str:
    """ "first and third Tuesday and last Sunday" from [(1, TU), (3, TU), (-1, SU)]."""
    phrases = []
    for code in dict.fromkeys(code for _n, code in days):
        ordinals = [n for n, c in days if c == code and n is not None]
        ordinals.sort(key=lambda n: n if n > 0 else 100 - n)
        which = _join([str(ORDINALS.get(n, n)) for n in ordinals])
        phrases.append(
            pgettext("ordinal and weekday", "%(ordinal)s %(weekday)s")
            % {"ordinal": which, "weekday": WEEKDAY_NAMES[code]}
        )
    return _join(phrases)


def _monthly(schedule: Schedule, days: list[tuple[int | None, str]], interval: int) -> str:
    if any(n is not None for n, _code in days):
        nth = _nth_weekdays([(n, code) for n, code in days if n is not None])
        if interval == 1:
            return _("every %(days)s of the month") % {"days": nth}
        return _("every %(days)s of every %(count)s months") % {"days": nth, "count": interval}
    monthdays = [part.strip() for part in schedule.bymonthday.split(",") if part.strip()]
    if monthdays == ["-1"] and interval == 1:
        return _("every last day of the month")
    if monthdays:
        last = pgettext("day of the month", "the last day")
        numbers = _join([last if day == "-1" else day for day in monthdays])
        if interval == 1:
            return _("every month on day %(days)s") % {"days": numbers}
        return _("every %(count)s months on day %(days)s") % {"days": numbers, "count": interval}
    if days:
        weekly = _weekly([code for _n, code in days], 1)
        return _("%(days)s, once a month") % {"days": weekly}
    if interval == 1:
        return _("every month")
    return ngettext("every %(count)s month", "every %(count)s months", interval) % {
        "count": interval
    }


def _pattern(schedule: Schedule) -> str:
    days = _byday(schedule)
    freq = (schedule.freq or ("WEEKLY" if days else "")).upper()
    interval = schedule.interval or 1
    if freq == "WEEKLY":
        return _weekly([code for _n, code in days], interval)
    if freq == "MONTHLY":
        return _monthly(schedule, days, interval)
    if freq == "DAILY":
        if interval == 1:
            return _("every day")
        return ngettext("every %(count)s day", "every %(count)s days", interval) % {
            "count": interval
        }
    return ""


def _clock(time: dt.time) -> str:
    return f"{time.hour}:{time.minute:02d}"


def _with_times(text: str, schedule: Schedule) -> str:
    opens, closes = schedule.opens_at, schedule.closes_at
    if opens and closes:
        times = {"opens": _clock(opens), "closes": _clock(closes)}
        if not text:
            return _("%(opens)s–%(closes)s") % times
        return _("%(days)s %(opens)s–%(closes)s") % {"days": text, **times}
    if opens:
        if not text:
            return _("from %(opens)s") % {"opens": _clock(opens)}
        return _("%(days)s from %(opens)s") % {"days": text, "opens": _clock(opens)}
    return text


def _with_period(text: str, schedule: Schedule, today: dt.date) -> str:
    start = schedule.valid_from if schedule.valid_from and schedule.valid_from > today else None
    ends = [day for day in (schedule.valid_to, schedule.until) if day]
    end = min(ends) if ends else None
    dates = {
        "schedule": text,
        "start": formats.date_format(start, "j F Y") if start else "",
        "end": formats.date_format(end, "j F Y") if end else "",
    }
    if start and end:
        text = _("%(schedule)s, from %(start)s to %(end)s") % dates
    elif start:
        text = _("%(schedule)s, from %(start)s") % dates
    elif end:
        text = _("%(schedule)s, until %(end)s") % dates
    if schedule.count:
        text = ngettext(
            "%(schedule)s, %(count)s time", "%(schedule)s, %(count)s times", schedule.count
        ) % {"schedule": text, "count": schedule.count}
    return text


def describe_schedule(schedule: Schedule, *, today: dt.date | None = None) -> str:
    """The schedule as a visitor would say it, e.g. "every Monday and Thursday 9:30–11:30".

    Falls back on the schedule's own description when the rule cannot be put into words.
    A start date is only mentioned while it lies in the future.
    """
    pattern = _pattern(schedule)
    if not pattern and schedule.description.strip():
        return schedule.description.strip()
    text = _with_times(pattern, schedule)
    if not text:
        return ""
    return _with_period(text, schedule, today or timezone.localdate())


_FREQUENCIES = {
    "DAILY": rrule.DAILY,
    "WEEKLY": rrule.WEEKLY,
    "MONTHLY": rrule.MONTHLY,
    "YEARLY": rrule.YEARLY,
}


def next_occurrences(schedule: Schedule, after: dt.datetime, n: int = 3) -> list[dt.datetime]:
    """The next ``n`` start times after ``after`` (aware when ``after`` is aware).

    Without ``dtstart`` or ``valid_from`` the rule is anchored on ``after``'s date, so "every
    other week" then counts from that week.
    """
    days = _byday(schedule)
    freq = _FREQUENCIES.get((schedule.freq or ("WEEKLY" if days else "")).upper())
    if freq is None:
        return []
    zone = after.tzinfo
    local_after = timezone.localtime(after).replace(tzinfo=None) if zone else after
    opens = schedule.opens_at or dt.time(0, 0)
    first_day = schedule.dtstart or schedule.valid_from or local_after.date()
    ends = [day for day in (schedule.until, schedule.valid_to) if day]
    monthly = freq in (rrule.MONTHLY, rrule.YEARLY)
    weekdays = [
        rrule.weekdays[WEEK.index(code)](ordinal)
        if ordinal and monthly
        else rrule.weekdays[WEEK.index(code)]
        for ordinal, code in days
    ]
    monthdays = [int(day) for day in schedule.bymonthday.split(",") if day.strip()]
    rule = rrule.rrule(
        freq,
        dtstart=dt.datetime.combine(first_day, opens),
        interval=schedule.interval or 1,
        byweekday=weekdays or None,
        bymonthday=monthdays or None,
        until=None if schedule.count or not ends else dt.datetime.combine(min(ends), dt.time.max),
        count=schedule.count or None,
    )
    found = [
        moment
        for moment in rule.xafter(local_after, count=n)
        if not ends or moment.date() <= min(ends)
    ]
    if zone:
        return [timezone.make_aware(moment) for moment in found]
    return found


# The rows an editor can change in the edit form ------------------------------------------
#
# The form knows three rhythms: every week, every other week (counted from a first date) and
# once a month in a fixed week ("every first Tuesday"). A ``Schedule`` in one of those
# rhythms, with nothing else set, is "editable" and travels through a change request as a
# plain dict (``ScheduleRow``): {"freq", "interval", "byday", "dtstart", "opens_at",
# "closes_at", "notes"}, times "HH:MM", dates ISO. Any other schedule (an import's course
# with a count, a day of the month) is left as it is; the form lists it read-only.

MONTH_WEEKS = (1, 2, 3, 4, -1)
_EDITABLE_BLANK = (
    "valid_from",
    "valid_to",
    "timezone",
    "until",
    "count",
    "byweekno",
    "bymonthday",
    "byyearday",
    "description",
    "schedule_link",
    "attending_type",
)

ScheduleRow = dict


def _time_text(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def schedule_row(schedule: Schedule) -> ScheduleRow | None:
    """The schedule as the edit form's row, or None when the form cannot show it faithfully."""
    if any(getattr(schedule, name) not in (None, "") for name in _EDITABLE_BLANK):
        return None
    if schedule.wkst not in ("", "MO") or not schedule.opens_at:
        return None
    freq = schedule.freq.upper()
    interval = schedule.interval or 1
    days = _byday(schedule)
    if not days or len(days) != len([p for p in schedule.byday.split(",") if p.strip()]):
        return None
    ordinals = {ordinal for ordinal, _code in days}
    if freq == "WEEKLY" and ordinals == {None} and interval in (1, 2):
        if interval == 2 and not schedule.dtstart:
            return None
        if interval == 1 and schedule.dtstart:
            return None
    elif freq == "MONTHLY" and len(ordinals) == 1 and ordinals <= set(MONTH_WEEKS):
        if interval != 1 or schedule.dtstart:
            return None
    else:
        return None
    return {
        "freq": freq,
        "interval": interval,
        "byday": ",".join(f"{ordinal or ''}{code}" for ordinal, code in days),
        "dtstart": schedule.dtstart.isoformat() if schedule.dtstart else None,
        "opens_at": _time_text(schedule.opens_at),
        "closes_at": _time_text(schedule.closes_at),
        "notes": schedule.notes.strip(),
    }


def schedule_fields(row: ScheduleRow) -> dict:
    """The ``Schedule`` field values of an edit form row."""
    return {
        "freq": row["freq"],
        "interval": row["interval"],
        "byday": row["byday"],
        "dtstart": dt.date.fromisoformat(row["dtstart"]) if row.get("dtstart") else None,
        "opens_at": dt.time.fromisoformat(row["opens_at"]),
        "closes_at": dt.time.fromisoformat(row["closes_at"]) if row.get("closes_at") else None,
        "notes": row.get("notes", ""),
    }


def describe_row(row: ScheduleRow, *, today: dt.date | None = None) -> str:
    """An edit form row in words, with its note, e.g. for the reviewer's old → new table."""
    text = describe_schedule(Schedule(**schedule_fields(row)), today=today)
    if row.get("notes"):
        text = f"{text} — {row['notes']}"
    return text[:1].upper() + text[1:]
