"""What the matcher reads from a question (who asks, what must fit) and how it scores words:
plain functions, no database."""

import pytest

from steunsysteem.matching.index import Lexicon
from steunsysteem.matching.lexical import QueryTerms, bm25_scores, compound_parts
from steunsysteem.matching.wishes import read_wishes


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Meneer Demir (63) spreekt weinig Nederlands", 63),
        ("Jongen van 24 zoekt dagbesteding", 24),
        ("Meneer is 38, heeft autisme", 38),
        ("ik ben 19 en mijn moeder is bipolair", 19),
        ("Ik ben 34 en mijn administratie is een chaos", 34),
        ("Zoon (22) heeft een psychose gehad", None),
        ("mijn moeder van 80 is vaak alleen", None),
        ("iets voor 65+", 65),
    ],
)
def test_the_askers_age_not_a_relatives(text, age):
    assert read_wishes(text).age == age


def test_a_parent_is_at_least_sixteen_years_older_than_their_child():
    assert read_wishes("Zoon (22) heeft een psychose gehad. Moeder zoekt steun.").age_at_least == 38


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("ik ben een man en vind praten lastig", "men"),
        ("Meneer Demir zoekt gezelschap", "men"),
        ("Jongen van 24 zoekt werk", "men"),
        ("Mevrouw woont alleen", "women"),
        ("ik ben een vrouw uit Syrië", "women"),
        ("sinds mijn man is overleden voel ik me alleen", None),
        ("mijn moeder is bipolair", None),
    ],
)
def test_the_askers_sex_when_the_question_says_it(text, sex):
    assert read_wishes(text).sex == sex


@pytest.mark.parametrize(
    ("text", "about_relative"),
    [
        ("ik ben 19 en mijn moeder is bipolair", True),
        ("Zoon (22) heeft een psychose gehad. Moeder wil leren hoe ze met hem om moet gaan", True),
        ("my brother is depressed", True),
        ("sinds mijn man is overleden voel ik me zo alleen", False),
        ("ik ben bipolair en zoek een groep", False),
    ],
)
def test_a_question_about_a_relatives_problems(text, about_relative):
    assert read_wishes(text).about_relative is about_relative


def test_born_here_not_in_treatment_no_indicatie_and_looking_around():
    wishes = read_wishes(
        "ik ben hier geboren, ik ben niet in behandeling en wil niet via de huisarts. "
        "ik wil eerst eens rondkijken"
    )

    assert wishes.native_dutch
    assert wishes.not_in_treatment
    assert wishes.without_indicatie
    assert wishes.orienting
    assert not read_wishes("ik zoek een koor").orienting


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Looking for a walking group, my Dutch is not so good yet.", "en"),
        ("ik zoek een koor in de buurt, maar ik wil niet te ver", "nl"),
        ("koor?", None),
    ],
)
def test_the_language_the_question_is_written_in(text, language):
    assert read_wishes(text).language == language


def test_a_compound_has_the_known_stems_it_begins_or_ends_with():
    known = {"hand", "handwerk", "club", "zang", "koor"}

    assert compound_parts("handwerkclub", known) == ("hand", "handwerk", "club")
    assert compound_parts("zangkoor", known) == ("zang", "koor")
    assert compound_parts("handig", known) == ()  # "ig" is too short to be a word


def test_the_question_brings_synonyms_and_the_parts_of_an_unknown_compound():
    weights = QueryTerms.read("zangkoor gezocht, choir", known={"zang", "koor"}).weights

    assert weights["zang"] < 1 and weights["koor"] < 1  # parts of "zangkoor"
    assert weights["koor"] > 0  # also a synonym of "choir"
    assert "gezocht" not in weights and "zoek" not in weights  # a question word, not an offer


class _Item:
    def __init__(self, *terms):
        self.terms = terms


def test_word_scores_count_a_services_compound_for_its_parts_and_rare_words_weigh_more():
    documents = {
        "handwerk": ("handwerkclub", "brei", "haak"),
        "thuis": ("begeleid", "thuis", "hand"),
        "koor": ("koor", "zing"),
    }
    lexicon = Lexicon([_Item(*terms) for terms in documents.values()])

    scores = bm25_scores(QueryTerms.read("breien met je handen", lexicon.document_frequency),
                         documents, lexicon)  # fmt: skip

    assert scores["handwerk"] > scores["thuis"] > 0
    assert "koor" not in scores
