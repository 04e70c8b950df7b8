import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.questions.constants import (
    TRANSITIONS,
    ClosedReason,
    Outcome,
    QuestionStatus,
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(UtrechtFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeInput)
    location = forms.CharField(label=_("Where"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class ProposalForm(UtrechtFormMixin, forms.Form):
    proposal = forms.CharField(
        label=_("Concrete proposal"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What does the table propose? This stays out of the minutes."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class ActionForm(UtrechtFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label=_("Who"), queryset=None)
    what = forms.CharField(label=_("What"), max_length=300)
    due_on = forms.DateField(label=_("By when"), widget=DateInput)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members.order_by("first_name", "username")
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["due_on"].initial = timezone.localdate() + dt.timedelta(days=14)
        self._style_widgets()


class QuestionStatusForm(UtrechtFormMixin, forms.Form):
    """Where a question stands now: only the steps its lifecycle allows from here."""

    to = forms.ChoiceField(label=_("New status"))
    outcome = forms.ChoiceField(
        label=_("How was it answered?"), choices=[("", "—"), *Outcome.choices], required=False
    )
    closed_reason = forms.ChoiceField(
        label=_("Why does it close?"), choices=[("", "—"), *ClosedReason.choices], required=False
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (status, label)
            for status, label in QuestionStatus.choices
            if status in TRANSITIONS[question.status]
        ]
        self._style_widgets()
