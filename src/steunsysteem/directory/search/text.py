"""Dutch text for the search index: normalise, drop stop words, stem, and find synonyms.

The same functions run on service texts (when indexing) and on what a visitor types (when
searching), so both sides meet on the same stemmed terms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

from ..synonyms import SYNONYM_GROUPS

MAX_TERM_LENGTH = 64
_TOKEN = re.compile(r"[a-z0-9]+")
_STEMMER = snowballstemmer.stemmer("dutch")

STOP_WORDS = frozenset(
    """
    aan al alle als bij bent ben dan dat de deze die dit doe doen door dus een en er ga gaan
    had heb hebben heeft het hier hij hoe hun ik in is je jij jou jouw kan kun kunnen maar me
    mee meer met mij mijn na naar niet nog nu of om ons onze ook op over te tot u uit uw van
    veel voor waar wat we wel wie wij wil wilt word wordt zal ze zich zij zijn zo zou
    a an and for i in of on or the to with
    """.split()
)


def normalise(text: str) -> list[str]:
    """Lower-case words without accents or punctuation ("Financiën!" → ["financien"])."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return [token[:MAX_TERM_LENGTH] for token in _TOKEN.findall(plain)]


def words(text: str) -> list[str]:
    """The meaningful words of a text: normalised, without stop words and single letters."""
    return [token for token in normalise(text) if len(token) > 1 and token not in STOP_WORDS]


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Dutch stem of a normalised word ("koren" and "koor" → "koor")."""
    return _STEMMER.stemWord(word)[:MAX_TERM_LENGTH]


def terms(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


@cache
def _synonym_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        group_terms = {term for phrase in group for term in terms(phrase)}
        for term in group_terms:
            index.setdefault(term, set()).update(group_terms)
    return {term: frozenset(others - {term}) for term, others in index.items()}


def synonyms(term: str) -> frozenset[str]:
    """Stemmed terms that mean the same as ``term`` (not including ``term`` itself)."""
    return _synonym_index().get(term, frozenset())
