"""The demo kwartiermaken: Mark's route and the card club's proposal waiting for review."""

import pytest

from steunsysteem.accounts import permissions
from steunsysteem.accounts.models import User
from steunsysteem.circles.models import Circle
from steunsysteem.circles.schedule import circle_week
from steunsysteem.core.demo import load_demo
from steunsysteem.directory.constants import ChangeRequestStatus
from steunsysteem.outreach.models import Approach, Visit
from steunsysteem.participants.models import Participant

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_route_a_club_and_a_circle_and_loading_again_changes_nothing():
    load_demo()
    counts = (Visit.objects.count(), Approach.objects.count(), Circle.objects.count())
    load_demo()
    assert (Visit.objects.count(), Approach.objects.count(), Circle.objects.count()) == counts

    mark = Participant.objects.get(name="Mark")
    assert {visit.phase for visit in mark.visits.all()} == {"presence", "practical", "social"}
    for username in ("kwartiermaker", "ervaringsdeskundige"):
        assert permissions.can_keep_route(User.objects.get(username=username), mark)
    approach = Approach.objects.get()
    assert approach.ggz_friendly
    proposal = approach.proposals.get()
    assert proposal.change_request.status == ChangeRequestStatus.PENDING

    circle = Circle.objects.get()
    assert circle.members.count() >= 3
    assert circle.members.filter(volunteer__username="vrijwilliger").exists()
    assert circle.call_reports.open().exists()
    assert any(day.away for day in circle_week(circle, proposal.proposed_at.date()))
