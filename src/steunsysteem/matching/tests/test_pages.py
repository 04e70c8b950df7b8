"""Where a question meets the offer: the question page, the meeting screen, the public
sociale kaart. The person's home postcode only counts for those who may see her details."""

import pytest
from django.urls import reverse
from django.utils import translation

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.tests.factories import PostcodeAreaFactory
from steunsysteem.questions.tests.loop import make_loop
from steunsysteem.worktables.selectors import services_for

from .helpers import indexed, offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch(settings):
    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        yield


@pytest.fixture
def loop():
    loop = make_loop()
    loop.janny.home_postcode = "3901"
    loop.janny.save()
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0)
    offer("Koor De Lindeboom", "Samen zingen in een koor.", cost="0", at=(52.0108, 5.0))
    offer("Zangkoor Oost", "Zingen in een koor.", status=ServiceStatus.TEMPORARILY_CLOSED)
    indexed()
    return loop


def page_of(client, user, question) -> str:
    sign_in(client, user)
    response = client.get(reverse("questions:detail", args=[question.participant_id, question.pk]))
    assert response.status_code == 200
    return response.content.decode()


def postcode_reads(user) -> list:
    entries = AuditEntry.objects.filter(actor_user_id=user.pk, action=AuditAction.READ)
    return [entry for entry in entries if "home_postcode" in entry.fields]


def test_janny_sees_offers_that_may_suit_her_question_with_why(client, loop):
    question = loop.question()

    page = page_of(client, loop.janny.user, question)

    assert "Aanbod dat bij je kan passen" in page
    assert "Koor De Lindeboom" in page
    assert "dichtbij (1,2 km), gratis, zonder indicatie" in page
    assert "Zangkoor Oost" not in page  # closed for now: never suggested


def test_a_professional_with_consent_for_her_details_sees_the_distance_and_it_is_recorded(
    client, loop
):
    question = loop.question()

    page = page_of(client, loop.fatima, question)

    assert "dichtbij (1,2 km)" in page
    [entry] = postcode_reads(loop.fatima)
    assert entry.legal_basis.startswith("consent:")


def test_without_consent_for_her_details_the_table_never_learns_where_she_lives(client, loop):
    question = loop.question()

    page = page_of(client, loop.ruud, question)
    at_the_meeting = services_for(question)

    assert "Koor De Lindeboom" in page
    assert "km" not in page and "3901" not in page and "in je wijk" not in page
    assert postcode_reads(loop.ruud) == []
    assert [service.name for service in at_the_meeting] == ["Koor De Lindeboom"]
    assert not any("km" in reason for reason in at_the_meeting[0].match_reasons)


def test_the_meeting_screen_shows_the_matchers_offers(client, loop):
    question = loop.question()
    item = loop.discuss(question)
    sign_in(client, loop.ruud)

    response = client.get(
        reverse("worktables:agenda_item", args=[item.meeting_id, item.pk]), follow=True
    )

    page = response.content.decode()
    assert "Koor De Lindeboom" in page
    assert "Zangkoor Oost" not in page


def test_the_page_says_when_offers_were_found_on_words_only(client, loop, without_model):
    question = loop.question()

    page = page_of(client, loop.janny.user, question)

    assert "Koor De Lindeboom" in page
    assert "Gezocht op woorden alleen" in page


def test_the_page_says_nothing_about_words_only_when_the_model_works(client, loop):
    page = page_of(client, loop.janny.user, loop.question())

    assert "Gezocht op woorden alleen" not in page


def test_a_sentence_on_the_public_kaart_also_finds_offers_by_meaning(client):
    offer("Houtwerkplaats De Krul", "Houtbewerking voor beginners.")
    offer("Repaircafé", "Samen spullen repareren.", status=ServiceStatus.INACTIVE)
    indexed()

    sentence = client.get(
        reverse("directory:search"), {"q": "ik wil weer iets met mijn handen doen"}
    ).content.decode()
    word = client.get(reverse("directory:search"), {"q": "houtbewerking"}).content.decode()

    assert "Deze passen misschien ook bij wat je schreef" in sentence
    assert "Houtwerkplaats De Krul" in sentence
    assert "Deze passen misschien ook" not in word  # the words found it: nothing to add
