"""The demo holds a maatjesproject (Samen op Pad, run by Ruud) with Kees, who likes card
games, and Mark's wish for someone to play cards with: Kees is suggested first. Loading the
demo again adds nothing."""

import pytest
from django.utils import translation

from steunsysteem.accounts import permissions
from steunsysteem.buddies.matching import suggestions
from steunsysteem.buddies.models import BuddyRequest, VolunteerProfile
from steunsysteem.core.demo import load_demo

pytestmark = pytest.mark.django_db


def test_marks_wish_suggests_kees_who_likes_card_games():
    load_demo()
    load_demo()

    wish = BuddyRequest.objects.select_related("question__participant", "project").get()
    assert wish.participant.name == "Mark"
    assert wish.project.name == "Maatjesproject Samen op Pad"
    kees = VolunteerProfile.objects.get(user__username="vrijwilliger")
    assert kees.is_screened
    with translation.override("en"):
        (first, *_rest) = suggestions(wish)
    assert first.volunteer == kees
    assert "Also likes: card and board games" in first.reasons
    ruud = wish.project.buddy_coordinators.get().user
    assert ruud.username == "coordinator"
    assert permissions.can_propose_match(ruud, wish)
