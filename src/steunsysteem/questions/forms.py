"""The question form: what the person would like, which werktafel takes it up, and the
consent that the table may see it, in one step."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import ConsentSource
from steunsysteem.accounts.services import latest_consent_end
from steunsysteem.core.forms import UtrechtFormMixin
from steunsysteem.directory.constants import LifeDomain

from .constants import ProposalChoice, Readiness, Urgency
from .query import district_worktable, worktables_for

# How the table consent is asked: the participant gives it themselves; a professional or
# coordinator who may record consent writes down what the person said, and how; anyone else
# cannot give it here.
ASK_SELF = "self"
ASK_RECORD = "record"
ASK_NONE = "none"

NOT_NOW = ""
RECORDED_ANSWERS = [
    (NOT_NOW, _("No, not (yet) asked")),
    (ConsentSource.SPOKEN, _("Yes, said in a conversation")),
    (ConsentSource.WRITTEN, _("Yes, signed on a form")),
    (ConsentSource.REPRESENTATIVE, _("Yes, given by a legal representative")),
]
OWN_ANSWERS = [
    (ConsentSource.PORTAL, _("Yes, the werktafel may see my questions")),
    (NOT_NOW, _("No, not now")),
]


# The fields of the question form that are the question itself (the services take them as is).
QUESTION_FIELDS = ("text", "life_domains", "wishes_and_limits", "readiness", "urgency", "worktable")


class WorktableChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        if obj.theme:
            return _("%(name)s (theme: %(theme)s)") % {"name": obj.name, "theme": obj.theme}
        if obj.district_id:
            return _("%(name)s (district %(district)s)") % {
                "name": obj.name,
                "district": obj.district,
            }
        return obj.name


class QuestionForm(UtrechtFormMixin, forms.Form):
    text = forms.CharField(
        label=_("What would you like?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "In your own words. For example: 'I would like to sing in a choir, but I find it"
            " scary to go alone.'"
        ),
    )
    life_domains = forms.MultipleChoiceField(
        label=_("What is it about?"),
        choices=LifeDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    wishes_and_limits = forms.CharField(
        label=_("What has to fit?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: near home, not in the evening, free, in Turkish."),
    )
    readiness = forms.ChoiceField(
        label=_("What feels possible now?"),
        choices=Readiness.choices,
        initial=Readiness.SMALL_STEP,
        widget=forms.RadioSelect,
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
        required=False,
    )
    worktable = WorktableChoiceField(
        label=_("Which werktafel takes up the question?"),
        queryset=None,
        required=False,
        blank=True,
        widget=forms.RadioSelect,
        empty_label=_("No werktafel yet"),
        help_text=_(
            "The werktafel of the district, or a table about one theme. Professionals from"
            " organisations in the region look there for an answer together."
        ),
        error_messages={"invalid_choice": _("Choose a werktafel from the list.")},
    )
    table_consent = forms.ChoiceField(required=False, widget=forms.RadioSelect)

    def __init__(
        self,
        *args,
        participant,
        ask: str,
        tables_with_consent=(),
        table_fixed: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.ask = ask
        table = self.fields["worktable"]
        table.queryset = worktables_for(participant).select_related("district")
        if "worktable" not in self.initial:
            default = district_worktable(participant.district)
            table.initial = default.pk if default is not None else None
        if table_fixed:
            table.disabled = True
            table.help_text = _(
                "The question is on the agenda of this werktafel already, so it stays there."
            )
        until = date_format(latest_consent_end(), "j F Y")
        allowed = ", ".join(str(worktable) for worktable in tables_with_consent)
        consent = self.fields["table_consent"]
        if ask == ASK_SELF:
            consent.label = _("May the werktafel see your questions?")
            consent.choices = OWN_ANSWERS
            consent.help_text = _(
                "Then the people at that werktafel see your questions and what happens with"
                " them, until %(date)s. You can withdraw this at any time on 'Who may see"
                " what'."
            ) % {"date": until}
        elif ask == ASK_RECORD:
            consent.label = _("Did %(name)s agree that the werktafel sees their questions?") % {
                "name": participant.name
            }
            consent.choices = RECORDED_ANSWERS
            consent.help_text = _(
                "Until %(date)s; the person can withdraw it at any time. For a werktafel you"
                " sit at yourself, it counts after a second yes."
            ) % {"date": until}
        else:
            del self.fields["table_consent"]
        if allowed and "table_consent" in self.fields:
            consent.help_text = _("%(help)s Already allowed: %(tables)s.") % {
                "help": consent.help_text,
                "tables": allowed,
            }
        self._style_widgets()

    def clean_readiness(self) -> str:
        return self.cleaned_data["readiness"] or Readiness.SMALL_STEP

    def clean_urgency(self) -> str:
        return self.cleaned_data["urgency"] or Urgency.NORMAL

    def clean(self):
        data = super().clean()
        if data.get("table_consent") and data.get("worktable") is None:
            self.add_error("worktable", _("Choose the werktafel that may see the question."))
        return data

    def table_consent_source(self) -> str:
        return self.cleaned_data.get("table_consent", NOT_NOW) or NOT_NOW

    def question_fields(self) -> dict:
        """The question as the form holds it: what ``question_submit`` and ``question_correct``
        take, besides the question or participant and who does it."""
        return {
            **{field: self.cleaned_data[field] for field in QUESTION_FIELDS},
            "table_consent_source": self.table_consent_source(),
        }


class ProposalAnswerForm(UtrechtFormMixin, forms.Form):
    """The person's answer to the werktafel's proposal. The choice comes from the button
    pressed ("I want this" or "Rather not"); the explanation may stay empty."""

    explanation = forms.CharField(
        label=_("Do you want to say something about it?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example why you would rather not, or what would suit you better."),
    )
    choice = forms.ChoiceField(choices=ProposalChoice.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("choice"):
            # The buttons are the choice: the message belongs to the whole form.
            raise forms.ValidationError(_("Choose 'I want this' or 'Rather not'."))
        return cleaned


class NewsMailForm(forms.Form):
    """Switch the "there is news" mail on or off."""

    opt_in = forms.TypedChoiceField(
        choices=[("on", "on"), ("off", "off")], coerce=lambda value: value == "on"
    )
