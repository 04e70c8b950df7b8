"""Dutch compounds and word forms in the search: which longer words are really built on a
typed word, what a compound is made of, and a typo inside one of its parts.

"wandel" finds "wandelgroep" and "zing" finds "zingt", but "zing" must not find "zingeving"
nor "koor" find "akkoord": they only share letters, and would bring in unrelated services
(a filtered search for "koor" once listed eleven of them around one choir).
"""

from __future__ import annotations

from .text import stem, synonyms
from .vocabulary import Vocabulary

MAX_EXPANSIONS = 20
MIN_PREFIX = 4
MIN_SUFFIX = 4
MIN_PART = 3
LINKING_LETTERS = ("s", "e", "en")
# What may follow a word inside a longer word of the same meaning ("zing" → "zingt", "zanger").
INFLECTIONS = frozenset({"t", "e", "en", "end", "er", "ers", "s", "te", "ten", "de", "den"})
VOWELS = frozenset("aeiouy")


def compound_parts(word: str, vocabulary: Vocabulary) -> list[str]:
    """Known terms a Dutch compound is made of ("zangkoor" → ["zang", "koor"])."""
    both, single = [], []
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        heads = [head] + [head[: -len(link)] for link in LINKING_LETTERS if head.endswith(link)]
        head_term = next((stem(h) for h in heads if vocabulary.knows(stem(h))), None)
        tail_term = stem(tail) if vocabulary.knows(stem(tail)) else None
        if head_term and tail_term:
            both.extend([head_term, tail_term])
        elif len(tail) >= MIN_SUFFIX + 1 and tail_term:
            single.append(tail_term)
        elif len(head) >= MIN_SUFFIX + 1 and head_term:
            single.append(head_term)
    return both or sorted(single, key=len, reverse=True)[:1]


def _without_ending(word: str) -> str:
    """The word without a plural or verb ending, as it starts a compound ("tekenen" → "teken")."""
    for ending in ("en", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_PREFIX:
            return word[: -len(ending)]
    return word


def _known_part(part: str, vocabulary: Vocabulary) -> bool:
    """Whether ``part`` is a word of its own, maybe with a linking letter ("s" + "werk"): a word
    of the directory or of the synonym list."""
    pieces = {part}
    for link in LINKING_LETTERS:
        if part.startswith(link):
            pieces.add(part[len(link) :])
        if part.endswith(link):
            pieces.add(part[: -len(link)])
    return any(
        len(piece) >= MIN_PART
        and (
            piece in vocabulary.word_terms
            or bool(synonyms(stem(piece)))
            or _form_of_known_word(piece, vocabulary)
        )
        for piece in pieces
    )


def _form_of_known_word(piece: str, vocabulary: Vocabulary) -> bool:
    """Whether ``piece`` is another form of a known word ("lessen" of "les"), not a word that
    only stems alike ("eving" and "even" both stem to "eef")."""
    return any(
        word.startswith(piece) or piece.startswith(word)
        for word in vocabulary.words_of(stem(piece))
    )


def _likely_tail(rest: str) -> bool:
    """Whether an unknown ending looks like a word of its own ("brei" + "club"), not the rest
    of a longer word ("zing" + "eving")."""
    return len(rest) >= MIN_SUFFIX and rest[0] not in VOWELS


def _built_on(candidate: str, base: str, vocabulary: Vocabulary, *, at_start: bool) -> bool:
    """Whether a longer term really is ``base`` with an ending or another word added.

    "zingt" and "zangkoor" are; "zingeving" (zing + eving) and "akkoord" (ak + koor) are not:
    they only happen to share letters, and must not bring in unrelated services.
    """
    for word in {candidate, *vocabulary.words_of(candidate)}:
        if at_start and word.startswith(base):
            rest = word[len(base) :]
            if rest in INFLECTIONS or _known_part(rest, vocabulary) or _likely_tail(rest):
                return True
        elif not at_start and word.endswith(base):
            head = word[: -len(base)]
            if _known_part(head, vocabulary) or len(head) >= MIN_PREFIX:
                return True
    return False


def related(term: str, vocabulary: Vocabulary) -> tuple[list[str], list[str]]:
    """Known longer terms built on the term: (other forms of the same word, compounds).

    "zing" → (["zingt", "zanger"...], []); "wandel" → ([], ["wandelgroep"]).
    """
    inflected, compounds = [], []
    for start in {term, _without_ending(term)}:
        if len(start) >= MIN_PREFIX:
            for found in vocabulary.starting_with(start, MAX_EXPANSIONS):
                if _built_on(found, start, vocabulary, at_start=True):
                    is_form = any(
                        word[len(start) :] in INFLECTIONS
                        for word in {found, *vocabulary.words_of(found)}
                        if word.startswith(start)
                    )
                    (inflected if is_form else compounds).append(found)
    if len(term) >= MIN_SUFFIX:
        compounds += [
            found
            for found in vocabulary.ending_with(term, MAX_EXPANSIONS)
            if _built_on(found, term, vocabulary, at_start=False)
        ]
    return inflected, compounds


def compound_correction(word: str, vocabulary: Vocabulary) -> str | None:
    """A compound with a typo in one of its parts, corrected ("zangkor" → "zangkoor")."""
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        if _known_part(head, vocabulary):
            fixed = vocabulary.closest_part(tail)
            if fixed:
                return head + fixed
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if _known_part(tail, vocabulary):
            fixed = vocabulary.closest_part(head)
            if fixed:
                return fixed + tail
    return None
