"""The receiving organisation's single-use link, the reminders when a referral stalls, and
"gaat het nog?" three months after a start."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.referrals.constants import ReferralStatus
from steunsysteem.referrals.models import Referral
from steunsysteem.referrals.services import (
    ReferralError,
    Step,
    _months_before,
    check_in_answer,
    referral_reminders_send,
    referral_update_via_link,
)

from .story import CONTACT, JANNY, make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def story():
    return make_story()


def _link_token(django_capture_on_commit_callbacks, write) -> str:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        write()
    (message,) = [m for m in mail.outbox if m.to == [CONTACT]]
    return re.search(r"/verwijzing/([^/\s]+)/", message.body).group(1)


def test_the_link_works_once_and_a_new_one_follows(
    story, client, django_capture_on_commit_callbacks
):
    token = _link_token(django_capture_on_commit_callbacks, story.refer)
    page = client.get(f"/verwijzing/{token}/")
    assert page.status_code == 200
    assert JANNY in page.content.decode()  # she agreed the organisation sees her name
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(f"/verwijzing/{token}/", {"to": "accepted"})
    assert "This link is now used" in answered.content.decode()
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED
    again = client.get(f"/verwijzing/{token}/")
    assert again.status_code == 410
    assert "has been used already" in again.content.decode()
    with pytest.raises(ReferralError, match="used already"):
        referral_update_via_link(token=token, step=Step(to=ReferralStatus.DECLINED))
    # A fresh link went to the same address, for the next step.
    links = [m for m in mail.outbox if "/verwijzing/" in m.body]
    assert [m.to for m in links] == [[CONTACT], [CONTACT]]
    assert token not in links[1].body


def test_using_the_link_is_recorded(story, client, django_capture_on_commit_callbacks):
    token = _link_token(django_capture_on_commit_callbacks, story.refer)
    before = AuditEntry.objects.count()
    client.get(f"/verwijzing/{token}/")
    read = AuditEntry.objects.order_by("-sequence").first()
    assert AuditEntry.objects.count() == before + 1
    assert read.action == "read" and read.actor_user_id is None
    assert "name" in read.fields and read.legal_basis.startswith("consent:")
    client.post(f"/verwijzing/{token}/", {"to": "accepted"})
    assert "referrals.status" in AuditEntry.objects.order_by("-sequence").first().fields


def test_an_expired_link_says_so(story, client, django_capture_on_commit_callbacks, settings):
    settings.REFERRAL_LINK_VALID_DAYS = 14
    token = _link_token(django_capture_on_commit_callbacks, story.refer)
    with freeze_time(timezone.now() + dt.timedelta(days=15)):
        page = client.get(f"/verwijzing/{token}/")
        assert page.status_code == 410
        assert "expired" in page.content.decode()
        assert JANNY not in page.content.decode()
        client.post(f"/verwijzing/{token}/", {"to": "accepted"})
    assert Referral.objects.get().status == ReferralStatus.PROPOSED


def test_a_made_up_or_altered_link_shows_nothing(story, client, django_capture_on_commit_callbacks):
    token = _link_token(django_capture_on_commit_callbacks, story.refer)
    for wrong in ("iets", token[:-2] + "xx"):
        page = client.get(f"/verwijzing/{wrong}/")
        assert page.status_code == 404
        assert JANNY not in page.content.decode()


def test_the_link_shows_no_details_once_consent_is_withdrawn(
    story, client, django_capture_on_commit_callbacks
):
    token = _link_token(django_capture_on_commit_callbacks, story.refer)
    ConsentGrant.objects.filter(grantee_organization=story.koor).update(
        withdrawn_at=timezone.now() - dt.timedelta(minutes=1)
    )
    page = client.get(f"/verwijzing/{token}/").content.decode()
    assert JANNY not in page
    assert "no longer in force" in page


def _mails_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_no_answer_reminds_the_referrer_once(story, settings, django_capture_on_commit_callbacks):
    settings.REFERRAL_ANSWER_DAYS = 5
    story.refer()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert referral_reminders_send(now=timezone.now() + dt.timedelta(days=4)).no_answer == 0
        assert referral_reminders_send(now=timezone.now() + dt.timedelta(days=5)).no_answer == 1
        assert referral_reminders_send(now=timezone.now() + dt.timedelta(days=6)).no_answer == 0
    (reminder,) = _mails_to(story.fatima.email)
    assert "waits for an answer" in reminder.subject
    assert JANNY not in reminder.body


def test_no_start_after_the_introduction_reminds_once_per_date(
    story, django_capture_on_commit_callbacks
):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    intro = timezone.localdate() + dt.timedelta(days=2)
    story.step(
        referral, ReferralStatus.INTRODUCTION_PLANNED, introduction_on=intro, companion="referrer"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with freeze_time(intro):
            assert referral_reminders_send().no_start == 0
        with freeze_time(intro + dt.timedelta(days=1)):
            assert referral_reminders_send().no_start == 1
        with freeze_time(intro + dt.timedelta(days=2)):
            assert referral_reminders_send().no_start == 0
    assert len(_mails_to(story.fatima.email)) == 1


def test_gaat_het_nog_three_months_after_the_start_once(story, django_capture_on_commit_callbacks):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    three_months_ago = _months_before(timezone.localdate(), 3)
    story.step(referral, ReferralStatus.STARTED, started_on=three_months_ago + dt.timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert referral_reminders_send().check_in == 0
        Referral.objects.update(started_on=three_months_ago)
        assert referral_reminders_send().check_in == 1
        assert referral_reminders_send().check_in == 0
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([story.fatima.email, story.janny.user.email])
    for message in mail.outbox:
        assert JANNY not in message.body


def test_gaat_het_nog_reaches_the_person_only_if_they_want_mail(
    story, django_capture_on_commit_callbacks
):
    story.janny.news_mail_opt_in = False
    story.janny.save()
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    story.step(referral, ReferralStatus.STARTED, started_on=_months_before(timezone.localdate(), 4))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        referral_reminders_send()
    assert [m.to for m in mail.outbox] == [[story.fatima.email]]


def test_the_answer_is_kept_on_the_referral(story):
    referral = story.refer()
    story.step(referral, ReferralStatus.ACCEPTED)
    story.step(referral, ReferralStatus.STARTED)
    referral = check_in_answer(
        referral=referral, answer="no", reason="Te druk op dinsdag.", by=story.janny.user
    )
    assert (referral.check_in_answer, referral.check_in_reason) == ("no", "Te druk op dinsdag.")
    assert referral.check_in_answered_by_role == "participant"
    with pytest.raises(ReferralError, match="cannot answer"):
        check_in_answer(referral=referral, answer="yes", by=story.els)
    with pytest.raises(ReferralError, match="200"):
        check_in_answer(referral=referral, answer="no", reason="x" * 201, by=story.fatima)
