from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Uitgaande post: every e-mail waits in a queue in the database until it is delivered.

    Built on django-post-office: ``EMAIL_BACKEND`` queues each ``send_mail``, and
    ``steunsysteem send_outbox`` delivers the queue, trying again later while the mail
    server is down.
    """

    name = "steunsysteem.outbox"
    label = "outbox"
    verbose_name = _("Outgoing mail (uitgaande post)")
