"""A name or place with a line break or control characters cannot reach a mail header, and
control characters never reach a mail's text: whatever queues the mail."""

import pytest
from django.core.mail import send_mail

from steunsysteem.outbox.services import mail_queue

pytestmark = pytest.mark.django_db


def test_a_line_break_in_a_subject_stays_on_one_line_and_adds_no_header(smtp_server, send_outbox):
    mail_queue(
        to=["secretaris@example.org"],
        subject="Uitnodiging: Werktafel\r\nBcc: iedereen@example.org",
        body="Hallo\x01 allemaal,\r\nTot dan.\x7f\ud800",
    )

    assert send_outbox() == "Sent 1, to try again 0, failed 0.\n"

    (received,) = smtp_server.received
    assert received.rcpt_tos == ["secretaris@example.org"]
    assert received.message["Subject"] == "Uitnodiging: Werktafel Bcc: iedereen@example.org"
    assert received.message["Bcc"] is None
    body = received.message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.strip() == "Hallo allemaal,\nTot dan."


def test_mail_sent_with_djangos_send_mail_is_cleaned_the_same_way(smtp_server, send_outbox):
    send_mail("Je\x1b aanbod\nop de kaart", "Kijk\x00 even.", None, ["redacteur@example.org"])

    send_outbox()

    (received,) = smtp_server.received
    assert received.message["Subject"] == "Je aanbod op de kaart"
    assert received.message.get_body(("plain",)).get_content().strip() == "Kijk even."


def test_production_queues_mail_through_the_cleaning_backend():
    from steunsysteem.conf.settings import base

    assert base.EMAIL_BACKEND == "steunsysteem.outbox.backends.OutboxBackend"
