"""The words of the sociale kaart, cached in process memory for typo and compound matching.

The cache is keyed by ``SearchVocabularyStamp``: one cheap query per search tells whether another
process (or a test) changed the vocabulary since it was loaded.
"""

from __future__ import annotations

import bisect
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..models import SearchVocabularyStamp, SearchWord


@dataclass
class Vocabulary:
    word_terms: dict[str, str]
    terms: frozenset[str] = field(init=False)
    _sorted: list[str] = field(init=False, repr=False)
    _sorted_reversed: list[str] = field(init=False, repr=False)
    _words_by_length: dict[int, list[str]] = field(init=False, repr=False)
    _words_of_term: dict[str, list[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.terms = frozenset(self.word_terms.values())
        self._sorted = sorted(self.terms)
        self._sorted_reversed = sorted(term[::-1] for term in self.terms)
        by_length: dict[int, list[str]] = defaultdict(list)
        by_term: dict[str, list[str]] = defaultdict(list)
        for word, term in self.word_terms.items():
            by_length[len(word)].append(word)
            by_term[term].append(word)
        self._words_by_length = dict(by_length)
        self._words_of_term = dict(by_term)

    def knows(self, term: str) -> bool:
        return term in self.terms

    def words_of(self, term: str) -> list[str]:
        """The words seen in the directory that have ``term`` as their stem."""
        return self._words_of_term.get(term, [])

    def starting_with(self, prefix: str, limit: int) -> list[str]:
        """Longer terms that start with ``prefix`` ("wandel" → "wandelgroep"), shortest first."""
        return _shortest(_with_prefix(self._sorted, prefix), prefix, limit)

    def ending_with(self, suffix: str, limit: int) -> list[str]:
        """Longer terms that end with ``suffix`` ("koor" → "zangkoor"), shortest first."""
        found = [term[::-1] for term in _with_prefix(self._sorted_reversed, suffix[::-1])]
        return _shortest(found, suffix, limit)

    def closest_word(self, word: str) -> str | None:
        """The known word a typo most likely meant ("koorr" → "koor"), or None."""
        if len(word) < 4:
            return None
        max_distance = 1 if len(word) < 7 else 2
        candidates = [
            candidate
            for length in range(len(word) - max_distance, len(word) + max_distance + 1)
            for candidate in self._words_by_length.get(length, ())
        ]
        match = process.extractOne(word, candidates, scorer=OSA.distance, score_cutoff=max_distance)
        return match[0] if match else None

    def closest_part(self, part: str) -> str | None:
        """The known word a short typo inside a compound most likely meant ("kor" → "koor").

        Only one letter off, and a missing letter (the most common slip) is preferred over a
        wrong one; ``None`` when nothing or the part itself is known.
        """
        if len(part) < 3 or part in self.word_terms:
            return None
        candidates = [
            candidate
            for length in (len(part) + 1, len(part), len(part) - 1)
            for candidate in sorted(self._words_by_length.get(length, ()))
            if len(candidate) >= 3
        ]
        match = process.extractOne(part, candidates, scorer=OSA.distance, score_cutoff=1)
        return match[0] if match else None


def _with_prefix(sorted_terms: list[str], prefix: str) -> list[str]:
    start = bisect.bisect_left(sorted_terms, prefix)
    end = bisect.bisect_left(sorted_terms, prefix + "\uffff")
    return sorted_terms[start:end]


def _shortest(found: list[str], base: str, limit: int) -> list[str]:
    return sorted((term for term in found if term != base), key=lambda t: (len(t), t))[:limit]


_lock = threading.Lock()
_cached: tuple[object, Vocabulary] = (object(), Vocabulary({}))


def current_vocabulary() -> Vocabulary:
    """The vocabulary as the database has it now (reloaded only when its stamp changed)."""
    global _cached
    stamp = SearchVocabularyStamp.objects.values_list("stamp", flat=True).first()
    cached_stamp, vocabulary = _cached
    if stamp == cached_stamp:
        return vocabulary
    with _lock:
        vocabulary = Vocabulary(dict(SearchWord.objects.values_list("word", "term")))
        _cached = (stamp, vocabulary)
    return vocabulary
