"""The AVG download holds everything about the person's questions: their wishes and limits,
readiness, urgency, who referred them, outcome, why one closed, every status change, and
what the werktafel proposed and agreed about them; emergency accesses with their reasons,
and the requests someone recorded for them. In the JSON and in the readable PDF."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.participants.constants import RequestChannel, RightsRequestKind
from steunsysteem.participants.services import rights_request_decline, rights_request_record
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.constants import ClosedReason, Outcome, QuestionStatus
from steunsysteem.questions.services import question_status_change, question_submit
from steunsysteem.worktables.models import AgendaItem
from steunsysteem.worktables.services import action_add, action_complete, agenda_item_record
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = pytest.mark.django_db

WISHES = "Alleen op dinsdag, dichtbij huis"
PROPOSAL = "Samen een keer gaan kijken bij het koor van de Vliet"
ACTION = "Contact leggen met de dirigent"
EMERGENCY_REASON = "Onbereikbaar na afspraak."
COLLEAGUE_EMAIL = "ruud.persoonlijk@example.org"


@pytest.fixture
def story():
    """Janny's question went to the werktafel, got a proposal and an action, and was
    answered; a second question closed without an offer."""
    choir_org = OrganizationFactory(name="Zangvereniging De Vliet")
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    janny = ParticipantFactory(name="Janny", user=UserFactory(username="janny"))
    fatima = UserFactory(professional=True, organizations=[wijkteam])
    ruud = UserFactory(coordinator=True, email=COLLEAGUE_EMAIL, organizations=[wijkteam])
    table = WorktableFactory(name="Werktafel Oost", members=[ruud])
    ConsentGrantFactory(participant=janny, grantee_user=fatima)
    question = question_submit(
        participant=janny,
        text="Ik wil zingen in een koor",
        life_domains=["culture"],
        wishes_and_limits=WISHES,
        readiness="ready",
        urgency="urgent",
        by=fatima,
    )
    from steunsysteem.worktables.services import meeting_plan

    meeting = meeting_plan(
        worktable=table,
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3, hours=-2),
        location="Buurthuis",
        by=ruud,
    )
    question_status_change(question=question, to=QuestionStatus.ON_AGENDA, by=ruud)
    item = AgendaItem.objects.create(
        meeting=meeting,
        question=question,
        kind="new",
        position=1,
        suggested_organization_ids=[str(choir_org.pk)],
    )
    agenda_item_record(item=item, proposal=PROPOSAL, by=ruud)
    action = action_add(item=item, owner=ruud, what=ACTION, due_on=dt.date(2027, 1, 15), by=ruud)
    action_complete(action=action, by=ruud)
    question_status_change(question=question, to=QuestionStatus.IN_PROGRESS, by=ruud)
    question_status_change(
        question=question, to=QuestionStatus.ANSWERED, outcome=Outcome.JOINED, by=ruud
    )
    closed = question_submit(
        participant=janny, text="Ik zoek zanglessen", life_domains=["culture"], by=fatima
    )
    question_status_change(question=closed, to=QuestionStatus.IN_PROGRESS, by=ruud)
    question_status_change(
        question=closed,
        to=QuestionStatus.CLOSED_NO_OFFER,
        closed_reason=ClosedReason.NO_OFFER,
        by=ruud,
    )
    stranger = UserFactory(professional=True)
    emergency_access_start(participant=janny, by=stranger, reason=EMERGENCY_REASON)
    ConsentGrantFactory(participant=janny, grantee_user=ruud)
    rights_request = rights_request_record(
        participant=janny,
        kind=RightsRequestKind.ERASURE,
        asked_on=dt.date(2026, 3, 2),
        channel=RequestChannel.LETTER,
        by=fatima,
    )
    rights_request_decline(rights_request=rights_request, reason="no_longer_wanted", by=ruud)
    return janny


def test_the_json_holds_the_questions_history_and_the_werktafels_work(client, story):
    sign_in(client, story.user)

    data = json.loads(client.get(reverse("participants:export_json", args=[story.pk])).content)

    answered, closed = sorted(data["questions"], key=lambda q: q["status"])
    assert answered["wishes_and_limits"] == WISHES
    assert (answered["readiness"], answered["urgency"]) == ("ready", "urgent")
    assert answered["readiness_label"] == "Klaar om te beginnen"
    assert answered["urgency_label"] == "Dringend"
    assert answered["referred_by"] == "Sociaal Wijkteam"
    assert (answered["status"], answered["outcome"]) == ("answered", "joined")
    assert answered["outcome_label"] == "Doet mee aan een activiteit"
    assert (closed["status"], closed["closed_reason"]) == ("closed_no_offer", "no_offer")
    assert closed["closed_reason_label"] == "Er is geen passend aanbod"
    assert [(e["from_status"], e["to_status"]) for e in answered["history"]] == [
        ("new", "on_agenda"),
        ("on_agenda", "discussed"),
        ("discussed", "proposal_made"),
        ("proposal_made", "in_progress"),
        ("in_progress", "answered"),
    ]
    assert all(e["occurred_at"] and e["by_role"] for e in answered["history"])
    [table] = answered["worktable"]
    assert table["worktable"] == "Werktafel Oost"
    assert table["proposal"] == PROPOSAL
    assert table["suggested_organizations"] == ["Zangvereniging De Vliet"]
    [action] = answered["actions"]
    assert action["what"] == ACTION
    assert action["who"] == "Sociaal Wijkteam"
    assert action["due_on"] == "2027-01-15"
    assert action["done_at"]
    [emergency] = data["emergency_accesses"]
    assert emergency["reason"] == EMERGENCY_REASON
    [request] = data["rights_requests"]
    assert (request["kind"], request["channel"], request["status"]) == (
        "erasure",
        "letter",
        "declined",
    )
    assert request["asked_on"] == "2026-03-02"
    assert request["decline_reason"] == "no_longer_wanted"
    # An action names an organisation or a role, never a colleague's own e-mail address.
    assert COLLEAGUE_EMAIL not in response_text(data)


def response_text(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def test_the_pdf_holds_the_same(client, story, tmp_path):
    sign_in(client, story.user)
    response = client.get(reverse("participants:export_pdf", args=[story.pk]))
    pdf = tmp_path / "gegevens.pdf"
    pdf.write_bytes(response.content)

    text = " ".join(
        subprocess.run(
            ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True, text=True
        ).stdout.split()
    )

    for expected in (
        WISHES,
        "Klaar om te beginnen",  # readiness
        "Dringend",  # urgency
        "Ingebracht via Sociaal Wijkteam",  # referring organisation
        "Doet mee aan een activiteit",  # outcome
        "Er is geen passend aanbod",  # closing reason
        "Wat er met de vraag gebeurde",  # history
        "Op de agenda van de werktafel",
        "Voorstel gedaan",
        "Aan de werktafel: Werktafel Oost",
        PROPOSAL,
        "Zangvereniging De Vliet",
        ACTION,
        "15 januari 2027",
        EMERGENCY_REASON,
        "Verzoeken die voor jou zijn vastgelegd",
        "Alle gegevens wissen",
        "2 maart 2026, per brief of op een formulier",
        "de persoon wil het niet meer",
    ):
        assert expected in text, expected
    assert COLLEAGUE_EMAIL not in text
