"""What every form of the site shares: NL Design System classes on its widgets."""

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.widgets import Input
from django.utils.translation import gettext_lazy as _

# Django's empty choice, "---------": a real label instead (NL Design System, B1).
DJANGO_BLANK_LABEL = BLANK_CHOICE_DASH[0][1]
BLANK_LABEL = _("Choose …")

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    # After CheckboxSelectMultiple, which is a RadioSelect too.
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    # A single checkbox is an Input too: before Input, or it would look like a text box.
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    Input: "utrecht-textbox utrecht-textbox--html-input",
}


class UtrechtFormMixin:
    """Gives every widget its NL Design System class. Django links help and errors to the
    field with aria-describedby (ids ``<id>_helptext`` and ``<id>_error``). Render fields
    with ``core/forms/_field.html``."""

    def _style_widgets(self) -> None:
        for field in self.fields.values():
            for widget_class, css_class in WIDGET_CLASSES.items():
                if isinstance(field.widget, widget_class):
                    field.widget.attrs.setdefault("class", css_class)
                    break
            name_blank_choice(field)


def name_blank_choice(field: forms.Field) -> None:
    """Replace Django's "---------" empty choice of a select with "Choose …"."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK_LABEL:
            field.empty_label = BLANK_LABEL
    elif isinstance(field, forms.ChoiceField) and not isinstance(field.widget, forms.RadioSelect):
        choices = list(field.choices)
        if any(value == "" and label == DJANGO_BLANK_LABEL for value, label in choices):
            field.choices = [
                ("", BLANK_LABEL) if value == "" and label == DJANGO_BLANK_LABEL else choice
                for choice in choices
                for value, label in [choice]
            ]


class DateInput(forms.DateInput):
    """The browser's own date picker; the value in ISO form, as it expects."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
