"""Answering through the link without an account, and who sees the results."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.surveys.constants import SurveyKind
from steunsysteem.surveys.models import SurveyAnswer

from .factories import SurveyAnswerFactory, SurveyInvitationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ANSWER = {"score_1": "4", "score_2": "5", "score_3": "3", "remark": "Goed geregeld."}


@pytest.fixture(autouse=True)
def small_cells_below_five(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5


def answer_url(token):
    return reverse("surveys:answer", kwargs={"token": token})


def test_a_participant_answers_without_logging_in(client):
    SurveyInvitationFactory(token="janny", kind=SurveyKind.PARTICIPANT)

    page = client.get(answer_url("janny"))
    sent = client.post(answer_url("janny"), ANSWER)

    assert "The werktafel helped me with my question." in page.content.decode()
    assert "Your answer is in" in sent.content.decode()
    assert SurveyAnswer.objects.get().score_2 == 5


def test_a_used_link_says_so_and_takes_no_second_answer(client):
    SurveyInvitationFactory(token="eenmaal")
    client.post(answer_url("eenmaal"), ANSWER)

    again = client.post(answer_url("eenmaal"), ANSWER)

    assert again.status_code == 410
    assert "already used" in again.content.decode()
    assert SurveyAnswer.objects.count() == 1


def test_an_expired_link_says_the_survey_closed(client):
    SurveyInvitationFactory(token="oud", expired=True)
    response = client.get(answer_url("oud"))
    assert response.status_code == 410
    assert "no longer works" in response.content.decode()


def test_an_unknown_link_is_not_found(client):
    assert client.get(answer_url("verzonnen")).status_code == 404


def test_an_answer_without_all_scores_is_refused_with_a_message(client):
    SurveyInvitationFactory(token="half")
    response = client.post(answer_url("half"), {"score_1": "4"})
    assert response.status_code == 200
    assert not SurveyAnswer.objects.exists()


def results(client, user, period=None):
    sign_in(client, user)
    today = timezone.localdate()
    code = f"{today.year}H{1 if today.month <= 6 else 2}"
    return client.get(reverse("surveys:results"), {"period": period or code}).content.decode()


def five_answers():
    for remark in ["Ze luisterden echt.", "", "", "", ""]:
        SurveyAnswerFactory(remark=remark)


def test_a_coordinator_sees_the_figures_and_the_remarks_and_reading_them_is_audited(client):
    five_answers()
    coordinator = UserFactory(coordinator=True)

    page = results(client, coordinator)

    assert "Ze luisterden echt." in page
    assert "4.0" in page
    entries = AuditEntry.objects.filter(object_type="surveys.surveyanswer")
    assert [(entry.actor_user_id, entry.fields) for entry in entries] == [
        (coordinator.pk, ["remark"])
    ]


def test_a_policy_officer_sees_the_figures_but_never_the_remarks(client):
    five_answers()
    page = results(client, UserFactory(policy_officer=True))
    assert "4.0" in page
    assert "Ze luisterden echt." not in page


def test_with_too_few_answers_the_page_shows_no_figures(client):
    for _ in range(4):
        SurveyAnswerFactory(remark="Iets persoonlijks", score_1=1)
    page = results(client, UserFactory(coordinator=True))
    assert "Too few answers" in page
    assert "Iets persoonlijks" not in page
    assert "1.0" not in page


@pytest.mark.parametrize(
    "role",
    ["participant", "relative", "professional", "provider_editor", "volunteer", "administrator"],
)
def test_other_roles_do_not_see_the_results(client, role):
    five_answers()
    user = UserFactory(**({role: True} if role not in {"participant", "provider_editor"} else {}))
    if role == "provider_editor":
        user = UserFactory(editor=True)
    sign_in(client, user)
    assert client.get(reverse("surveys:results")).status_code == 403


def test_an_unknown_period_falls_back_to_the_current_half_year(client):
    five_answers()
    page = results(client, UserFactory(coordinator=True), period="1999H1")
    assert "4.0" in page


def test_answers_of_an_earlier_half_year_are_not_in_this_one(client):
    for _ in range(5):
        SurveyAnswerFactory(answered_in=dt.date(2020, 1, 1))
    page = results(client, UserFactory(coordinator=True))
    assert "Too few answers" in page
