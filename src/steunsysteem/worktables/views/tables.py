"""The werktafels one sits at (a chair plans a meeting there), and the public page about them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from steunsysteem.accounts import permissions
from steunsysteem.core import form_tokens

from .. import selectors, services
from ..forms import MeetingForm
from ..models import Worktable
from .base import require


@never_cache
@login_required
def worktable_list(request: HttpRequest) -> HttpResponse:
    worktables = permissions.worktables_of(request.user).select_related("district")
    require(worktables.exists())
    return render(
        request,
        "worktables/worktable_list.html",
        {
            "worktables": worktables.order_by("name"),
            # A number per district, nothing more: no question, no person, no link to them.
            "unshared": selectors.unshared_question_counts(request.user),
        },
    )


@never_cache
@login_required
def worktable_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The table, its members and meetings; the chair plans a meeting here. That form counts
    once: a double click plans one meeting and sends one set of invitations."""
    worktable = get_object_or_404(Worktable, pk=pk)
    require(permissions.can_view_worktable(request.user, worktable))
    can_run = permissions.can_run_worktable(request.user, worktable)
    form = MeetingForm(request.POST or None)
    purpose = f"meeting_plan:{worktable.pk}"
    if request.method == "POST":
        require(can_run)
        if form.is_valid():

            def write() -> str:
                meeting = services.meeting_plan(
                    worktable=worktable, by=request.user, **form.cleaned_data
                )
                return reverse("worktables:meeting", args=[meeting.pk])

            sent = form_tokens.submit_form_once(
                request, form, purpose=purpose, write=write, errors=(services.MeetingError,)
            )
            if sent is not None:
                return sent.redirect(
                    request,
                    thanks=_("The meeting is planned. Everyone at the table gets an invitation."),
                )
    return render(
        request,
        "worktables/worktable_detail.html",
        {
            "worktable": worktable,
            "upcoming": worktable.meetings.upcoming(),
            "past": worktable.meetings.past()[:12],
            "members": worktable.worktablemembership_set.select_related("user").order_by(
                "role", "user__first_name"
            ),
            "can_run": can_run,
            "can_manage_members": permissions.can_manage_worktable_members(request.user, worktable),
            "form": form,
            "form_token": form_tokens.form_token(request, purpose) if can_run else "",
        },
    )


def about(request: HttpRequest) -> HttpResponse:
    """Public: what the support system and its werktafels are, and how to bring in a
    question. Shows each table's name, district or theme, rhythm and role address only."""
    return render(
        request,
        "worktables/about.html",
        {"worktables": Worktable.objects.select_related("district").order_by("name")},
    )
