from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Verwijzingen: a warm hand-over of a question to a service on the sociale kaart, followed
    until the person started (and, three months on, is asked "gaat het nog?")."""

    name = "steunsysteem.referrals"
    label = "referrals"
    verbose_name = _("Referrals")
