from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import UtrechtFormMixin
from steunsysteem.directory.constants import LifeDomain

from .constants import ProposalChoice, Readiness, Urgency


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def clean_readiness(self) -> str:
        return self.cleaned_data["readiness"] or Readiness.SMALL_STEP

    def clean_urgency(self) -> str:
        return self.cleaned_data["urgency"] or Urgency.NORMAL


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
