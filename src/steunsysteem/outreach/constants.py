from django.db import models
from django.utils.translation import gettext_lazy as _

VISIT_NOTE_MAX_LENGTH = 500
TEXT_MAX_LENGTH = 2000
CONTACT_MAX_LENGTH = 120


class Phase(models.TextChoices):
    """The phases of the Eindhoven route (kwartiermaken): first just being there, then
    practical help, then social needs, then a group (bouwgroep)."""

    PRESENCE = "presence", _("Being there")
    PRACTICAL = "practical", _("Practical help")
    SOCIAL = "social", _("Social needs")
    GROUP = "group", _("A group (bouwgroep)")
