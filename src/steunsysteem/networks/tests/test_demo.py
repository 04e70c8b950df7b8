"""The demo personas have a network today and two snapshots that show it grew."""

import pytest

from steunsysteem.core.demo import load_demo
from steunsysteem.networks.models import NetworkMember, NetworkSnapshot, SnapshotMember
from steunsysteem.networks.selectors import network_change
from steunsysteem.participants.models import Participant

pytestmark = pytest.mark.django_db


def test_janny_nuray_and_mark_have_growing_networks_and_loading_again_changes_nothing():
    load_demo()
    counts = [m.objects.count() for m in (NetworkMember, NetworkSnapshot, SnapshotMember)]
    load_demo()

    assert [m.objects.count() for m in (NetworkMember, NetworkSnapshot, SnapshotMember)] == counts
    # The personas (the demo signals add a few people without a network).
    for participant in Participant.objects.filter(name__in=["Janny", "Nuray", "Mark"]):
        intake, half_year = participant.network_snapshots.order_by("taken_at")
        assert (intake.occasion, half_year.occasion) == ("intake", "half_year")
        change = network_change(half_year.members.all(), participant.network_members.all())
        assert change.added, f"{participant.name}'s network grew since the last conversation"
        assert participant.network_members.filter(is_central_contact=True).count() == 1
        assert participant.ladder_positions.count() == 2
        assert participant.self_sufficiency_ratings.exists()
        assert participant.life_goals
