"""Queue mail in the outbox. Delivery is ``steunsysteem send_outbox``'s job."""

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from post_office.mail import get_queued, send_queued
from post_office.models import STATUS, Email
from post_office.models import Attachment as PostOfficeAttachment

from steunsysteem.core.printable import printable_text

logger = logging.getLogger(__name__)

Attachment = tuple[str, bytes, str]
"""(file name, content, MIME type), e.g. ``("notulen.pdf", pdf, "application/pdf")``."""


def mail_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
) -> None:
    """Queue one message per address, so no recipient sees who else got it.

    The messages are written to the outbox in the caller's transaction: a change and the
    mail about it are saved together or not at all, also when the database stops right
    after the commit (the outbox lives in the same database). Only where mail is sent at
    once instead of queued (development without a mail server: post_office's priority
    "now") is it handed over after the commit, so a rolled-back change sends nothing.

    The body is plain text and must never hold a participant's name, address or notes.
    The subject is put on one line and both lose control characters (``core.printable``):
    a name typed with a line break (a werktafel's, say) would otherwise be a header
    injection, refused at delivery.
    """
    queue = partial(
        _queue,
        to=list(to),
        subject=printable_text(subject, one_line=True),
        body=printable_text(body),
        attachments=attachments,
    )
    if settings.POST_OFFICE.get("DEFAULT_PRIORITY") == "now":
        transaction.on_commit(queue)
    else:
        queue()


def _queue(*, to: list[str], subject: str, body: str, attachments: Sequence[Attachment]) -> None:
    messages = []
    for address in dict.fromkeys(address.strip() for address in to if address.strip()):
        message = EmailMessage(subject=subject, body=body, to=[address])
        for filename, content, mimetype in attachments:
            message.attach(filename, content, mimetype)
        messages.append(message)
    # EMAIL_BACKEND is the outbox's (post_office's queue): send_messages() stores them.
    get_connection().send_messages(messages)


@dataclass(frozen=True)
class Delivery:
    sent: int
    requeued: int
    failed: int


def outbox_deliver() -> Delivery:
    """Deliver every queued mail whose time has come, then forget the content of sent mail.

    A mail the server refuses or cannot take (server down) goes back in the queue for
    ``RETRY_INTERVAL``, up to ``MAX_RETRIES`` times, then stays as failed: nothing is
    dropped. Call it under post_office's lock (the command does), so two runs never send
    the same mail twice.
    """
    sent = requeued = failed = 0
    while True:
        batch_sent, batch_failed, batch_requeued = send_queued()
        sent, requeued, failed = sent + batch_sent, requeued + batch_requeued, failed + batch_failed
        # Stop when the queue is empty, or when a batch delivered nothing (server down).
        if not batch_sent or not get_queued().exists():
            break
    _forget_sent()
    logger.info("Outbox: %d sent, %d to try again, %d failed", sent, requeued, failed)
    return Delivery(sent=sent, requeued=requeued, failed=failed)


def _forget_sent() -> None:
    """Empty the body and delete the attachments of delivered mail.

    A delivered invitation or password reset still holds its working link; the queue
    keeps only who got which subject when.
    """
    Email.objects.filter(status=STATUS.sent).exclude(message="", html_message="").update(
        message="", html_message=""
    )
    delivered = (
        PostOfficeAttachment.objects.filter(emails__status=STATUS.sent)
        .exclude(emails__status__in=[STATUS.queued, STATUS.requeued, STATUS.failed])
        .exclude(emails__status__isnull=True)
        .distinct()
    )
    for attachment in delivered:
        attachment.file.delete(save=False)
        attachment.delete()


def mail_forget(*, addresses: Iterable[str]) -> int:
    """Delete every mail to any of ``addresses`` from the outbox: queued, sent or failed,
    with its delivery log and the attachments no other mail still needs.

    For erasure (AVG art. 17): the outbox keeps who got which subject when, so an erased
    person's address would otherwise stay in it. Addresses match without regard to case.
    Returns how many mails were deleted; the log line holds that number only.
    """
    wanted = {address.strip().lower() for address in addresses if address and address.strip()}
    if not wanted:
        return 0
    match = Q()
    for address in wanted:
        match |= Q(to__icontains=address) | Q(cc__icontains=address) | Q(bcc__icontains=address)
    ids = [
        email.pk
        for email in Email.objects.filter(match).only("pk", "to", "cc", "bcc")
        if wanted & {address.strip().lower() for address in (*email.to, *email.cc, *email.bcc)}
    ]
    if not ids:
        return 0
    orphaned = list(
        PostOfficeAttachment.objects.filter(emails__in=ids)
        .exclude(emails__in=Email.objects.exclude(pk__in=ids))
        .distinct()
    )
    Email.objects.filter(pk__in=ids).delete()  # their logs go with them
    PostOfficeAttachment.objects.filter(pk__in=[a.pk for a in orphaned]).delete()
    for attachment in orphaned:  # files only once the rows are surely gone
        if attachment.file:
            transaction.on_commit(partial(attachment.file.storage.delete, attachment.file.name))
    logger.info("Outbox: %d mails forgotten", len(ids))
    return len(ids)
