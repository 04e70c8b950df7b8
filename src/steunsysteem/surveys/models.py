"""A survey invitation knows whom it went to; an answer does not know whose it is.

The invitation keeps only *that* it was used (no time); the answer keeps the month it came in
and a random id, so neither an order nor a time links the two.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import SurveyKind


class SurveyInvitationQuerySet(models.QuerySet):
    def by_token_hash(self, token_hash: str):
        return self.filter(token_hash=token_hash)


class SurveyInvitation(models.Model):
    kind = models.CharField(_("survey"), max_length=16, choices=SurveyKind.choices)
    token_hash = models.CharField(
        _("link (hashed)"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the secret in the link; the link itself is only in the mail."),
    )
    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The closed question the participant is asked about (only for sending once)."),
    )
    recipient_hash = models.CharField(
        _("address (hashed)"),
        max_length=64,
        blank=True,
        help_text=_(
            "SHA-256 of the werktafel member's or partner's address, so nobody gets the yearly"
            " survey twice; the address itself is not kept."
        ),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"))
    expires_on = models.DateField(_("link works until"))
    used = models.BooleanField(_("answered"), default=False)

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(kind=SurveyKind.PARTICIPANT, question__isnull=False),
                name="one_participant_survey_per_question",
            ),
            models.UniqueConstraint(
                fields=["recipient_hash", "year"],
                condition=models.Q(kind=SurveyKind.COLLABORATION) & ~models.Q(recipient_hash=""),
                name="one_collaboration_survey_per_member_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.sent_on:%Y-%m-%d}, #{self.pk})"


class SurveyAnswerQuerySet(models.QuerySet):
    def in_period(self, start, end):
        """Answers that came in from the month of ``start`` up to and including ``end``."""
        return self.filter(answered_in__gte=start.replace(day=1), answered_in__lte=end)


class SurveyAnswer(models.Model):
    """One anonymous answer: scores and an optional remark, with the month it came in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("survey"), max_length=16, choices=SurveyKind.choices)
    answered_in = models.DateField(
        _("month answered"), help_text=_("Always the first day of the month: no exact date.")
    )
    score_1 = models.PositiveSmallIntegerField(_("score, statement 1"))
    score_2 = models.PositiveSmallIntegerField(_("score, statement 2"))
    score_3 = models.PositiveSmallIntegerField(_("score, statement 3"))
    remark = models.TextField(_("remark"), blank=True)

    objects = SurveyAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        indexes = [models.Index(fields=["kind", "answered_in"])]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"score_{n}__gte": 1, f"score_{n}__lte": 5}),
                    name=f"survey_score_{n}_from_1_to_5",
                )
                for n in (1, 2, 3)
            ),
            models.CheckConstraint(
                condition=models.Q(answered_in__day=1), name="survey_answer_month_only"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.answered_in:%Y-%m})"
