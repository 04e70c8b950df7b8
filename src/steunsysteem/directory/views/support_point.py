"""Marking a location of the sociale kaart as a laagdrempelig steunpunt: coordinators who
review the sociale kaart set, change or remove its steunpunt properties."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.core import form_tokens

from .. import services
from ..models import Location, SupportPoint


class SupportPointForm(forms.ModelForm):
    class Meta:
        model = SupportPoint
        fields = list(services.SUPPORT_POINT_FIELDS)


def _back(request: HttpRequest, location: Location) -> str:
    if permissions.can_view_coverage(request.user):
        return reverse("directory:coverage")
    return reverse("directory:support_point_edit", args=[location.pk])


def _require(request: HttpRequest) -> None:
    if not permissions.can_review_directory(request.user):
        raise PermissionDenied


@login_required
def support_point_choose(request: HttpRequest) -> HttpResponse:
    """Pick a location to mark (a GET form that leads to the location's steunpunt page)."""
    _require(request)
    chosen = request.GET.get("location", "")
    if chosen:
        location = Location.objects.filter(pk__in=[chosen] if _is_uuid(chosen) else []).first()
        if location is not None:
            return redirect("directory:support_point_edit", pk=location.pk)
    return redirect(_back_to_list(request))


def _back_to_list(request: HttpRequest) -> str:
    if permissions.can_view_coverage(request.user):
        return reverse("directory:coverage")
    return reverse("core:home")


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
def support_point_edit(request: HttpRequest, pk) -> HttpResponse:
    _require(request)
    location = get_object_or_404(Location.objects.select_related("organization"), pk=pk)
    current = SupportPoint.objects.filter(location=location).first()
    purpose = f"support_point:{location.pk}"
    form = SupportPointForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.support_point_save(location=location, by=request.user, **form.cleaned_data)
            return _back(request, location)

        sent = form_tokens.submit_form_once(request, form, purpose=purpose, write=write)
        if sent is not None:
            return sent.redirect(request, thanks=_("The steunpunt is saved."))
    return render(
        request,
        "directory/support_point_edit.html",
        {
            "location": location,
            "current": current,
            "form": form,
            "form_token": form_tokens.form_token(request, purpose),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def support_point_unmark(request: HttpRequest, pk) -> HttpResponse:
    _require(request)
    location = get_object_or_404(Location, pk=pk)
    services.support_point_remove(location=location, by=request.user)
    messages.success(request, _("The location is no longer a steunpunt."))
    return redirect(_back(request, location))
