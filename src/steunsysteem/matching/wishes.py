"""What has to fit, read from the person's own words: days and parts of the day, costs,
a wheelchair, an age, sex, whether they have an indicatie or a treatment, whether Dutch is
their own language, whether the question is about a relative's problems, and whether they
want to look around first. Plain patterns, Dutch and English.

The age and sex are the asker's (or, in a professional's words, the client's): "Meneer (45)",
"Jongen van 24", "ik ben 19", "ik ben een man". A relative's age is not theirs: "Zoon (22)",
"mijn moeder van 70".
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
_PERSON = r"(?:meneer|mevrouw|jongen|meisje|jongeman|man|vrouw|dame|heer|client|clint)"
_RELATIVE = (
    r"(?:moeder|vader|ouders?|zoon|dochter|kind|kinderen|broer|zus|zusje|broertje|partner"
    r"|man|vrouw|vriend|vriendin|opa|oma|familielid|naaste|mother|father|son|daughter|brother"
    r"|sister|husband|wife)"
)
_AGES = (
    # "Meneer Demir (63)", "jongen (17)"
    re.compile(rf"(?<!mijn )(?<!onze )\b{_PERSON}(?:\s+[a-z]+)?\s*\((\d{{1,2}})\)"),
    # "Jongen van 24", "Meneer is 38", "een vrouw van 52 jaar"
    re.compile(rf"(?<!mijn )(?<!onze )\b{_PERSON}\s+(?:is|van)\s+(\d{{1,2}})\b"),
    # "ik ben 19", "I am 30", "leeftijd: 45"
    re.compile(r"\b(?:ik ben|i am|i m|hij is|zij is|ze is|leeftijd)\W+(\d{1,2})\b"),
)
# "Zoon (22) heeft", "mijn dochter van 17": a parent is at least 16 years older.
_CHILD_AGE = re.compile(
    r"\b(?:zoon|dochter|kind)\s*(?:\((\d{1,2})\)|van (\d{1,2})\b|is (\d{1,2})\b)"
)
PARENT_AGE_GAP = 16
_YEARS = re.compile(r"\b(\d{1,2})\s*(?:jaar|jr|years)\b")
_SENIOR = re.compile(r"\b(\d{2})\s*(?:\+|plus)")
_NO_INDICATIE = re.compile(
    r"\b(geen|zonder)\s+(wmo-?\s?)?(indicatie|verwijzing|beschikking)|\bno referral\b"
    r"|\bniet via (de )?huisarts"
)
_MALE = re.compile(
    r"^\W*(meneer|jongen|jongeman|man)\b|\bik ben een (man|jongen|vader)\b|\bi am a (man|guy)\b"
    r"|\bmeneer\b|(?<!mijn )\bvader (wil|zoekt|heeft|is)\b"
)
_FEMALE = re.compile(
    r"^\W*(mevrouw|meisje|vrouw)\b|\bik ben een (vrouw|meisje|moeder)\b|\bi am a woman\b"
    r"|\bmevrouw\b|(?<!mijn )\bmoeder (wil|zoekt|heeft|is)\b"
)
_PROBLEM = re.compile(
    r"bipolair|manisch|depress\w*|somber\w*|psychose|psychotisch|psychisch\w*|verslaafd"
    r"|verslaving|drinkt|schizofren\w*|autisme|dementie|borderline|suicid\w*|zelfmoord"
    r"|opname|opgenomen|ptss|trauma|anorexia|eetstoornis|adhd|mental(ly)? ill\w*"
)
# "mijn moeder is bipolair", "Zoon (22) heeft een psychose gehad", "my brother has ..."
_ABOUT_RELATIVE = re.compile(
    rf"\b(?:mijn|onze|haar|zijn|my|our)\s+{_RELATIVE}\b|^\W*{_RELATIVE}\s*\(\d{{1,2}}\)"
)
# The person has an indicatie or a beschikking already: "heeft een Wmo-indicatie voor
# dagbesteding", "ik heb een beschikking beschermd wonen".
_HAS_INDICATIE = re.compile(
    r"\b(heeft|heb|hebben) (al )?een (wmo ?)?(indicatie|beschikking)"
    r"|\b(indicatie|beschikking) is (al )?(rond|afgegeven|er)\b"
)
# ... or does not want to apply for one: "wil er (ook) geen aanvragen".
_REFUSES_INDICATIE = re.compile(
    r"\bwil(t|len)? (er )?(ook )?geen (indicatie |beschikking )?(aan)?vragen"
    r"|\bgeen (indicatie|beschikking) (aan)?vragen"
)
_NATIVE_DUTCH = re.compile(
    r"hier geboren|geboren en getogen|moedertaal is nederlands|nederlands is mijn moedertaal"
    r"|\bik ben nederlands(e)?\b"
)
_NOT_IN_TREATMENT = re.compile(
    r"niet in behandeling|geen behandel(ing|aar)|zonder behandeling|geen hulpverlen\w*"
    r"|niet via (de )?huisarts|not in treatment"
)
_ORIENTING = re.compile(
    r"rondkijken|rond kijken|binnenlopen|binnen lopen|binnenstappen|eerst (eens )?kijken"
    r"|weet (nog )?niet (precies |goed )?wat ik (zoek|wil)|vrijblijvend|look around|drop in"
)
# A language the question names, or a country whose people mostly speak it: "ik spreek
# Arabisch", "uit Syrië", "mijn Turkse buren", "from Poland".
_LANGUAGES_NAMED = (
    ("ar", re.compile(r"\b(arabisch\w*|arabic|syri\w*|marok\w*|irak\w*|egypt\w*|soedan\w*)")),
    ("tr", re.compile(r"\bturk\w*")),
    ("pl", re.compile(r"\b(poolse|pools|polen|poland|polish)\b")),
    ("en", re.compile(r"\b(engels|english)\b")),
)
_ENGLISH = frozenset(
    "i my me the is am are and to a of for with looking want would like any where can "
    "not so yet there".split()
)
_DUTCH = frozenset(
    "ik mijn de het een en is van voor met wil zoek graag niet maar ook iets waar kan".split()
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
    age_at_least: int | None = None  # a parent's age is at least their child's + 16
    sex: str | None = None  # "men" / "women": the asker's (or the client's) sex, if written
    about_relative: bool = False  # the question is about a relative's problems (a naaste)
    native_dutch: bool = False  # born here, Dutch is their own language
    not_in_treatment: bool = False
    orienting: bool = False  # "eerst rondkijken", "binnenlopen": wants to look around first
    language: str | None = None  # the language the question is written in: "nl", "en", or
    # None when too short to tell
    day_parts: dict = field(default_factory=dict)  # MO → {"afternoon"} ("dinsdagmiddag")
    languages_named: frozenset[str] = frozenset()  # languages the question names ("Turks")
    has_indicatie: bool = False  # has an indicatie or a beschikking already
    refuses_indicatie: bool = False  # does not want to apply for one


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
    lowered = text.casefold()
    sentences = [part for part in re.split(r"[.!?;\n]+", lowered) if part.strip()]
    return Wishes(
        days=frozenset(days - not_days),
        not_days=frozenset(not_days),
        parts=frozenset(parts),
        free_only=bool(_FREE.search(plain)),
        wheelchair=bool(_WHEELCHAIR.search(plain)),
        age=_age(lowered),
        age_at_least=_age_at_least(lowered),
        without_indicatie=bool(_NO_INDICATIE.search(plain)),
        sex=_sex(lowered),
        about_relative=any(
            _ABOUT_RELATIVE.search(sentence) and _PROBLEM.search(sentence) for sentence in sentences
        ),
        native_dutch=bool(_NATIVE_DUTCH.search(plain)),
        not_in_treatment=bool(_NOT_IN_TREATMENT.search(plain)),
        orienting=bool(_ORIENTING.search(plain)),
        language=_language(tokens),
        day_parts={day: frozenset(found) for day, found in day_parts.items()},
        has_indicatie=bool(_HAS_INDICATIE.search(plain)),
        refuses_indicatie=bool(_REFUSES_INDICATIE.search(plain)),
        languages_named=frozenset(
            code for code, pattern in _LANGUAGES_NAMED if pattern.search(plain)
        ),
    )


def _age(lowered: str) -> int | None:
    """The asker's (or client's) age, not a relative's."""
    for pattern in _AGES:
        found = pattern.search(lowered)
        if found:
            return int(found.group(1))
    for found in _YEARS.finditer(lowered):
        before = lowered[max(0, found.start() - 30) : found.start()]
        if not re.search(rf"\b{_RELATIVE}\b", before):
            return int(found.group(1))
    senior = _SENIOR.search(lowered)
    return int(senior.group(1)) if senior else None


def _sex(lowered: str) -> str | None:
    male, female = bool(_MALE.search(lowered)), bool(_FEMALE.search(lowered))
    if male == female:
        return None
    return "men" if male else "women"


def _language(tokens: list[str]) -> str | None:
    english = sum(1 for token in tokens if token in _ENGLISH)
    dutch = sum(1 for token in tokens if token in _DUTCH)
    if english >= 2 and english > dutch:
        return "en"
    return "nl" if dutch >= 2 else None


def _age_at_least(lowered: str) -> int | None:
    """The youngest the asker can be when they write about their child's age."""
    found = _CHILD_AGE.search(lowered)
    if not found:
        return None
    return int(next(group for group in found.groups() if group)) + PARENT_AGE_GAP
