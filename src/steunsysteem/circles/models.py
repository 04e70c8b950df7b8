from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import (
    FIRST_NAME_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    Frequency,
    Weekday,
)
from .query import AbsenceQuerySet, CallReportQuerySet, CircleMemberQuerySet


class Circle(models.Model):
    """A telephone circle: its members call each other in a fixed order at a fixed time."""

    name = models.CharField(
        _("name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("For example the neighbourhood: “Ochtendcirkel Woensel”."),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        related_name="circles_run",
    )
    coordinator_phone = models.CharField(
        _("coordinator's number"),
        max_length=PHONE_MAX_LENGTH,
        help_text=_("The last one in the circle calls this number to say everyone was reached."),
    )
    frequency = models.CharField(
        _("how often"), max_length=16, choices=Frequency.choices, default=Frequency.DAILY
    )
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"),
        choices=Weekday.choices,
        null=True,
        blank=True,
        help_text=_("Only for a circle that calls once a week."),
    )
    call_time = models.TimeField(_("time of the first call"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("telephone circle")
        verbose_name_plural = _("telephone circles")
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency=Frequency.DAILY) | Q(weekday__isnull=False),
                name="circle_weekly_has_weekday",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.pk})"


class CircleMember(models.Model):
    """A place in the circle: a participant (with consent) or a volunteer. Only a first name
    and a number are kept here: what the neighbours in the circle see."""

    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), on_delete=models.CASCADE, related_name="members"
    )
    position = models.PositiveSmallIntegerField(_("place in the order"))
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="circle_places",
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="circle_places",
    )
    first_name = models.CharField(_("first name"), max_length=FIRST_NAME_MAX_LENGTH)
    phone = models.CharField(_("phone number"), max_length=PHONE_MAX_LENGTH)
    agreed_on = models.DateField(
        _("agreed on"),
        help_text=_(
            "The day the person agreed that the people next to them in the circle see their "
            "first name and number."
        ),
    )
    joined_at = models.DateTimeField(_("joined at"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    objects = CircleMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member of a telephone circle")
        verbose_name_plural = _("members of a telephone circle")
        constraints = [
            models.CheckConstraint(
                condition=(Q(participant__isnull=False) & Q(volunteer__isnull=True))
                | (Q(participant__isnull=True) & Q(volunteer__isnull=False)),
                name="circle_member_is_participant_or_volunteer",
            ),
            models.UniqueConstraint(
                fields=["circle", "position"],
                condition=Q(left_at__isnull=True),
                name="circle_member_unique_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} ({self.circle_id}, {self.position})"


class Absence(models.Model):
    """Away ("weg van \u2026 tot \u2026"): on these days the member is skipped in the order."""

    member = models.ForeignKey(
        CircleMember, verbose_name=_("member"), on_delete=models.CASCADE, related_name="absences"
    )
    starts_on = models.DateField(_("away from"))
    ends_on = models.DateField(_("away until and including"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    objects = AbsenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.starts_on} \u2013 {self.ends_on}"


class CallReport(models.Model):
    """Whether a call in the chain got through on a day. A call that did not is an alert
    for the coordinator until they followed it up."""

    circle = models.ForeignKey(
        Circle, verbose_name=_("circle"), on_delete=models.CASCADE, related_name="call_reports"
    )
    on_date = models.DateField(_("date"))
    caller = models.ForeignKey(
        CircleMember, verbose_name=_("caller"), on_delete=models.CASCADE, related_name="calls_made"
    )
    callee = models.ForeignKey(
        CircleMember,
        verbose_name=_("called"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calls_received",
        help_text=_("Empty: the coordinator, whom the last one calls."),
    )
    reached = models.BooleanField(_("reached"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"))
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CallReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("call report")
        verbose_name_plural = _("call reports")
        constraints = [
            models.UniqueConstraint(
                fields=["caller", "on_date"], name="call_report_once_per_caller_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.circle_id} {self.on_date}: {self.caller_id} \u2192 {self.callee_id}"
