"""The participant's progress: the participatiewiel goals they chose, where they stand on the
participatieladder, and Zelfredzaamheid-Matrix scores, each dated so change shows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.directory.constants import ParticipationGoal

from .. import services
from ..constants import SelfSufficiencyDomain
from ..forms import GoalsForm, LadderForm, ScoresForm
from .base import participant_or_404, render_page, require

SHOWN_DATES = 4  # the latest score dates shown side by side


def _score_table(participant):
    """Rows per life domain with the scores of the latest ``SHOWN_DATES`` dates."""
    ratings = list(participant.self_sufficiency_ratings.order_by("-measured_on"))
    dates = sorted({rating.measured_on for rating in ratings}, reverse=True)[:SHOWN_DATES]
    by_key = {(r.domain, r.measured_on): r.score for r in ratings}
    rows = [
        (label, [by_key.get((domain, date)) for date in dates])
        for domain, label in SelfSufficiencyDomain.choices
    ]
    return dates, rows


@never_cache
@login_required
def progress(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.PROGRESS,
        fields=["life_goals", "progress"],
    )
    dates, rows = _score_table(participant)
    return render_page(
        request,
        "participants/progress.html",
        {
            "participant": participant,
            "goals": [ParticipationGoal(goal).label for goal in participant.life_goals],
            "ladder": participant.ladder_positions.order_by("-measured_on", "-pk"),
            "score_dates": dates,
            "score_rows": rows,
            "can_record": permissions.can_record_progress(request.user, participant),
            "goals_form": GoalsForm(initial={"goals": participant.life_goals}),
            "ladder_form": LadderForm(),
            "scores_form": ScoresForm(),
        },
    )


def _record(request, pk, form_class, save) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_record_progress(request.user, participant))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(participant, form)
        except services.ProgressError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Something is missing. Check the form and try again."))
    return redirect("participants:progress", pk=participant.pk)


@login_required
@require_POST
def goals_set(request: HttpRequest, pk) -> HttpResponse:
    return _record(
        request,
        pk,
        GoalsForm,
        lambda participant, form: services.participant_goals_set(
            participant=participant,
            goals=form.cleaned_data["goals"],
            by=request.user,
            request=request,
        ),
    )


@login_required
@require_POST
def ladder_record(request: HttpRequest, pk) -> HttpResponse:
    return _record(
        request,
        pk,
        LadderForm,
        lambda participant, form: services.ladder_position_record(
            participant=participant,
            step=form.cleaned_data["step"],
            measured_on=form.cleaned_data["measured_on"],
            by=request.user,
            request=request,
        ),
    )


@login_required
@require_POST
def scores_record(request: HttpRequest, pk) -> HttpResponse:
    return _record(
        request,
        pk,
        ScoresForm,
        lambda participant, form: services.self_sufficiency_record(
            participant=participant,
            scores=form.scores(),
            measured_on=form.cleaned_data["measured_on"],
            by=request.user,
            request=request,
        ),
    )
