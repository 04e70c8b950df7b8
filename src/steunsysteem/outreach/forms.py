from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput
from steunsysteem.directory.constants import AccessFeature

from .constants import CONTACT_MAX_LENGTH, TEXT_MAX_LENGTH, VISIT_NOTE_MAX_LENGTH, Phase


class VisitForm(forms.Form):
    visited_on = forms.DateField(
        label=_("Date of the visit"), widget=DateInput, initial=timezone.localdate
    )
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=Phase.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "First just being there, then practical help, then social needs, then a group."
        ),
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=VISIT_NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few words. The person reads it."),
    )


class ApproachForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    started_on = forms.DateField(
        label=_("First contact on"), widget=DateInput, initial=timezone.localdate
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class ConversationForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the conversation"), widget=DateInput, initial=timezone.localdate
    )
    spoke_with = forms.CharField(
        label=_("Spoke with"),
        max_length=CONTACT_MAX_LENGTH,
        required=False,
        help_text=_("A role, for example “the board” or “the trainer”."),
    )
    agreed = forms.CharField(
        label=_("What was agreed"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    ggz_friendly = forms.BooleanField(
        label=_("They agreed to be ggz-vriendelijk"),
        required=False,
        help_text=_("They welcome people with a mental health background, as they are."),
    )
    contact_person = forms.CharField(
        label=_("Contact person"),
        max_length=CONTACT_MAX_LENGTH,
        required=False,
        help_text=_("Who at the organisation people can go to."),
    )
    first_visit_on = forms.DateField(
        label=_("First visit together on"), widget=DateInput, required=False
    )


class ProposalForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Entry on the sociale kaart"), queryset=None)
    features = forms.MultipleChoiceField(
        label=_("Features to propose"),
        choices=AccessFeature.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
