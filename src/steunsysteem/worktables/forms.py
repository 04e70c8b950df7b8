import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.questions.constants import (
    TRANSITIONS,
    ClosedReason,
    Outcome,
    QuestionStatus,
)

from .constants import WorktableRole


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(UtrechtFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeInput)
    location = forms.CharField(label=_("Where"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class ProposalForm(UtrechtFormMixin, forms.Form):
    proposal = forms.CharField(
        label=_("Concrete proposal"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What does the table propose? This stays out of the minutes."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class ActionForm(UtrechtFormMixin, forms.Form):
    owner = forms.ModelChoiceField(label=_("Who"), queryset=None)
    what = forms.CharField(label=_("What"), max_length=300)
    due_on = forms.DateField(label=_("By when"), widget=DateInput)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members.order_by("first_name", "username")
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["due_on"].initial = timezone.localdate() + dt.timedelta(days=14)
        self._style_widgets()


class QuestionStatusForm(UtrechtFormMixin, forms.Form):
    """Where a question stands now: only the steps its lifecycle allows from here."""

    to = forms.ChoiceField(label=_("New status"))
    outcome = forms.ChoiceField(
        label=_("How was it answered?"), choices=[("", "—"), *Outcome.choices], required=False
    )
    closed_reason = forms.ChoiceField(
        label=_("Why does it close?"), choices=[("", "—"), *ClosedReason.choices], required=False
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (status, label)
            for status, label in QuestionStatus.choices
            if status in TRANSITIONS[question.status]
        ]
        self._style_widgets()


# Who sits at the table, and who gets its minutes ------------------------------------------


class MemberAddForm(UtrechtFormMixin, forms.Form):
    """Someone from the list of colleagues at the table's organisations, or found by typing
    their e-mail address or user name exactly. The search answers the same for a participant
    as for an address without any account."""

    account = forms.ModelChoiceField(
        label=_("Choose a colleague"),
        queryset=None,
        required=False,
        empty_label="—",
        help_text=_("Professionals and coordinators of the organisations at this table."),
    )
    search = forms.CharField(
        label=_("Or type their e-mail address or user name"),
        max_length=254,
        required=False,
        help_text=_("Exactly as it is. For someone of another organisation."),
    )
    role = forms.ChoiceField(
        label=_("Role at the table"), choices=WorktableRole.choices, initial=WorktableRole.CORE
    )

    def __init__(self, *args, candidates, lookup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = candidates
        self.fields["account"].label_from_instance = _account_label
        self._lookup = lookup
        self._style_widgets()

    def clean(self):
        data = super().clean()
        account, search = data.get("account"), data.get("search", "").strip()
        if account and search:
            raise forms.ValidationError(
                _("Choose someone from the list or type an address, not both.")
            )
        if account:
            data["user"] = account
        elif search:
            data["user"] = self._lookup(search)
            if data["user"] is None:
                self.add_error(
                    "search",
                    _(
                        "We found no professional or coordinator with exactly this e-mail"
                        " address or user name. Check how it is written, or ask a coordinator"
                        " or administrator to invite them."
                    ),
                )
        elif "account" not in self.errors:
            raise forms.ValidationError(
                _("Choose someone from the list, or type their e-mail address or user name.")
            )
        return data


def _account_label(user) -> str:
    organizations = ", ".join(sorted(o.name for o in user.organizations.all()))
    name = user.get_full_name() or user.username
    return f"{name} ({organizations})" if organizations else name


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role at the table"), choices=WorktableRole.choices)


class MailingListForm(UtrechtFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("A work address, e.g. of a team or a contact person. It gets the minutes."),
        error_messages={"invalid": _("Fill in a valid e-mail address.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
