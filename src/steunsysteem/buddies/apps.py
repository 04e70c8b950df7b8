from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuddiesConfig(AppConfig):
    """Maatjes: a maatjesproject (vriendendienst) on the sociale kaart registers volunteers,
    suggests one for a participant's wish for a buddy, and follows the match ("koppeling")
    from both sides' yes to its end."""

    name = "steunsysteem.buddies"
    label = "buddies"
    verbose_name = _("Buddies")
