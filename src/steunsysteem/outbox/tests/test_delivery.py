"""Mail waits in the outbox and reaches a real SMTP server; a server outage loses nothing."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Attachment, Email, Log

from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.outbox.services import mail_queue
from steunsysteem.worktables import services as worktables
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% notulen werktafel Noord\n%%EOF\n"


def test_a_queued_mail_waits_until_send_outbox_delivers_it_with_its_attachment(
    smtp_server, send_outbox
):
    mail_queue(
        to=["secretaris@example.org"],
        subject="Notulen werktafel Noord",
        body="In de bijlage staan de notulen.",
        attachments=[("notulen.pdf", PDF, "application/pdf")],
    )

    assert smtp_server.received == []
    assert Email.objects.get().status == STATUS.queued

    assert send_outbox() == "Sent 1, to try again 0, failed 0.\n"

    (received,) = smtp_server.received
    assert received.rcpt_tos == ["secretaris@example.org"]
    assert received.message["Subject"] == "Notulen werktafel Noord"
    assert received.message["To"] == "secretaris@example.org"
    assert received.message.get_body(("plain",)).get_content().strip() == (
        "In de bijlage staan de notulen."
    )
    (attachment,) = received.message.iter_attachments()
    assert attachment.get_filename() == "notulen.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF


def test_the_outbox_forgets_the_content_of_delivered_mail(smtp_server, send_outbox):
    mail_queue(
        to=["secretaris@example.org"],
        subject="Je uitnodiging",
        body="Maak je account aan: https://steunsysteem.example/accounts/uitnodiging/geheim/",
        attachments=[("notulen.pdf", PDF, "application/pdf")],
    )
    stored_file = Attachment.objects.get().file
    storage, name = stored_file.storage, stored_file.name
    assert storage.exists(name)

    send_outbox()

    email = Email.objects.get()
    assert (email.status, email.subject, email.to) == (
        STATUS.sent,
        "Je uitnodiging",
        ["secretaris@example.org"],
    )
    assert email.message == email.html_message == ""
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_every_recipient_gets_their_own_message(smtp_server, send_outbox):
    addresses = ["a@example.org", "b@example.org", "c@example.org"]

    mail_queue(to=addresses, subject="Agenda", body="De agenda.")
    send_outbox()

    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == addresses
    for received in smtp_server.received:
        (own,) = received.rcpt_tos
        assert received.message["To"] == own
        assert "Cc" not in received.message
        for other in set(addresses) - {own}:
            assert other.encode() not in received.raw


def test_while_the_mail_server_is_down_nothing_is_lost_and_it_is_delivered_once_it_is_back(
    smtp_server, send_outbox
):
    smtp_server.stop()
    mail_queue(to=["secretaris@example.org"], subject="Notulen", body="Tekst.")

    assert send_outbox() == "Sent 0, to try again 1, failed 0.\n"

    email = Email.objects.get()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 1
    assert email.message == "Tekst."
    assert email.scheduled_time > timezone.now()
    assert Log.objects.get(email=email).status == STATUS.failed

    smtp_server.start()
    # Not before the retry interval has passed ...
    assert send_outbox() == "Sent 0, to try again 0, failed 0.\n"
    assert smtp_server.received == []

    # ... and once it has, exactly once.
    Email.objects.update(scheduled_time=timezone.now() - timedelta(seconds=1))
    assert send_outbox() == "Sent 1, to try again 0, failed 0.\n"
    assert send_outbox() == "Sent 0, to try again 0, failed 0.\n"

    (received,) = smtp_server.received
    assert received.message["Subject"] == "Notulen"
    assert Email.objects.get().status == STATUS.sent


def test_after_the_last_retry_the_mail_is_kept_as_failed_for_an_administrator(
    smtp_server, send_outbox, settings
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 1}
    smtp_server.stop()
    mail_queue(to=["secretaris@example.org"], subject="Notulen", body="Tekst.")

    send_outbox()
    Email.objects.update(scheduled_time=timezone.now() - timedelta(seconds=1))
    assert send_outbox() == "Sent 0, to try again 0, failed 1.\n"

    email = Email.objects.get()
    assert (email.status, email.message) == (STATUS.failed, "Tekst.")


def test_mail_is_saved_in_the_same_transaction_as_the_change_it_belongs_to(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_queue(to=["a@example.org"], subject="Teruggedraaid", body="Nee.")
        raise RuntimeError

    assert not Email.objects.exists()

    with transaction.atomic():
        mail_queue(to=["a@example.org"], subject="Vastgelegd", body="Ja.")
        # Before the commit: a database that stops right after it cannot lose the mail.
        assert Email.objects.get().subject == "Vastgelegd"


def test_mail_sent_at_once_in_development_waits_for_the_commit(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "now"}

    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(to=["a@example.org"], subject="Vastgelegd", body="Ja.")
        assert not Email.objects.exists()

    assert Email.objects.get().subject == "Vastgelegd"


def test_send_mail_anywhere_in_the_project_goes_through_the_queue(smtp_server, send_outbox):
    from django.core.mail import send_mail

    send_mail("Herinnering", "Controleer je aanbod.", None, ["redacteur@example.org"])

    assert smtp_server.received == []
    send_outbox()
    assert [r.rcpt_tos for r in smtp_server.received] == [["redacteur@example.org"]]


def test_a_meeting_invitation_arrives_with_its_calendar_file(smtp_server, send_outbox):
    from icalendar import Calendar

    from steunsysteem.worktables.calendar import meeting_invitation_ics

    ics = meeting_invitation_ics(
        uid="noord-1@steunsysteem.example",
        title="Werktafel Noord",
        starts_at=timezone.now() + timedelta(days=7),
        ends_at=timezone.now() + timedelta(days=7, hours=2),
        location="Buurthuis De Schakel",
        organizer_email="coordinator@example.org",
    )
    mail_queue(
        to=["lid@example.org"],
        subject="Uitnodiging werktafel",
        body="Je bent uitgenodigd.",
        attachments=[("uitnodiging.ics", ics, "text/calendar")],
    )
    send_outbox()

    (received,) = smtp_server.received
    (attachment,) = received.message.iter_attachments()
    assert attachment.get_content_type() == "text/calendar"
    event = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert str(event["UID"]) == "noord-1@steunsysteem.example"


def test_a_meeting_and_its_invitations_are_saved_in_one_transaction(smtp_server):
    """Invitations written after the commit would be lost when the database stops between
    the two: the meeting planned, nobody invited."""
    chair = UserFactory(coordinator=True, email="ruud@steunsysteem.example.nl")
    member = UserFactory(email="lid@steunsysteem.example.nl")
    table = WorktableFactory(members=[chair, member])
    start = timezone.now() + timedelta(days=3)

    with transaction.atomic():
        worktables.meeting_plan(
            worktable=table,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            location="De Schakel",
            by=chair,
        )
        invited = sorted(Email.objects.values_list("to", flat=True))

    assert invited == [["lid@steunsysteem.example.nl"], ["ruud@steunsysteem.example.nl"]]
