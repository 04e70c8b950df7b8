"""The maatjes story the tests tell: Mark would like "iemand om een potje mee te kaarten".
Fatima (Sociaal Wijkteam) brought in his question; Wendy coordinates the maatjesproject
Samen op Pad, where Kees likes card games, Lotte likes walking and Piet still waits for his
VOG check."""

from __future__ import annotations

from dataclasses import dataclass

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    PostcodeAreaFactory,
    UserFactory,
)
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit

from .. import services
from .factories import ProjectCoordinatorFactory, VolunteerProfileFactory

WISH = "Ik zoek iemand om een potje mee te kaarten."
MARKS_PHONE = "06-11112222"
KEES_PHONE = "06-33334444"


@dataclass
class Story:
    mark: object
    fatima: object
    project: object
    wendy: object
    kees: object  # his volunteer profile
    lotte: object
    piet: object
    question: object

    def ask(self, *, by=None, interests=("card_games",), days=("wed",)):
        return services.buddy_request_create(
            question=self.question,
            project=self.project,
            interests=interests,
            days=days,
            by=by or self.fatima,
        )

    def propose(self, buddy_request=None, volunteer=None):
        return services.match_propose(
            buddy_request=buddy_request or self.ask(),
            volunteer=volunteer or self.kees,
            by=self.wendy,
        )

    def both_accept(self, match=None, *, in_network=True):
        match = match or self.propose()
        services.match_answer_for_participant(
            match=match, yes=True, in_network=in_network, by=self.mark.user or self.fatima
        )
        return services.match_answer_as_volunteer(match=match, yes=True, by=self.kees.user)


def make_story(*, mark_has_account: bool = True) -> Story:
    vlietzoom = DistrictFactory(name="Vlietzoom")
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0, district=vlietzoom)
    PostcodeAreaFactory(code="3902", latitude=52.01, longitude=5.01, district=vlietzoom)
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam Partistad")
    project = OrganizationFactory(name="Maatjesproject Samen op Pad")
    mark = ParticipantFactory(
        name="Mark",
        district=vlietzoom,
        home_postcode="3901",
        contact_route="phone",
        contact_detail=MARKS_PHONE,
        with_account=mark_has_account,
    )
    fatima = UserFactory(professional=True, first_name="Fatima", organizations=[wijkteam])
    for scope in (ConsentScope.PROFILE, ConsentScope.QUESTIONS, ConsentScope.NETWORK):
        ConsentGrantFactory(participant=mark, grantee_user=fatima, scope=scope)
    question = question_submit(participant=mark, text=WISH, life_domains=["meeting"], by=fatima)
    wendy = ProjectCoordinatorFactory(
        project=project, user=UserFactory(coordinator=True, first_name="Wendy")
    ).user
    kees = VolunteerProfileFactory(
        project=project,
        user=UserFactory(volunteer=True, first_name="Kees", last_name="Bakker"),
        interests=["card_games", "coffee"],
        days=["wed", "sat"],
        postcode="3902",
        district=vlietzoom,
        phone=KEES_PHONE,
    )
    lotte = VolunteerProfileFactory(
        project=project, user=UserFactory(volunteer=True, first_name="Lotte"), interests=["walking"]
    )
    piet = VolunteerProfileFactory(
        project=project,
        user=UserFactory(volunteer=True, first_name="Piet"),
        interests=["card_games"],
        unscreened=True,
    )
    return Story(
        mark=mark,
        fatima=fatima,
        project=project,
        wendy=wendy,
        kees=kees,
        lotte=lotte,
        piet=piet,
        question=question,
    )
