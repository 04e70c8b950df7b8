from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    """Deelnemers: the people the support system is for, with as little data as needed."""

    name = "steunsysteem.participants"
    label = "participants"
    verbose_name = _("Participants (deelnemers)")
