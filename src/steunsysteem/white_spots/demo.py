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
from steunsysteem.questions.demo import step
from steunsysteem.questions.models import Question, QuestionEvent
from steunsysteem.questions.services import question_status_change, question_submit

from . import services
from .constants import SignalStatus
from .models import Signal

DATA = Path(__file__).parent / "demo_data" / "white_spots.json"
DEMO_THRESHOLD = 3


def _ended_without_offer(participant: Participant, item: dict, by: User) -> None:
    """Brought in and taken up by the professional, then closed: nothing fitting was found."""
    question = question_submit(
        participant=participant, text=item["text"], life_domains=item["domains"], by=by
    )
    # Brought in now; the demo places it ``days_ago`` back.
    question.submitted_at = timezone.now() - dt.timedelta(days=item["days_ago"])
    Question.objects.filter(pk=question.pk).update(submitted_at=question.submitted_at)
    step(question, QuestionStatus.IN_PROGRESS, at=question.submitted_at, by=by)
    question_status_change(
        question=question,
        to=QuestionStatus.CLOSED_NO_OFFER,
        closed_reason=ClosedReason.NO_OFFER,
        by=by,
    )
    QuestionEvent.objects.filter(
        question=question, to_status=QuestionStatus.CLOSED_NO_OFFER
    ).update(occurred_at=question.submitted_at + dt.timedelta(days=14))


def load() -> str:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    professional = User.objects.get(username="hulpverlener")
    coordinator = User.objects.get(username="coordinator")
    for item in data["participants"]:
        # Registering someone takes their consent (``participant_register``); these people
        # share nothing with anyone by design, which no real write path allows.
        Participant.objects.update_or_create(
            id=demo_id("participant", item["slug"]),
            defaults={
                "name": item["name"],
                "district": District.objects.get(slug=item["district"]),
                "created_by": professional,
            },
        )
    for item in data["questions"]:
        participant = Participant.objects.get(pk=demo_id("participant", item["participant"]))
        if not Question.objects.filter(participant=participant, text=item["text"]).exists():
            _ended_without_offer(participant, item, professional)
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
