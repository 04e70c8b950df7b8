"""The demo holds one referral in progress: Nuray's volunteering question, referred by Fatima
to De Schakel, accepted and with the introduction planned. Loading the demo again adds none."""

import pytest

from steunsysteem.core.demo import load_demo
from steunsysteem.referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_one_referral_in_progress_that_de_schakels_editor_answers():
    load_demo()
    load_demo()

    referral = Referral.objects.select_related("created_by", "organization").get()
    assert referral.status == "introduction_planned"
    assert referral.companion == "referrer"
    assert referral.created_by.username == "hulpverlener"
    assert referral.consent is not None and referral.consent.scope == "profile"
    assert referral.organization.members.filter(username="redacteur").exists()
    assert [event.to_status for event in referral.events.order_by("pk")] == [
        "proposed",
        "accepted",
        "introduction_planned",
    ]
