"""Partistad demo telephone circle, through the services: the coordinator Ruud runs the
"Ochtendcirkel Vlietzoom" with Janny, Kees (vrijwilliger), Mark and Nuray; Kees is away a
few days next week, and yesterday one call did not get through."""

import datetime as dt

from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.accounts.models import User
from steunsysteem.participants.demo import persona

from . import services
from .models import Circle

NAME = "Ochtendcirkel Vlietzoom"
MEMBERS = [
    ("participant", "janny", "Janny", "06-11112222"),
    ("volunteer", "vrijwilliger", "Kees", "06-22223333"),
    ("participant", "mark", "Mark", "06-12345678"),
    ("participant", "nuray", "Nuray", "06-33334444"),
]


def load() -> str:
    if Circle.objects.filter(name=NAME).exists():
        return "1 telefooncirkel"
    today = timezone.localdate()
    ruud = User.objects.get(username="coordinator")
    circle = services.circle_create(
        name=NAME,
        coordinator_phone="040-7654321",
        frequency="daily",
        call_time=dt.time(9, 30),
        by=ruud,
    )
    members = {}
    for kind, key, first_name, phone in MEMBERS:
        if kind == "participant":
            person = persona(key)
            if not permissions.can_be_circle_member(person, circle):
                continue
            extra = {"participant": person}
        else:
            extra = {"volunteer": User.objects.get(username=key)}
        members[first_name] = services.circle_member_add(
            circle=circle,
            first_name=first_name,
            phone=phone,
            agreed_on=today - dt.timedelta(days=14),
            by=ruud,
            **extra,
        )
    kees = members["Kees"]
    services.absence_record(
        member=kees,
        starts_on=today + dt.timedelta(days=2),
        ends_on=today + dt.timedelta(days=4),
        by=kees.volunteer,
    )
    services.call_report(
        circle=circle,
        caller=kees,
        on_date=today - dt.timedelta(days=1),
        reached=False,
        by=ruud,
    )
    return f"1 telefooncirkel met {len(members)} leden"
