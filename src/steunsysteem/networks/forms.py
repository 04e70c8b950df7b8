"""The form for someone in a participant's network."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.directory.models import Organization

from .constants import LINK_VALID_FOR, SnapshotOccasion, SupportKind
from .models import NetworkMember


class NetworkMemberForm(UtrechtFormMixin, forms.ModelForm):
    """A member of the network. Changing one carries the ``version`` it was opened at, so
    a save never silently overwrites someone else's newer change."""

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
            "Only for a professional or volunteer who works with this system. If this address"
            " belongs to an account, that person gets a message to confirm the link. Then you"
            " can decide what they may see."
        ),
    )
    gives_back = forms.MultipleChoiceField(
        label=_("What you do for this person"),
        choices=SupportKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

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
        member = self.instance
        if member._state.adding:
            del self.fields["version"]
        else:
            self.fields["version"].initial = member.version
            self.fields["account_email"].initial = (
                member.user.email if member.user_id else member.link_email
            )
            self.fields["account_email"].help_text = _link_status(member)
        self._style_widgets()

    def clean_account_email(self) -> str:
        return self.cleaned_data["account_email"].strip()

    def clean(self):
        cleaned = super().clean()
        if "version" in self.fields and cleaned.get("version") is None:
            # A page without the version it was opened at (e.g. from before this check).
            self.add_error(
                None, _("This page is out of date. Reload it, and make your changes again.")
            )
        return cleaned

    def member_values(self) -> dict:
        """The values for ``network_member_add`` and ``network_member_update``."""
        return {field: self.cleaned_data[field] for field in self.Meta.fields}

    def saved_now(self, member: NetworkMember) -> list[tuple[str, str]]:
        """What is saved now for ``member`` where it differs from what this form holds:
        (label, value) pairs, to show next to the form after a conflicting save."""
        saved = NetworkMemberForm(instance=member)
        differences = []
        for name in self.Meta.fields:
            if name == "account_email":
                continue
            field = self.fields[name]
            value = saved[name].initial
            if field.has_changed(value, self.data_value(name)):
                differences.append((str(field.label), _display(field, value)))
        return differences

    def data_value(self, name: str):
        return self[name].data


def _link_status(member: NetworkMember) -> str:
    if member.user_id:
        return _("Linked: the account holder confirmed it. Empty the field to undo the link.")
    if member.link_pending:
        return _(
            "Waiting for confirmation since %(date)s. If this address belongs to an account,"
            " that person got a message to confirm."
        ) % {"date": date_format(timezone.localtime(member.link_requested_at), "j F Y")}
    if member.link_expired:
        return _(
            "Not confirmed within %(days)d days. Save the address again to ask once more, or"
            " empty the field."
        ) % {"days": LINK_VALID_FOR.days}
    return str(NetworkMemberForm.base_fields["account_email"].help_text)


def _display(field: forms.Field, value) -> str:
    """A saved value as the form shows it: choice labels, yes or no, a date."""
    if value in (None, "", []):
        return "—"
    if isinstance(field, forms.ModelChoiceField):
        return str(field.queryset.filter(pk=getattr(value, "pk", value)).first() or "—")
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(field, forms.DateField):
        return date_format(value, "j F Y")
    return str(value)


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
