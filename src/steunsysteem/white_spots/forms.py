from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.directory.constants import LifeDomain
from steunsysteem.directory.models import District, Service

from .constants import OPEN_STATUSES, SignalSource, SignalStatus
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


class SignalRaiseForm(_Styled):
    """A signal a coordinator raises by hand, from something heard outside the werktafels."""

    source = forms.ChoiceField(
        label=_("Where does it come from?"),
        choices=[
            (value, label)
            for value, label in SignalSource.choices
            if value != SignalSource.QUESTIONS
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the signal comes from.")},
    )
    source_description = forms.CharField(
        label=_("Which one, and when?"),
        max_length=300,
        help_text=_(
            "For example: 'Client council GGZ Partistad, meeting of 3 March'. No names or"
            " details of people."
        ),
        error_messages={
            "required": _("Say which consultation, steunpunt or council it comes from.")
        },
    )
    life_domain = forms.ChoiceField(
        label=_("Life domain"),
        choices=LifeDomain.choices,
        error_messages={"required": _("Choose a life domain.")},
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.none(),
        required=False,
        empty_label=_("The whole region"),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("Short, for the municipality."),
        error_messages={"required": _("Give the signal a short title.")},
    )
    missing = forms.CharField(
        label=_("What is missing?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In general terms, for the municipality. No names or details of people."),
        error_messages={"required": _("Describe what is missing.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("name")


class SignalRespondForm(_Styled):
    """The municipality's answer: what it will do, and by when."""

    response = forms.CharField(
        label=_("What will the municipality do?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain words: the coordinator and the werktafel read this."),
        error_messages={"required": _("Say what the municipality will do.")},
    )
    due_on = forms.DateField(
        label=_("By when?"),
        widget=DateInput,
        error_messages={
            "required": _("Say by when."),
            "invalid": _("Fill in a valid date."),
        },
    )
