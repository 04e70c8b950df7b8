"""Word scores for the matcher: Okapi BM25 over the stems of a few candidates, in memory.

The question's words are stemmed as the sociale kaart's search stems them; each stem also
brings its synonyms (``directory.synonyms``, at half weight) and, for a compound the kaart
does not use ("zangkoor"), its parts that it does ("zang", "koor"); an everyday phrase that
names no offer ("iets met mijn handen doen") brings the kaart's words for what it asks for
("handwerk", "knutselen", …; ``concepts``, the matcher only). A service's compound
("handwerkclub") also counts, at reduced weight, for a question word that begins or ends it
("hand", "club"). The document frequencies come from the whole kaart (``index.Lexicon``), so a
word that half the kaart uses weighs little, as in BM25 over everything; only the scoring is
limited to the candidates that meaning found.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from steunsysteem.directory.search.text import stem, synonyms, words

from .concepts import CONCEPT_WEIGHT, concept_terms

K1 = 1.2
B = 0.75
SYNONYM_WEIGHT = 0.5
PART_WEIGHT = 0.6
MIN_PART = 4  # the shortest stem taken for part of a compound
MIN_REST = 3  # and the fewest letters the rest of the compound has
# Words that tell about the person's situation or are too common to tell offers apart: the
# Snowball Dutch stop words (snowballstem.org) and a few of our own. Not scored.
QUESTION_STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere willen graag zit zitten hele heel dag dagen weer gaan komen keer week tijd mensen
    zoek zoeken zoekt vind vindt weet lukt
    """.split()
)


@dataclass(frozen=True)
class QueryTerms:
    weights: dict[str, float]  # stem → weight (1 for the question's own words)

    @classmethod
    def read(cls, text: str, known=None, *, concepts: bool = False) -> QueryTerms:
        """The question's stems, synonyms and compound parts; ``known``: the kaart's stems.
        With ``concepts``, also the kaart's words for the everyday phrases the question uses
        ("iets met mijn handen" → "handwerk", "knutselen", …; see ``concepts``)."""
        weights: dict[str, float] = {}

        def add(term: str, weight: float) -> None:
            weights[term] = max(weights.get(term, 0.0), weight)

        for word in words(text):
            if word in QUESTION_STOP_WORDS:
                continue
            term = stem(word)
            add(term, 1.0)
            for other in synonyms(term):
                add(other, SYNONYM_WEIGHT)
            if known is not None and term not in known:
                for part in compound_parts(term, known):
                    add(part, PART_WEIGHT)
        if concepts:
            for stems in concept_terms(text):
                for term in stems:
                    add(term, CONCEPT_WEIGHT)
        return cls(weights)


def compound_parts(term: str, known) -> tuple[str, ...]:
    """The known stems that begin or end ``term`` with at least ``MIN_REST`` letters left
    ("handwerkclub" → "hand", "handwerk", "club"; "zangkoor" → "zang", "koor")."""
    found = []
    for cut in range(MIN_PART, len(term) - MIN_REST + 1):
        if term[:cut] in known:
            found.append(term[:cut])
    for cut in range(MIN_REST, len(term) - MIN_PART + 1):
        if term[cut:] in known:
            found.append(term[cut:])
    return tuple(found)


def bm25_scores(query: QueryTerms, documents: dict, lexicon) -> dict:
    """{key: BM25 score > 0} of the documents (key → tuple of stems) for the query."""
    if not query.weights or not documents:
        return {}
    size = max(lexicon.size, len(documents))
    frequency = lexicon.document_frequency
    idf = {
        term: weight
        * math.log(1 + (size - frequency.get(term, 0) + 0.5) / (frequency.get(term, 0) + 0.5))
        for term, weight in query.weights.items()
    }
    parts_of = lexicon.parts
    found = {}
    for key, terms in documents.items():
        counts = Counter(terms)
        # A compound of the service counts for each of its parts the question uses.
        for term in list(counts):
            for part in parts_of.get(term, ()):
                if part in idf and part not in counts:
                    counts[part] = PART_WEIGHT * counts[term]
        score = 0.0
        norm = K1 * (1 - B + B * len(terms) / lexicon.mean_length)
        for term, weight in idf.items():
            count = counts.get(term)
            if count:
                score += weight * count * (K1 + 1) / (count + norm)
        if score > 0:
            found[key] = score
    return found
