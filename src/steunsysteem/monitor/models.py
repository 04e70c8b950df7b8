"""The governance register (convenant): partners, what they put in, the MSS functions, the
stuurgroep and the targets. No participant data lives here."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import CommitmentKind, Indicator, MssRoleKind, Sector
from .periods import validate_period_code


class CovenantPartner(models.Model):
    """An organisation that signed the covenant of the MSS."""

    name = models.CharField(_("organisation"), max_length=200, unique=True)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("on the sociale kaart"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    signatory = models.CharField(
        _("signed by"), max_length=200, help_text=_("The function of who signed, e.g. director.")
    )
    signed_on = models.DateField(_("signed on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("covenant partner")
        verbose_name_plural = _("covenant partners")

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    """What one partner puts into the MSS in a period: people, hours, locations, money or in
    kind."""

    partner = models.ForeignKey(
        CovenantPartner,
        verbose_name=_("covenant partner"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=CommitmentKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    description = models.CharField(_("what exactly"), max_length=300, blank=True)
    period = models.CharField(
        _("period"), max_length=6, validators=[validate_period_code], help_text=_("e.g. 2026")
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(
                name="commitment_amount_positive", condition=models.Q(amount__gt=0)
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.amount} {self.get_kind_display()} ({self.period})"


class MssRole(models.Model):
    """A function in the MSS (regisseur, coordinator, kwartiermaker, ervaringsdeskundige):
    the function and who provides it, never a participant."""

    kind = models.CharField(_("function"), max_length=16, choices=MssRoleKind.choices)
    title = models.CharField(_("name of the function"), max_length=200)
    partner = models.ForeignKey(
        CovenantPartner,
        verbose_name=_("provided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
    )
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=6, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name = _("MSS function")
        verbose_name_plural = _("MSS functions")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"


class SteeringGroupSeat(models.Model):
    """A seat in the stuurgroep, by function; client representation is marked."""

    function = models.CharField(_("function"), max_length=200)
    partner = models.ForeignKey(
        CovenantPartner,
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seats",
    )
    represents_clients = models.BooleanField(_("represents clients"), default=False)

    class Meta:
        verbose_name = _("stuurgroep seat")
        verbose_name_plural = _("stuurgroep seats")

    def __str__(self) -> str:
        return self.function


class Target(models.Model):
    """A covenant target for a period, tied to a monitor figure."""

    period = models.CharField(
        _("period"),
        max_length=6,
        validators=[validate_period_code],
        help_text=_("A year (2026) or a half-year (2026H2)."),
    )
    indicator = models.CharField(_("monitor figure"), max_length=24, choices=Indicator.choices)
    value = models.DecimalField(_("target"), max_digits=10, decimal_places=1)
    description = models.CharField(_("in words"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["period", "indicator"], name="one_target_per_figure"),
            models.CheckConstraint(name="target_value_positive", condition=models.Q(value__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} {self.period}: {self.value}"
