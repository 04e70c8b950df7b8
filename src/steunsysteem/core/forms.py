"""What every form of the site shares: NL Design System classes on its widgets."""

from django import forms
from django.forms.widgets import Input

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    # After CheckboxSelectMultiple, which is a RadioSelect too.
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
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


class DateInput(forms.DateInput):
    """The browser's own date picker; the value in ISO form, as it expects."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
