"""The coverage page: laagdrempelige steunpunten per district, white spots on a map and a table."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from steunsysteem.accounts import permissions

from ..coverage import coverage_map, district_coverage, support_points
from ..models import Location


@login_required
def coverage_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_coverage(request.user):
        raise PermissionDenied
    rows = district_coverage()
    return render(
        request,
        "directory/coverage.html",
        {
            "rows": rows,
            "white_spots": [row for row in rows if row.white_spot],
            "map": coverage_map(rows),
            "support_points": list(support_points()),
            "max_km": f"{settings.COVERAGE_MAX_DISTANCE_KM:g}",
            "min_days": settings.COVERAGE_MIN_DAYS_OPEN,
            "can_mark": permissions.can_review_directory(request.user),
            "locations": (
                Location.objects.filter(support_point__isnull=True)
                .select_related("organization")
                .order_by("organization__name", "name")
                if permissions.can_review_directory(request.user)
                else []
            ),
        },
    )
