"""The Partistad demo has a covenant, targets and enough history for the monitor's charts;
loading twice changes nothing."""

import pytest

from steunsysteem.core.demo import load_demo
from steunsysteem.monitor import selectors
from steunsysteem.monitor.counting import Scope
from steunsysteem.monitor.models import Commitment, CovenantPartner, SteeringGroupSeat, Target
from steunsysteem.monitor.periods import Period
from steunsysteem.questions.models import Question

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (CovenantPartner, Commitment, SteeringGroupSeat, Target, Question)
    ]


def test_the_demo_has_a_covenant_and_a_history_the_monitor_shows(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5
    load_demo()
    first = counts()
    load_demo()
    assert counts() == first
    assert SteeringGroupSeat.objects.filter(represents_clients=True).exists()
    result = selectors.monitor(Scope(Period(2026, 1)))
    trend = next(table for table in result.tables if table.key == "trend")
    shown = {row.code: row.values[0].value for row in trend.rows}
    # 2026H1 also holds the few questions of the other demo apps: suppressed, as it should be
    assert shown["2025H1"] == 30 and shown["2025H2"] == 30
    assert len(result.targets) == 2  # the year's targets; the half-year's is for 2026H2
    last_year = selectors.monitor(Scope(Period(2025)))
    proposal = next(table for table in last_year.tables if table.key == "first_proposal")
    assert {row.code: row.values[0].value for row in proposal.rows}["share"] == 50
