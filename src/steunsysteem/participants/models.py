import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import Role

from .constants import (
    AgeBand,
    ContactRoute,
    DeclineReason,
    LadderStep,
    Language,
    RequestChannel,
    RightsRequestKind,
    RightsRequestStatus,
    SelfSufficiencyDomain,
    SelfSufficiencyScore,
)
from .query import ErasureRecordQuerySet, ParticipantQuerySet, RightsRequestQuerySet


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
    home_postcode = models.CharField(
        _("home postcode (4 digits)"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[1-9][0-9]{3}$", _("Give the four digits, e.g. 3901."))],
        help_text=_("Only the four digits, to find offers close to home. You may leave it empty."),
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
    news_mail_opt_in = models.BooleanField(
        _("mail me when there is news about my questions"),
        default=False,
        help_text=_(
            "The mail says only that there is news, with a link; never what the question or"
            " the proposal is."
        ),
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

    # For the monitor's targets only: optional, with the person's consent, never a diagnosis.
    target_group = models.CharField(
        _("counted in target group"),
        max_length=32,
        blank=True,
        help_text=_(
            "Only when the person agrees: the group the region counts (e.g. EPA). Never a"
            " diagnosis. The monitor shows only totals."
        ),
    )
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices, blank=True)
    target_group_consented_on = models.DateField(
        _("agreed to be counted on"), null=True, blank=True
    )

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                name="participant_target_group_needs_consent",
                condition=(Q(target_group="") & Q(age_band=""))
                | Q(target_group_consented_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({str(self.pk)[:8]})"

    @property
    def contact_email(self) -> str:
        """The e-mail address the person chose to be reached at, or "" when they chose
        another way: invitations to their own account go only here."""
        if self.contact_route != ContactRoute.EMAIL:
            return ""
        return self.contact_detail.strip()


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
    rights_request_id = models.PositiveBigIntegerField(
        _("rights request id"),
        null=True,
        blank=True,
        help_text=_(
            "The request someone else recorded for the person, as the audit trail names it."
            " Empty when the person erased their data themselves."
        ),
    )
    requested_on = models.DateField(
        _("asked on"), null=True, blank=True, help_text=_("The day the person asked.")
    )
    request_channel = models.CharField(
        _("how the person asked"), max_length=16, choices=RequestChannel.choices, blank=True
    )
    request_recorded_by_user_id = models.PositiveBigIntegerField(
        _("request recorded by (user id)"), null=True, blank=True
    )
    request_approved_by_user_id = models.PositiveBigIntegerField(
        _("request approved by (user id)"),
        null=True,
        blank=True,
        help_text=_("The second person, who approved the request and so carried it out."),
    )

    objects = ErasureRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")
        constraints = [
            # Either the person erased their data themselves (no request fields), or two
            # different people recorded and approved their request.
            models.CheckConstraint(
                name="erasure_by_the_person_or_four_eyes",
                condition=Q(
                    rights_request_id__isnull=True,
                    requested_on__isnull=True,
                    request_channel="",
                    request_recorded_by_user_id__isnull=True,
                    request_approved_by_user_id__isnull=True,
                )
                | (
                    Q(
                        rights_request_id__isnull=False,
                        requested_on__isnull=False,
                        request_recorded_by_user_id__isnull=False,
                        request_approved_by_user_id__isnull=False,
                    )
                    & ~Q(request_channel="")
                    & ~Q(request_recorded_by_user_id=F("request_approved_by_user_id"))
                ),
            )
        ]

    def __str__(self) -> str:
        return f"erased {str(self.participant_id)[:8]} on {self.erased_at:%Y-%m-%d}"

    @property
    def on_behalf(self) -> bool:
        """Someone else recorded the person's request and a second person approved it."""
        return self.rights_request_id is not None


class RightsRequest(models.Model):
    """The person asked someone else to carry out one of their AVG rights for them: a copy
    of their data (art. 15 and 20) or erasure (art. 17).

    Recording it is a separate act in the audit trail, and the person sees it on their
    "Mijn rechten" page. A copy holds only what the recorder may see. Erasure waits until a
    second person approves it; the person can stop it until then. Approval erases the
    participant and this row with them: the ``ErasureRecord`` keeps the request's id, date,
    channel and the two users' ids.
    """

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="rights_requests",
    )
    kind = models.CharField(_("what"), max_length=16, choices=RightsRequestKind.choices)
    asked_on = models.DateField(_("asked on"), help_text=_("The day the person asked."))
    channel = models.CharField(
        _("how the person asked"), max_length=16, choices=RequestChannel.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RightsRequestStatus.choices,
        default=RightsRequestStatus.OPEN,
    )
    carried_out_at = models.DateTimeField(
        _("carried out at"),
        null=True,
        blank=True,
        help_text=_("For a copy: when it was first downloaded."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declined or stopped by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("declined or stopped at"), null=True, blank=True)
    decline_reason = models.CharField(
        _("why not"), max_length=24, choices=DeclineReason.choices, blank=True
    )

    objects = RightsRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(kind=RightsRequestKind.ERASURE, status=RightsRequestStatus.OPEN),
                name="one_open_erasure_request_per_participant",
            ),
            models.CheckConstraint(
                name="declined_rights_request_has_reason",
                condition=~Q(status=RightsRequestStatus.DECLINED) | ~Q(decline_reason=""),
            ),
            models.CheckConstraint(
                name="decided_rights_request_has_date",
                condition=~Q(status__in=[RightsRequestStatus.DECLINED, RightsRequestStatus.STOPPED])
                | Q(decided_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Rights request #{self.pk} ({self.kind}, {self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == RightsRequestStatus.OPEN
