from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput

from .constants import FIRST_NAME_MAX_LENGTH, NAME_MAX_LENGTH, PHONE_MAX_LENGTH, Frequency, Weekday


class TimeInput(forms.TimeInput):
    input_type = "time"


class CircleForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the circle"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("For example the neighbourhood: “Ochtendcirkel Woensel”."),
    )
    coordinator_phone = forms.CharField(
        label=_("Your phone number"),
        max_length=PHONE_MAX_LENGTH,
        help_text=_("The last one in the circle calls you to say everyone was reached."),
    )
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=[("", _("(not for every day)")), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only for a circle that calls once a week."),
    )
    call_time = forms.TimeField(label=_("Time of the first call"), widget=TimeInput)

    def clean(self):
        data = super().clean()
        if data.get("frequency") == Frequency.WEEKLY and data.get("weekday") is None:
            self.add_error("weekday", _("Choose the day of the week."))
        return data


class MemberForm(forms.Form):
    """Who joins: a participant who shared their basic details with the coordinator, or a
    volunteer."""

    person = forms.ChoiceField(label=_("Who joins"))
    first_name = forms.CharField(
        label=_("First name"),
        max_length=FIRST_NAME_MAX_LENGTH,
        help_text=_("Only the first name: the neighbours in the circle see it."),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=PHONE_MAX_LENGTH,
        help_text=_("The one before them in the circle calls this number."),
    )
    agreed_on = forms.DateField(
        label=_("Agreed on"),
        widget=DateInput,
        initial=timezone.localdate,
        help_text=_(
            "The day the person agreed that the people next to them in the circle see their "
            "first name and number."
        ),
    )

    def __init__(self, *args, participants=(), volunteers=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose someone"))]
        choices += [
            (f"p:{p.pk}", _("Participant: %(name)s") % {"name": p.name}) for p in participants
        ]
        choices += [
            (f"v:{v.pk}", _("Volunteer: %(name)s") % {"name": v.get_full_name() or v.username})
            for v in volunteers
        ]
        self.fields["person"].choices = choices
        self._participants = {str(p.pk): p for p in participants}
        self._volunteers = {str(v.pk): v for v in volunteers}

    def clean_person(self):
        kind, _sep, pk = self.cleaned_data["person"].partition(":")
        found = (self._participants if kind == "p" else self._volunteers).get(pk)
        if found is None:
            raise forms.ValidationError(_("Choose someone from the list."))
        return ("participant", found) if kind == "p" else ("volunteer", found)


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(label=_("Away from"), widget=DateInput)
    ends_on = forms.DateField(label=_("Away until and including"), widget=DateInput)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day away cannot be before the first."))
        return data
