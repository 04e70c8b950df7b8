"""The form for someone in a participant's network."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.directory.models import Organization

from .constants import SnapshotOccasion, SupportKind
from .models import NetworkMember


class NetworkMemberForm(UtrechtFormMixin, forms.ModelForm):
    support_received = forms.MultipleChoiceField(
        label=_("What this person does for you"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    gives_back = forms.MultipleChoiceField(
        label=_("What you do for this person"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = NetworkMember
        fields = [
            "name",
            "relation",
            "circle",
            "organization",
            "support_received",
            "gives_back",
            "gives_back_note",
            "contact_frequency",
            "known_since",
            "is_central_contact",
        ]
        widgets = {
            "circle": forms.RadioSelect,
            "known_since": DateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name")
        self.fields["organization"].empty_label = _("Not an organisation")
        self._style_widgets()


class SnapshotForm(UtrechtFormMixin, forms.Form):
    occasion = forms.ChoiceField(
        label=_("Which moment is this?"),
        choices=SnapshotOccasion.choices,
        widget=forms.RadioSelect,
        initial=SnapshotOccasion.HALF_YEAR,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
