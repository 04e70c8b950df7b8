"""Maatjes pages: the "Maatjes" start page, the project coordinator's overview, a volunteer's
profile, a wish for a buddy with its suggestions, and one match as each side sees it. Access
is decided in ``accounts.permissions``; every read of a person's data is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import record_participant_reads
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.core.form_tokens import form_token, submit_form_once
from steunsysteem.directory.models import Organization
from steunsysteem.participants.views.base import require
from steunsysteem.questions.constants import OPEN_STATUSES
from steunsysteem.questions.models import Question

from . import services
from .constants import Side
from .forms import (
    AskForm,
    CheckInForm,
    EndForm,
    ParticipantAnswerForm,
    ProfileForm,
    RegisterVolunteerForm,
    VolunteerAnswerForm,
)
from .matching import suggestions
from .models import BuddyRequest, CheckIn, Match, VolunteerProfile

PROFILE_VALUES = services.PROFILE_FIELDS + services.SCREENING_FIELDS


def _read(request, participant, fields, basis: str) -> None:
    """Record that this page showed the person's ``fields`` to someone else."""
    if participant.user_id == request.user.pk:
        return
    audit_record(
        actor=request.user,
        action=AuditAction.READ,
        obj=participant,
        fields=fields,
        legal_basis=basis,
        request=request,
    )


def _person_matches(user):
    """Matches where the user is the person, or may answer for the person."""
    own = Q(request__question__participant__user=user)
    asked = Q(request__created_by=user)
    found = Match.objects.filter(own | asked).select_related(
        "request__question__participant", "request__project", "volunteer__user"
    )
    return [
        match
        for match in found.order_by("-proposed_at")
        if permissions.can_view_match(user, match)
        and not permissions.is_buddy_volunteer(user, match)
    ]


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each sees their own part: projects they coordinate, their volunteer profile and
    matches, or the matches of the person they are (or answer for)."""
    require(permissions.can_use_buddies(request.user))
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    volunteer_matches = (
        Match.objects.of_volunteer(request.user)
        .select_related("request__project")
        .order_by("-proposed_at")
        if profile
        else []
    )
    person_matches = _person_matches(request.user)
    others = {m.participant for m in person_matches if m.participant.user_id != request.user.pk}
    if others:
        record_participant_reads(
            request=request,
            reads=[
                (
                    person,
                    permissions.participant_access(
                        request.user, person, ConsentScope.QUESTIONS
                    ).legal_basis,
                )
                for person in others
            ],
            fields=["name"],
        )
    return render(
        request,
        "buddies/home.html",
        {
            "projects": permissions.buddy_projects_of(request.user).order_by("name"),
            "profile": profile,
            "volunteer_matches": volunteer_matches,
            "person_matches": person_matches,
        },
    )


def _askable_questions(user, chosen: Question | None = None):
    """The open questions the user may ask a buddy for: their own, those they brought, and
    the one chosen on a question page (``?vraag=``) when they may ask for it."""
    questions = Question.objects.filter(status__in=OPEN_STATUSES).select_related("participant")
    questions = questions.filter(Q(participant__user=user) | Q(submitted_by=user))
    allowed = [q.pk for q in questions if permissions.can_ask_for_buddy(user, q)]
    if chosen is not None:
        allowed.append(chosen.pk)
    return Question.objects.filter(pk__in=allowed).select_related("participant").order_by("pk")


def _chosen_question(request: HttpRequest) -> Question | None:
    """The question named by ``?vraag=`` (from the question page): refused unless the user may
    ask a buddy for it, so no one reaches someone else's question this way."""
    raw = request.GET.get("vraag")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    question = get_object_or_404(Question.objects.select_related("participant"), pk=int(raw))
    require(permissions.can_ask_for_buddy(request.user, question))
    return question


@never_cache
@login_required
def ask(request: HttpRequest) -> HttpResponse:
    """Ask a maatjesproject for a buddy, from one of the person's open questions."""
    require(permissions.can_use_buddies(request.user))
    chosen = _chosen_question(request)
    questions = _askable_questions(request.user, chosen)
    is_self = request.user.role == "participant"
    form = AskForm(
        request.POST or None,
        questions=questions,
        is_self=is_self,
        initial={"question": chosen.pk if chosen else None},
    )
    purpose = "buddy-request"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.buddy_request_create(
                question=form.cleaned_data["question"],
                project=form.cleaned_data["project"],
                interests=form.cleaned_data["interests"],
                days=form.cleaned_data["days"],
                by=request.user,
                request=request,
            )
            return reverse("buddies:home")

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.BuddyError,)
        )
        if sent is not None:
            return sent.redirect(
                request,
                thanks=_(
                    "The wish is sent. The coordinator of the maatjesproject looks for a buddy"
                    " and asks you both first."
                ),
            )
    return render(
        request,
        "buddies/ask.html",
        {
            "form": form,
            "has_questions": questions.exists(),
            "form_token": form_token(request, purpose),
        },
    )


@never_cache
@login_required
def project(request: HttpRequest, pk) -> HttpResponse:
    """The coordinator's overview of one maatjesproject."""
    organization = get_object_or_404(Organization, pk=pk)
    require(permissions.coordinates_buddy_project(request.user, organization))
    wishes = list(
        BuddyRequest.objects.filter(project=organization, closed_at__isnull=True)
        .select_related("question__participant")
        .order_by("created_at")
    )
    matches = list(
        Match.objects.of_projects([organization])
        .select_related("request__question__participant", "volunteer__user")
        .order_by("-proposed_at")
    )
    people = {w.participant for w in wishes} | {m.participant for m in matches}
    for person in people:
        _read(request, person, ["name"], f"buddy_project:{organization.pk}")
    return render(
        request,
        "buddies/project.html",
        {
            "project": organization,
            "volunteers": organization.volunteer_profiles.select_related("user").order_by(
                "user__first_name"
            ),
            "wishes": wishes,
            "matches": matches,
        },
    )


def _profile_values(form) -> dict:
    return {name: form.cleaned_data[name] for name in PROFILE_VALUES if name in form.cleaned_data}


@never_cache
@login_required
def volunteer_register(request: HttpRequest, pk) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=pk)
    require(permissions.can_register_volunteer(request.user, organization))
    form = RegisterVolunteerForm(request.POST or None, project=organization)
    purpose = f"volunteer-register:{organization.pk}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            profile = services.volunteer_register(
                project=organization,
                user=form.cleaned_data["user"],
                by=request.user,
                request=request,
                **_profile_values(form),
            )
            return reverse("buddies:volunteer", args=[profile.pk])

        sent = submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.BuddyError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The volunteer is registered."))
    return render(
        request,
        "buddies/volunteer_form.html",
        {
            "project": organization,
            "form": form,
            "form_token": form_token(request, purpose),
        },
    )


@never_cache
@login_required
def volunteer(request: HttpRequest, pk: int) -> HttpResponse:
    """A volunteer's profile: the coordinator edits it, the volunteer corrects their own."""
    profile = get_object_or_404(VolunteerProfile.objects.select_related("user", "project"), pk=pk)
    require(permissions.can_view_volunteer_profile(request.user, profile))
    screening = permissions.can_edit_volunteer_screening(request.user, profile)
    initial = {name: getattr(profile, name) for name in PROFILE_VALUES}
    form = ProfileForm(request.POST or None, initial=initial, screening=screening)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update(
                profile=profile, by=request.user, request=request, **_profile_values(form)
            )
        except services.BuddyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The profile is saved."))
            return redirect("buddies:volunteer", pk=profile.pk)
    if profile.user_id != request.user.pk:
        audit_record(
            actor=request.user,
            action=AuditAction.READ,
            obj=profile,
            fields=list(PROFILE_VALUES),
            request=request,
        )
    return render(
        request,
        "buddies/volunteer.html",
        {
            "profile": profile,
            "form": form,
            "screening": screening,
            "is_coordinator": screening,
        },
    )


@never_cache
@login_required
def wish(request: HttpRequest, pk: int) -> HttpResponse:
    """A wish for a buddy with the suggested volunteers and why they fit."""
    buddy_request = get_object_or_404(
        BuddyRequest.objects.select_related("question__participant__district", "project"), pk=pk
    )
    require(permissions.can_view_buddy_request(request.user, buddy_request))
    _read(
        request,
        buddy_request.participant,
        ["name", "district", "preferred_language", "home_postcode"],
        f"buddy_request:{buddy_request.pk}",
    )
    return render(
        request,
        "buddies/wish.html",
        {
            "wish": buddy_request,
            "participant": buddy_request.participant,
            "suggestions": suggestions(buddy_request) if buddy_request.closed_at is None else [],
            "matches": buddy_request.matches.select_related("volunteer__user").order_by(
                "proposed_at"
            ),
            "can_propose": permissions.can_propose_match(request.user, buddy_request),
        },
    )


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    buddy_request = get_object_or_404(BuddyRequest.objects.select_related("project"), pk=pk)
    require(permissions.can_propose_match(request.user, buddy_request))
    volunteer_profile = get_object_or_404(
        VolunteerProfile, pk=request.POST.get("volunteer") or 0, project=buddy_request.project
    )
    try:
        match = services.match_propose(
            buddy_request=buddy_request,
            volunteer=volunteer_profile,
            by=request.user,
            request=request,
        )
    except services.BuddyError as error:
        messages.error(request, str(error))
        return redirect("buddies:wish", pk=buddy_request.pk)
    messages.success(request, _("The match is proposed. Both sides are asked to answer."))
    return redirect("buddies:match", pk=match.pk)


def _match_or_404(pk: int) -> Match:
    return get_object_or_404(
        Match.objects.select_related(
            "request__question__participant__user",
            "request__project",
            "volunteer__user",
            "consent",
        ),
        pk=pk,
    )


@never_cache
@login_required
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One match, as the coordinator, the volunteer or the person's side sees it. Contact
    details of the other side only while the match runs (both said yes)."""
    match = _match_or_404(pk)
    user = request.user
    require(permissions.can_view_match(user, match))
    participant = match.participant
    is_volunteer = permissions.is_buddy_volunteer(user, match)
    is_coordinator = permissions.coordinates_buddy_project(user, match.request.project)
    shares = permissions.match_shares_contact_details(match)
    fields = ["name"] + (["contact_route", "contact_detail"] if shares and is_volunteer else [])
    basis = f"consent:{match.consent_id}" if shares and is_volunteer else f"buddy_match:{match.pk}"
    _read(request, participant, fields, basis)
    check_ins = match.check_ins.order_by("asked_at", "pk")
    if is_volunteer:
        my_side = Side.VOLUNTEER
    elif is_coordinator and not permissions.can_answer_match_for_participant(user, match):
        my_side = ""
    else:
        my_side = Side.PARTICIPANT
    open_check_ins = [
        c for c in check_ins if c.side == my_side and permissions.can_answer_buddy_check_in(user, c)
    ]
    return render(
        request,
        "buddies/match.html",
        {
            "match": match,
            "participant": participant,
            "volunteer_profile": match.volunteer,
            "is_volunteer": is_volunteer,
            "is_coordinator": is_coordinator,
            "shares_contact": shares and (is_volunteer or my_side == Side.PARTICIPANT),
            "participant_form": ParticipantAnswerForm()
            if permissions.can_answer_match_for_participant(user, match)
            else None,
            "volunteer_form": VolunteerAnswerForm()
            if permissions.can_answer_match_as_volunteer(user, match)
            else None,
            "open_check_ins": [(c, CheckInForm(prefix=f"c{c.pk}")) for c in open_check_ins],
            "check_ins": check_ins if permissions.can_read_buddy_concerns(user, match) else None,
            "end_form": EndForm() if permissions.can_end_match(user, match) else None,
        },
    )


@login_required
@require_POST
def match_answer(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(pk)
    user = request.user
    if permissions.can_answer_match_as_volunteer(user, match):
        form = VolunteerAnswerForm(request.POST)
        answer = services.match_answer_as_volunteer
        extra = {}
    else:
        require(permissions.can_answer_match_for_participant(user, match))
        form = ParticipantAnswerForm(request.POST)
        answer = services.match_answer_for_participant
        extra = None
    if not form.is_valid():
        messages.error(request, _("Choose yes or no."))
        return redirect("buddies:match", pk=match.pk)
    if extra is None:
        extra = {"in_network": form.cleaned_data["in_network"]}
    try:
        match = answer(
            match=match, yes=form.cleaned_data["answer"] == "yes", by=user, request=request, **extra
        )
    except services.BuddyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you, your answer is saved."))
    return redirect("buddies:match", pk=match.pk)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int, check_in_pk: int) -> HttpResponse:
    match = _match_or_404(pk)
    item = get_object_or_404(CheckIn, pk=check_in_pk, match=match)
    require(permissions.can_answer_buddy_check_in(request.user, item))
    form = CheckInForm(request.POST, prefix=f"c{item.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose yes or no; keep your message short."))
        return redirect("buddies:match", pk=match.pk)
    try:
        services.check_in_answer(
            check_in=item,
            goes_well=form.cleaned_data["goes_well"] == "yes",
            concern=form.cleaned_data["concern"],
            by=request.user,
            request=request,
        )
    except services.BuddyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. Only the coordinator reads what you wrote."))
    return redirect("buddies:match", pk=match.pk)


@login_required
@require_POST
def match_end(request: HttpRequest, pk: int) -> HttpResponse:
    match = _match_or_404(pk)
    require(permissions.can_end_match(request.user, match))
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the match ends."))
        return redirect("buddies:match", pk=match.pk)
    try:
        services.match_end(
            match=match, reason=form.cleaned_data["reason"], by=request.user, request=request
        )
    except services.BuddyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The match is ended. Contact details are no longer shown."))
    return redirect("buddies:match", pk=match.pk)
