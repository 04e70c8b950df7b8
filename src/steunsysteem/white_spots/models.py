"""Signals: a need that keeps coming back without a fitting offer (a white spot).

A signal holds no personal data at all: a life domain, an area, the coordinator's own
description, where it comes from, counts, and the municipality's answer. Never question
texts, question ids or participant ids.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunsysteem.directory.constants import LifeDomain

from .constants import OPEN_STATUSES, SignalSource, SignalStatus
from .query import SignalQuerySet


class Signal(models.Model):
    life_domain = models.CharField(_("life domain"), max_length=24, choices=LifeDomain.choices)
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the whole region."),
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Short, for the municipality.")
    )
    missing = models.TextField(
        _("what is missing"),
        max_length=4000,
        blank=True,
        help_text=_(
            "What kind of offer is missing, in general terms. No names or details of people."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SignalStatus.choices, default=SignalStatus.RAISED
    )
    source = models.CharField(
        _("comes from"),
        max_length=16,
        choices=SignalSource.choices,
        default=SignalSource.QUESTIONS,
        help_text=_("The questions at the werktafels, or something a coordinator heard elsewhere."),
    )
    source_description = models.CharField(
        _("about the source"),
        max_length=300,
        blank=True,
        help_text=_(
            "Which consultation, steunpunt or council, and when. No names or details of people."
        ),
    )
    raised_at = models.DateTimeField(_("raised at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by_service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("answered by the offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    # The municipality's answer.
    response = models.TextField(_("what the municipality will do"), max_length=4000, blank=True)
    response_due_on = models.DateField(_("the municipality does this by"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered by the municipality at"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The evidence of a signal from the questions: counts only. A signal raised by hand has
    # none.
    question_count = models.PositiveIntegerField(
        _("number of questions"),
        default=0,
        help_text=_(
            "Questions in this domain and area that ended without a fitting offer, or that"
            " have waited too long for one."
        ),
    )
    waiting_count = models.PositiveIntegerField(
        _("of which still waiting"),
        default=0,
        help_text=_(
            "Open questions without a proposal, older than SIGNAL_OPEN_WAITING_WEEKS weeks."
        ),
    )
    first_on = models.DateField(_("first question on"), null=True, blank=True)
    last_on = models.DateField(_("last question on"), null=True, blank=True)
    monthly_counts = models.JSONField(
        _("questions per month"),
        default=list,
        blank=True,
        help_text=_('Pairs of month and count, e.g. [["2026-03", 2]].'),
    )
    evidence_updated_at = models.DateTimeField(_("evidence updated at"), null=True, blank=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        constraints = [
            # The detection raises one signal per domain and area and keeps its counts up to
            # date; signals raised by hand stand beside it.
            models.UniqueConstraint(
                fields=["life_domain", "district"],
                condition=Q(
                    status__in=OPEN_STATUSES,
                    district__isnull=False,
                    source=SignalSource.QUESTIONS,
                ),
                name="one_open_signal_per_domain_and_district",
            ),
            # NULLs are distinct in a unique index, so the whole region needs its own.
            models.UniqueConstraint(
                fields=["life_domain"],
                condition=Q(
                    status__in=OPEN_STATUSES,
                    district__isnull=True,
                    source=SignalSource.QUESTIONS,
                ),
                name="one_open_signal_per_domain_for_the_region",
            ),
            models.CheckConstraint(
                name="signal_from_questions_has_evidence",
                condition=~Q(source=SignalSource.QUESTIONS)
                | Q(first_on__isnull=False, last_on__isnull=False),
            ),
            models.CheckConstraint(
                name="signal_raised_by_hand_says_where_from",
                condition=Q(source=SignalSource.QUESTIONS) | ~Q(source_description=""),
            ),
            models.CheckConstraint(
                name="municipality_answer_says_what_and_when",
                condition=~Q(status=SignalStatus.RESPONDED)
                | (~Q(response="") & Q(response_due_on__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (#{self.pk}, {self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def from_questions(self) -> bool:
        return self.source == SignalSource.QUESTIONS


class SignalEvent(models.Model):
    """One step in a signal's history: the status it got, when and by whom."""

    signal = models.ForeignKey(
        Signal, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="events"
    )
    status = models.CharField(_("new status"), max_length=16, choices=SignalStatus.choices)
    occurred_at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the nightly detection."),
    )
    note = models.TextField(
        _("note"),
        max_length=4000,
        blank=True,
        help_text=_("E.g. why it was dismissed, or what the municipality answered."),
    )

    class Meta:
        verbose_name = _("signal event")
        verbose_name_plural = _("signal events")

    def __str__(self) -> str:
        return f"signal #{self.signal_id} {self.status} at {self.occurred_at:%Y-%m-%d %H:%M}"
