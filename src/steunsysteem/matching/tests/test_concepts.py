"""Everyday phrases that name no offer bring the words offers use for them (matcher only)."""

import json

import pytest
from django.utils import translation

from steunsysteem.directory import demo
from steunsysteem.directory.search.text import stem, synonyms, terms
from steunsysteem.matching.concepts import (
    CONCEPT_WEIGHT,
    CONCEPTS,
    ENGLISH,
    MAX_EXPANSION,
    concept_terms,
    expanded,
)
from steunsysteem.matching.lexical import QueryTerms
from steunsysteem.matching.selectors import match_services

from .helpers import indexed, names, offer


def called_up(text: str) -> set[str]:
    return {term for stems in concept_terms(text) for term in stems}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ik zou weer iets met mijn handen willen doen", "handwerk"),
        ("iets met hout of techniek", "gereedschap"),
        ("het zou fijn zijn als iemand dagelijks even contact met haar heeft", "telefooncirkel"),
        ("ik wil eerst eens ergens binnenlopen en rondkijken", "inloop"),
        ("ik wil stoppen met drinken", "verslaving"),
        ("de zorg voor mijn vader wordt me te veel", "mantelzorg"),
        ("kom mijn bed niet uit, geen structuur", "dagbesteding"),
        ("het lukt hem niet meer zijn huishouden en post bij te houden", "administratie"),
        ("iets met dieren", "dierverzorging"),
        ("mijn hoofd staat nooit stil", "rust"),
        ("ik wil praten met mensen die dat ook hebben", "lotgenoten"),
        ("Panic attacks almost every day", "paniek"),
    ],
)
def test_an_everyday_phrase_calls_up_the_words_offers_use(text, word):
    assert stem(word) in called_up(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("na afloop koffie drinken", "verslaving"),  # drinking coffee is not drinking
        ("ik zorg goed voor mezelf", "mantelzorg"),  # caring, but for no one else
        ("koor?", "handwerk"),
        ("ik wil wandelen in het park", "telefooncirkel"),
    ],
)
def test_a_phrase_does_not_call_up_a_concept_it_does_not_mean(text, word):
    assert stem(word) not in called_up(text)


def test_a_question_without_an_everyday_phrase_calls_up_nothing():
    assert concept_terms("schaakclub voor beginners") == []


def test_concept_words_count_in_the_word_part_of_the_match_only_when_asked():
    text = "de zorg voor mijn vader wordt me te veel"

    plain = QueryTerms.read(text)
    with_concepts = QueryTerms.read(text, concepts=True)

    assert stem("mantelzorg") not in plain.weights
    assert with_concepts.weights[stem("mantelzorg")] == CONCEPT_WEIGHT
    # The question's own words keep their weight.
    assert with_concepts.weights[stem("vader")] == plain.weights[stem("vader")] == 1.0


def test_the_public_searchs_synonyms_do_not_change():
    """Concepts are one way and the matcher's own: the sociale kaart's search (which uses
    directory/synonyms.py both ways) does not find handwork for "handen"."""
    assert stem("handwerk") not in synonyms(stem("handen"))
    assert stem("mantelzorg") not in synonyms(stem("zorg"))


def test_every_concept_uses_words_that_offers_of_the_demo_kaart_use():
    """A concept word no offer uses does nothing: each concept has at least one that works."""
    kaart = set()
    for path in sorted((demo.DATA_DIR / "organizations").glob("*.json")):
        for organization in json.loads(path.read_text("utf-8")):
            for spec in organization["services"]:
                kaart.update(terms(f"{spec['name']} {spec.get('description', '')}"))

    for concept in CONCEPTS:
        used = [word for word in concept.words if stem(word) in kaart]
        assert used, f"no offer of the demo uses a word of {concept.name!r}"
    for english, dutch in ENGLISH.items():
        assert any(stem(word) in kaart for word in dutch), english


@pytest.mark.django_db
def test_a_concept_brings_the_offer_that_uses_the_kaarts_word_for_the_need():
    """ "dagelijks even contact" shares no word with the telephone circle, and the stand-in
    model finds them unrelated; the concept of daily contact finds it by its words."""
    with translation.override("nl"):
        offer("Telefooncirkel", "Elke ochtend belt een deelnemer de volgende in de cirkel.")
        offer("Schaakclub", "Schaken op maandagavond.")
        indexed()

        result = match_services(text="dagelijks even contact met iemand")

    assert names(result) == ["Telefooncirkel"]


def test_the_model_reads_the_question_with_the_kaarts_words_for_its_phrases_in_brackets():
    assert expanded("iets met mijn handen doen") == (
        "iets met mijn handen doen (handwerk, knutselen, maken)"
    )
    assert expanded("Panic attacks, any group?") == (
        "Panic attacks, any group? (paniek, paniekaanvallen, angst)"
    )


def test_a_question_without_such_phrases_is_read_as_it_is():
    assert expanded("koor?") == "koor?"
    assert expanded("schaakclub voor beginers") == "schaakclub voor beginers"


@pytest.mark.django_db
def test_a_match_embeds_one_text_the_expanded_question(model, monkeypatch):
    """Still one query embedding per match: the expansion is part of the one text."""
    offer("Telefooncirkel", "Elke ochtend belt een deelnemer de volgende in de cirkel.")
    indexed()
    embedded = []
    original = model.embed_queries
    monkeypatch.setattr(
        model, "embed_queries", lambda texts: embedded.append(texts) or original(texts)
    )

    match_services(text="dagelijks even contact")

    assert embedded == [["dagelijks even contact (bellen, belt, telefoon)"]]


def test_the_model_reads_at_most_a_few_words_of_several_phrases():
    """Each word costs the embedding time: the first concepts' first words, no more."""
    text = "ik zit de hele dag thuis, wil iets met mijn handen doen en onder de mensen komen"

    assert expanded(text) == f"{text} (handwerk, knutselen, maken)"
    assert len(called_up(text)) > MAX_EXPANSION
