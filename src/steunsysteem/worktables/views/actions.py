"""The actions one got at a werktafel, and marking one done."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import record_participant_reads

from .. import services
from ..models import Action
from .base import require


@never_cache
@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    require(permissions.worktables_of(request.user).exists())
    actions = list(
        Action.objects.of(request.user)
        .open()
        .select_related("question__participant", "agenda_item__meeting__worktable")
        .order_by("due_on", "pk")
    )
    # Each action for a question names a question of someone: a read of their data, resting
    # on the action the werktafel gave this user. A theme or a case is about no one.
    record_participant_reads(
        request=request,
        reads=[
            (action.question.participant, f"action:{action.pk}")
            for action in actions
            if action.question_id is not None
        ],
        fields=["questions.action", "questions.case_number"],
    )
    return render(request, "worktables/my_actions.html", {"actions": actions})


@login_required
@require_POST
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.select_related("agenda_item__meeting__worktable"), pk=pk
    )
    require(permissions.can_complete_action(request.user, action))
    services.action_complete(action=action, by=request.user, request=request)
    messages.success(request, _("Well done. The action is marked as done."))
    return redirect("worktables:my_actions")
