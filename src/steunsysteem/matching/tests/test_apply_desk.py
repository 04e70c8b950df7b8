"""A desk to apply for an indicatie ("Dagbesteding aanvragen" at the Wmo-loket) comes lower
for someone who has one already, or who does not want one; it stays for everyone else
("Er is nog geen indicatie": applying may be the next step)."""

import pytest
from django.utils import translation

from steunsysteem.matching import selectors
from steunsysteem.matching.facts import read_facts
from steunsysteem.matching.selectors import APPLY_DESK_PENALTY, match_services
from steunsysteem.matching.wishes import read_wishes

from .helpers import indexed, names, offer

pytestmark = pytest.mark.django_db

DESK = ("Dagbesteding aanvragen", "Regel je de indicatie via het Wmo-loket.")


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("name", "description", "desk"),
    [
        (*DESK, True),
        ("Ondersteuning aanvragen via de Wmo", "Meld je bij het loket.", True),
        ("Bijzondere bijstand", "Je kunt bijzondere bijstand aanvragen.", False),  # not its name
        ("Voedselpakket aanvragen", "Elke week een pakket.", False),  # no indicatie
    ],
)
def test_a_desk_to_apply_for_an_indicatie_by_its_name(name, description, desk):
    service = offer(name, description)

    assert read_facts([service.id])[service.id].applies_for_indicatie is desk


@pytest.mark.parametrize(
    ("text", "has", "refuses"),
    [
        ("Mevrouw heeft een Wmo-indicatie voor dagbesteding", True, False),
        ("ik heb een beschikking beschermd wonen", True, False),
        ("Hij heeft geen indicatie en wil er ook geen aanvragen.", False, True),
        ("Er is nog geen indicatie.", False, False),
        ("niet via de gemeente of met een indicatie", False, False),
    ],
)
def test_has_an_indicatie_or_does_not_want_one(text, has, refuses):
    wishes = read_wishes(text)

    assert (wishes.has_indicatie, wishes.refuses_indicatie) == (has, refuses)


def score(result, name: str) -> float:
    return next(match.score for match in result.matches if match.service.name == name)


@pytest.mark.parametrize(
    "text",
    [
        "Mevrouw heeft een indicatie en zoekt dagbesteding",
        "Mevrouw wil geen indicatie aanvragen en zoekt dagbesteding",
    ],
)
def test_the_desk_comes_lower_for_who_has_an_indicatie_or_does_not_want_one(text, monkeypatch):
    offer(*DESK)
    indexed()

    asked = match_services(text=text)
    monkeypatch.setattr(selectors, "APPLY_DESK_PENALTY", 0.0)
    without_the_rule = match_services(text=text)

    assert names(asked) == ["Dagbesteding aanvragen"]  # lower, not left out
    assert score(asked, DESK[0]) == pytest.approx(
        score(without_the_rule, DESK[0]) - APPLY_DESK_PENALTY
    )


def test_the_desk_stays_when_there_is_no_indicatie_yet(monkeypatch):
    offer(*DESK)
    offer("Dagbesteding De Steiger", "Dagbesteding in de werkplaats.")
    indexed()

    text = "Er is nog geen indicatie. Mevrouw zoekt dagbesteding"

    result = match_services(text=text)
    monkeypatch.setattr(selectors, "APPLY_DESK_PENALTY", 0.0)
    without_the_rule = match_services(text=text)

    assert score(result, DESK[0]) == score(without_the_rule, DESK[0])
