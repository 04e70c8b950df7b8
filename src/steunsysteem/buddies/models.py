from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import CheckInMoment, EndReason, Interest, MatchStatus, Side, Weekday
from .query import MatchQuerySet, VolunteerProfileQuerySet


class ProjectCoordinator(models.Model):
    """A user who runs a maatjesproject: an organisation on the sociale kaart."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.CASCADE,
        related_name="buddy_projects",
    )
    project = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("maatjesproject"),
        on_delete=models.CASCADE,
        related_name="buddy_coordinators",
    )

    class Meta:
        verbose_name = _("maatjesproject coordinator")
        verbose_name_plural = _("maatjesproject coordinators")
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="one_coordinator_link")
        ]

    def __str__(self) -> str:
        return f"Coordinator #{self.user_id} of organisation #{self.project_id}"


class VolunteerProfile(models.Model):
    """A volunteer registered through a maatjesproject: what they like, where, when, and the
    dates of their screening (never the documents themselves)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="volunteer_profile",
    )
    project = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("maatjesproject"),
        on_delete=models.PROTECT,
        related_name="volunteer_profiles",
    )
    phone = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        help_text=_("Shared with a person only once both of you said yes to the match."),
    )
    interests = models.JSONField(_("likes to do"), default=list, blank=True)
    postcode = models.CharField(
        _("postcode (4 digits)"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[1-9][0-9]{3}$", _("Give the four digits, e.g. 3901."))],
    )
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    days = models.JSONField(_("days"), default=list, blank=True)
    times = models.CharField(
        _("times"), max_length=100, blank=True, help_text=_("For example: afternoons.")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    does_not_want = models.CharField(
        _("what I do not want"),
        max_length=300,
        blank=True,
        help_text=_("For example: no visits at home, no smoking."),
    )
    intake_on = models.DateField(_("intake done on"), null=True, blank=True)
    vog_checked_on = models.DateField(
        _("VOG checked on"),
        null=True,
        blank=True,
        help_text=_("Only the date the certificate of conduct was seen; never a copy of it."),
    )
    is_available = models.BooleanField(_("available for a new match"), default=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    objects = VolunteerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self) -> str:
        return f"Volunteer profile #{self.pk}"

    @property
    def is_screened(self) -> bool:
        return self.intake_on is not None and self.vog_checked_on is not None


class BuddyRequest(models.Model):
    """A participant's wish for a buddy, coming from one of their questions, sent to one
    maatjesproject. Holds what the match needs, not the question's text."""

    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="buddy_requests",
    )
    project = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("maatjesproject"),
        on_delete=models.PROTECT,
        related_name="buddy_requests",
    )
    interests = models.JSONField(_("would like to do"), default=list, blank=True)
    days = models.JSONField(_("days"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("wish for a buddy")
        verbose_name_plural = _("wishes for a buddy")

    def __str__(self) -> str:
        return f"Buddy request #{self.pk}"

    @property
    def participant(self):
        return self.question.participant

    @property
    def interest_labels(self) -> list[str]:
        return [str(Interest(value).label) for value in self.interests]

    @property
    def day_labels(self) -> list[str]:
        return [str(Weekday(value).label) for value in self.days]


class Match(models.Model):
    """A match ("koppeling") of a participant and a volunteer, proposed by the project's
    coordinator. It starts only when both sides said yes; then, and only then, each side sees
    the other's contact details, and the volunteer holds the person's consent for their basic
    details (``consent``) until the match ends."""

    request = models.ForeignKey(
        BuddyRequest, verbose_name=_("wish"), on_delete=models.CASCADE, related_name="matches"
    )
    volunteer = models.ForeignKey(
        VolunteerProfile,
        verbose_name=_("volunteer"),
        on_delete=models.PROTECT,
        related_name="matches",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    reasons = models.JSONField(
        _("why this match"), default=list, blank=True, help_text=_("The reasons at proposal.")
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    participant_yes_at = models.DateTimeField(_("the person said yes at"), null=True, blank=True)
    participant_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered for the person by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    volunteer_yes_at = models.DateTimeField(_("the volunteer said yes at"), null=True, blank=True)
    declined_by_side = models.CharField(
        _("said no"), max_length=16, choices=Side.choices, blank=True
    )
    in_network = models.BooleanField(
        _("show in the person's network"),
        default=True,
        help_text=_("The person chooses this when they say yes."),
    )
    network_member = models.ForeignKey(
        "networks.NetworkMember",
        verbose_name=_("in the network as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent = models.ForeignKey(
        "accounts.ConsentGrant",
        verbose_name=_("consent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The person's consent that the volunteer sees their basic details."),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=24, choices=EndReason.choices, blank=True
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("buddy match")
        verbose_name_plural = _("buddy matches")
        constraints = [
            models.CheckConstraint(
                name="ended_match_has_reason",
                condition=~models.Q(status=MatchStatus.ENDED) | ~models.Q(end_reason=""),
            ),
            models.CheckConstraint(
                name="active_match_has_start",
                condition=~models.Q(status=MatchStatus.ACTIVE) | models.Q(started_on__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["request", "volunteer"],
                condition=models.Q(status__in=["proposed", "active"]),
                name="one_open_match_per_volunteer_and_wish",
            ),
        ]

    def __str__(self) -> str:
        return f"Match #{self.pk} ({self.status})"

    @property
    def participant(self):
        return self.request.question.participant


class CheckIn(models.Model):
    """ "Hoe gaat het?" after 6 weeks and after 3 months, asked of each side separately. What
    is wrong is read by the project's coordinator only."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="check_ins"
    )
    moment = models.CharField(_("moment"), max_length=16, choices=CheckInMoment.choices)
    side = models.CharField(_("asked of"), max_length=16, choices=Side.choices)
    asked_at = models.DateTimeField(_("asked at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    goes_well = models.BooleanField(_("goes well"), null=True, blank=True)
    concern = models.TextField(
        _("what is wrong"),
        max_length=1000,
        blank=True,
        help_text=_("Only the coordinator of the maatjesproject reads this."),
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["match", "moment", "side"], name="one_check_in_per_moment_and_side"
            )
        ]

    def __str__(self) -> str:
        return f"Check-in #{self.pk} of match #{self.match_id} ({self.moment}, {self.side})"
