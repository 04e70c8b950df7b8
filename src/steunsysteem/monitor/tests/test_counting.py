"""The small-cell rule: no figure from 1 to the threshold - 1 ever leaves the server, and no
two shown figures differ by such a number (secondary suppression by construction)."""

import itertools

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from steunsysteem.monitor.counting import Counts, Scope, population_total, safe_sum
from steunsysteem.monitor.periods import Period

THRESHOLD = 5


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = THRESHOLD


def test_a_sum_with_a_small_unit_is_not_shown():
    assert safe_sum([10, 3]) is None


def test_zero_units_do_not_hide_a_sum():
    assert safe_sum([0, 7, 5]) == 12


def test_a_sum_of_safe_units_is_shown():
    assert safe_sum([5, 6]) == 11


def test_a_total_is_hidden_when_one_partition_hides_a_part():
    scope = Scope(Period(2026, 2))
    even = Counts(units={(2026, 2, 1, None, "a"): 6, (2026, 2, 1, None, "b"): 6})
    uneven = Counts(units={(2026, 2, 1, None, "x"): 10, (2026, 2, 1, None, "y"): 2})
    assert population_total(scope, [even]) == 12
    assert population_total(scope, [even, uneven]) is None


def test_a_year_is_hidden_when_one_of_its_halves_is_small():
    counts = Counts(units={(2026, 1, 1, None, "a"): 2, (2026, 2, 1, None, "a"): 9})
    assert counts.figure(Scope(Period(2026, 2))) == 9
    assert counts.figure(Scope(Period(2026))) is None


def test_the_region_is_hidden_when_one_district_is_small():
    counts = Counts(units={(2026, 2, 1, None, "a"): 3, (2026, 2, 2, None, "a"): 9})
    assert counts.figure(Scope(Period(2026, 2), district=2)) == 9
    assert counts.figure(Scope(Period(2026, 2))) is None


def test_a_werktafel_filter_leaves_a_population_without_tables_as_it_is():
    counts = Counts(units={(2026, 2, 1, None, "a"): 7}, per_worktable=False)
    assert counts.figure(Scope(Period(2026, 2), worktable=4)) == 7


units = st.dictionaries(
    st.tuples(
        st.sampled_from([2025, 2026]),
        st.sampled_from([1, 2]),
        st.sampled_from([1, 2, None]),
        st.sampled_from([10, 11, None]),
        st.sampled_from(["a", "b", "c"]),
    ),
    st.integers(min_value=0, max_value=12),
    max_size=40,
)
PERIODS = [
    Period(2025),
    Period(2026),
    Period(2025, 1),
    Period(2025, 2),
    Period(2026, 1),
    Period(2026, 2),
]
SCOPES = [
    Scope(period, district, worktable)
    for period in PERIODS
    for district in (None, 1, 2)
    for worktable in (None, 10, 11)
]
CATEGORY_SETS = [None, {"a"}, {"b"}, {"c"}, {"a", "b"}, {"b", "c"}, {"a", "c"}]


def _independent(cells, scope, categories):
    """The count as someone would work it out by hand from the units."""
    return sum(
        n
        for (year, half, district, worktable, category), n in cells.items()
        if (year, half) in scope.period.halves
        and (scope.district is None or district == scope.district)
        and (scope.worktable is None or worktable == scope.worktable)
        and (categories is None or category in categories)
    )


def _unit_sets(scope, categories, cells):
    return {
        unit
        for unit in cells
        if (unit[0], unit[1]) in scope.period.halves
        and (scope.district is None or unit[2] == scope.district)
        and (scope.worktable is None or unit[3] == scope.worktable)
        and (categories is None or unit[4] in categories)
    }


@hypothesis_settings(max_examples=150, deadline=None)
@given(units)
def test_no_shown_figure_is_small_and_each_matches_an_independent_count(cells):
    counts = Counts(units=dict(cells))
    for scope, categories in itertools.product(SCOPES, CATEGORY_SETS):
        shown = counts.figure(scope, categories)
        if shown is not None:
            assert shown == 0 or shown >= THRESHOLD
            assert shown == _independent(cells, scope, categories)


@hypothesis_settings(max_examples=60, deadline=None)
@given(units)
def test_no_difference_of_two_shown_figures_reveals_a_small_group(cells):
    """Whatever filters are combined: the difference between a figure and one it contains
    (a year and its half, the region and a district, a total and a part) is never 1–4."""
    counts = Counts(units=dict(cells))
    shown = []
    for scope, categories in itertools.product(SCOPES, CATEGORY_SETS):
        figure = counts.figure(scope, categories)
        if figure is not None:
            shown.append((_unit_sets(scope, categories, cells), figure))
    for (outer, big), (inner, small) in itertools.product(shown, repeat=2):
        if inner < outer:
            assert not (0 < big - small < THRESHOLD)


def test_a_part_of_zero_is_hidden_when_the_whole_is_hidden():
    """ "None of these 3 is in the target group" tells something about 3 people."""
    scope = Scope(Period(2026, 2))
    counts = Counts(units={(2026, 2, 1, None, ""): 3})
    counts.whole = lambda at: population_total(at, [counts])
    assert counts.figure(scope, {"EPA"}) is None


def test_a_part_of_zero_is_shown_when_the_whole_is_shown():
    scope = Scope(Period(2026, 2))
    counts = Counts(units={(2026, 2, 1, None, ""): 8})
    counts.whole = lambda at: population_total(at, [counts])
    assert counts.figure(scope, {"EPA"}) == 0
