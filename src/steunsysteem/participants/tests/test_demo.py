"""The demo personas Janny, Nuray and Mark, with consent in force, withdrawn and ended."""

import datetime as dt

import pytest
from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import ConsentGrant, User
from steunsysteem.core.demo import load_demo
from steunsysteem.participants.models import Participant
from steunsysteem.questions.models import Question

pytestmark = pytest.mark.django_db


def test_the_personas_share_their_data_with_the_demo_roles_and_loading_again_changes_nothing():
    load_demo()
    counts = (Participant.objects.count(), ConsentGrant.objects.count())
    load_demo()

    assert (Participant.objects.count(), ConsentGrant.objects.count()) == counts
    # The demo signals add a few people without an account; these are the personas.
    janny, mark, nuray = Participant.objects.filter(name__in=["Janny", "Mark", "Nuray"]).by_name()
    assert (janny.name, mark.name, nuray.name) == ("Janny", "Mark", "Nuray")
    assert janny.user.username == "deelnemer"

    def sees(username, participant, scope=ConsentScope.PROFILE):
        user = User.objects.get(username=username)
        return permissions.participant_access(user, participant, scope).allowed

    assert sees("hulpverlener", janny, ConsentScope.NOTES)
    assert sees("naaste", janny) and not sees("naaste", janny, ConsentScope.NETWORK)
    assert sees("vrijwilliger", mark) and not sees("vrijwilliger", janny)
    assert sees("coordinator", nuray)  # through the werktafel Oosterhof
    assert sees("hulpverlener", nuray)  # through the wijkteam
    assert not any(
        sees(name, person)
        for name in ["beleid", "redacteur", "beheerder"]
        for person in (janny, mark, nuray)
    )
    assert ConsentGrant.objects.filter(withdrawn_at__isnull=False).exists()
    assert janny.questions.filter(status="new").exists()
    # Five from the question loop, and Mark's wish for a buddy (buddies demo).
    assert Question.objects.filter(participant__in=[janny, mark, nuray]).count() == 6
    # Someone else recorded it for Janny: it waits for her yes and opens nothing yet.
    waiting = ConsentGrant.objects.awaiting_confirmation().get(participant=janny)
    assert waiting.recorded_by.username == "hulpverlener"
    assert not sees("hulpverlener", janny, ConsentScope.PROGRESS)
    assert all(
        grant.ends_on <= timezone.localdate(grant.given_at) + dt.timedelta(days=365)
        for grant in ConsentGrant.objects.all()
    ), "no demo grant lasts longer than CONSENT_MAX_DAYS"
    assert (
        ConsentGrant.objects.exclude(pk__in=ConsentGrant.objects.active())
        .filter(withdrawn_at__isnull=True)
        .exists()
    ), "one grant has simply ended"
