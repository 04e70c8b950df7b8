"""A group for speakers of one language ("voor Arabischsprekenden", "in het Turks") comes
lower for a question that neither is in that language nor names it; it is never left out."""

import pytest
from django.utils import translation

from steunsysteem.matching.facts import read_facts
from steunsysteem.matching.selectors import SPEAKERS_PENALTY, match_services
from steunsysteem.matching.wishes import read_wishes

from .helpers import indexed, names, offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("name", "eligibility", "code"),
    [
        ("Ontmoetingsgroep voor Arabischsprekenden", "", "ar"),
        ("Ontmoetingsmiddag in het Turks", "", "tr"),
        ("Turkse vrouwengroep", "", "tr"),
        ("Koffieochtend", "Voor Poolstalige buurtbewoners.", "pl"),
        ("Koffieochtend", "", None),
        # A group that is also in Turkish is not a group for Turkish speakers.
        ("Gesprek met de imam", "", None),
    ],
)
def test_a_group_for_speakers_of_one_language_by_its_name_or_who_it_is_for(name, eligibility, code):
    service = offer(name, "Thee, koffie en een praatje, ook in het Turks.")
    service.eligibility_description = eligibility
    service.save()

    assert read_facts([service.id])[service.id].for_speakers_of == code


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("ik ben een vrouw uit Syrie", {"ar"}),
        ("Mevrouw Yilmaz spreekt vooral Turks", {"tr"}),
        ("I moved here from Poland", {"pl"}),
        ("ik zoek gezelschap", set()),
    ],
)
def test_the_languages_a_question_names(text, named):
    assert read_wishes(text).languages_named == named


def score(result, name: str) -> float:
    return next(match.score for match in result.matches if match.service.name == name)


def test_a_group_for_arabic_speakers_comes_lower_for_a_question_not_in_arabic():
    offer("Ontmoetingsgroep voor Arabischsprekenden", "Samen ontmoeten en praten.")
    offer("Ontmoetingsochtend", "Samen ontmoeten en praten.")
    indexed()
    group, everyone = "Ontmoetingsgroep voor Arabischsprekenden", "Ontmoetingsochtend"

    dutch = match_services(text="ik wil andere mensen ontmoeten")
    in_arabic = match_services(text="ik wil andere mensen ontmoeten", language="ar")

    assert names(dutch) == [everyone, group]  # lower, not left out
    assert score(in_arabic, group) == pytest.approx(score(dutch, group) + SPEAKERS_PENALTY)
    assert score(in_arabic, everyone) == score(dutch, everyone)


def test_a_question_that_names_the_language_does_not_put_the_group_lower():
    offer("Ontmoetingsmiddag in het Turks", "Samen ontmoeten en praten.")
    indexed()
    group = "Ontmoetingsmiddag in het Turks"

    naming = match_services(text="Mevrouw komt uit Turkije en wil andere mensen ontmoeten")
    other = match_services(text="Mevrouw komt uit Friesland en wil andere mensen ontmoeten")

    assert score(naming, group) == pytest.approx(score(other, group) + SPEAKERS_PENALTY)
