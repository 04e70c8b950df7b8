from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.directory.models import District
from steunsysteem.participants.constants import AgeBand
from steunsysteem.worktables.models import Worktable

from .constants import CommitmentKind, Indicator, MssRoleKind, Sector
from .models import CovenantPartner
from .periods import Period, validate_period_code


class _Styled(UtrechtFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class MonitorFilterForm(_Styled):
    """Which part of the monitor to show: a period, and if wanted one district or table."""

    period = forms.CharField(
        label=_("Period"),
        max_length=6,
        validators=[validate_period_code],
        help_text=_("A year (2026) or a half-year (2026H2)."),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.order_by("name"),
        required=False,
        empty_label=_("Whole region"),
    )
    worktable = forms.ModelChoiceField(
        label=_("Werktafel"),
        queryset=Worktable.objects.order_by("name"),
        required=False,
        empty_label=_("All werktafels"),
    )

    def period_value(self, default: Period) -> Period:
        if self.is_valid():
            return Period.parse(self.cleaned_data["period"])
        return default


class TargetForm(_Styled):
    period = forms.CharField(
        label=_("Period"),
        max_length=6,
        validators=[validate_period_code],
        help_text=_("A year (2026) or a half-year (2026H2)."),
    )
    indicator = forms.ChoiceField(label=_("Monitor figure"), choices=Indicator.choices)
    value = forms.DecimalField(
        label=_("Target"),
        min_value=0.1,
        max_digits=10,
        decimal_places=1,
        help_text=_("A number; for a share, the percentage (e.g. 80)."),
    )
    description = forms.CharField(
        label=_("In words (optional)"),
        max_length=300,
        required=False,
        help_text=_("e.g. 500 questions of people with EPA per year"),
    )


class PartnerForm(_Styled):
    name = forms.CharField(label=_("Organisation"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    signatory = forms.CharField(
        label=_("Signed by (function)"), max_length=200, help_text=_("e.g. director")
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput)


class _PartnerChoice(_Styled):
    partner = forms.ModelChoiceField(
        label=_("Covenant partner"), queryset=CovenantPartner.objects.order_by("name")
    )


class CommitmentForm(_PartnerChoice):
    kind = forms.ChoiceField(label=_("What they put in"), choices=CommitmentKind.choices)
    amount = forms.DecimalField(label=_("Amount"), min_value=0.01, max_digits=12, decimal_places=2)
    period = forms.CharField(
        label=_("Period"), max_length=6, validators=[validate_period_code], initial="2026"
    )
    description = forms.CharField(
        label=_("What exactly (optional)"), max_length=300, required=False
    )


class MssRoleForm(_Styled):
    kind = forms.ChoiceField(label=_("Function"), choices=MssRoleKind.choices)
    title = forms.CharField(label=_("Name of the function"), max_length=200, required=False)
    partner = forms.ModelChoiceField(
        label=_("Provided by"),
        queryset=CovenantPartner.objects.order_by("name"),
        required=False,
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week (optional)"), max_digits=6, decimal_places=1, required=False
    )


class SeatForm(_Styled):
    function = forms.CharField(
        label=_("Function"), max_length=200, help_text=_("e.g. alderman, client representative")
    )
    partner = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=CovenantPartner.objects.order_by("name"), required=False
    )
    represents_clients = forms.BooleanField(label=_("Represents clients"), required=False)


class TargetGroupForm(_Styled):
    """The person says whether they want to be counted in the region's target group."""

    target_group = forms.ChoiceField(label=_("Counted in target group"), required=False)
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=[("", _("Not given"))] + AgeBand.choices, required=False
    )
    consented = forms.BooleanField(
        label=_("The person agrees to be counted (only in totals)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_group"].choices = [("", _("Not counted"))] + [
            (group, group) for group in settings.MONITOR_TARGET_GROUPS
        ]
