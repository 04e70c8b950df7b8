"""Forms of the sociale kaart's editor pages and the visitor's "out of date" report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import UtrechtFormMixin

from . import service_rows
from .constants import AccessFeature, LifeDomain, ParticipationGoal
from .forms_rows import (
    ContactRowForm,
    CostRowForm,
    OpeningHoursRowForm,
    PhoneRowForm,
    RowFormSet,
    ScheduleRowForm,
    row_formset,
)
from .links import web_address_validator
from .models import Organization, Service
from .services import TEXT_FIELDS


def _service_formfield(model_field, **kwargs):
    if not isinstance(model_field, models.URLField):
        return model_field.formfield(**kwargs)
    field = model_field.formfield(assume_scheme="https", **kwargs)
    # Only web addresses: not the ftp: of Django's default, nor javascript: and the like.
    field.validators = [web_address_validator]
    field.error_messages["invalid"] = web_address_validator.message
    return field


class ServiceForm(UtrechtFormMixin, forms.ModelForm):
    """The values of an entry an editor may propose. Never saved directly: ``values()``
    becomes a change request."""

    life_domains = forms.MultipleChoiceField(
        label=_("Life domains"),
        choices=LifeDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    participation_goals = forms.MultipleChoiceField(
        label=_("Participation goals"),
        help_text=_("What the activity helps with, in the words of the participatiewiel."),
        choices=ParticipationGoal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_features = forms.MultipleChoiceField(
        label=_("Accessibility"),
        choices=AccessFeature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        help_text=_("The languages someone can speak at the activity."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    locations = forms.MultipleChoiceField(
        label=_("Locations"),
        help_text=_("Where the activity takes place. Only your organisation's locations."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = [*TEXT_FIELDS, "places_available"]
        formfield_callback = _service_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "alert": forms.Textarea(attrs={"rows": 2}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args,
        organization: Organization,
        snapshot: dict | None = None,
        service: Service | None = None,
        **kwargs,
    ):
        if snapshot is not None:
            kwargs.setdefault("initial", snapshot)
        super().__init__(*args, **kwargs)
        self.fields["locations"].choices = [
            (str(location.pk), str(location))
            for location in organization.locations.order_by("name")
        ]
        self.fields["languages"].choices = list(service_rows.language_names(service).items())
        self._style_widgets()

    def values(self) -> dict[str, Any]:
        """The cleaned values in the JSON form of ``services.service_snapshot``."""
        data = self.cleaned_data
        values: dict[str, Any] = {
            field: self._unless_unchanged(field, data[field] or "") for field in TEXT_FIELDS
        }
        values["places_available"] = data["places_available"]
        for key in ("life_domains", "access_features", "participation_goals", "locations"):
            values[key] = sorted(data[key])
        values["languages"] = sorted(data["languages"])
        return values

    def _unless_unchanged(self, field: str, value: str) -> str:
        """Browsers send textareas with CRLF line ends and the form strips spaces: keep the
        stored text when only that differs, so untouched fields do not show as changed."""
        value = value.replace("\r\n", "\n")
        original = self.initial.get(field)
        if isinstance(original, str) and original.replace("\r\n", "\n").strip() == value:
            return original
        return value


# The lists of an entry, each a formset: snapshot key → (row form, empty rows, prefix).
ROW_FORMSETS: dict[str, tuple[type, int, str]] = {
    "schedules": (ScheduleRowForm, 2, "times"),
    "location_hours": (OpeningHoursRowForm, 1, "hours"),
    "phones": (PhoneRowForm, 1, "phones"),
    "contacts": (ContactRowForm, 1, "contacts"),
    "costs": (CostRowForm, 1, "costs"),
}


class EntryForm:
    """The whole edit page: the entry's own fields (``main``) and its lists (``formsets``).

    Valid only when every part is; ``values()`` is the proposal in snapshot form.
    """

    def __init__(
        self,
        data=None,
        *,
        organization: Organization,
        snapshot: dict | None = None,
        service: Service | None = None,
    ):
        self.main = ServiceForm(data, organization=organization, snapshot=snapshot, service=service)
        locations = self.main.fields["locations"].choices
        self.formsets: dict[str, RowFormSet] = {}
        for key, (form_class, extra, prefix) in ROW_FORMSETS.items():
            rows = (snapshot or {}).get(key, [])
            formset_class = row_formset(form_class, extra=extra)
            self.formsets[key] = formset_class(
                data,
                initial=[form_class.initial_from(row) for row in rows],
                prefix=prefix,
                form_kwargs={"locations": locations} if key == "location_hours" else {},
            )

    def is_valid(self) -> bool:
        results = [self.main.is_valid(), *(f.is_valid() for f in self.formsets.values())]
        return all(results)

    @property
    def errors(self) -> bool:
        return bool(self.main.errors) or any(not f.is_valid() for f in self.formsets.values())

    def non_field_errors(self) -> list:
        errors = list(self.main.non_field_errors())
        for formset in self.formsets.values():
            errors.extend(formset.non_form_errors())
        return errors

    def add_error(self, field, error) -> None:
        self.main.add_error(field, error)

    def values(self) -> dict[str, Any]:
        values = self.main.values()
        for key, formset in self.formsets.items():
            values[key] = service_rows.sorted_rows(formset.rows())
        return values


class ReviewForm(UtrechtFormMixin, forms.Form):
    """A coordinator's decision on a change request."""

    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note for the editor"),
        help_text=_("Required when you reject: say what should be different."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("note", "").strip():
            self.add_error("note", _("Write a note so the editor knows what to change."))
        return cleaned


class OutdatedReportForm(UtrechtFormMixin, forms.Form):
    """A visitor's report that an entry is out of date. No name or e-mail is asked."""

    message = forms.CharField(
        label=_("What is out of date?"),
        help_text=_("For example a new address or opening hours. Do not write personal details."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
    )
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def is_from_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
