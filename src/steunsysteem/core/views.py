import logging

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import AuditedPermissionDenied
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, AuditResult

from .api import PROBLEM_CONTENT_TYPE, problem

logger = logging.getLogger(__name__)


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
    """The start page: the monitor for the policy officer and coordinators, the sociale kaart
    for everyone else."""
    if permissions.can_view_monitor(request.user):
        return redirect("monitor:dashboard")
    return redirect("directory:search")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Every refused page lands in the audit trail and the log, then a calm page says so.

    Refusals of a participant's data are already in the trail, with the participant as the
    object; other refusals are recorded by the name of the page. Neither carries personal data.
    """
    match = request.resolver_match
    page = match.view_name if match else ""
    if not isinstance(exception, AuditedPermissionDenied):
        audit_record(
            actor=request.user,
            action=AuditAction.ACCESS_DENIED,
            object_type="page",
            object_id=page[:64],
            result=AuditResult.DENIED,
            request=request,
        )
    logger.warning("access_denied", extra={"page": page, "user_id": request.user.pk})
    emergency_url = None
    if isinstance(exception, AuditedPermissionDenied) and permissions.can_start_emergency_access(
        request.user, exception.participant
    ):
        emergency_url = reverse("participants:emergency_access", args=[exception.participant.pk])
    return render(request, "core/403.html", {"emergency_url": emergency_url}, status=403)


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


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django could not take: too large (``REQUEST_MAX_MB``), too many fields, or
    otherwise unreadable. Too large is 413 with a page that says what to do; the API gets
    problem+json. Nothing of the request is repeated back."""
    too_large = isinstance(exception, RequestDataTooBig | TooManyFieldsSent)
    status = 413 if too_large else 400
    if too_large:
        message = _("What you sent is too large. Send less at a time, or make the file smaller.")
    else:
        message = _("Your request could not be read. Go back and try again.")
    logger.warning("bad_request", extra={"status": status, "reason": type(exception).__name__})
    if request.path.startswith("/api/"):
        return JsonResponse(
            problem(status, message), status=status, content_type=PROBLEM_CONTENT_TYPE
        )
    return render(request, "core/bad_request.html", {"message": message}, status=status)
