from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import DateInput, UtrechtFormMixin

from .constants import TEXT_MAX_LENGTH


class QuestionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, question) -> str:
        return _("%(date)s: “%(text)s”") % {
            "date": f"{timezone.localtime(question.submitted_at):%d-%m-%Y}",
            "text": Truncator(question.text).chars(80),
        }


class NoteForm(UtrechtFormMixin, forms.Form):
    """A note of a conversation. ``questions``: the person's questions the writer may see
    (None: the question is not asked for)."""

    held_on = forms.DateField(
        label=_("Date of the conversation"), widget=DateInput, initial=timezone.localdate
    )
    asked = forms.CharField(
        label=_("What was asked?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("As much as possible in the person's own words."),
    )
    question_behind = forms.CharField(
        label=_("What is the question behind the question?"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What does the person really want or need? For example: not only 'a choir', but"
            " 'a place where I belong'."
        ),
    )

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if questions is not None:
            self.fields["question"] = QuestionChoiceField(
                label=_("About which question?"),
                queryset=questions,
                required=False,
                empty_label=_("No question in particular"),
            )
        self._style_widgets()

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The conversation cannot be in the future."))
        return held_on
