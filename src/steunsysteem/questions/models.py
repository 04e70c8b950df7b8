from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import (
    CHANGEABLE_STATUSES,
    ClosedReason,
    Outcome,
    ProposalChoice,
    QuestionStatus,
    Readiness,
    Urgency,
)
from .query import ProposalAnswerQuerySet, QuestionQuerySet


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
    wishes_and_limits = models.TextField(
        _("wishes and limits"),
        max_length=1000,
        blank=True,
        help_text=_("Area, days, costs, travel, language: what has to fit."),
    )
    readiness = models.CharField(
        _("readiness"), max_length=16, choices=Readiness.choices, default=Readiness.SMALL_STEP
    )
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    referrer_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The organisation that brought the question in."),
    )
    worktable = models.ForeignKey(
        "worktables.Worktable",
        verbose_name=_("werktafel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text=_(
            "The werktafel that takes up the question: of the person's district, or of a theme."
            " It sees the question only with the person's consent for questions. Empty: not"
            " shared with a werktafel yet."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    closed_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=ClosedReason.choices, blank=True
    )
    first_proposal_at = models.DateTimeField(
        _("first proposal at"),
        null=True,
        blank=True,
        help_text=_("When the werktafel made its first proposal, for the monitor."),
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
        constraints = [
            models.CheckConstraint(
                name="answered_question_has_outcome",
                condition=~models.Q(status=QuestionStatus.ANSWERED) | ~models.Q(outcome=""),
            ),
            models.CheckConstraint(
                name="closed_question_has_reason",
                condition=~models.Q(status=QuestionStatus.CLOSED_NO_OFFER)
                | ~models.Q(closed_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"Question #{self.pk} ({self.get_status_display()})"

    @property
    def life_domain_labels(self) -> list[str]:
        from steunsysteem.directory.constants import LifeDomain

        return [
            str(LifeDomain(code).label) for code in self.life_domains if code in LifeDomain.values
        ]

    @property
    def is_open_to_change(self) -> bool:
        """New, or on an agenda and not discussed yet: it can still be corrected or withdrawn.
        A question that went back on the agenda after a discussion stays as it was."""
        return (
            self.status in CHANGEABLE_STATUSES
            and not self.events.filter(to_status=QuestionStatus.DISCUSSED).exists()
        )

    @property
    def case_number(self) -> str:
        """How minutes and agendas name a question: a number, never the person."""
        return f"{self.submitted_at:%Y}-{self.pk:04d}"


class QuestionEvent(models.Model):
    """One status change of a question: dated and attributed, so lead times and outcomes
    can be measured. Holds no free text."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=16, choices=QuestionStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=QuestionStatus.choices)
    occurred_at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    by_role = models.CharField(_("role"), max_length=32)

    class Meta:
        verbose_name = _("question status change")
        verbose_name_plural = _("question status changes")

    def __str__(self) -> str:
        return f"#{self.question_id}: {self.from_status} → {self.to_status}"


class ProposalAnswer(models.Model):
    """The person's answer to the werktafel's proposal: "dit wil ik" or "liever niet", with
    an explanation in their own words if they want. Dated and attributed; the latest one
    counts, and it brings the question back to the table's next agenda."""

    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="proposal_answers",
    )
    agenda_item = models.ForeignKey(
        "worktables.AgendaItem",
        verbose_name=_("proposal"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="answers",
        help_text=_("The meeting's agenda item whose proposal this answers."),
    )
    choice = models.CharField(_("answer"), max_length=16, choices=ProposalChoice.choices)
    explanation = models.TextField(
        _("explanation"),
        max_length=1000,
        blank=True,
        help_text=_("In the person's own words, e.g. why they would rather not."),
    )
    answered_at = models.DateTimeField(_("answered at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    answered_by_role = models.CharField(_("role"), max_length=32)

    objects = ProposalAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer to a proposal")
        verbose_name_plural = _("answers to proposals")

    def __str__(self) -> str:
        return f"Answer #{self.pk} to question #{self.question_id} ({self.choice})"
