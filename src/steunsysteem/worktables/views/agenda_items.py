"""One agenda item on the screen during the meeting: a question (its own words read through
``authorize_participant``, consent to the table for questions, so each read is audited) or a
theme or a case; the chair records the proposal, the status, actions and tips."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.directory.models import Organization
from steunsysteem.questions.services import QuestionError

from .. import selectors, services
from ..forms import ActionForm, DiscussionForm, ProposalForm, QuestionStatusForm, TipsForm
from ..models import AgendaItem, AgendaItemTips
from .base import back_to_item, item_to_run, visible_agenda_item


@never_cache
@login_required
@require_GET
def agenda_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """One question on the screen: what the person asked (as far as consent allows), who
    should be at the table, fitting services, the proposal and the actions. Each of the
    three forms posts to its own small view below."""
    return _agenda_item_page(request, visible_agenda_item(request, pk, item_pk))


def _agenda_item_page(
    request: HttpRequest,
    item: AgendaItem,
    *,
    proposal_form: ProposalForm | None = None,
    action_form: ActionForm | None = None,
    status_form: QuestionStatusForm | None = None,
    tips_form: TipsForm | None = None,
) -> HttpResponse:
    """A question (its words read as far as the person's consent allows, and audited), or a
    theme or a case without a participant (for the members of the table)."""
    meeting, question = item.meeting, item.question
    if question is not None:
        authorize_participant(
            request=request,
            participant=question.participant,
            scope=ConsentScope.QUESTIONS,
            fields=["questions.text"],
        )
        actions = question.actions
        status_form = status_form or QuestionStatusForm(question=question)
        proposal_form = proposal_form or ProposalForm(initial={"proposal": item.proposal})
    else:
        actions = item.actions
        proposal_form = proposal_form or DiscussionForm(initial={"proposal": item.proposal})
    items = list(meeting.agenda.order_by("position").values_list("pk", flat=True))
    index = items.index(item.pk)
    services_shown = selectors.services_for_item(item)
    can_run = permissions.can_run_worktable(request.user, meeting.worktable)
    return render(
        request,
        "worktables/agenda_item.html",
        {
            "meeting": meeting,
            "item": item,
            "question": question,
            "organizations": Organization.objects.filter(
                pk__in=item.suggested_organization_ids
            ).order_by("name"),
            "services": services_shown,
            "actions": actions.select_related("owner").order_by("due_on"),
            "proposal_form": proposal_form,
            "action_form": action_form or ActionForm(members=meeting.worktable.members.all()),
            "status_form": status_form,
            "can_run": can_run,
            "tips": AgendaItemTips.objects.filter(agenda_item=item).first(),
            "tips_form": tips_form or (_tips_form(item, services_shown) if can_run else None),
            "previous_pk": items[index - 1] if index > 0 else None,
            "next_pk": items[index + 1] if index + 1 < len(items) else None,
        },
    )


@login_required
@require_POST
def agenda_item_proposal(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = item_to_run(request, pk, item_pk)
    form = (ProposalForm if item.question_id is not None else DiscussionForm)(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_record(
                item=item, proposal=form.cleaned_data["proposal"], by=request.user, request=request
            )
        except (services.MeetingError, QuestionError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The proposal is saved.")
                if item.question_id is not None
                else _("What the table agreed is saved."),
            )
            return back_to_item(item)
    return _agenda_item_page(request, item, proposal_form=form)


@login_required
@require_POST
def agenda_item_status(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = item_to_run(request, pk, item_pk)
    if item.question_id is None:
        messages.error(request, _("This item is not a question: it has no status to change."))
        return back_to_item(item)
    form = QuestionStatusForm(request.POST, question=item.question)
    if form.is_valid():
        try:
            services.agenda_item_status_change(
                item=item, by=request.user, request=request, **form.cleaned_data
            )
        except QuestionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status is changed."))
            return back_to_item(item)
    return _agenda_item_page(request, item, status_form=form)


@login_required
@require_POST
def agenda_item_action(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = item_to_run(request, pk, item_pk)
    form = ActionForm(request.POST, members=item.meeting.worktable.members.all())
    if form.is_valid():
        try:
            services.action_add(item=item, by=request.user, request=request, **form.cleaned_data)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The action is added."))
            return back_to_item(item)
    return _agenda_item_page(request, item, action_form=form)


def _tips_form(item: AgendaItem, services_shown, data=None) -> TipsForm:
    tips = AgendaItemTips.objects.filter(agenda_item=item).first()
    chosen = list(tips.services.all()) if tips else []
    return TipsForm(
        data,
        services=list(dict.fromkeys([*services_shown, *chosen])),
        initial={"services": chosen, "text": tips.text if tips else ""},
    )


@login_required
@require_POST
def agenda_item_tips(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = item_to_run(request, pk, item_pk)
    form = _tips_form(item, selectors.services_for_item(item), request.POST)
    if form.is_valid():
        try:
            services.agenda_item_tips_set(
                item=item,
                services=list(form.cleaned_data["services"]),
                text=form.cleaned_data["text"],
                by=request.user,
                request=request,
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The tips for the minutes are saved."))
            return redirect(
                reverse("worktables:agenda_item", args=[item.meeting_id, item.pk]) + "#tips"
            )
    return _agenda_item_page(request, item, tips_form=form)
