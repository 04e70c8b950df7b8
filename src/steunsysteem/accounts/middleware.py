"""Middleware for signed-in users: two-factor authentication first, and their sessions."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from steunsysteem.core.api import PROBLEM_CONTENT_TYPE, problem

from . import permissions, query, services

# Pages someone who still has to pass the second factor may open.
TWO_FACTOR_EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "set_language",
        "healthz",
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
    }
)


def _is_exempt(request) -> bool:
    if request.path_info.startswith(settings.STATIC_URL):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in TWO_FACTOR_EXEMPT_URL_NAMES


class TwoFactorRequiredMiddleware:
    """Until someone who must use two-factor authentication has passed it, every page sends
    them to set it up or to enter their code; the API answers 403 problem+json."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            permissions.needs_two_factor(user)
            and not user.is_verified()
            and not _is_exempt(request)
        ):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                problem(403, _("Sign in with two-factor authentication first.")),
                status=403,
                content_type=PROBLEM_CONTENT_TYPE,
            )
        name = (
            "accounts:two_factor_verify"
            if query.has_confirmed_totp_device(request.user)
            else "accounts:two_factor_setup"
        )
        url = reverse(name)
        if request.method == "GET" and not request.headers.get("HX-Request"):
            url += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)


RECORDED_KEY = "_steunsysteem_recorded_session"
TOUCH_INTERVAL_SECONDS = 60


class UserSessionMiddleware:
    """Keeps ``UserSession`` up to date, so a user can see and end their sessions.

    Writes at most once a minute per session, and again when the session key changes
    (signing in, passing the second factor).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not request.user.is_authenticated or not session.session_key:
            return response
        recorded_key, recorded_at = session.get(RECORDED_KEY, (None, 0))
        if (
            recorded_key != session.session_key
            or time.time() - recorded_at > TOUCH_INTERVAL_SECONDS
        ):
            services.user_session_touch(
                user=request.user, session_key=session.session_key, request=request
            )
            session[RECORDED_KEY] = (session.session_key, time.time())
        return response
