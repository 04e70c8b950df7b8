"""The week's programme ("Deze week") of the organisations an editor keeps current: which
activity takes place when, so a steunpunt host sees at a glance what is on and what to fix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .constants import ChangeRequestStatus, ServiceStatus
from .models import Schedule, Service, ServiceAtLocation
from .schedules import next_occurrences


@dataclass
class Slot:
    """One activity at one moment of the week."""

    starts_at: dt.datetime
    closes_at: dt.time | None
    service: Service
    place: str
    notes: str


@dataclass
class Day:
    date: dt.date
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Week:
    monday: dt.date
    days: list[Day]
    without_times: list[Service]

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def week_programme(organizations, *, monday: dt.date) -> Week:
    """Every time the organisations' running activities take place in the week of ``monday``
    (temporarily closed ones too: the host should see them), in time order per day."""
    services = (
        Service.objects.filter(
            organization__in=organizations,
            status__in=[ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED],
        )
        .annotate(
            pending_count=Count(
                "change_requests",
                filter=Q(change_requests__status=ChangeRequestStatus.PENDING),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location")
                .prefetch_related("schedules")
                .order_by("location__name", "id"),
            ),
        )
        .order_by("name", "id")
    )
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time.min))
    end = start + dt.timedelta(days=7)
    days = [Day(monday + dt.timedelta(days=offset)) for offset in range(7)]
    without_times = []
    for service in services:
        locations = [sal.location for sal in service.service_at_locations.all() if sal.location]
        place = ", ".join(str(location) for location in locations)
        timed = [(schedule, place) for schedule in service.schedules.all()]
        for sal in service.service_at_locations.all():
            timed.extend((schedule, str(sal.location or "")) for schedule in sal.schedules.all())
        found = False
        for schedule, where in timed:
            # Just before Monday 0:00, so a time at midnight counts; at most one per day.
            for moment in next_occurrences(schedule, start - dt.timedelta(seconds=1), 8):
                if moment >= end:
                    break
                found = True
                day = days[(timezone.localtime(moment).date() - monday).days]
                day.slots.append(Slot(moment, schedule.closes_at, service, where, schedule.notes))
        if not found:
            without_times.append(service)
    for day in days:
        day.slots.sort(key=lambda slot: (slot.starts_at, slot.service.name))
    return Week(monday, days, without_times)
