from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportPoint(models.Model):
    """A laagdrempelig steunpunt: a community *place* (not an attribute of an activity).

    What the steunpunten paper (de Nederlandse ggz, 2024, §2 and §6) says makes one: a
    combination of inloop, ontmoeting, activities and recovery offer; peers supporting each
    other; experts by experience in the lead; independent; open often enough, from a
    recognisable own location. The coverage page measures districts against it.
    """

    location = models.OneToOneField(
        "Location",
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="support_point",
    )
    walk_in = models.BooleanField(_("walk in without an appointment (inloop)"), default=True)
    meeting = models.BooleanField(_("meeting others (ontmoeting)"), default=True)
    activities = models.BooleanField(_("activities and recovery offer"), default=True)
    peer_support = models.BooleanField(
        _("peer support"), default=True, help_text=_("Visitors help each other, as equals.")
    )
    led_by_experts_by_experience = models.BooleanField(
        _("experts by experience in the lead"), default=False
    )
    independent = models.BooleanField(
        _("independent"),
        default=False,
        help_text=_("Run by its own foundation or its visitors, not by a care provider."),
    )
    own_location = models.BooleanField(
        _("recognisable own location"),
        default=True,
        help_text=_("A fixed place of its own, not a room hired now and then (a satellite)."),
    )
    days_open_per_week = models.PositiveSmallIntegerField(
        _("days open per week"), validators=[MaxValueValidator(7)]
    )

    class Meta:
        verbose_name = _("laagdrempelig steunpunt")
        verbose_name_plural = _("laagdrempelige steunpunten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days_open_per_week__lte=7), name="support_point_days_in_week"
            )
        ]

    def __str__(self) -> str:
        return f"Steunpunt {self.location}"
