from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import UtrechtFormMixin
from steunsysteem.directory.constants import LifeDomain

from .constants import Readiness, Urgency


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
