"""Partistad demo maatjes, made through the services: Ruud coordinates the maatjesproject
Samen op Pad, where Kees (a volunteer who likes card games, intake and VOG check done) is
registered; Fatima sent Mark's wish "iemand om een potje mee te kaarten" to the project. The
proposal and both answers are left for whoever tries the demo."""

import datetime as dt

from django.utils import timezone

from steunsysteem.accounts.models import User
from steunsysteem.core.demo import demo_id
from steunsysteem.directory.models import District, Organization
from steunsysteem.participants.demo import persona
from steunsysteem.questions.services import question_submit

from . import services
from .models import BuddyRequest

WISH = "Mark zoekt iemand om een potje mee te kaarten."


def load() -> str:
    project = Organization.objects.get(pk=demo_id("organization", "samen-op-pad"))
    mark = persona("mark")
    if BuddyRequest.objects.filter(question__participant=mark, project=project).exists():
        return "1 maatjesproject (bestond al)"
    ruud = User.objects.get(username="coordinator")
    kees = User.objects.get(username="vrijwilliger")
    fatima = User.objects.get(username="hulpverlener")
    today = timezone.localdate()
    services.project_coordinator_link(user=ruud, project=project, by=ruud)
    services.volunteer_register(
        project=project,
        user=kees,
        by=ruud,
        interests=["card_games", "coffee", "walking"],
        days=["wed", "sat"],
        times="middagen",
        languages=["nl"],
        district=District.objects.filter(slug="vlietzoom").first(),
        does_not_want="Geen bezoek bij mensen thuis in de eerste weken.",
        intake_on=today - dt.timedelta(days=60),
        vog_checked_on=today - dt.timedelta(days=45),
    )
    question = question_submit(participant=mark, text=WISH, life_domains=["meeting"], by=fatima)
    services.buddy_request_create(
        question=question, project=project, interests=["card_games"], days=["wed"], by=fatima
    )
    return "1 maatjesproject, 1 vrijwilliger, 1 wens voor een maatje"
