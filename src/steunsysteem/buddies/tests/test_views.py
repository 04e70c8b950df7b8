"""The maatjes pages: who sees what, and contact details only after both said yes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.services import question_submit

from .. import services
from ..constants import MatchStatus, Side
from ..models import BuddyRequest, VolunteerProfile
from .factories import VolunteerProfileFactory
from .story import KEES_PHONE, MARKS_PHONE, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return make_story()


def _page(client, user, url):
    client.logout()
    sign_in(client, user)
    return client.get(url)


def test_the_buddies_page_is_in_the_menu_of_each_side(client, story):
    for user in (story.wendy, story.kees.user, story.mark.user, story.fatima):
        page = _page(client, user, reverse("buddies:home"))
        assert page.status_code == 200
        assert 'href="/maatjes/"' in page.content.decode()


def test_the_coordinator_reaches_the_project_from_the_buddies_page(client, story):
    page = _page(client, story.wendy, reverse("buddies:home")).content.decode()
    assert reverse("buddies:project", args=[story.project.pk]) in page


def test_the_coordinator_registers_a_volunteer_through_the_form(client, story):
    anna = UserFactory(volunteer=True, first_name="Anna", organizations=[story.project])
    url = reverse("buddies:volunteer_register", args=[story.project.pk])
    sign_in(client, story.wendy)
    response = client.post(
        url,
        {
            "user": anna.pk,
            "interests": ["card_games"],
            "days": ["wed"],
            "languages": ["nl"],
            "postcode": "3901",
            "intake_on": "2026-01-10",
            "vog_checked_on": "2026-01-12",
            "is_available": "on",
            "form_token": form_token_for(client, url),
        },
    )
    profile = VolunteerProfile.objects.get(user=anna)
    assert response.status_code == 302
    assert profile.vog_checked_on == dt.date(2026, 1, 12)


def test_the_volunteer_sees_no_screening_fields_on_their_own_profile(client, story):
    page = _page(client, story.kees.user, reverse("buddies:volunteer", args=[story.kees.pk]))
    assert page.status_code == 200
    assert 'name="vog_checked_on"' not in page.content.decode()


def test_a_volunteer_cannot_open_anothers_profile(client, story):
    page = _page(client, story.lotte.user, reverse("buddies:volunteer", args=[story.kees.pk]))
    assert page.status_code == 403


def test_the_professional_asks_for_a_buddy_through_the_form(client, story):
    sign_in(client, story.fatima)
    url = reverse("buddies:ask")
    response = client.post(
        url,
        {
            "question": story.question.pk,
            "project": story.project.pk,
            "interests": ["card_games"],
            "person_agrees": "on",
            "form_token": form_token_for(client, url),
        },
    )
    assert response.status_code == 302
    assert BuddyRequest.objects.get().interests == ["card_games"]


def test_the_wish_shows_suggestions_to_the_coordinator_only(client, story):
    wish = story.ask()
    url = reverse("buddies:wish", args=[wish.pk])
    page = _page(client, story.wendy, url).content.decode()
    assert "Kees Bakker" in page and "Piet" not in page
    assert AuditEntry.objects.filter(
        object_id=str(story.mark.pk), legal_basis=f"buddy_request:{wish.pk}"
    ).exists()
    for user in (story.kees.user, story.mark.user, story.fatima):
        assert _page(client, user, url).status_code == 403


def test_contact_details_appear_only_after_both_said_yes(client, story):
    match = story.propose()
    url = reverse("buddies:match", args=[match.pk])
    for user in (story.kees.user, story.mark.user):
        page = _page(client, user, url).content.decode()
        assert MARKS_PHONE not in page and KEES_PHONE not in page
        assert "no-contact-details" in page
    services.match_answer_for_participant(match=match, yes=True, by=story.mark.user)
    page = _page(client, story.kees.user, url).content.decode()
    assert MARKS_PHONE not in page
    page = _page(client, story.mark.user, url).content.decode()
    assert KEES_PHONE not in page
    match = services.match_answer_as_volunteer(match=match, yes=True, by=story.kees.user)
    assert MARKS_PHONE in _page(client, story.kees.user, url).content.decode()
    assert KEES_PHONE in _page(client, story.mark.user, url).content.decode()
    assert AuditEntry.objects.filter(
        actor_user_id=story.kees.user.pk,
        object_id=str(story.mark.pk),
        legal_basis=f"consent:{match.consent_id}",
    ).exists()


def test_contact_details_disappear_when_the_match_ends(client, story):
    match = story.both_accept()
    services.match_end(match=match, reason="no_click", by=story.wendy)
    page = _page(client, story.kees.user, reverse("buddies:match", args=[match.pk]))
    assert MARKS_PHONE not in page.content.decode()


def test_both_answer_on_the_match_page(client, story):
    match = story.propose()
    url = reverse("buddies:match", args=[match.pk])
    answer = reverse("buddies:match_answer", args=[match.pk])
    sign_in(client, story.mark.user)
    assert client.post(answer, {"answer": "yes"}).status_code == 302  # not in the network
    client.logout()
    sign_in(client, story.kees.user)
    client.post(answer, {"answer": "yes"})
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert match.network_member is None
    assert MARKS_PHONE in client.get(url).content.decode()


def test_a_volunteer_sees_only_their_own_matches(client, story):
    match = story.propose()
    url = reverse("buddies:match", args=[match.pk])
    for user in (story.lotte.user, VolunteerProfileFactory().user, UserFactory(relative=True)):
        assert _page(client, user, url).status_code == 403
    home = _page(client, story.lotte.user, reverse("buddies:home")).content.decode()
    assert url not in home
    home = _page(client, story.kees.user, reverse("buddies:home")).content.decode()
    assert url in home


def test_the_check_in_is_asked_and_answered_on_the_page(client, story):
    match = story.both_accept()
    with freeze_time(timezone.now() + dt.timedelta(weeks=6)):
        services.check_ins_ask()
    mine = match.check_ins.get(side=Side.VOLUNTEER)
    url = reverse("buddies:match", args=[match.pk])
    page = _page(client, story.kees.user, url).content.decode()
    assert f"check-in-{mine.pk}" in page
    theirs = match.check_ins.get(side=Side.PARTICIPANT)
    assert f"check-in-{theirs.pk}" not in page
    response = client.post(
        reverse("buddies:check_in", args=[match.pk, mine.pk]),
        {f"c{mine.pk}-goes_well": "no", f"c{mine.pk}-concern": "Hij komt vaak niet opdagen."},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.goes_well is False
    # The other side may not answer it, and nobody but the coordinator reads it.
    assert (
        client.post(reverse("buddies:check_in", args=[match.pk, theirs.pk]), {}).status_code == 403
    )
    for user in (story.mark.user, story.fatima, story.kees.user):
        assert "niet opdagen" not in _page(client, user, url).content.decode()
    assert "niet opdagen" in _page(client, story.wendy, url).content.decode()


def test_only_the_coordinator_ends_a_match(client, story):
    match = story.both_accept()
    url = reverse("buddies:match_end", args=[match.pk])
    for user in (story.kees.user, story.mark.user):
        client.logout()
        sign_in(client, user)
        assert client.post(url, {"reason": "other"}).status_code == 403
    client.logout()
    sign_in(client, story.wendy)
    client.post(url, {"reason": "other"})
    match.refresh_from_db()
    assert match.status == MatchStatus.ENDED


def test_the_professional_sees_the_match_on_the_buddies_page_and_it_is_recorded(client, story):
    match = story.propose()
    page = _page(client, story.fatima, reverse("buddies:home")).content.decode()
    assert reverse("buddies:match", args=[match.pk]) in page
    assert AuditEntry.objects.filter(
        actor_user_id=story.fatima.pk, object_id=str(story.mark.pk), action="read"
    ).exists()


def test_a_relative_cannot_answer_for_mark(client, story):
    match = story.propose()
    relative = UserFactory(relative=True)
    sign_in(client, relative)
    response = client.post(reverse("buddies:match_answer", args=[match.pk]), {"answer": "yes"})
    assert response.status_code == 403


def _question_url(story):
    return reverse("questions:detail", args=[story.mark.pk, story.question.pk])


def test_mark_and_fatima_find_ask_for_a_buddy_on_the_question_page(client, story):
    ask_url = f"{reverse('buddies:ask')}?vraag={story.question.pk}"
    for user in (story.mark.user, story.fatima):
        page = _page(client, user, _question_url(story))
        assert page.status_code == 200
        assert ask_url in page.content.decode()


def test_no_buddy_link_for_who_may_not_ask(client, story):
    # Wendy coordinates the maatjesproject, but may not read Mark's question at all; a
    # relative or a volunteer may not ask for him either.
    assert "ask-for-buddy" not in _page(client, story.wendy, _question_url(story)).content.decode()
    assert (
        "ask-for-buddy" not in _page(client, story.kees.user, _question_url(story)).content.decode()
    )


def test_no_buddy_link_on_a_closed_question(client, story):
    story.question.status = "withdrawn"
    story.question.save(update_fields=["status"])
    page = _page(client, story.mark.user, _question_url(story))
    assert "ask-for-buddy" not in page.content.decode()


def test_the_ask_page_starts_with_the_question_from_the_link(client, story):
    page = _page(client, story.fatima, f"{reverse('buddies:ask')}?vraag={story.question.pk}")
    assert page.status_code == 200
    assert f'<option value="{story.question.pk}" selected>' in page.content.decode()


def test_without_a_question_the_ask_page_lets_you_choose_one(client, story):
    page = _page(client, story.mark.user, reverse("buddies:ask"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="question"' in html
    assert f'<option value="{story.question.pk}"' in html


def test_someone_elses_question_via_the_link_is_refused(client, story):
    other = ParticipantFactory(with_account=True)
    theirs = question_submit(
        participant=other,
        text="Iemand om mee te wandelen.",
        life_domains=["meeting"],
        by=other.user,
    )
    page = _page(client, story.mark.user, f"{reverse('buddies:ask')}?vraag={theirs.pk}")
    assert page.status_code == 403


def test_someone_elses_question_posted_by_hand_is_refused(client, story):
    other = ParticipantFactory(with_account=True)
    theirs = question_submit(
        participant=other,
        text="Iemand om mee te wandelen.",
        life_domains=["meeting"],
        by=other.user,
    )
    url = reverse("buddies:ask")
    sign_in(client, story.mark.user)
    response = client.post(
        url,
        {
            "question": theirs.pk,
            "project": story.project.pk,
            "interests": ["card_games"],
            "person_agrees": "on",
            "form_token": form_token_for(client, url),
        },
    )
    assert response.status_code == 200
    assert not BuddyRequest.objects.filter(question=theirs).exists()


def test_a_nonsense_question_number_is_not_found(client, story):
    page = _page(client, story.mark.user, f"{reverse('buddies:ask')}?vraag=abc")
    assert page.status_code == 404
