"""The lists in the editor's form: times, opening hours, phone numbers, contact persons and
costs. One small form per row, in a formset: the page shows the current rows and a few empty
ones, works without JavaScript, and a row is removed by ticking "Remove".

Each row form turns its cleaned data into the row dict of ``service_rows`` (``row()``) and
back (``initial_from``), so an untouched row compares equal to the stored one.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin

from .constants import Weekday
from .service_rows import amount_text

WEEKLY, BIWEEKLY, MONTHLY = "weekly", "biweekly", "monthly"
MAX_ROWS = 20
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")


def clean_phone_number(value: str) -> str:
    value = " ".join(value.split())
    digits = sum(char.isdigit() for char in value)
    if not _PHONE_CHARACTERS.match(value) or not 3 <= digits <= 15:
        raise ValidationError(
            _("Write the phone number with digits only, for example 030 123 45 67."),
            code="phone",
        )
    return value


class TimeInput(forms.TimeInput):
    """The browser's own time picker (hours and minutes)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class RowForm(UtrechtFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def row(self) -> dict[str, Any]:
        raise NotImplementedError


class ScheduleRowForm(RowForm):
    """One rhythm: days, start and end time, and a note."""

    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=[
            (WEEKLY, _("Every week")),
            (BIWEEKLY, _("Every other week")),
            (MONTHLY, _("Once a month")),
        ],
        initial=WEEKLY,
        widget=forms.RadioSelect,
    )
    days = forms.MultipleChoiceField(
        label=_("Days"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day.")},
    )
    week_of_month = forms.TypedChoiceField(
        label=_("Which week of the month"),
        help_text=_("Only for once a month. For example: the first Tuesday of the month."),
        choices=[
            ("", _("Not needed")),
            ("1", _("first")),
            ("2", _("second")),
            ("3", _("third")),
            ("4", _("fourth")),
            ("-1", _("last")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Not every month has a fifth week. Choose first, second, third, fourth or last."
            )
        },
    )
    starts_on = forms.DateField(
        label=_("First date"),
        help_text=_("Only for every other week: a date it takes place, so we know which weeks."),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Fill in a date, for example 14-01-2025.")},
    )
    opens_at = forms.TimeField(
        label=_("Start time"),
        widget=TimeInput,
        error_messages={
            "required": _("Fill in the start time, for example 10:00."),
            "invalid": _("Fill in a time, for example 10:00."),
        },
    )
    closes_at = forms.TimeField(
        label=_("End time"),
        help_text=_("Leave empty when there is no fixed end time."),
        required=False,
        widget=TimeInput,
        error_messages={"invalid": _("Fill in a time, for example 12:00.")},
    )
    notes = forms.CharField(
        label=_("Note"),
        help_text=_("For example: not in the school holidays."),
        required=False,
        max_length=300,
    )

    def clean(self):
        data = super().clean()
        frequency = data.get("frequency")
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The end time must be later than the start time."))
        week = data.get("week_of_month")
        if frequency == MONTHLY and week is None and "week_of_month" not in self.errors:
            self.add_error(
                "week_of_month", _("Choose which week of the month, for example the first.")
            )
        if frequency != MONTHLY and week is not None:
            self.add_error(
                "week_of_month",
                _("Choose 'Once a month' at 'How often', or set this back to 'Not needed'."),
            )
        if frequency == BIWEEKLY and not data.get("starts_on") and "starts_on" not in self.errors:
            self.add_error("starts_on", _("Fill in a date it takes place, so we know which weeks."))
        if frequency != BIWEEKLY:
            data["starts_on"] = None
        return data

    @classmethod
    def initial_from(cls, row: dict[str, Any]) -> dict[str, Any]:
        parts = row["byday"].split(",")
        week = parts[0][:-2]
        if row["freq"] == "MONTHLY":
            frequency = MONTHLY
        else:
            frequency = BIWEEKLY if row["interval"] == 2 else WEEKLY
        return {
            "frequency": frequency,
            "days": [part[-2:] for part in parts],
            "week_of_month": week or "",
            "starts_on": dt.date.fromisoformat(row["dtstart"]) if row["dtstart"] else None,
            "opens_at": dt.time.fromisoformat(row["opens_at"]),
            "closes_at": dt.time.fromisoformat(row["closes_at"]) if row["closes_at"] else None,
            "notes": row["notes"],
        }

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        codes = [code for code in Weekday.values if code in data["days"]]
        ordinal = str(data["week_of_month"]) if data["frequency"] == MONTHLY else ""
        closes = data["closes_at"]
        return {
            "freq": "MONTHLY" if data["frequency"] == MONTHLY else "WEEKLY",
            "interval": 2 if data["frequency"] == BIWEEKLY else 1,
            "byday": ",".join(ordinal + code for code in codes),
            "dtstart": data["starts_on"].isoformat() if data["starts_on"] else None,
            "opens_at": data["opens_at"].strftime("%H:%M"),
            "closes_at": closes.strftime("%H:%M") if closes else None,
            "notes": data["notes"].strip(),
        }


class OpeningHoursRowForm(ScheduleRowForm):
    """Opening hours of one of the organisation's locations."""

    location = forms.ChoiceField(
        label=_("Location"),
        choices=[],
        error_messages={
            "required": _("Choose the location these opening hours are for."),
            "invalid_choice": _("Choose one of your own locations."),
        },
    )

    field_order = ["location"]

    def __init__(self, *args, locations: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", _("Choose a location")), *locations]
        self._style_widgets()

    @classmethod
    def initial_from(cls, row: dict[str, Any]) -> dict[str, Any]:
        return {**super().initial_from(row), "location": row["location"]}

    def row(self) -> dict[str, Any]:
        return {**super().row(), "location": self.cleaned_data["location"]}


class PhoneRowForm(RowForm):
    number = forms.CharField(
        label=_("Phone number"),
        max_length=64,
        error_messages={"required": _("Fill in the phone number, or tick 'Remove'.")},
    )
    description = forms.CharField(
        label=_("When to call or what for"),
        help_text=_("For example: on weekdays from 9:00 to 12:00."),
        required=False,
        max_length=200,
    )

    def clean_number(self) -> str:
        return clean_phone_number(self.cleaned_data["number"])

    @classmethod
    def initial_from(cls, row: dict[str, Any]) -> dict[str, Any]:
        return dict(row)

    def row(self) -> dict[str, Any]:
        return {
            "number": self.cleaned_data["number"],
            "description": self.cleaned_data["description"].strip(),
        }


class ContactRowForm(RowForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=255)
    title = forms.CharField(
        label=_("Role"), help_text=_("For example: host or coordinator."), required=False
    )
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=64)
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        return clean_phone_number(value) if value.strip() else ""

    def clean(self):
        data = super().clean()
        if not data.get("name", "").strip() and not data.get("title", "").strip():
            self.add_error("name", _("Fill in a name or a role."))
        return data

    @classmethod
    def initial_from(cls, row: dict[str, Any]) -> dict[str, Any]:
        return dict(row)

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "title": data["title"].strip(),
            "phone": data["phone"],
            "email": data["email"],
        }


class CostRowForm(RowForm):
    amount = forms.DecimalField(
        label=_("Amount in euros"),
        help_text=_("Fill in 0 when it is free."),
        required=False,
        min_value=0,
        max_value=Decimal("9999.99"),
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "min_value": _("The amount cannot be less than 0."),
            "max_value": _("The amount cannot be more than 9999.99."),
            "invalid": _("Fill in an amount in euros, for example 2.50."),
        },
    )
    per = forms.CharField(
        label=_("Per"), help_text=_("For example: per time or per month."), required=False
    )
    condition = forms.CharField(
        label=_("For whom or when"),
        help_text=_("For example: with a city pass. Or say what it costs if there is no amount."),
        required=False,
        max_length=300,
    )

    def clean(self):
        data = super().clean()
        if "amount" in self.errors:
            return data
        amount, per = data.get("amount"), data.get("per", "").strip()
        if amount is None and not data.get("condition", "").strip():
            self.add_error("amount", _("Fill in an amount (0 when it is free) or a description."))
        if amount is None and per:
            self.add_error("per", _("Fill in an amount too, or leave 'Per' empty."))
        return data

    @classmethod
    def initial_from(cls, row: dict[str, Any]) -> dict[str, Any]:
        amount = row["amount"]
        return {**row, "amount": None if amount is None else Decimal(amount)}

    def row(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "amount": amount_text(data["amount"]),
            "per": data["per"].strip(),
            "condition": data["condition"].strip(),
        }


class RowFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")
            form.fields["DELETE"].widget.attrs["class"] = (
                "utrecht-checkbox utrecht-checkbox--html-input"
            )

    def rows(self) -> list[dict[str, Any]]:
        """The rows as they should be: the kept ones and the filled-in new ones."""
        return [
            form.row()
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and not self._should_delete_form(form)
        ]


def row_formset(form: type[RowForm], *, extra: int) -> type[RowFormSet]:
    return forms.formset_factory(
        form,
        formset=RowFormSet,
        extra=extra,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
    )
