import datetime as dt

from django import forms
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin
from steunsysteem.directory.constants import LifeDomain
from steunsysteem.directory.models import Service
from steunsysteem.questions.constants import (
    MOVE_EXPLANATIONS,
    TRANSITIONS,
    ClosedReason,
    Outcome,
    QuestionStatus,
)

from .constants import AgendaItemKind, InvitationKind, WorktableRole
from .models import Invitation


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


class DiscussionForm(ProposalForm):
    """For a theme or a case without a participant: what the table talked about and agreed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["proposal"]
        field.label = _("What did the table talk about and agree?")
        field.help_text = _("For the members of the table only. This stays out of the minutes.")


class AgendaItemAddForm(UtrechtFormMixin, forms.Form):
    """A theme, or a case about no registered person, for the agenda."""

    kind = forms.ChoiceField(
        label=_("What kind of item?"),
        choices=[
            (AgendaItemKind.THEME, _("A theme, e.g. loneliness among carers")),
            (
                AgendaItemKind.CASE,
                _(
                    "A case without a participant, e.g. 'Who at the municipality is the right"
                    " person for ...?'"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        initial=AgendaItemKind.THEME,
    )
    title = forms.CharField(
        label=_("Short title"),
        max_length=120,
        help_text=_(
            "The title goes into the minutes for the mailing list. No names, addresses, dates"
            " of birth or other details that identify someone."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the members of this werktafel read it; it never goes into the minutes or a"
            " mail. Still: no names, addresses, dates of birth or other details that identify"
            " someone."
        ),
    )
    life_domains = forms.MultipleChoiceField(
        label=_("What is it about?"),
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The organisations with offers in these life domains can be invited."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "new-item")
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

    to = forms.ChoiceField(label=_("What happens now?"), widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        label=_("How was it answered?"), choices=[("", "—"), *Outcome.choices], required=False
    )
    closed_reason = forms.ChoiceField(
        label=_("Why does it close?"), choices=[("", "—"), *ClosedReason.choices], required=False
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (status, f"{label}: {MOVE_EXPLANATIONS[status]}")
            for status, label in QuestionStatus.choices
            if status in TRANSITIONS[question.status]
        ]
        self._style_widgets()


# The person at the table: invitations per agenda item, who was there, tips for the minutes --


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


PERSON = "person"


class InvitationForm(UtrechtFormMixin, forms.Form):
    """Whom the chair invites for one agenda item, and the time slot within the meeting.
    Prefixed per item: the meeting page holds one of these for every question."""

    starts_at = forms.TimeField(label=_("Time slot starts at"), widget=TimeInput)
    ends_at = forms.TimeField(label=_("Time slot ends at"), widget=TimeInput)
    invitees = forms.MultipleChoiceField(
        label=_("Whom do you invite?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Organisations get the time and place only. The person also reads that it is"
            " about their question."
        ),
    )
    guest_name = forms.CharField(
        label=_("Someone the person brings: name"),
        max_length=100,
        required=False,
        help_text=_(
            "Someone from their network or an ervaringsdeskundige, if the person wants. The"
            " mail holds no names, only the time and place."
        ),
    )
    guest_email = forms.EmailField(label=_("Their e-mail address"), required=False)

    def __init__(
        self, *args, item, person_invitable: bool, guest_invitable: bool, organizations, **kwargs
    ):
        kwargs.setdefault("prefix", f"item-{item.pk}")
        super().__init__(*args, **kwargs)
        self.meeting = item.meeting
        self.organizations = {f"organization-{o.pk}": o for o in organizations}
        choices = [(PERSON, _("The person concerned"))] if person_invitable else []
        choices += [(key, o.name) for key, o in self.organizations.items()]
        self.fields["invitees"].choices = choices
        if not guest_invitable:
            del self.fields["guest_name"], self.fields["guest_email"]
        start = timezone.localtime(self.meeting.starts_at)
        self.fields["starts_at"].initial = start.time()
        self.fields["ends_at"].initial = min(
            start + dt.timedelta(minutes=20), timezone.localtime(self.meeting.ends_at)
        ).time()
        self._style_widgets()

    @property
    def offers_anyone(self) -> bool:
        return bool(self.fields["invitees"].choices) or "guest_name" in self.fields

    def clean(self):
        cleaned = super().clean()
        day = timezone.localdate(self.meeting.starts_at)
        for name in ("starts_at", "ends_at"):
            if isinstance(cleaned.get(name), dt.time):
                cleaned[name] = timezone.make_aware(dt.datetime.combine(day, cleaned[name]))
        cleaned.setdefault("guest_name", "")
        cleaned.setdefault("guest_email", "")
        invitees = cleaned.pop("invitees", [])
        cleaned["person"] = PERSON in invitees
        cleaned["organizations"] = [
            self.organizations[key] for key in invitees if key in self.organizations
        ]
        return cleaned


class AttendanceForm(UtrechtFormMixin, forms.Form):
    """The tick list of who was there: the table's members, and everyone invited per item."""

    members = forms.ModelMultipleChoiceField(
        label=_("Members of the werktafel"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    invitations = forms.ModelMultipleChoiceField(
        label=_("Invited for an agenda item"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        members = self.fields["members"]
        members.queryset = meeting.worktable.members.order_by("first_name", "username")
        members.label_from_instance = lambda user: user.get_full_name() or user.username
        invitations = self.fields["invitations"]
        invitations.queryset = (
            Invitation.objects.filter(agenda_item__meeting=meeting)
            .select_related("agenda_item__question", "organization")
            .annotate(
                order=Case(
                    When(kind=InvitationKind.PERSON, then=Value(0)),
                    When(kind=InvitationKind.GUEST, then=Value(1)),
                    default=Value(2),
                )
            )
            .order_by("agenda_item__position", "order", "pk")
        )
        invitations.label_from_instance = invitation_label
        present = meeting.attendance.filter(present=True)
        self.initial.setdefault(
            "members", list(present.filter(member__isnull=False).values_list("member", flat=True))
        )
        self.initial.setdefault(
            "invitations",
            list(present.filter(invitation__isnull=False).values_list("invitation", flat=True)),
        )
        if not invitations.queryset.exists():
            del self.fields["invitations"]
        self._style_widgets()


def invitation_label(invitation: Invitation) -> str:
    """Who an invitation is for, without a name: the person, their guest, or an organisation."""
    who = {
        InvitationKind.PERSON: _("the person concerned"),
        InvitationKind.GUEST: _("someone the person brings"),
    }.get(invitation.kind) or (invitation.organization.name if invitation.organization else "")
    return f"{invitation.agenda_item.heading}: {who}"


class TipsForm(UtrechtFormMixin, forms.Form):
    """The offers and a short tip that came up for one question, for the minutes."""

    services = forms.ModelMultipleChoiceField(
        label=_("Offers that came up"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    text = forms.CharField(
        label=_("Tip for the mailing list"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What others can use too, e.g. an offer few people know. Name no one: the minutes"
            " go to everyone on the mailing list."
        ),
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["services"]
        field.queryset = Service.objects.filter(pk__in=[s.pk for s in services]).select_related(
            "organization"
        )
        field.label_from_instance = lambda service: f"{service.name} — {service.organization.name}"
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
