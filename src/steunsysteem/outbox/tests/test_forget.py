"""When a person is erased, the outbox forgets every mail to their address: queued, sent or
failed, with its delivery log and its attachments. Mail to others stays."""

import pytest
from post_office.models import STATUS, Attachment, Email, Log

from steunsysteem.outbox.services import mail_forget, mail_queue

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% verslag\n%%EOF\n"


@pytest.fixture(autouse=True)
def outbox(smtp_server):
    """The outbox as in production: mail waits in the queue until send_outbox runs."""
    return smtp_server


def queue(to, subject="Notulen werktafel Noord", attachments=()):
    mail_queue(to=to, subject=subject, body="Zie de bijlage.", attachments=attachments)


def test_queued_sent_and_failed_mail_to_the_address_is_deleted_with_logs_and_files(
    outbox, send_outbox, django_capture_on_commit_callbacks
):
    outbox.refused_addresses = {"janny@example.nl"}
    queue(["janny@example.nl"], attachments=[("v.pdf", PDF, "application/pdf")])
    queue(["Janny@Example.NL"], subject="Je uitnodiging")
    queue(["secretaris@example.org"])
    send_outbox()  # the first is refused (a log, tried again later), the others are sent
    queue(["janny@example.nl"], subject="Er is iets veranderd")  # still waiting
    stored = Attachment.objects.get().file
    storage, name = stored.storage, stored.name
    assert Log.objects.filter(email__to__icontains="janny").exists()

    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows are gone
        forgotten = mail_forget(addresses=["janny@example.nl", ""])

    assert forgotten == 3
    assert Email.objects.get().to == ["secretaris@example.org"]
    assert not Log.objects.exclude(email__to__icontains="secretaris").exists()
    assert not Attachment.objects.exists()
    assert not storage.exists(name)


def test_an_attachment_another_mail_still_needs_stays():
    queue(["janny@example.nl"], attachments=[("v.pdf", PDF, "application/pdf")])
    queue(["secretaris@example.org"])
    shared = Attachment.objects.get()
    shared.emails.add(Email.objects.get(to__icontains="secretaris"))

    mail_forget(addresses=["janny@example.nl"])

    assert [email.to for email in Attachment.objects.get().emails.all()] == [
        ["secretaris@example.org"]
    ]
    assert shared.file.storage.exists(shared.file.name)


def test_a_failed_mail_kept_for_the_administrator_is_deleted_too():
    queue(["janny@example.nl"])
    Email.objects.update(status=STATUS.failed)

    assert mail_forget(addresses=["janny@example.nl"]) == 1
    assert not Email.objects.exists()


def test_an_address_that_only_contains_the_erased_one_is_kept():
    queue(["marijanny@example.nl", "janny@example.nl.elders.example"])

    assert mail_forget(addresses=["janny@example.nl"]) == 0
    assert Email.objects.count() == 2


def test_no_addresses_deletes_nothing():
    queue(["secretaris@example.org"])

    assert mail_forget(addresses=[]) == 0
    assert mail_forget(addresses=["", "  "]) == 0
    assert Email.objects.count() == 1


def test_erasing_a_participant_empties_the_outbox_of_their_addresses():
    from steunsysteem.participants.services import participant_erase
    from steunsysteem.participants.tests.factories import ParticipantFactory

    janny = ParticipantFactory(with_account=True, contact_detail="janny.thuis@example.nl")
    janny.user.email = "janny@example.nl"
    janny.user.save()
    queue(["janny@example.nl"], subject="Er is iets veranderd")
    queue(["janny.thuis@example.nl"], subject="Je vraag")
    queue(["secretaris@example.org"])

    participant_erase(participant=janny, by=janny.user)

    assert [email.to for email in Email.objects.all()] == [["secretaris@example.org"]]
