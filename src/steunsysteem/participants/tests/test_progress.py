"""Progress: goals, participation ladder steps and ZRM scores, each dated so change shows."""

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants import services
from steunsysteem.participants.models import SelfSufficiencyRating
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def mark():
    return ParticipantFactory(name="Mark", with_account=True)


def test_steps_on_the_ladder_over_time_stay_visible(client, mark):
    fatima = UserFactory(professional=True)
    ConsentGrantFactory(participant=mark, grantee_user=fatima, scope=ConsentScope.PROGRESS)
    sign_in(client, fatima)
    url = reverse("participants:ladder_record", args=[mark.pk])

    client.post(url, {"step": "2", "measured_on": "2026-01-15"})
    client.post(url, {"step": "3", "measured_on": "2026-07-01"})

    page = client.get(reverse("participants:progress", args=[mark.pk]))
    assert [p.step for p in page.context["ladder"]] == [3, 2]
    assert "3 Organised activities" in page.content.decode()


def test_zrm_scores_per_date_and_a_second_score_that_day_replaces_the_first(mark):
    services.self_sufficiency_record(
        participant=mark,
        scores={"finances": 2, "housing": 3},
        measured_on=dt.date(2026, 3, 1),
        by=mark.user,
    )
    services.self_sufficiency_record(
        participant=mark, scores={"finances": 3}, measured_on=dt.date(2026, 3, 1), by=mark.user
    )

    assert SelfSufficiencyRating.objects.get(domain="finances").score == 3
    assert SelfSufficiencyRating.objects.count() == 2


@freeze_time("2026-06-01")
def test_a_date_in_the_future_or_no_score_at_all_is_refused(mark):
    with pytest.raises(services.ProgressError):
        services.ladder_position_record(
            participant=mark, step=3, measured_on=dt.date(2026, 6, 2), by=mark.user
        )
    with pytest.raises(services.ProgressError):
        services.self_sufficiency_record(
            participant=mark, scores={}, measured_on=dt.date(2026, 6, 1), by=mark.user
        )


def test_the_participant_chooses_what_matters_on_the_participatiewiel(client, mark):
    sign_in(client, mark.user)

    client.post(
        reverse("participants:goals_set", args=[mark.pk]),
        {"goals": ["social_contacts", "paid_work"]},
    )

    mark.refresh_from_db()
    assert mark.life_goals == ["paid_work", "social_contacts"]


def test_consent_for_basic_details_does_not_open_the_scores(client, mark):
    fatima = UserFactory(professional=True)
    ConsentGrantFactory(participant=mark, grantee_user=fatima, scope=ConsentScope.PROFILE)
    sign_in(client, fatima)

    assert client.get(reverse("participants:progress", args=[mark.pk])).status_code == 403
