from django.db import models
from django.utils.translation import gettext_lazy as _


class WorktableRole(models.TextChoices):
    """How someone takes part in a werktafel."""

    CHAIR = "chair", _("Chair")
    CORE = "core", _("Core member")
    OCCASIONAL = "occasional", _("Occasional member")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("In progress")
    CLOSED = "closed", _("Closed")


class AgendaItemKind(models.TextChoices):
    NEW = "new", _("New question")
    FOLLOW_UP = "follow_up", _("Follow-up")


class InvitationKind(models.TextChoices):
    """Who an invitation for one agenda item's time slot goes to."""

    PERSON = "person", _("The person concerned")
    GUEST = "guest", _("Someone the person brings")
    ORGANIZATION = "organization", _("Suggested organisation")
