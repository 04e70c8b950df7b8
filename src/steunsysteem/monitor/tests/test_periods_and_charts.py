"""Periods (half-years and years) and the charts drawn on the server."""

import pytest
from django.core.exceptions import ValidationError

from steunsysteem.monitor.charts import bar_chart
from steunsysteem.monitor.periods import Period
from steunsysteem.monitor.selectors import Row, Shown, Table


def test_a_half_year_and_a_year_are_read_and_written_back():
    assert Period.parse("2026H2").code == "2026H2"
    assert Period.parse(" 2026 ").code == "2026"
    assert Period.parse("2026h1") == Period(2026, 1)


@pytest.mark.parametrize("code", ["", "26H2", "2026H3", "2026-2", "H2"])
def test_a_wrong_period_is_refused(code):
    with pytest.raises(ValidationError):
        Period.parse(code)


def test_a_year_is_made_of_its_two_halves():
    assert Period(2026).halves == ((2026, 1), (2026, 2))
    assert Period(2026).start.isoformat() == "2026-01-01"
    assert Period(2026, 1).end.isoformat() == "2026-07-01"


def test_the_trend_goes_back_over_the_turn_of_the_year():
    assert [p.code for p in Period(2026, 1).trend()] == ["2024H2", "2025H1", "2025H2", "2026H1"]
    assert [p.code for p in Period(2026).trend(2)] == ["2025", "2026"]


def test_a_chart_writes_each_number_and_says_when_one_is_not_shown():
    table = Table(
        "demo",
        "Vragen <per> wijk",
        ["Vragen"],
        rows=[Row("Noord", [Shown(12)]), Row("Zuid & Oost", [Shown(None)])],
    )
    svg = bar_chart(table)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "Vragen &lt;per&gt; wijk" in svg
    assert ">12<" in svg and "Zuid &amp; Oost" in svg
    assert "pattern" in svg  # readable without colour
    assert svg.count("<rect x=") == 1  # no bar for the suppressed figure


def test_a_table_without_a_chart_column_draws_nothing():
    assert bar_chart(Table("t", "T", ["A"], rows=[Row("x", [Shown(5)])], chart_column=None)) == ""
