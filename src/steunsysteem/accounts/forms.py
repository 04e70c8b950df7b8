"""Forms for signing in with a second factor, invitations and passwords."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from steunsysteem.core.forms import UtrechtFormMixin
from steunsysteem.directory.models import Organization

from .constants import Role
from .models import User


class TwoFactorCodeForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, help_text: str = "", numeric: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
        if numeric:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
        self._style_widgets()


class InvitationForm(UtrechtFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send the invitation link to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"))
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For professionals and provider editors: where they work."),
    )

    def __init__(self, *args, roles: list[str], organizations, **kwargs):
        """``organizations``: the ones this user may invite into (``permissions``)."""
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        self.fields["organizations"].queryset = organizations.order_by("name")
        if organizations.count() < Organization.objects.count():
            self.fields["organizations"].help_text = _(
                "For professionals and provider editors: where they work. You can choose the "
                "organisations you work for yourself; an administrator can invite someone into "
                "another one."
            )
        self._style_widgets()


class InvitationAcceptForm(UtrechtFormMixin, forms.Form):
    """The invited person chooses a user name and a password (checked by the validators)."""

    username = auth_forms.UsernameField(
        label=_("User name"),
        max_length=150,
        help_text=_("You log in with this name. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        validators=[User.username_validator],
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Type the same password again, to be sure it is right."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is already taken. Choose another one."))
        return username

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


class PasswordResetForm(UtrechtFormMixin, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class SetPasswordForm(UtrechtFormMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()


class PasswordChangeForm(UtrechtFormMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style_widgets()
