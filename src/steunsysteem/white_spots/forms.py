from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import UtrechtFormMixin
from steunsysteem.directory.models import Service

from .constants import OPEN_STATUSES, SignalStatus
from .constants import SHARED_WITH_MUNICIPALITY as SHARED


class _Styled(UtrechtFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class SignalFilterForm(_Styled):
    """Coordinators choose from every status (open ones by default); the municipality sees
    what was sent to it."""

    status = forms.ChoiceField(label=_("Which signals?"))

    def __init__(self, *args, manage: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if manage:
            choices = [
                ("open", _("Open (raised or sent)")),
                *SignalStatus.choices,
                ("all", _("All")),
            ]
        else:
            shared = [(value, label) for value, label in SignalStatus.choices if value in SHARED]
            choices = [("open", _("Sent and answered")), *shared]
        self.fields["status"].choices = choices

    def statuses(self) -> list[str]:
        """The statuses to show."""
        chosen = self.cleaned_data["status"] if self.is_valid() else "open"
        if chosen == "all":
            return list(SignalStatus.values)
        if chosen != "open":
            return [chosen]
        return list(OPEN_STATUSES if "all" in dict(self.fields["status"].choices) else SHARED)


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.organization})" if obj.organization_id else obj.name


class SignalDescribeForm(_Styled):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give the signal a short title.")},
    )
    missing = forms.CharField(
        label=_("What is missing?"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "In general terms, for the municipality. For example: 'A going-out evening for"
            " people with a GGZ background.' No names or details of people."
        ),
    )


class SignalAnswerForm(_Styled):
    service = ServiceChoiceField(
        label=_("Which offer fills it?"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Not on the sociale kaart (yet)"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = (
            Service.objects.public().select_related("organization").order_by("name", "pk")
        )


class SignalDismissForm(_Styled):
    reason = forms.CharField(
        label=_("Why is it dismissed?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("No names or details of people."),
        error_messages={"required": _("Say why the signal is dismissed.")},
    )
