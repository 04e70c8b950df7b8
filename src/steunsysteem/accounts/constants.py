from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    RELATIVE = "relative", _("Relative")
    PROFESSIONAL = "professional", _("Professional")
    PROVIDER_EDITOR = "provider_editor", _("Provider editor")
    VOLUNTEER = "volunteer", _("Volunteer")
    COORDINATOR = "coordinator", _("Coordinator")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    ADMINISTRATOR = "administrator", _("Administrator")
