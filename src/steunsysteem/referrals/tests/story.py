"""The referral story the tests tell: Fatima (Sociaal Wijkteam) brought in Janny's question
about a choir; she refers Janny to Koor De Lindeboom, whose editor Els answers."""

from __future__ import annotations

from dataclasses import dataclass

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.directory.models import Contact
from steunsysteem.directory.tests.factories import (
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.referrals import services
from steunsysteem.worktables.tests.factories import WorktableFactory

JANNY = "Janny Verbeek"
CHOIR = "Ik zou graag in een koor zingen, maar ik vind het eng om alleen te gaan."
CONTACT = "koor-contact@example.org"


@dataclass
class Story:
    janny: object
    fatima: object
    wijkteam: object
    koor: object
    service: object
    els: object  # editor of the choir
    question: object
    table: object
    ruud: object  # chair of the werktafel the question reaches

    def refer(self, *, source: str = "spoken", by=None):
        return services.referral_create(
            question=self.question,
            service=self.service,
            consent_source=source,
            by=by or self.fatima,
        )

    def step(self, referral, to: str, **details):
        return services.referral_update(
            referral=referral, step=services.Step(to=to, **details), by=self.els
        )


def make_story() -> Story:
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam Partistad")
    koor = OrganizationFactory(name="Koor De Lindeboom", email="")
    service = ServiceFactory(organization=koor, name="Zingen in het koor", email="")
    Contact.objects.create(service=service, name="Els", email=CONTACT)
    janny = ParticipantFactory(name=JANNY, with_account=True, news_mail_opt_in=True)
    fatima = UserFactory(professional=True, first_name="Fatima", organizations=[wijkteam])
    for scope in (ConsentScope.PROFILE, ConsentScope.QUESTIONS):
        ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=scope)
    ruud = UserFactory(coordinator=True)
    table = WorktableFactory(members=[ruud])
    ConsentGrantFactory(
        participant=janny, grantee_user=None, grantee_worktable=table, scope=ConsentScope.QUESTIONS
    )
    question = question_submit(
        participant=janny, text=CHOIR, life_domains=["meeting"], worktable=table, by=fatima
    )
    els = UserFactory(editor=True, organizations=[koor])
    return Story(
        janny=janny,
        fatima=fatima,
        wijkteam=wijkteam,
        koor=koor,
        service=service,
        els=els,
        question=question,
        table=table,
        ruud=ruud,
    )
