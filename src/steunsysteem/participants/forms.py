"""Forms for registering a participant and recording their consent."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import (
    ConsentScope,
    ConsentSource,
    GranteeKind,
)
from steunsysteem.accounts.models import User
from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.directory.constants import ParticipationGoal
from steunsysteem.directory.distance import parse_postcode
from steunsysteem.directory.models import District, Organization
from steunsysteem.worktables.models import Worktable

from .constants import (
    DeclineReason,
    LadderStep,
    RequestChannel,
    RightsRequestKind,
    SelfSufficiencyDomain,
    SelfSufficiencyScore,
)
from .models import Participant

# A professional records consent obtained outside the portal; only the participant gives it
# in the portal.
RECORDED_SOURCES = [choice for choice in ConsentSource.choices if choice[0] != ConsentSource.PORTAL]
ME = "me"
NO_TABLE = ""


def _latest_end() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=settings.CONSENT_MAX_DAYS)


def _in_a_year() -> dt.date:
    return min(timezone.localdate() + dt.timedelta(days=365), _latest_end())


class ConsentFields(forms.Form):
    """What may be seen, until when (at most ``CONSENT_MAX_DAYS`` ahead), and how the consent
    was given."""

    scopes = forms.MultipleChoiceField(
        label=_("What may be seen"),
        choices=ConsentScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ConsentScope.PROFILE],
    )
    ends_on = forms.DateField(label=_("Valid until"), widget=DateInput, initial=_in_a_year)
    source = forms.ChoiceField(
        label=_("How was the consent given?"),
        choices=RECORDED_SOURCES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = _latest_end()
        field = self.fields["ends_on"]
        field.help_text = _(
            "At the latest %(date)s: consent lasts at most %(days)s days, then it is asked"
            " again. After this day the consent ends by itself. It can be withdrawn any time."
        ) % {"date": date_format(latest, "j F Y"), "days": settings.CONSENT_MAX_DAYS}
        field.widget.attrs.update(
            {"min": timezone.localdate().isoformat(), "max": latest.isoformat()}
        )

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a day in the future."))
        latest = _latest_end()
        if ends_on > latest:
            raise forms.ValidationError(
                _("Consent lasts at most %(days)s days: choose %(date)s or earlier.")
                % {"days": settings.CONSENT_MAX_DAYS, "date": date_format(latest, "j F Y")}
            )
        return ends_on


class HomePostcodeField(forms.CharField):
    """A Dutch postcode as people write it ("3901 AB", "3901ab", "3901"); keeps the 4 digits."""

    def __init__(self, **kwargs):
        super().__init__(
            max_length=10,
            required=False,
            label=_("Home postcode"),
            help_text=_(
                "Only the four digits are kept, to find offers close to home. You may leave it"
                " empty."
            ),
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return ""
        digits = parse_postcode(value)
        if digits is None:
            raise forms.ValidationError(_("Give a Dutch postcode, e.g. 3901 AB or 3901."))
        return digits


class ParticipantRegisterForm(UtrechtFormMixin, forms.ModelForm, ConsentFields):
    """A professional registers someone without an account, with the consent obtained."""

    home_postcode = HomePostcodeField()
    consent_to = forms.ChoiceField(
        label=_("Who may see this?"),
        widget=forms.RadioSelect,
        help_text=_("Your organisation: your colleagues there may see it too."),
    )

    table_consent = forms.ChoiceField(
        label=_("May the werktafel of their district see their questions?"),
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "So that the questions the person asks reach the werktafel of their district,"
            " until the same end date. For a werktafel you sit at yourself it counts after a"
            " second yes."
        ),
    )

    class Meta:
        model = Participant
        fields = ["name", "district", "preferred_language", "contact_route", "contact_detail"]

    field_order = [*Meta.fields, "consent_to", "scopes", "table_consent", "ends_on", "source"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["district"].queryset = District.objects.order_by("name")
        self.fields["district"].empty_label = _("Not given")
        organizations = list(user.organizations.order_by("name"))
        self.fields["consent_to"].choices = [
            (ME, _("Only me")),
            *[(str(organization.pk), organization.name) for organization in organizations],
        ]
        self.fields["consent_to"].initial = ME
        self._organizations = {str(organization.pk): organization for organization in organizations}
        tables = list(
            Worktable.objects.filter(district__isnull=False, theme="")
            .select_related("district")
            .order_by("district__name", "name")
        )
        self._tables = {str(table.pk): table for table in tables}
        self.fields["table_consent"].choices = [
            (NO_TABLE, _("No, not (yet)")),
            *[
                (
                    str(table.pk),
                    _("Yes: %(table)s (district %(district)s)")
                    % {"table": table.name, "district": table.district},
                )
                for table in tables
            ],
        ]
        self.fields["table_consent"].initial = NO_TABLE
        self._style_widgets()

    def clean(self):
        data = super().clean()
        table = self._tables.get(data.get("table_consent") or NO_TABLE)
        if table is None:
            return data
        district = data.get("district")
        if district is None or table.district_id != district.pk:
            self.add_error(
                "table_consent",
                _("Choose the werktafel of the person's district, or no werktafel."),
            )
        elif ConsentScope.PROFILE not in data.get("scopes", []):
            self.add_error(
                "table_consent",
                _(
                    "To write down consent for the werktafel, you must see the basic details"
                    " yourself: tick “%(scope)s” under “What may be seen”."
                )
                % {"scope": ConsentScope.PROFILE.label},
            )
        return data

    def consent_grantee(self):
        choice = self.cleaned_data["consent_to"]
        return self.user if choice == ME else self._organizations[choice]

    def questions_worktable(self) -> Worktable | None:
        """The werktafel of the person's district that may see their questions, if chosen."""
        return self._tables.get(self.cleaned_data.get("table_consent") or NO_TABLE)


class OwnRecordForm(UtrechtFormMixin, forms.ModelForm):
    """A participant with an account starts their own page."""

    home_postcode = HomePostcodeField()

    class Meta:
        model = Participant
        fields = [
            "name",
            "district",
            "home_postcode",
            "preferred_language",
            "contact_route",
            "contact_detail",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("name")
        self.fields["district"].empty_label = _("Not given")
        self._style_widgets()


class ParticipantDetailsForm(OwnRecordForm):
    """Someone's basic details, changed by the person or a caseworker with consent for them."""


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_role_display().lower()})"


class ConsentGrantForm(UtrechtFormMixin, ConsentFields):
    """Who gets consent: a person from a short list (never found by a typed address, which
    would tell whether that address has an account), an organisation or a werktafel."""

    grantee_kind = forms.ChoiceField(
        label=_("Who may see it?"), choices=GranteeKind.choices, widget=forms.RadioSelect
    )
    grantee_user = PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Choose a person"),
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    grantee_organization = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organization.objects.order_by("name"), required=False
    )
    grantee_worktable = forms.ModelChoiceField(
        label=_("Werktafel"), queryset=Worktable.objects.order_by("name"), required=False
    )
    renew = forms.BooleanField(
        label=_("Yes, record it again with the new end date"),
        required=False,
        widget=forms.HiddenInput,
    )

    field_order = [
        "grantee_kind",
        "grantee_user",
        "grantee_organization",
        "grantee_worktable",
        "scopes",
        "ends_on",
        "source",
        "renew",
    ]

    def __init__(self, *args, participant, by_participant: bool, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.participant = participant
        if by_participant:
            # The participant gives consent themselves, here and now.
            del self.fields["source"]
        self.by_participant = by_participant
        self.fields["grantee_user"].queryset = people
        self.fields["grantee_user"].help_text = (
            _(
                "Someone from your network with an account of their own, or someone who has or"
                " had consent. Is the person not in the list? Add them to your network first."
            )
            if by_participant
            else _(
                "Someone from the person's network with an account of their own, someone who has"
                " or had consent, or you."
            )
        )
        self._style_widgets()

    def clean(self):
        data = super().clean()
        kind = data.get("grantee_kind")
        if kind == GranteeKind.USER:
            grantee = data.get("grantee_user")
            if grantee is None and "grantee_user" not in self.errors:
                self.add_error("grantee_user", _("Choose a person from the list."))
        elif kind == GranteeKind.ORGANIZATION:
            grantee = data.get("grantee_organization")
            if grantee is None:
                self.add_error("grantee_organization", _("Choose an organisation."))
        elif kind == GranteeKind.WORKTABLE:
            grantee = data.get("grantee_worktable")
            if grantee is None:
                self.add_error("grantee_worktable", _("Choose a werktafel."))
        else:
            grantee = None
        data["grantee"] = grantee
        if grantee is not None and not data.get("renew"):
            self._warn_about_a_duplicate(grantee, data.get("scopes") or [])
        return data

    def _warn_about_a_duplicate(self, grantee, scopes) -> None:
        """Consent this grantee already has for one of these parts is not recorded twice by
        accident: the form names it and asks to confirm (renewing before the end date)."""
        existing = list(
            self.participant.consent_grants.active()
            .given_to(grantee)
            .filter(scope__in=scopes)
            .select_related("grantee_user", "grantee_organization", "grantee_worktable")
            .order_by("scope")
        )
        if not existing:
            return
        self.fields["renew"].widget = forms.CheckboxInput()
        self._style_widgets()
        self.add_error(
            "renew",
            _(
                "%(grantee)s may already see this until the date shown: %(parts)s. Record it "
                "again only to change the end date; tick the box to do so."
            )
            % {
                "grantee": existing[0].grantee_name,
                "parts": "; ".join(
                    f"{grant.get_scope_display()} ({date_format(grant.ends_on, 'j F Y')})"
                    for grant in existing
                ),
            },
        )

    @property
    def consent_source(self) -> str:
        return ConsentSource.PORTAL if self.by_participant else self.cleaned_data["source"]


class EmergencyAccessForm(UtrechtFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why can this not wait?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the person is in crisis and cannot be reached. Write no names or"
            " diagnoses. The person will see this reason."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class GoalsForm(UtrechtFormMixin, forms.Form):
    goals = forms.MultipleChoiceField(
        label=_("What do you want to work on?"),
        choices=ParticipationGoal.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The six goals of the participatiewiel. Choose as many as you like."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class LadderForm(UtrechtFormMixin, forms.Form):
    step = forms.TypedChoiceField(
        label=_("Where do you stand now?"),
        choices=LadderStep.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    measured_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class ScoresForm(UtrechtFormMixin, forms.Form):
    """One optional 1–5 score per Zelfredzaamheid-Matrix domain, on one date."""

    measured_on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for domain, label in SelfSufficiencyDomain.choices:
            self.fields[domain] = forms.TypedChoiceField(
                label=label,
                choices=[("", _("Not talked about")), *SelfSufficiencyScore.choices],
                coerce=int,
                empty_value=None,
                required=False,
            )
        self._style_widgets()

    def scores(self) -> dict[str, int]:
        return {
            domain: self.cleaned_data[domain]
            for domain in SelfSufficiencyDomain.values
            if self.cleaned_data.get(domain) is not None
        }


class ErasureConfirmForm(UtrechtFormMixin, forms.Form):
    """Typing the word makes sure nobody erases everything with one slip of the hand."""

    confirmation = forms.CharField(
        label=_("Type the word ERASE to confirm"),
        max_length=20,
        help_text=_("In capitals or not, that does not matter."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirmation"].widget.attrs["autocomplete"] = "off"
        self._style_widgets()

    def clean_confirmation(self) -> str:
        value = self.cleaned_data["confirmation"].strip()
        if value.casefold() != str(_("ERASE")).casefold():
            raise forms.ValidationError(_("Type the word ERASE, so we know you are sure."))
        return value


class RightsRequestForm(UtrechtFormMixin, forms.Form):
    """What the person asked for, when and how: recorded before anything is done for them."""

    kind = forms.ChoiceField(
        label=_("What did the person ask for?"), choices=(), widget=forms.RadioSelect
    )
    asked_on = forms.DateField(
        label=_("When did the person ask?"), widget=DateInput, initial=timezone.localdate
    )
    channel = forms.ChoiceField(
        label=_("How did the person ask?"),
        choices=RequestChannel.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, may_erase: bool, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = RightsRequestKind.choices
        if not may_erase:
            kinds = [choice for choice in kinds if choice[0] != RightsRequestKind.ERASURE]
        self.fields["kind"].choices = kinds
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0][0]
        self._style_widgets()

    def clean_asked_on(self):
        asked_on = self.cleaned_data["asked_on"]
        if asked_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return asked_on


class RightsRequestDeclineForm(UtrechtFormMixin, forms.Form):
    """Why a request to erase is not carried out. The person sees the reason."""

    reason = forms.ChoiceField(
        label=_("Why is the request not carried out?"),
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        help_text=_("The person sees this on their page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
