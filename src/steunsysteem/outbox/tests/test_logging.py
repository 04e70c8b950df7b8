"""No recipient address reaches the logs, even when the mail server quotes it in an error."""

import io
import json
import logging

import pytest
from post_office.models import STATUS, Email

from steunsysteem.outbox.services import mail_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log_lines():
    """What the project's own JSON console handler writes for post_office's logger."""
    import post_office.mail  # noqa: F401  adds post_office's own handler if none is set

    (handler,) = logging.getLogger("post_office").handlers
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    handler.setStream(previous)


def test_a_refused_address_is_scrubbed_from_the_traceback_in_the_log(
    smtp_server, send_outbox, json_log_lines
):
    smtp_server.refused_addresses.add("janny.jansen@example.org")
    mail_queue(to=["janny.jansen@example.org"], subject="Notulen", body="x")

    send_outbox()

    assert Email.objects.get().status == STATUS.requeued
    lines = json_log_lines()
    assert lines, "post_office logged the failed delivery"
    text = json.dumps(lines)
    assert "SMTPRecipientsRefused" in text
    assert "janny" not in text
    assert "[e-mail]" in text


def test_post_office_logs_only_through_the_filtered_json_handler():
    import post_office.mail  # noqa: F401

    logger = logging.getLogger("post_office")
    (handler,) = logger.handlers
    assert not logger.propagate
    assert any(f.__class__.__name__ == "NoPersonalDataFilter" for f in handler.filters)
