"""Security middleware Django does not ship: a Permissions-Policy header and a session
timeout counted from signing in."""

import time

from django.conf import settings
from django.contrib.auth import logout

AUTHENTICATED_AT_KEY = "_steunsysteem_authenticated_at"


class PermissionsPolicyMiddleware:
    """Switch off the browser features in ``settings.PERMISSIONS_POLICY`` for every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class AbsoluteSessionTimeoutMiddleware:
    """Sign a user out ``settings.SESSION_ABSOLUTE_TIMEOUT`` after signing in, however active.

    The idle timeout is Django's own (SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST);
    this one stops a session that is kept alive for ever. The clock starts with the response
    that signs the user in; signing out empties the session and so stops it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started_at = request.session.get(AUTHENTICATED_AT_KEY)
            if started_at is not None and time.time() - started_at > self.limit_seconds:
                logout(request)
        response = self.get_response(request)
        if request.user.is_authenticated and AUTHENTICATED_AT_KEY not in request.session:
            request.session[AUTHENTICATED_AT_KEY] = time.time()
        return response

    @property
    def limit_seconds(self) -> float:
        return settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
