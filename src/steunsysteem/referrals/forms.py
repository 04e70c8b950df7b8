from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import ConsentSource
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import Organization, Service
from steunsysteem.directory.search import SearchParams, search_services
from steunsysteem.matching.questions import match_for_question

from .constants import (
    TRANSITIONS,
    CheckInAnswer,
    Companion,
    DeclineReason,
    EndOutcome,
    ReferralStatus,
)
from .services import Step

# How the person agreed, when someone else records it (not their own account).
RECORDED_SOURCES = [
    (value, label) for value, label in ConsentSource.choices if value != ConsentSource.PORTAL
]


# How many of the matcher's suggestions come first in the list.
SUGGESTIONS = 5


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organization})"


def referable_services():
    """Active services of an organisation: never an inactive or (temporarily) closed one."""
    return (
        Service.objects.filter(status=ServiceStatus.ACTIVE, organization__isnull=False)
        .select_related("organization")
        .order_by("name")
    )


class ReferralForm(forms.Form):
    """Refer a question to a service. With the question, the services the matcher suggests
    for it come first, each with its reasons; then all other active services (those whose
    words fit ``search`` only, when the referrer searched)."""

    service = ServiceChoiceField(
        label=_("Refer to"),
        queryset=referable_services(),
        help_text=_(
            "First the offers that fit this question best, with why; then all other active"
            " offers of the sociale kaart."
        ),
    )
    consent_source = forms.ChoiceField(
        label=_("How did the person agree that this organisation sees their basic details?"),
        choices=[("", _("They agreed before (the consent is written down already)"))]
        + RECORDED_SOURCES,
        required=False,
        help_text=_(
            "The organisation sees the person's name and how to reach them, nothing more. Ask"
            " the person first."
        ),
    )

    def __init__(self, *args, question=None, request=None, search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.search = (search or "").strip()
        self.suggestions = []
        if question is not None and request is not None:
            result = match_for_question(question=question, request=request, limit=SUGGESTIONS)
            self.suggestions = [
                match for match in result.matches if match.service.organization_id is not None
            ]
        field = self.fields["service"]
        suggested = [match.service.pk for match in self.suggestions]
        rest = field.queryset.exclude(pk__in=suggested)
        if self.search:
            rest = search_services(SearchParams(text=self.search), rest).services.select_related(
                "organization"
            )
        others = [(str(service.pk), field.label_from_instance(service)) for service in rest]
        if not self.suggestions:
            field.choices = [("", "---------"), *others]
            return
        field.choices = [
            ("", "---------"),
            (
                gettext("Suggested for this question"),
                [(str(match.service.pk), self._label(match)) for match in self.suggestions],
            ),
            (
                gettext("Other offers that fit your search")
                if self.search
                else gettext("All other offers"),
                others,
            ),
        ]

    def _label(self, match) -> str:
        label = self.fields["service"].label_from_instance(match.service)
        return f"{label}: {', '.join(match.reasons)}" if match.reasons else label


class StepForm(forms.Form):
    """What the receiving organisation fills in; the service checks the details per step."""

    to = forms.ChoiceField(label=_("What happens now?"), widget=forms.RadioSelect)
    introduction_on = forms.DateField(
        label=_("Date of the introduction"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    companion = forms.ChoiceField(
        label=_("Who goes along the first time?"),
        choices=[("", "—"), *Companion.choices],
        required=False,
    )
    companion_organization = forms.ModelChoiceField(
        label=_("From which organisation?"),
        queryset=Organization.objects.order_by("name"),
        required=False,
    )
    started_on = forms.DateField(
        label=_("Started on"),
        required=False,
        help_text=_("Empty: today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end_outcome = forms.ChoiceField(
        label=_("How did it end?"), choices=[("", "—"), *EndOutcome.choices], required=False
    )
    decline_reason = forms.ChoiceField(
        label=_("Why do you decline?"), choices=[("", "—"), *DeclineReason.choices], required=False
    )

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (value, label)
            for value, label in ReferralStatus.choices
            if value in TRANSITIONS.get(status, ())
        ]

    def step(self) -> Step:
        data = self.cleaned_data
        return Step(
            to=data["to"],
            introduction_on=data["introduction_on"],
            companion=data["companion"],
            companion_organization=data["companion_organization"],
            started_on=data["started_on"],
            end_outcome=data["end_outcome"],
            decline_reason=data["decline_reason"],
        )


class CheckInForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Is it still going well?"), choices=CheckInAnswer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Why not? (in short)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(),
    )
