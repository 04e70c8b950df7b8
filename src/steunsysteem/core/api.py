"""What every API of Steunsysteem shares: problem details and a limit for anonymous callers.

Errors: set :func:`problem_exception_handler` as ``REST_FRAMEWORK["EXCEPTION_HANDLER"]``. The
Dutch API Design Rules ask for ``application/problem+json`` (RFC 7807) with ``type``,
``title``, ``status`` and ``detail``; invalid query or body fields are listed in
``invalid_params``.
"""

from http import HTTPStatus

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _flatten(detail, prefix: str = "") -> list[dict]:
    """Turn DRF's nested validation errors into ``[{"name": ..., "reason": ...}]``."""
    if isinstance(detail, dict):
        params = []
        for name, value in detail.items():
            params += _flatten(value, f"{prefix}.{name}" if prefix else str(name))
        return params
    if isinstance(detail, list):
        params = []
        for value in detail:
            params += _flatten(value, prefix)
        return params
    return [{"name": prefix or "non_field_errors", "reason": str(detail)}]


def problem(status: int, detail: str, **extra) -> dict:
    """The body of a problem details response (RFC 7807)."""
    return {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }


def problem_exception_handler(exc, context) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            response.status_code,
            str(exceptions.ValidationError.default_detail),
            invalid_params=_flatten(exc.detail),
        )
    else:
        detail = getattr(exc, "detail", None)
        body = problem(response.status_code, str(detail if detail is not None else exc))
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_not_found(request, *args, **kwargs) -> JsonResponse:
    """A problem+json 404 for any unknown path under an API prefix."""
    return JsonResponse(
        problem(404, _("No API endpoint at %(path)s.") % {"path": request.path}),
        status=404,
        content_type=PROBLEM_CONTENT_TYPE,
    )


class AnonymousRateThrottle(AnonRateThrottle):
    """Limits anonymous callers per IP address to ``DEFAULT_THROTTLE_RATES["anon"]``.

    Unlike DRF's own class, the rate is read per request, so a missing or ``None`` rate
    means no limit (the test settings) and a settings override takes effect at once.
    """

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
