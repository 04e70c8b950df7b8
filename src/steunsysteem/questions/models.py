from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import QuestionStatus
from .query import QuestionQuerySet


class Question(models.Model):
    """A participation question: what the person wants, in their own words.

    Brought by the participant, or by a relative or professional with the participant's
    consent for questions. The werktafel work (agenda, proposals, actions) builds on this.
    """

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    text = models.TextField(
        _("the question"), max_length=2000, help_text=_("In the person's own words.")
    )
    life_domains = models.JSONField(_("life domains"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_by_role = models.CharField(
        _("brought in by"),
        max_length=32,
        help_text=_("The role of whoever brought the question in, for the monitor."),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation question")
        verbose_name_plural = _("participation questions")

    def __str__(self) -> str:
        return f"Question #{self.pk} ({self.get_status_display()})"
