from django import forms
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import UtrechtFormMixin
from steunsysteem.directory.constants import LifeDomain


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
