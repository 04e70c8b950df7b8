from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import (
    CheckInAnswer,
    Companion,
    DeclineReason,
    EndOutcome,
    ReferralStatus,
)
from .query import ReferralQuerySet


class Referral(models.Model):
    """A warm hand-over of a question to a service on the sociale kaart ("verwijzing").

    It rests on the person's consent that the receiving organisation may see their basic
    details (``consent``); it holds no free text about the person."""

    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    proposal = models.ForeignKey(
        "worktables.AgendaItem",
        verbose_name=_("proposal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        help_text=_("The werktafel's proposal this referral carries out, if there is one."),
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    contact = models.ForeignKey(
        "directory.Contact",
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    consent = models.ForeignKey(
        "accounts.ConsentGrant",
        verbose_name=_("consent"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals",
        help_text=_("The person's consent that the organisation may see their basic details."),
    )
    status = models.CharField(
        _("status"), max_length=24, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    introduction_on = models.DateField(_("introduction on"), null=True, blank=True)
    companion = models.CharField(
        _("who goes along the first time"), max_length=16, choices=Companion.choices, blank=True
    )
    companion_organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organisation of who goes along"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    end_outcome = models.CharField(
        _("how it ended"), max_length=16, choices=EndOutcome.choices, blank=True
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=24, choices=DeclineReason.choices, blank=True
    )
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    answer_reminded_at = models.DateTimeField(
        _("reminded of a missing answer at"), null=True, blank=True
    )
    start_reminded_for = models.DateField(
        _("reminded of a missing start for the introduction on"), null=True, blank=True
    )
    check_in_asked_at = models.DateTimeField(_("asked 'gaat het nog?' at"), null=True, blank=True)
    check_in_answer = models.CharField(
        _("does it still go well?"), max_length=8, choices=CheckInAnswer.choices, blank=True
    )
    check_in_reason = models.CharField(
        _("why not, in short"),
        max_length=200,
        blank=True,
        help_text=_("In the person's own words, if they want to say."),
    )
    check_in_answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    check_in_answered_by_role = models.CharField(_("answered by"), max_length=32, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                name="declined_referral_has_reason",
                condition=~models.Q(status=ReferralStatus.DECLINED) | ~models.Q(decline_reason=""),
            ),
            models.CheckConstraint(
                name="ended_referral_has_outcome",
                condition=~models.Q(status=ReferralStatus.ENDED) | ~models.Q(end_outcome=""),
            ),
            models.CheckConstraint(
                name="planned_referral_has_date",
                condition=~models.Q(status=ReferralStatus.INTRODUCTION_PLANNED)
                | models.Q(introduction_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Referral #{self.pk} ({self.status})"


class ReferralEvent(models.Model):
    """One status change of a referral: dated and attributed. Holds no free text."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("from"), max_length=24, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=24, choices=ReferralStatus.choices)
    occurred_at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    by_role = models.CharField(_("role"), max_length=32, blank=True)
    via = models.CharField(
        _("via"), max_length=8, help_text=_("An account, or the single-use link in the mail.")
    )

    class Meta:
        verbose_name = _("referral status change")
        verbose_name_plural = _("referral status changes")

    def __str__(self) -> str:
        return f"Referral #{self.referral_id}: {self.from_status or '-'} → {self.to_status}"


class ReferralLink(models.Model):
    """A single-use link for the receiving organisation, mailed to the service's contact
    address. The mail holds only a signed token naming this row; the row says whether it
    was used."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="links"
    )
    nonce = models.CharField(_("secret part"), max_length=64, unique=True)
    sent_to = models.EmailField(_("sent to"))
    issued_at = models.DateTimeField(_("issued at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral link")
        verbose_name_plural = _("referral links")

    def __str__(self) -> str:
        return f"Link #{self.pk} of referral #{self.referral_id}"
