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
    """What an agenda item is about: a participant's question (new, or back as a follow-up),
    a theme, or a case about no registered person ("who at the municipality is the right
    person for ...", or a case described without identifying data)."""

    NEW = "new", _("New question")
    FOLLOW_UP = "follow_up", _("Follow-up")
    THEME = "theme", _("Theme")
    CASE = "case", _("Case without a participant")


# The kinds of item that are a participant's question, and those that are not.
QUESTION_KINDS = (AgendaItemKind.NEW, AgendaItemKind.FOLLOW_UP)
KINDS_WITHOUT_A_QUESTION = (AgendaItemKind.THEME, AgendaItemKind.CASE)


class InvitationKind(models.TextChoices):
    """Who an invitation for one agenda item's time slot goes to."""

    PERSON = "person", _("The person concerned")
    GUEST = "guest", _("Someone the person brings")
    ORGANIZATION = "organization", _("Suggested organisation")
