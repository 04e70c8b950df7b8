"""Werktafel pages: the tables one sits at, their meetings, the agenda, one screen per
question during the meeting (with the person, their guest and the organisations invited,
and who was there), one's own actions and the public page about the werktafels. Access is
decided in ``accounts.permissions``; a question's own words are read through
``authorize_participant`` (consent to the table for questions), so each read is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant, record_participant_reads
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.core import form_tokens
from steunsysteem.directory.models import Organization
from steunsysteem.questions.services import QuestionError

from .. import selectors, services
from ..constants import InvitationKind, MeetingStatus
from ..forms import (
    ActionForm,
    AgendaItemAddForm,
    AttendanceForm,
    DiscussionForm,
    InvitationForm,
    MeetingForm,
    ProposalForm,
    QuestionStatusForm,
    TipsForm,
)
from ..minutes import meeting_minutes, minutes_checksum, minutes_text
from ..models import (
    Action,
    AgendaItem,
    AgendaItemTips,
    Meeting,
    MeetingMinutes,
    Worktable,
)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("worktable"), pk=pk)
    _require(permissions.can_view_worktable(request.user, meeting.worktable))
    return meeting


@never_cache
@login_required
def worktable_list(request: HttpRequest) -> HttpResponse:
    worktables = permissions.worktables_of(request.user).select_related("district")
    _require(worktables.exists())
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
    _require(permissions.can_view_worktable(request.user, worktable))
    can_run = permissions.can_run_worktable(request.user, worktable)
    form = MeetingForm(request.POST or None)
    purpose = f"meeting_plan:{worktable.pk}"
    if request.method == "POST":
        _require(can_run)
        if form.is_valid():

            def write() -> str:
                meeting = services.meeting_plan(
                    worktable=worktable, by=request.user, **form.cleaned_data
                )
                return reverse("worktables:meeting", args=[meeting.pk])

            try:
                sent = form_tokens.submit_once(request, purpose=purpose, write=write)
            except (services.MeetingError, form_tokens.FormTokenError) as error:
                form.add_error(None, str(error))
            else:
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


@never_cache
@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    invitation_form: InvitationForm | None = None,
    attendance_form: AttendanceForm | None = None,
    add_form: AgendaItemAddForm | None = None,
) -> HttpResponse:
    """The agenda; for the chair also a theme or a case to add, the invitations per item and
    who was there. Each of those forms posts to its own small view below."""
    agenda = meeting.agenda.select_related("question").order_by("position")
    can_run = permissions.can_run_worktable(request.user, meeting.worktable)
    context = {"meeting": meeting, "agenda": agenda, "can_run": can_run}
    if can_run:
        context |= _table_planning(request, meeting, agenda, invitation_form, attendance_form)
        if meeting.status != MeetingStatus.CLOSED:
            context["add_form"] = add_form or AgendaItemAddForm()
            context["add_form_token"] = form_tokens.form_token(request, _add_purpose(meeting))
    return render(request, "worktables/meeting_detail.html", context)


def _add_purpose(meeting: Meeting) -> str:
    return f"agenda_item_add:{meeting.pk}"


@login_required
@require_POST
def agenda_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair puts a theme or a case without a participant on the agenda. Counts once: a
    double click adds one item."""
    meeting = _meeting(request, pk)
    _require(permissions.can_run_worktable(request.user, meeting.worktable))
    form = AgendaItemAddForm(request.POST)
    if form.is_valid():

        def write() -> str:
            item = services.agenda_item_add(
                meeting=meeting, by=request.user, request=request, **form.cleaned_data
            )
            return reverse("worktables:meeting", args=[meeting.pk]) + f"#invite-{item.pk}"

        try:
            sent = form_tokens.submit_once(request, purpose=_add_purpose(meeting), write=write)
        except (services.MeetingError, form_tokens.FormTokenError) as error:
            form.add_error(None, str(error))
        else:
            return sent.redirect(request, thanks=_("The item is on the agenda."))
    return _meeting_page(request, meeting, add_form=form)


@login_required
@require_POST
def agenda_build(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require(permissions.can_run_worktable(request.user, meeting.worktable))
    try:
        added = services.agenda_build(meeting=meeting, by=request.user, request=request)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(count)d questions were added to the agenda.") % {"count": added}
        )
    return redirect("worktables:meeting", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    """First the question: which items were not discussed, and what happens to them; then,
    on the chair's yes, the meeting closes."""
    meeting = _meeting(request, pk)
    _require(permissions.can_run_worktable(request.user, meeting.worktable))
    if request.method == "GET":
        if meeting.status == MeetingStatus.CLOSED:
            return redirect("worktables:meeting", pk=meeting.pk)
        not_discussed = list(
            meeting.agenda.not_discussed().select_related("question").order_by("position")
        )
        return render(
            request,
            "worktables/meeting_close.html",
            {
                "meeting": meeting,
                "questions": [item for item in not_discussed if item.question_id],
                "themes_and_cases": [item for item in not_discussed if not item.question_id],
            },
        )
    try:
        services.meeting_close(meeting=meeting, by=request.user)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting is closed."))
    return redirect("worktables:meeting", pk=meeting.pk)


def _agenda_item(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    meeting = _meeting(request, pk)
    item = get_object_or_404(
        AgendaItem.objects.select_related("question__participant", "meeting__worktable"),
        pk=item_pk,
        meeting=meeting,
    )
    _require(permissions.can_view_agenda_item(request.user, item))
    return item


@never_cache
@login_required
@require_GET
def agenda_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """One question on the screen: what the person asked (as far as consent allows), who
    should be at the table, fitting services, the proposal and the actions. Each of the
    three forms posts to its own small view below."""
    return _agenda_item_page(request, _agenda_item(request, pk, item_pk))


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


def _run_item(request: HttpRequest, pk: int, item_pk: int) -> AgendaItem:
    item = _agenda_item(request, pk, item_pk)
    _require(permissions.can_run_worktable(request.user, item.meeting.worktable))
    return item


def _back_to(item: AgendaItem) -> HttpResponse:
    return redirect("worktables:agenda_item", pk=item.meeting_id, item_pk=item.pk)


@login_required
@require_POST
def agenda_item_proposal(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _run_item(request, pk, item_pk)
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
            return _back_to(item)
    return _agenda_item_page(request, item, proposal_form=form)


@login_required
@require_POST
def agenda_item_status(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _run_item(request, pk, item_pk)
    if item.question_id is None:
        messages.error(request, _("This item is not a question: it has no status to change."))
        return _back_to(item)
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
            return _back_to(item)
    return _agenda_item_page(request, item, status_form=form)


@login_required
@require_POST
def agenda_item_action(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _run_item(request, pk, item_pk)
    form = ActionForm(request.POST, members=item.meeting.worktable.members.all())
    if form.is_valid():
        try:
            services.action_add(item=item, by=request.user, request=request, **form.cleaned_data)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The action is added."))
            return _back_to(item)
    return _agenda_item_page(request, item, action_form=form)


@never_cache
@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    _require(permissions.worktables_of(request.user).exists())
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
    _require(permissions.can_complete_action(request.user, action))
    services.action_complete(action=action, by=request.user, request=request)
    messages.success(request, _("Well done. The action is marked as done."))
    return redirect("worktables:my_actions")


@never_cache
@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes: a preview for the chair to approve and send, then the archived text."""
    meeting = _meeting(request, pk)
    can_run = permissions.can_run_worktable(request.user, meeting.worktable)
    if request.method == "POST":
        _require(can_run)
        try:
            services.minutes_approve(
                meeting=meeting,
                by=request.user,
                checked=request.POST.get("checked", ""),
                request=request,
            )
        except services.MeetingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The minutes are approved and go to the mailing list."))
        return redirect("worktables:minutes", pk=meeting.pk)
    archived = MeetingMinutes.objects.filter(meeting=meeting).first()
    text = archived.text if archived else minutes_text(meeting_minutes(meeting))
    return render(
        request,
        "worktables/minutes.html",
        {
            "meeting": meeting,
            "archived": archived,
            "text": text,
            "checked": minutes_checksum(text),
            "can_approve": can_run and archived is None and meeting.status == "closed",
            "has_titles": meeting.agenda.filter(question__isnull=True).exists(),
        },
    )


@never_cache
@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    archived = get_object_or_404(MeetingMinutes, meeting=meeting)
    response = HttpResponse(bytes(archived.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="verslag-{timezone.localdate(meeting.starts_at):%Y-%m-%d}.pdf"'
    )
    return response


@login_required
@require_POST
def agenda_item_remove(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require(permissions.can_run_worktable(request.user, meeting.worktable))
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    try:
        services.agenda_item_remove(item=item, by=request.user, request=request)
    except services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The question is off this agenda; it comes back next time.")
            if item.question_id is not None
            else _("The item is off the agenda."),
        )
    return redirect("worktables:meeting", pk=meeting.pk)


def about(request: HttpRequest) -> HttpResponse:
    """Public: what the support system and its werktafels are, and how to bring in a
    question. Shows each table's name, district or theme, rhythm and role address only."""
    return render(
        request,
        "worktables/about.html",
        {"worktables": Worktable.objects.select_related("district").order_by("name")},
    )


# The person at the table: invitations per agenda item, who was there, tips for the minutes --


def _invitation_form(
    item: AgendaItem, data=None, *, shared: set[int], organizations: dict[str, Organization]
) -> InvitationForm:
    """The item's form offers whoever is not invited yet: the person while their question
    is shared with the table, and the suggested organisations that have an e-mail address.
    A posted form offers them all, so that a repeated POST is recognised by its spent token
    (and a real second invitation is refused by the service, with a clear message)."""
    invited = list(item.invitations.all()) if data is None else []
    kinds = {invitation.kind for invitation in invited}
    invited_organizations = {invitation.organization_id for invitation in invited}
    shared_now = item.question_id in shared
    return InvitationForm(
        data,
        item=item,
        person_invitable=shared_now and InvitationKind.PERSON not in kinds,
        guest_invitable=shared_now and InvitationKind.GUEST not in kinds,
        organizations=[
            organizations[pk]
            for pk in item.suggested_organization_ids
            if pk in organizations
            and organizations[pk].email
            and organizations[pk].pk not in invited_organizations
        ],
    )


def _invitation_order(invitation) -> tuple:
    """The person first, then their guest, then the organisations."""
    return ([*InvitationKind].index(invitation.kind), invitation.pk)


def _table_planning(request, meeting, agenda, invitation_form, attendance_form) -> dict:
    """For the chair: per item, who is invited and the form to invite more (with a one-time
    token each), and the tick list of who was there."""
    agenda = list(agenda.prefetch_related("invitations__organization"))
    shared = set(
        selectors.shared_with(meeting.worktable)
        .filter(pk__in=[item.question_id for item in agenda])
        .values_list("pk", flat=True)
    )
    organizations = {
        str(o.pk): o
        for o in Organization.objects.filter(
            pk__in={pk for item in agenda for pk in item.suggested_organization_ids}
        )
    }
    planning = []
    for item in agenda:
        form = (
            invitation_form
            if invitation_form is not None and invitation_form.prefix == f"item-{item.pk}"
            else _invitation_form(item, shared=shared, organizations=organizations)
        )
        planning.append(
            {
                "item": item,
                "invitations": sorted(item.invitations.all(), key=_invitation_order),
                "form": form,
                "form_token": form_tokens.form_token(request, f"invite:{item.pk}"),
                "shared": item.question_id in shared,
                "without_address": [
                    organizations[pk].name
                    for pk in item.suggested_organization_ids
                    if pk in organizations and not organizations[pk].email
                ],
            }
        )
    return {
        "planning": planning,
        "attendance_form": attendance_form or AttendanceForm(meeting=meeting),
        "minutes_approved": MeetingMinutes.objects.filter(meeting=meeting).exists(),
    }


@login_required
@require_POST
def agenda_item_invite(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Invite for one question's time slot. Counts once: a double click sends one set."""
    item = _run_item(request, pk, item_pk)
    organizations = {
        str(o.pk): o for o in Organization.objects.filter(pk__in=item.suggested_organization_ids)
    }
    shared = set(
        selectors.shared_with(item.meeting.worktable)
        .filter(pk=item.question_id)
        .values_list("pk", flat=True)
    )
    form = _invitation_form(item, request.POST, shared=shared, organizations=organizations)
    if form.is_valid():
        invitations: list = []

        def write() -> str:
            invitations.extend(
                services.invitations_send(
                    item=item, by=request.user, request=request, **form.cleaned_data
                )
            )
            return reverse("worktables:meeting", args=[item.meeting_id]) + f"#invite-{item.pk}"

        try:
            sent = form_tokens.submit_once(request, purpose=f"invite:{item.pk}", write=write)
        except (services.MeetingError, form_tokens.FormTokenError) as error:
            form.add_error(None, str(error))
        else:
            if sent.first:
                _invitations_message(request, invitations)
            else:
                messages.info(request, form_tokens.ALREADY_SENT)
            return redirect(sent.redirect_to)
    return _meeting_page(request, item.meeting, invitation_form=form)


def _invitations_message(request: HttpRequest, invitations) -> None:
    mailed = sum(1 for invitation in invitations if invitation.sent_at is not None)
    messages.success(
        request,
        ngettext(
            "%(count)d invitation with the time slot was sent.",
            "%(count)d invitations with the time slot were sent.",
            mailed,
        )
        % {"count": mailed},
    )
    if any(i.kind == InvitationKind.PERSON and i.sent_at is None for i in invitations):
        messages.warning(
            request,
            _(
                "The person does not want to be reached by e-mail. Their invitation is saved:"
                " ask their contact person to tell them the time."
            ),
        )


@login_required
@require_POST
def attendance_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require(permissions.can_run_worktable(request.user, meeting.worktable))
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                present_members=form.cleaned_data["members"],
                present_invitations=form.cleaned_data.get("invitations", []),
                by=request.user,
                request=request,
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Who was there is saved."))
            return redirect(reverse("worktables:meeting", args=[meeting.pk]) + "#attendance")
    return _meeting_page(request, meeting, attendance_form=form)


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
    item = _run_item(request, pk, item_pk)
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
