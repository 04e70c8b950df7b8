"""Partistad demo signals: a going-out evening in Binnenstad (sent: the policy officer can
answer it) and paid work with support in Oosterhof (raised), backed by questions that ended
without a fitting offer; and a weekend inloop in Vlietzoom, raised by hand from the client
council.

The questions belong to a few extra demo participants without an account and without any
consent grant (only a first name and a district), registered by the demo professional.
The signals come from the detection itself, so loading twice changes nothing.
"""

import datetime as dt
import json
from pathlib import Path

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import District
from steunsysteem.participants.models import Participant
from steunsysteem.questions.constants import ClosedReason, QuestionStatus
from steunsysteem.questions.models import Question

from . import services
from .constants import SignalStatus
from .models import Signal

DATA = Path(__file__).parent / "demo_data" / "white_spots.json"
DEMO_THRESHOLD = 3


def load() -> str:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    professional = User.objects.get(username="hulpverlener")
    coordinator = User.objects.get(username="coordinator")
    for item in data["participants"]:
        Participant.objects.update_or_create(
            id=demo_id("participant", item["slug"]),
            defaults={
                "name": item["name"],
                "district": District.objects.get(slug=item["district"]),
                "created_by": professional,
            },
        )
    for item in data["questions"]:
        Question.objects.update_or_create(
            participant=Participant.objects.get(pk=demo_id("participant", item["participant"])),
            text=item["text"],
            defaults={
                "life_domains": sorted(item["domains"]),
                "status": QuestionStatus.CLOSED_NO_OFFER,
                "closed_reason": ClosedReason.NO_OFFER,
                "submitted_at": timezone.now() - dt.timedelta(days=item["days_ago"]),
                "submitted_by": professional,
                "submitted_by_role": professional.role,
            },
        )
    services.signal_detect(threshold=DEMO_THRESHOLD)
    for item in data["signals"]:
        signal = Signal.objects.open().get(
            life_domain=item["domain"], district__slug=item["district"]
        )
        if signal.status == SignalStatus.RAISED and not signal.missing:
            signal = services.signal_describe(
                signal=signal, title=item["title"], missing=item["missing"], by=coordinator
            )
        if item["send"] and signal.status == SignalStatus.RAISED:
            services.signal_send(signal=signal, by=coordinator)
    for item in data["signals_by_hand"]:
        if not Signal.objects.filter(source=item["source"], title=item["title"]).exists():
            services.signal_raise(
                life_domain=item["domain"],
                district=District.objects.get(slug=item["district"]),
                title=item["title"],
                missing=item["missing"],
                source=item["source"],
                source_description=item["source_description"],
                by=coordinator,
            )
    return (
        f"{len(data['questions'])} vragen zonder passend aanbod, {Signal.objects.count()} signalen"
    )
