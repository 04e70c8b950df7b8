import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import Role

from .constants import (
    ContactRoute,
    LadderStep,
    Language,
    SelfSufficiencyDomain,
    SelfSufficiencyScore,
)
from .query import ErasureRecordQuerySet, ParticipantQuerySet


class Participant(models.Model):
    """A person the support system is for (deelnemer), with or without an account.

    Holds only what the work needs. Who may see it is decided by the participant's consent
    grants (``accounts.ConsentGrant``), through ``accounts.permissions``.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("own account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
        help_text=_("The participant's own account, if they have one."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The name the person wants to be called by.")
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=3, choices=Language.choices, default=Language.DUTCH
    )
    contact_route = models.CharField(
        _("how to get in touch"),
        max_length=20,
        choices=ContactRoute.choices,
        default=ContactRoute.VIA_PROFESSIONAL,
    )
    contact_detail = models.CharField(
        _("phone number or e-mail address"),
        max_length=254,
        blank=True,
        help_text=_("Only when the person wants to be reached directly."),
    )
    life_goals = models.JSONField(
        _("what matters to me"),
        default=list,
        blank=True,
        help_text=_("The goals of the participatiewiel the person wants to work on."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.name} ({str(self.pk)[:8]})"


class LadderPosition(models.Model):
    """Where on the participatieladder someone stands, on a date. A new position is a new row,
    so the steps over time stay visible."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="ladder_positions",
    )
    step = models.PositiveSmallIntegerField(_("step"), choices=LadderStep.choices)
    measured_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("participation ladder position")
        verbose_name_plural = _("participation ladder positions")
        constraints = [
            models.CheckConstraint(name="ladder_step_1_to_6", condition=Q(step__gte=1, step__lte=6))
        ]

    def __str__(self) -> str:
        return f"step {self.step} on {self.measured_on} (#{self.pk})"


class SelfSufficiencyRating(models.Model):
    """A Zelfredzaamheid-Matrix score (1–5) for one life domain, on a date."""

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="self_sufficiency_ratings",
    )
    domain = models.CharField(
        _("life domain"), max_length=24, choices=SelfSufficiencyDomain.choices
    )
    score = models.PositiveSmallIntegerField(_("score"), choices=SelfSufficiencyScore.choices)
    measured_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("self-sufficiency score")
        verbose_name_plural = _("self-sufficiency scores")
        constraints = [
            models.CheckConstraint(
                name="zrm_score_1_to_5", condition=Q(score__gte=1, score__lte=5)
            ),
            models.UniqueConstraint(
                fields=["participant", "domain", "measured_on"], name="one_zrm_score_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain} {self.score} on {self.measured_on} (#{self.pk})"


class ErasureRecord(models.Model):
    """That a participant's data was erased at their request (AVG art. 17), and nothing more.

    No name and no free text: only the erased record's id, when, the role of whoever
    carried it out, the district (the monitor keeps counting it) and who held consent at
    that moment, so they can be told and see this record instead of the data.
    """

    participant_id = models.UUIDField(
        _("participant id"), unique=True, help_text=_("The id the erased record had.")
    )
    erased_at = models.DateTimeField(_("erased at"))
    erased_by_role = models.CharField(
        _("erased by (role)"),
        max_length=32,
        choices=Role.choices,
        help_text=_("The role of whoever carried out the request, not who it was."),
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_user_ids = models.JSONField(
        _("people who held consent"), default=list, blank=True, help_text=_("User ids.")
    )
    consent_organization_ids = models.JSONField(
        _("organisations that held consent"),
        default=list,
        blank=True,
        help_text=_("Organisation ids."),
    )
    consent_worktable_ids = models.JSONField(
        _("werktafels that held consent"), default=list, blank=True, help_text=_("Werktafel ids.")
    )

    objects = ErasureRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")

    def __str__(self) -> str:
        return f"erased {str(self.participant_id)[:8]} on {self.erased_at:%Y-%m-%d}"
