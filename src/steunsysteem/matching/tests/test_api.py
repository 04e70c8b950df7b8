"""/api/v1/match/: offers for a typed question (public) or a stored one (with consent)."""

import pytest
from django.urls import reverse
from django.utils import translation

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.tests.factories import PostcodeAreaFactory, UserFactory
from steunsysteem.questions.tests.loop import make_loop

from .helpers import indexed, offer

pytestmark = pytest.mark.django_db
URL = "/api/v1/match/"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def kaart():
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0)
    near = offer("Koor De Lindeboom", "Samen zingen in een koor.", cost="0", at=(52.0108, 5.0))
    offer("Zangkoor Oost", "Zingen in een koor.", status=ServiceStatus.INACTIVE)
    indexed()
    return near


def test_the_url_is_api_v1_match():
    assert reverse("api-v1:match") == URL


def test_anyone_may_match_a_typed_question_best_first_with_reasons(client, kaart):
    response = client.get(URL, {"q": "zingen in een koor", "postcode": "3901 AB", "limit": 5})

    assert response.status_code == 200
    body = response.json()
    assert body["semantic"] is True
    assert [row["service_id"] for row in body["matches"]] == [str(kaart.pk)]
    assert body["matches"][0]["name"] == "Koor De Lindeboom"
    assert "dichtbij (1,2 km)" in body["matches"][0]["reasons"]


def test_without_the_model_the_answer_says_it_matched_on_words(client, kaart, without_model):
    body = client.get(URL, {"q": "zingen in een koor"}).json()

    assert body["semantic"] is False
    assert [row["name"] for row in body["matches"]] == ["Koor De Lindeboom"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "q"),
        ({"q": "koor", "question": 1}, "q"),
        ({"q": "koor", "limit": 0}, "limit"),
        ({"q": "koor", "postcode": "0000"}, "postcode"),
        ({"q": "koor", "life_domain": "koken"}, "life_domain"),
    ],
)
def test_wrong_parameters_get_a_clear_problem(client, kaart, params, field):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in {param["name"] for param in response.json()["invalid_params"]}


def test_a_professional_with_consent_matches_janny_s_stored_question(client, kaart):
    loop = make_loop()
    question = loop.question()
    sign_in(client, loop.fatima)

    body = client.get(URL, {"question": question.pk}).json()

    assert [row["name"] for row in body["matches"]] == ["Koor De Lindeboom"]


@pytest.mark.parametrize("who", ["anonymous", "professional_without_consent", "relative"])
def test_who_may_not_read_the_question_gets_nothing_of_it(client, kaart, who):
    loop = make_loop()
    question = loop.question()
    if who == "professional_without_consent":
        sign_in(client, UserFactory(professional=True))
    elif who == "relative":
        sign_in(client, UserFactory(relative=True))

    response = client.get(URL, {"question": question.pk})

    assert response.status_code == 404
    assert "Koor" not in response.content.decode()
