"""A policy officer cannot work out how many questions a month held when that number is
small: not from the month itself, and not by subtracting what is shown from the total.

The tests play the attacker, who knows exactly how the page is made: for a pattern of
monthly counts they look for another pattern that gives the policy officer the very same
page (list and detail) but a different number in the month under attack. If there is one,
that month cannot be derived.
"""

import datetime as dt
import itertools
import random
from collections import defaultdict

import pytest

from steunsysteem.white_spots.constants import SMALL_COUNT_LIMIT
from steunsysteem.white_spots.evidence import coarsened_periods, shown_count, signal_evidence
from steunsysteem.white_spots.models import Signal

FIRST_MONTH = dt.date(2025, 11, 1)


def _month(index: int) -> dt.date:
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return dt.date(FIRST_MONTH.year + year, month + 1, 1)


def signal_with(counts: tuple[int, ...]) -> Signal:
    """An unsaved signal whose months hold ``counts`` (first and last month not empty)."""
    return Signal(
        question_count=sum(counts),
        first_on=_month(0).replace(day=3),
        last_on=_month(len(counts) - 1).replace(day=27),
        monthly_counts=[[f"{_month(i):%Y-%m}", n] for i, n in enumerate(counts) if n],
    )


def what_the_policy_officer_sees(counts: tuple[int, ...]):
    signal = signal_with(counts)
    return (
        shown_count(signal.question_count, exact=False),  # the list of signals
        signal_evidence(signal, exact=False),  # the signal's own page
    )


def possible_patterns(months: int, highest: int):
    """Every pattern of counts over ``months`` months whose first and last month hold a
    question (the signal's first and last date say so)."""
    for counts in itertools.product(range(highest + 1), repeat=months):
        if counts[0] and counts[-1]:
            yield counts


def underivable(counts, looks_the_same) -> list[int]:
    """The months with a small count that no other pattern in ``looks_the_same`` varies."""
    exposed = []
    for index, count in enumerate(counts):
        if 0 < count < SMALL_COUNT_LIMIT:
            if {other[index] for other in looks_the_same} == {count}:
                exposed.append(index)
    return exposed


@pytest.mark.parametrize("months", [1, 2, 3, 4, 5])
def test_no_small_month_can_be_derived_from_what_the_policy_officer_sees(months):
    # Patterns up to 8 per month; the attacked patterns keep every month at 4 or less, so
    # the patterns that could hide them (a month shifts by at most 4) are all enumerated.
    highest, attacked_up_to = 8, SMALL_COUNT_LIMIT - 1
    same_page = defaultdict(list)
    for counts in possible_patterns(months, highest):
        same_page[what_the_policy_officer_sees(counts)].append(counts)

    exposed = {}
    for looks_the_same in same_page.values():
        for counts in looks_the_same:
            if max(counts) > attacked_up_to:
                continue
            if found := underivable(counts, looks_the_same):
                exposed[counts] = found

    assert exposed == {}


def test_no_small_month_can_be_derived_in_long_signals_with_large_months_too():
    """A year of months, some large: for each small month, moving questions between it and
    another month (what the policy officer cannot tell apart) must leave the page the same."""
    rng = random.Random(9)
    for _pattern in range(300):
        months = rng.randint(6, 12)
        counts = [rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 9, 14]) for _ in range(months)]
        counts[0], counts[-1] = counts[0] or 1, counts[-1] or 2
        counts = tuple(counts)
        page = what_the_policy_officer_sees(counts)
        for index, count in enumerate(counts):
            if not 0 < count < SMALL_COUNT_LIMIT:
                continue
            witnesses = []
            for other, shift in itertools.product(range(months), (1, -1)):
                changed = list(counts)
                changed[index] += shift
                changed[other] -= shift
                if other != index and min(changed) >= 0 and changed[0] and changed[-1]:
                    witnesses.append(tuple(changed))
            assert any(what_the_policy_officer_sees(w) == page for w in witnesses), (
                counts,
                index,
            )


def test_the_attack_from_the_report_no_longer_works():
    """Six questions in six months: "< 5" per month and "6" in total said one each."""
    total, evidence = what_the_policy_officer_sees((1, 1, 1, 1, 1, 1))

    assert total == "6"
    assert [(bar.first_month, bar.last_month, bar.count) for bar in evidence.bars] == [
        (_month(0), _month(5), "6")
    ]
    assert evidence.total == "6"


def test_the_old_way_would_have_given_the_months_away():
    """The check above is real: per-month "< 5" next to the exact total fails it."""

    def old_page(counts):
        return (sum(counts), tuple(shown_count(count, exact=False) for count in counts))

    same_page = defaultdict(list)
    for counts in possible_patterns(6, 5):
        same_page[old_page(counts)].append(counts)

    assert underivable((1, 1, 1, 1, 1, 1), same_page[old_page((1, 1, 1, 1, 1, 1))])


@pytest.mark.parametrize(
    ("counts", "periods"),
    [
        ((3,), [(0, 0, 3)]),
        ((1, 0, 2), [(0, 2, 3)]),
        ((7, 1, 9), [(0, 0, 7), (1, 2, 10)]),
        ((2, 3, 0, 4, 1), [(0, 1, 5), (2, 4, 5)]),
        ((6, 1), [(0, 1, 7)]),
        ((5, 0, 0), [(0, 2, 5)]),
    ],
)
def test_months_are_taken_together_until_each_period_holds_five(counts, periods):
    assert coarsened_periods(list(counts)) == periods


def test_only_a_total_below_five_reads_less_than_five():
    total, evidence = what_the_policy_officer_sees((1, 0, 2))

    assert total == "< 5" and evidence.total == "< 5"
    assert [bar.count for bar in evidence.bars] == ["< 5"]
    assert not evidence.has_bars  # a bar's height would give the count away


def test_coordinators_see_every_month_exactly():
    evidence = signal_evidence(signal_with((1, 0, 2)), exact=True)

    assert evidence.total == "3"
    assert [(bar.first_month, bar.count) for bar in evidence.bars] == [
        (_month(0), "1"),
        (_month(1), "0"),
        (_month(2), "2"),
    ]
    assert evidence.first_on.day == 3
