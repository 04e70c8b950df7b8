from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import SCORE_CHOICES, SURVEY_STATEMENTS

REMARK_MAX_LENGTH = 1000


class SurveyAnswerForm(forms.Form):
    """Three statements scored 1–5 and an optional remark; the statements depend on the
    survey."""

    remark = forms.CharField(
        label=_("Anything you want to add?"),
        help_text=_("Please do not write names: your answer stays anonymous."),
        required=False,
        max_length=REMARK_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "class": "utrecht-textarea"}),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        scores = {
            f"score_{n}": forms.TypedChoiceField(
                label=statement, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
            )
            for n, statement in enumerate(SURVEY_STATEMENTS[kind], start=1)
        }
        self.fields = {**scores, "remark": self.fields["remark"]}

    def scores(self) -> tuple[int, int, int]:
        return tuple(self.cleaned_data[f"score_{n}"] for n in (1, 2, 3))


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Half-year"))

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {code: (start, end) for code, start, end in periods}
        self.fields["period"].choices = [(code, code) for code, _start, _end in periods]

    def chosen(self):
        code = self.cleaned_data.get("period") if self.is_valid() else None
        code = code or next(iter(self.periods))
        return code, *self.periods[code]
