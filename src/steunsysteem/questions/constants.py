from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    """From new to answered; the werktafel moves a question along."""

    NEW = "new", _("New")
    ON_AGENDA = "on_agenda", _("On the agenda of the werktafel")
    DISCUSSED = "discussed", _("Discussed")
    PROPOSAL_MADE = "proposal_made", _("Proposal made")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED_NO_OFFER = "closed_no_offer", _("Closed: no fitting offer yet")
    WITHDRAWN = "withdrawn", _("Withdrawn")
