"""The question loop as the tests tell it: Janny asks (or Fatima brings her question in),
the werktafel Oosterhof discusses it, makes a proposal and gives Fatima an action; Janny
reads it on her own page and answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.directory.tests.factories import DistrictFactory, OrganizationFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.models import Question
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables import services as worktable_services
from steunsysteem.worktables.models import AgendaItem, Meeting, Worktable
from steunsysteem.worktables.tests.factories import WorktableFactory

JANNY = "Janny Verbeek"
CHOIR = "Ik zou graag in een koor zingen, maar ik vind het eng om alleen te gaan."
PROPOSAL = "Kennismaken met Koor De Lindeboom op dinsdag; Fatima gaat de eerste keer mee."
ACTION = "Koor De Lindeboom bellen voor een proefles"


@dataclass
class Loop:
    table: Worktable
    ruud: object  # the coordinator, chair of the table
    fatima: object  # a professional at the table
    janny: object  # the participant, with an account

    def question(self, *, by=None, text: str = CHOIR) -> Question:
        return question_submit(
            participant=self.janny,
            text=text,
            life_domains=["meeting"],
            worktable=self.table,
            by=by or self.janny.user,
        )

    def meeting(self, *, days_from_now: int = -1) -> Meeting:
        start = timezone.now() + dt.timedelta(days=days_from_now)
        return worktable_services.meeting_plan(
            worktable=self.table,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location="Buurthuis De Schakel",
            by=self.ruud,
        )

    def discuss(self, question: Question, *, proposal: str = PROPOSAL, meeting=None):
        """The table puts the question on a meeting's agenda and records a proposal."""
        meeting = meeting or self.meeting()
        worktable_services.agenda_build(meeting=meeting, by=self.ruud)
        item = AgendaItem.objects.get(meeting=meeting, question=question)
        worktable_services.agenda_item_record(item=item, proposal=proposal, by=self.ruud)
        item.refresh_from_db()
        return item

    def give_fatima_an_action(self, item, *, due_on: dt.date | None = None):
        return worktable_services.action_add(
            item=item,
            owner=self.fatima,
            what=ACTION,
            due_on=due_on or timezone.localdate() + dt.timedelta(days=14),
            by=self.ruud,
        )


def make_loop(*, janny_opts_in: bool = False) -> Loop:
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam Oosterhof")
    ruud = UserFactory(username="ruud", first_name="Ruud", last_name="de Wit", coordinator=True)
    fatima = UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="El Amrani",
        email="fatima.elamrani@wijkteam.example",
        professional=True,
        organizations=[wijkteam],
    )
    table = WorktableFactory(
        name="Werktafel Oosterhof", district=DistrictFactory(), members=[ruud, fatima]
    )
    janny = ParticipantFactory(
        name=JANNY,
        district=table.district,
        user=UserFactory(username="janny", email="janny@example.org"),
        news_mail_opt_in=janny_opts_in,
    )
    for grantee in ({"grantee_user": None, "grantee_worktable": table}, {"grantee_user": fatima}):
        ConsentGrantFactory(participant=janny, scope=ConsentScope.QUESTIONS, **grantee)
    ConsentGrantFactory(participant=janny, scope=ConsentScope.PROFILE, grantee_user=fatima)
    return Loop(table=table, ruud=ruud, fatima=fatima, janny=janny)
