from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import Role
from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.directory.models import District, Organization
from steunsysteem.participants.constants import Language

from .constants import EndReason, Interest, Weekday


class BuddyForm(UtrechtFormMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class ProfileForm(BuddyForm):
    """The volunteer's profile; the screening dates only for the project's coordinator."""

    interests = forms.MultipleChoiceField(
        label=_("Likes to do"),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    postcode = forms.RegexField(
        label=_("Postcode (4 digits)"),
        regex=r"^[1-9][0-9]{3}$",
        required=False,
        max_length=4,
        error_messages={"invalid": _("Give the four digits, e.g. 3901.")},
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.order_by("name"), required=False
    )
    days = forms.MultipleChoiceField(
        label=_("Days"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    times = forms.CharField(
        label=_("Times"), max_length=100, required=False, help_text=_("For example: afternoons.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    does_not_want = forms.CharField(
        label=_("What I do not want"),
        max_length=300,
        required=False,
        help_text=_("For example: no visits at home, no smoking."),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        required=False,
        help_text=_("Shared with a person only once both of you said yes to the match."),
    )
    is_available = forms.BooleanField(
        label=_("Available for a new match"), required=False, initial=True
    )
    intake_on = forms.DateField(label=_("Intake done on"), required=False, widget=DateInput())
    vog_checked_on = forms.DateField(
        label=_("VOG checked on"),
        required=False,
        widget=DateInput(),
        help_text=_("Only the date you saw the certificate of conduct. Do not keep a copy."),
    )

    def __init__(self, *args, screening: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not screening:
            del self.fields["intake_on"]
            del self.fields["vog_checked_on"]


class RegisterVolunteerForm(ProfileForm):
    user = forms.ModelChoiceField(
        label=_("Volunteer"),
        queryset=None,
        help_text=_("A volunteer account of this maatjesproject without a profile yet."),
    )
    field_order = ["user"]

    def __init__(self, *args, project: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        from steunsysteem.accounts.models import User

        self.fields["user"].queryset = User.objects.filter(
            role=Role.VOLUNTEER,
            is_active=True,
            organizations=project,
            volunteer_profile__isnull=True,
        ).order_by("first_name", "last_name")
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.username


class AskForm(BuddyForm):
    question = forms.ModelChoiceField(label=_("From which question?"), queryset=None)
    project = forms.ModelChoiceField(
        label=_("Maatjesproject"),
        queryset=Organization.objects.filter(buddy_coordinators__isnull=False)
        .distinct()
        .order_by("name"),
    )
    interests = forms.MultipleChoiceField(
        label=_("What would the person like to do with a buddy?"),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    days = forms.MultipleChoiceField(
        label=_("Which days suit the person?"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    person_agrees = forms.BooleanField(
        label=_(
            "The person agrees that the maatjesproject gets this wish, with their first name,"
            " district and language."
        ),
    )

    def __init__(self, *args, questions, is_self: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = questions
        self.fields["question"].label_from_instance = lambda q: (
            q.text if is_self else f"{q.participant.name}: {q.text}"
        )
        if is_self:
            self.fields["person_agrees"].label = _(
                "I agree that the maatjesproject gets this wish, with my first name, district"
                " and language."
            )


class ParticipantAnswerForm(BuddyForm):
    answer = forms.ChoiceField(
        label=_("Do you want to meet this volunteer?"),
        choices=[("yes", _("Yes")), ("no", _("No, rather not"))],
        widget=forms.RadioSelect,
    )
    in_network = forms.BooleanField(
        label=_("Show the buddy in my network (as 'Volunteer or buddy')"),
        required=False,
        initial=True,
    )


class VolunteerAnswerForm(BuddyForm):
    answer = forms.ChoiceField(
        label=_("Do you want to become this person's buddy?"),
        choices=[("yes", _("Yes")), ("no", _("No, rather not"))],
        widget=forms.RadioSelect,
    )


class CheckInForm(BuddyForm):
    goes_well = forms.ChoiceField(
        label=_("Is it going well?"),
        choices=[("yes", _("Yes")), ("no", _("No, something is wrong"))],
        widget=forms.RadioSelect,
    )
    concern = forms.CharField(
        label=_("Do you want to tell the coordinator something?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=_("Only the coordinator of the maatjesproject reads this, not the other side."),
    )


class EndForm(BuddyForm):
    reason = forms.ChoiceField(label=_("Why does the match end?"), choices=EndReason.choices)
