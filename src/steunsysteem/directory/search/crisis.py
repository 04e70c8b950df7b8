"""Words of crisis in what a visitor types: then the search shows where to get help now.

Someone who types "ik wil dood" into the sociale kaart is not looking for an activity. The
search page then puts the crisis lines (``settings.CRISIS_HELP``) above the results. The check
reads the text only in memory: the query is never stored or logged (the log filter in
``core.logging`` hides the ``q`` of every logged address).

The lists hold normalised words (lower case, no accents: "suïcide" is "suicide"), Dutch and
English. A single word matches when a typed word contains it ("zelfmoordgedachten") or is one
letter off ("zelfmoort"); a phrase matches when its words come in order with at most
``MAX_GAP`` other words between them ("ik wil echt dood").
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

from .text import normalise

# One word is enough. Matched inside longer words and with one typo (from MIN_FUZZY letters).
CRISIS_WORDS = frozenset(
    {
        "zelfmoord",
        "zelfdoding",
        "suicide",
        "suicidaal",
        "suicidale",
        "suicidal",
        "crisis",
        "crisisdienst",
        "doodgaan",
        "zelfbeschadiging",
        "automutilatie",
        "levensmoe",
        "selfharm",
    }
)
# Words that only count as themselves (too short to look for inside other words).
EXACT_WORDS = frozenset({"113", "0113", "crises"})

# Each phrase is a sequence of steps; each step is a set of words that may stand there.
# Dutch "die" means "that": it only counts after an English verb.
_WANT = {"wil", "wilde", "willen", "wou", "wouden"}
_DIE = {"dood", "sterven"}
PHRASES: tuple[tuple[frozenset[str], ...], ...] = tuple(
    tuple(frozenset(step) for step in phrase)
    for phrase in (
        (_WANT, _DIE),
        ({"want", "wanna", "wish", "going"}, {"die", "dead", "dying"}),
        ({"dood"}, {"wil", "willen", "wens"}),
        ({"niet", "geen"}, {"meer"}, {"leven", "verder", "zijn", "bestaan"}),
        ({"wil", "wilt", "willen"}, {"niet"}, {"meer"}),
        ({"zelf"}, {"moord", "doding"}),
        ({"einde"}, {"maken"}),
        ({"leven"}, {"beeindigen", "beeindig", "stoppen"}),
        ({"uit"}, {"leven"}, {"stappen", "stap"}),
        ({"mezelf", "mijzelf"}, {"doden", "ombrengen", "aandoen", "pijn", "snijden"}),
        ({"kill", "killing", "hurt", "hurting"}, {"myself"}),
        ({"end"}, {"my", "it"}, {"life", "all"}),
        ({"no"}, {"reason"}, {"to", "live"}),
    )
)
MAX_GAP = 2
MIN_FUZZY = 5


def _like(token: str, word: str) -> bool:
    if token == word:
        return True
    return min(len(token), len(word)) >= MIN_FUZZY and OSA.distance(token, word) <= 1


def _crisis_word(token: str) -> bool:
    if token in EXACT_WORDS:
        return True
    return any(word in token or _like(token, word) for word in CRISIS_WORDS)


def _phrase_in(tokens: list[str], phrase: tuple[frozenset[str], ...]) -> bool:
    for start, token in enumerate(tokens):
        if not any(_like(token, word) for word in phrase[0]):
            continue
        position = start
        for step in phrase[1:]:
            window = tokens[position + 1 : position + 2 + MAX_GAP]
            found = next(
                (i for i, t in enumerate(window) if any(_like(t, word) for word in step)), None
            )
            if found is None:
                break
            position += 1 + found
        else:
            return True
    return False


def mentions_crisis(text: str) -> bool:
    """Whether ``text`` holds words of crisis: thoughts of suicide, wanting to die, "113"."""
    tokens = normalise(text)[:50]
    if any(_crisis_word(token) for token in tokens):
        return True
    return any(_phrase_in(tokens, phrase) for phrase in PHRASES)
