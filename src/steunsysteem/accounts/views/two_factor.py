"""Two-factor authentication: set up an authenticator app, enter a code, see backup codes."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from .. import permissions, query, services
from ..forms import TwoFactorCodeForm

BACKUP_CODES_SESSION_KEY = "_steunsysteem_backup_codes"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request: HttpRequest) -> str:
    return f"{resolve_url(name)}?{urlencode({'next': _next_url(request)})}"


def _signed_in_with(request: HttpRequest, device) -> None:
    """Mark the session as passed the second factor, under a new session key."""
    otp_login(request, device)
    request.session.cycle_key()


def _key_in_groups(device) -> str:
    key = b32encode(device.bin_key).decode("ascii")
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Connect an authenticator app: scan the QR code or type the key, then enter a code."""
    if not permissions.needs_two_factor(request.user):
        return redirect("accounts:account")
    if query.has_confirmed_totp_device(request.user):
        return redirect(_with_next("accounts:two_factor_verify", request))
    device = services.totp_device_prepare(user=request.user)
    form = TwoFactorCodeForm(
        request.POST or None, help_text=_("The 6 digits your app shows for this account.")
    )
    if form.is_valid():
        try:
            codes = services.totp_device_confirm(
                device=device, token=form.cleaned_data["code"], by=request.user
            )
        except services.TwoFactorError as error:
            form.add_error("code", str(error.message))
        else:
            _signed_in_with(request, device)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            return redirect(_with_next("accounts:two_factor_backup_codes", request))
    qr_code = segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=2, dark="#001a40", light="#ffffff"
    )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": qr_code,
            "key_groups": _key_in_groups(device),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code from the app, or a backup code."""
    if not permissions.needs_two_factor(request.user) or request.user.is_verified():
        return redirect(_next_url(request))
    if not query.has_confirmed_totp_device(request.user):
        return redirect(_with_next("accounts:two_factor_setup", request))
    form = TwoFactorCodeForm(
        request.POST or None,
        numeric=False,
        help_text=_("The 6 digits your app shows now. Lost your phone? Use a backup code."),
    )
    if form.is_valid():
        try:
            device = services.two_factor_verify(
                user=request.user, token=form.cleaned_data["code"], request=request
            )
        except services.TwoFactorError as error:
            form.add_error("code", str(error.message))
        else:
            _signed_in_with(request, device)
            return redirect(_next_url(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes, once, right after setting up the app."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    return render(
        request,
        "accounts/two_factor_backup_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )
