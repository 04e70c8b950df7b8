"""Everyday phrases that name no offer, and the words offers use for what they ask for.

People write what they miss or want ("iets met mijn handen doen", "dagelijks even contact",
"eerst rondkijken", "de zorg voor mijn vader wordt me te veel"); the sociale kaart describes
offers in other words ("handwerk", "telefooncirkel", "inloop", "mantelzorg"). Each concept
below is a pattern over the question's normalised words (lower case, no accents or
punctuation) and the words of the kaart it brings into the word part of the match, at
``CONCEPT_WEIGHT`` (a synonym weighs 0.5, the question's own words 1, a concept 1 too).

Used by the matcher only (``lexical.QueryTerms``), next to ``directory/synonyms.py``, which
the public search also uses: a synonym is the same thing in other words and works both ways;
a concept is one way, from a need to the words of the offers that meet it. Keep concepts
generic Dutch (and a little English): a kind of need, never one question or one service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from steunsysteem.directory.search.text import normalise, terms

# As much as one of the question's own words: the phrase meant exactly this.
CONCEPT_WEIGHT = 1.0
# The model reads at most this many of the words in brackets: each word costs the query's
# embedding about 3 ms of CPU (4 ms per match on average, 11 ms when a phrase is found, on
# the benchmark's questions); more words found no better offers.
MAX_EXPANSION = 3


@dataclass(frozen=True)
class Concept:
    name: str
    pattern: str  # a regular expression over the normalised words, joined by single spaces
    words: tuple[str, ...]  # words of the kaart, as written; stemmed when used


CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "making things",
        r"met (mijn|m n|mn|je|de|zijn|haar) handen|iets (te )?maken|zelf (iets )?maken"
        r"|knutsel\w*|creatief\w*|creatieve|hobby",
        ("handwerk", "knutselen", "maken", "creatief", "breien", "schilderen", "kleien"),
    ),
    Concept(
        "fixing and technique",
        r"techniek\w*|technisch\w*|sleutel\w*|repar\w*|klussen|klusje\w*|handig|gereedschap"
        r"|\bhout\w*|timmer\w*|kapot",
        ("repareren", "reparateur", "klussen", "klusser", "gereedschap", "werkplaats", "hout"),
    ),
    Concept(
        "daily contact",
        r"(dagelijks|elke dag|iedere dag|elke ochtend|iedere ochtend)\b.{0,40}"
        r"\b(contact|bellen|belt|spreken|gesproken|stem|praatje)"
        r"|\b(contact|bellen|belt|spreken|praatje)\b.{0,40}\b(dagelijks|elke dag|iedere dag)"
        r"|iemand (die|om) (me |mij )?(belt|te bellen|bellen)",
        ("bellen", "belt", "telefoon", "telefooncirkel"),
    ),
    Concept(
        "company",
        r"onder de mensen|gezelschap|aanspraak|eenzaam\w*|lonely|loneliness|zie ik niemand"
        r"|niemand (zien|spreken)|zo alleen|veel alleen|meet people|mensen (leren )?kennen"
        r"|mensen ontmoeten",
        ("gezelschap", "ontmoeten", "eenzaam", "inloop", "praatje"),
    ),
    Concept(
        "looking around first",
        r"rondkijken|rond kijken|binnenlopen|binnen lopen|binnenstappen|eerst (eens )?kijken"
        r"|komen kijken|zonder (verplichting\w*|aanmelding|aan te melden|afspraak)"
        r"|verplichting\w*|vrijblijvend|look around|drop in",
        ("inloop", "binnenlopen", "huiskamer", "gastvrouwen"),
    ),
    Concept(
        "alcohol and drugs",
        r"(stoppen|minderen|stop|minder) (met )?(drinken|drank|alcohol|gebruiken|blowen|drugs)"
        r"|te veel (drinken|drink|drank|alcohol)|alcohol\w*|\bdrank\b|drugs|blowen|verslaaf\w*"
        r"|verslaving\w*|nuchter|addict\w*|\bsober\b",
        ("verslaving", "nuchter", "gebruik", "terugval", "alcohol"),
    ),
    Concept(
        "caring for someone",
        r"(zorg|zorgen) voor (mijn|onze|m n|mn) \w+|mantelzorg\w*|(verzorg|verzorgen) (mijn|onze)"
        r"|zorg (voor|om) (mijn|onze) \w+ (wordt|is) (me|mij) te (veel|zwaar)|\bcarer\b|caregiv\w*",
        ("mantelzorg", "mantelzorger", "mantelzorgers", "respijtzorg"),
    ),
    Concept(
        "structure in the day",
        r"structuur|\britme\b|regelmaat|(mijn|mn|m n) bed (niet )?uit|bed niet uit"
        r"|dag (niet )?door (te )?komen|dag (in )?vullen|niks te doen|niets te doen|verveel\w*"
        r"|hele dag thuis|zit (al )?(jaren |maanden )?thuis",
        ("dagbesteding", "ritme", "structuur"),
    ),
    Concept(
        "paperwork",
        r"huishouden|administratie|\bpost\b|papieren|papierwerk|rekeningen|brieven|\bbrief\b"
        r"|aanmaning\w*|letters|paperwork|\bbills\b",
        ("administratie", "post", "brieven", "papieren", "rekeningen", "formulieren"),
    ),
    Concept(
        "outdoors",
        r"\bbuiten\b|natuur|frisse lucht|buitenlucht|outdoors?",
        ("buiten", "buitenlucht", "park", "tuin"),
    ),
    Concept(
        "animals",
        r"\bdier\w*|beest\w*|paard\w*|kippen|\bhond\w*|\bkat\b|katten|animals?",
        ("dieren", "dierverzorging", "kinderboerderij", "boerderij", "voeren"),
    ),
    Concept(
        "no home",
        r"dakloos\w*|nachtopvang|daklozen|op straat|geen (vaste )?(woning|woonplek|huis)"
        r"|slaapt? (wisselend )?bij (vrienden|kennissen)|homeless",
        ("dakloosheid", "opvang", "douchen", "inloop", "woning"),
    ),
    Concept(
        "shy",
        r"verlegen|alleen (maar )?luisteren|(niks|niets) (hoeven |hoef )?(te )?zeggen|\bshy\b"
        r"|durf (ik )?(het )?niet|spannend",
        ("luisteren", "verlegen", "spannend", "tempo"),
    ),
    Concept(
        "short of food",
        r"(geen|weinig) eten|honger|eind van de maand|geld (is )?(altijd )?op|niet rond"
        r"|boodschappen (niet|betalen)",
        ("voedselpakket", "voedselbank", "leefgeld", "budget", "boodschappen"),
    ),
    Concept(
        "a restless head",
        r"tot rust|rustig worden|hoofd (staat )?(nooit )?(stil|vol)|piekeren|pieker\w*|stress"
        r"|onrustig|ontspann\w*|\bmediteren\b|meditat\w*|pray\w*|\bbidden\b|stilte|\bquiet\b",
        ("rust", "stilte", "aandacht", "ademhaling", "mediteren", "ontspannen"),
    ),
    Concept(
        "peers",
        r"lotgenoot|lotgenoten|mensen die (dat|het|dit|hetzelfde) ook|anderen die (dat|het|dit"
        r"|hetzelfde) ook|herkenning|support group|peer group|others who",
        ("lotgenotengroep", "lotgenoten", "ervaringen", "delen", "herkennen", "groep"),
    ),
)
# English words people mix into a Dutch question → the kaart's Dutch words for them.
ENGLISH = {
    "panic": ("paniek", "paniekaanvallen", "angst"),
    "anxiety": ("angst", "angstklachten"),
    "anxious": ("angst", "angstklachten"),
    "bipolar": ("bipolair", "bipolaire"),
    "depressed": ("depressie", "somber"),
    "depression": ("depressie", "somber"),
    "voices": ("stemmen", "horen"),
    "grief": ("verlies", "verdriet", "rouw"),
    "mourning": ("verlies", "verdriet", "rouw"),
    "debt": ("schulden", "schuldhulp"),
    "debts": ("schulden", "schuldhulp"),
    "choir": ("koor", "zingen"),
    "sing": ("zingen", "koor"),
    "singing": ("zingen", "koor"),
    "cooking": ("koken", "maaltijd"),
    "paint": ("schilderen", "atelier"),
    "painting": ("schilderen", "atelier"),
}


@cache
def _compiled() -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    return tuple((re.compile(concept.pattern), concept.words) for concept in CONCEPTS)


def concept_words(text: str) -> list[tuple[str, ...]]:
    """Per concept the question's words call up: the kaart's words for it, as written."""
    tokens = normalise(text)
    plain = " ".join(tokens)
    found = [found_words for pattern, found_words in _compiled() if pattern.search(plain)]
    for token in dict.fromkeys(tokens):
        if token in ENGLISH and ENGLISH[token] not in found:
            found.append(ENGLISH[token])
    return found


def concept_terms(text: str) -> list[tuple[str, ...]]:
    """Per concept the question's words call up: the stems of the kaart's words for it."""
    return [tuple(dict.fromkeys(terms(" ".join(found)))) for found in concept_words(text)]


def expanded(text: str) -> str:
    """The question as the model reads it: with the first ``MAX_EXPANSION`` of the kaart's
    words for its everyday phrases in brackets ("iets met mijn handen doen (handwerk,
    knutselen, maken)"). One text, so still one embedding per match; a question without
    such phrases is read as it is."""
    found = list(dict.fromkeys(word for words in concept_words(text) for word in words))
    found = found[:MAX_EXPANSION]
    return f"{text} ({', '.join(found)})" if found else text
