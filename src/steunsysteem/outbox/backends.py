"""The mail backend every message passes on its way into the outbox (``EMAIL_BACKEND``).

It is post_office's queue, with one step before it: subject and body go through
``core.printable``. A line break in a subject would be a header injection, and Django
refuses such a message only at delivery, when it is too late to say why; a control
character in a name or a place has no place in a mail either. Whatever sends mail
(``outbox.services.mail_queue``, Django's ``send_mail``, the password reset) gets this.
"""

from post_office.backends import EmailBackend

from steunsysteem.core.printable import printable_text


class OutboxBackend(EmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages or ():
            message.subject = printable_text(message.subject, one_line=True)
            message.body = printable_text(message.body)
        return super().send_messages(email_messages)
