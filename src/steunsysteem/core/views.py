from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .api import PROBLEM_CONTENT_TYPE, problem


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": database}, status=status
    )


def home(request: HttpRequest) -> HttpResponse:
    return redirect("directory:search")


@never_cache
def too_many_requests(request: HttpRequest, exception=None) -> HttpResponse:
    """What a rate-limited request gets (``RATELIMIT_VIEW``): a calm page, or problem+json.

    An HTMX request does not swap an error into the page, so it asks the browser to load
    the page again, which shows this page whole.
    """
    if request.path.startswith("/api/"):
        return JsonResponse(
            problem(429, _("Too many requests. Wait a moment and try again.")),
            status=429,
            content_type=PROBLEM_CONTENT_TYPE,
        )
    response = render(request, "core/too_many_requests.html", status=429)
    if request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response
