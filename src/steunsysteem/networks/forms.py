"""The form for someone in a participant's network."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import CONSENT_HOLDER_ROLES
from steunsysteem.accounts.models import User
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
    account_email = forms.EmailField(
        label=_("E-mail address of their account here"),
        required=False,
        help_text=_(
            "Only for a professional or volunteer who works with this system. Then you can"
            " decide what they may see."
        ),
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
            "account_email",
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
        if self.instance.user_id:
            self.fields["account_email"].initial = self.instance.user.email
        self._style_widgets()

    def clean_account_email(self):
        """The account the member has here, found by its e-mail address (or none)."""
        email = self.cleaned_data["account_email"]
        if not email:
            return None
        user = User.objects.filter(
            email__iexact=email, is_active=True, role__in=CONSENT_HOLDER_ROLES
        ).first()
        if user is None:
            raise forms.ValidationError(_("There is no account with this e-mail address."))
        return user

    def member_values(self) -> dict:
        """The values for ``network_member_add`` and ``network_member_update``."""
        values = {field: self.cleaned_data[field] for field in self.Meta.fields}
        values["user"] = values.pop("account_email")
        return values


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
