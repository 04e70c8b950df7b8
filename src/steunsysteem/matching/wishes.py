"""What has to fit, read from the person's own words: days and parts of the day, costs,
a wheelchair, an age, and whether they have an indicatie. Plain patterns, Dutch and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from steunsysteem.directory.search.text import normalise

DAYS = {
    "maandag": "MO", "dinsdag": "TU", "woensdag": "WE", "donderdag": "TH", "vrijdag": "FR",
    "zaterdag": "SA", "zondag": "SU", "monday": "MO", "tuesday": "TU", "wednesday": "WE",
    "thursday": "TH", "friday": "FR", "saturday": "SA", "sunday": "SU",
}  # fmt: skip
PARTS = {
    "ochtend": "morning", "morgen": "morning", "morning": "morning", "middag": "afternoon",
    "afternoon": "afternoon", "avond": "evening", "evening": "evening",
}  # fmt: skip
# Hours each part of the day covers: (from, until).
PART_HOURS = {"morning": (6, 12), "afternoon": (12, 17), "evening": (17, 24)}
NEGATIONS = {"niet", "geen", "behalve", "nooit", "not", "except", "never", "no"}
# Words that may stand between a day and a "niet" after it ("maandag kan ik niet").
BETWEEN_DAY_AND_NOT = {"kan", "ik", "ben", "heb", "kunnen", "we", "wil", "lukt", "het", "is"}
_DAY_WORD = re.compile(
    r"^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday)(ochtend|morgen|middag|avond|s|en)?$"
)
_FREE = re.compile(
    r"\b(gratis|kosteloos|geen geld|weinig geld|niks kosten|niets kosten|krap bij kas"
    r"|free of charge|for free|no money)\b"
)
_WHEELCHAIR = re.compile(r"\b(rolstoel\w*|rollator\w*|wheelchair\w*|scootmobiel\w*)\b")
_AGE = re.compile(
    r"\b(?:ik ben|i am|i m|hij is|zij is|ze is|leeftijd)\s+(\d{1,2})\b"
    r"|\b(\d{1,2})\s*(?:jaar|jr|years)\b"
)
_SENIOR = re.compile(r"\b(\d{2})\s*(?:\+|plus)")
_NO_INDICATIE = re.compile(
    r"\b(geen|zonder)\s+(wmo-?\s?)?(indicatie|verwijzing|beschikking)|\bno referral\b"
)


@dataclass(frozen=True)
class Wishes:
    days: frozenset[str] = frozenset()  # MO..SU the person named as possible
    not_days: frozenset[str] = frozenset()  # days the person cannot
    parts: frozenset[str] = frozenset()  # morning / afternoon / evening
    free_only: bool = False
    wheelchair: bool = False
    age: int | None = None
    without_indicatie: bool = False
    day_parts: dict = field(default_factory=dict)  # MO → {"afternoon"} ("dinsdagmiddag")


def read_wishes(*texts: str) -> Wishes:
    text = " ".join(t for t in texts if t)
    tokens = normalise(text)
    plain = " ".join(tokens)
    days: set[str] = set()
    not_days: set[str] = set()
    parts: set[str] = set()
    day_parts: dict[str, set[str]] = {}
    for index, token in enumerate(tokens):
        if token in PARTS:
            parts.add(PARTS[token])
        if token in ("weekend", "weekends"):
            days.update({"SA", "SU"})
        if token in ("doordeweeks", "weekdays"):
            days.update({"MO", "TU", "WE", "TH", "FR"})
        match = _DAY_WORD.match(token)
        if not match:
            continue
        day = DAYS[match.group(1)]
        part = match.group(2)
        if part in PARTS:
            parts.add(PARTS[part])
            day_parts.setdefault(day, set()).add(PARTS[part])
        before = tokens[max(0, index - 2) : index]
        after = []
        for following in tokens[index + 1 : index + 5]:
            after.append(following)
            if following not in BETWEEN_DAY_AND_NOT:
                break
        if NEGATIONS & set(before) or (after and after[-1] == "niet"):
            not_days.add(day)
        else:
            days.add(day)
    age = None
    found = _AGE.search(plain)
    if found:
        age = int(found.group(1) or found.group(2))
    else:
        senior = _SENIOR.search(text.casefold())
        if senior:
            age = int(senior.group(1))
    return Wishes(
        days=frozenset(days - not_days),
        not_days=frozenset(not_days),
        parts=frozenset(parts),
        free_only=bool(_FREE.search(plain)),
        wheelchair=bool(_WHEELCHAIR.search(plain)),
        age=age,
        without_indicatie=bool(_NO_INDICATIE.search(plain)),
        day_parts={day: frozenset(found) for day, found in day_parts.items()},
    )
