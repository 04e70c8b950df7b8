"""Pages about participants: the people who shared something with me, one person's basic
details, who may see what (consent), and who looked. Access is decided in
``accounts.permissions``; every read of personal data goes through
``accounts.access.authorize_participant`` so it lands in the audit trail."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions, selectors
from steunsysteem.accounts.access import authorize_participant, record_participant_list
from steunsysteem.accounts.constants import ConsentScope, GranteeKind
from steunsysteem.accounts.models import ConsentGrant
from steunsysteem.accounts.services import (
    ConsentError,
    EmergencyAccessError,
    consent_confirm,
    consent_decline,
    consent_grant,
    consent_withdraw,
    emergency_access_start,
)
from steunsysteem.core import form_tokens

from .. import selectors as participant_selectors
from .. import services
from ..forms import (
    ConsentGrantForm,
    EmergencyAccessForm,
    OwnRecordForm,
    ParticipantDetailsForm,
    ParticipantRegisterForm,
)
from ..models import Participant
from ..services import PROFILE_FIELDS
from .base import participant_or_404, render_page, require
from .rights import erasure_notice_or_404, erasures_known_to


@never_cache
@login_required
def participant_list(request: HttpRequest) -> HttpResponse:
    require(permissions.can_list_participants(request.user))
    participants = list(
        permissions.visible_participants(request.user).select_related("district").by_name()
    )
    record_participant_list(request=request, participants=participants)
    return render_page(
        request,
        "participants/participant_list.html",
        {
            "participants": participants,
            "can_register": permissions.can_register_participant(request.user),
            "erased_recently": len(erasures_known_to(request.user)),
        },
    )


@never_cache
@login_required
def participant_register(request: HttpRequest) -> HttpResponse:
    """Register someone; the form counts once, so a double click registers one person."""
    require(permissions.can_register_participant(request.user))
    form = ParticipantRegisterForm(request.POST or None, user=request.user)
    purpose = "participant_register"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            participant = services.participant_register(
                **{field: form.cleaned_data[field] for field in PROFILE_FIELDS},
                consent_to=form.consent_grantee(),
                consent_scopes=form.cleaned_data["scopes"],
                consent_ends_on=form.cleaned_data["ends_on"],
                consent_source=form.cleaned_data["source"],
                questions_to_worktable=form.questions_worktable(),
                by=request.user,
                request=request,
            )
            return reverse("participants:detail", args=[participant.pk])

        sent = form_tokens.submit_form_once(
            request, form, purpose=purpose, write=write, errors=(ConsentError,)
        )
        if sent is not None:
            return sent.redirect(request, thanks=_("The participant is registered."))
    return render_page(
        request,
        "participants/participant_register.html",
        {"form": form, "form_token": form_tokens.form_token(request, purpose)},
    )


@never_cache
@login_required
def participant_detail(request: HttpRequest, pk) -> HttpResponse:
    try:
        participant = participant_or_404(pk)
    except Http404:
        return erasure_notice_or_404(request, pk)
    access = authorize_participant(
        request=request, participant=participant, scope=ConsentScope.PROFILE, fields=PROFILE_FIELDS
    )
    return render_page(
        request,
        "participants/participant_detail.html",
        {
            "participant": participant,
            "access": access,
            # Consent that waits for this user's yes (the person's own, or a second
            # caseworker's) stands out.
            "may_invite_to_own_account": permissions.can_invite_to_own_account(
                request.user, participant
            ),
            "can_edit_details": permissions.can_edit_details(request.user, participant),
            "consent_waiting": any(
                permissions.can_confirm_consent(request.user, grant)
                for grant in participant.consent_grants.awaiting_confirmation()
            ),
        },
    )


@never_cache
@login_required
def own_account_invite(request: HttpRequest, pk) -> HttpResponse:
    """A professional invites the person to an account of their own, at the e-mail address
    the person gave to be reached at; with it they follow their questions themselves."""
    participant = participant_or_404(pk)
    require(permissions.can_invite_to_own_account(request.user, participant))
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.PROFILE,
        fields=["contact_route", "contact_detail"],
    )
    purpose = f"own-account:{participant.pk}"
    error = None
    if request.method == "POST":

        def write() -> str:
            services.participant_account_invite(
                participant=participant, by=request.user, request=request
            )
            return reverse("participants:detail", args=[participant.pk])

        try:
            sent = form_tokens.submit_once(request, purpose=purpose, write=write)
        except (services.NoAddressForInvitation, form_tokens.FormTokenError) as failure:
            error = str(getattr(failure, "message", failure))
        except ValidationError as failure:
            error = " ".join(failure.messages)
        else:
            return sent.redirect(
                request,
                thanks=_(
                    "The invitation to %(email)s is ready and goes out with the next mail round."
                )
                % {"email": participant.contact_email},
            )
    return render_page(
        request,
        "participants/own_account_invite.html",
        {
            "participant": participant,
            "open_invitation": participant.account_invitations.open().first(),
            "error": error,
            "valid_days": settings.INVITATION_VALID_DAYS,
            "form_token": form_tokens.form_token(request, purpose),
        },
    )


@never_cache
@login_required
def details_edit(request: HttpRequest, pk) -> HttpResponse:
    """Change basic details (among them the home postcode the matcher uses)."""
    participant = participant_or_404(pk)
    require(permissions.can_edit_details(request.user, participant))
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.PROFILE, fields=PROFILE_FIELDS
    )
    form = ParticipantDetailsForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        changed = services.participant_details_change(
            participant=participant,
            by=request.user,
            request=request,
            **{field: form.cleaned_data[field] for field in PROFILE_FIELDS},
        )
        if changed:
            messages.success(request, _("The details are saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("participants:detail", pk=participant.pk)
    return render_page(
        request, "participants/details_form.html", {"participant": participant, "form": form}
    )


@never_cache
@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """A participant's own page; the first time, they start it themselves."""
    require(permissions.can_start_own_record(request.user))
    participant = Participant.objects.filter(user=request.user).first()
    if participant is not None:
        return redirect("participants:detail", pk=participant.pk)
    form = OwnRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        participant = services.participant_start_own_record(
            user=request.user,
            **{field: form.cleaned_data[field] for field in PROFILE_FIELDS},
            request=request,
        )
        return redirect("participants:detail", pk=participant.pk)
    return render_page(request, "participants/own_record_form.html", {"form": form})


@never_cache
@login_required
def consent_list(request: HttpRequest, pk) -> HttpResponse:
    """Every grant: waiting for a second yes, in force, and ended (withdrawn, declined or
    past its date), with who recorded it and how it was obtained."""
    participant = participant_or_404(pk)
    require(permissions.can_manage_consent(request.user, participant))
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.PROFILE,
        fields=["consent_grants"],
    )
    grants = participant.consent_grants.for_overview()
    waiting = list(grants.awaiting_confirmation())
    return render_page(
        request,
        "participants/consent_list.html",
        {
            "participant": participant,
            "waiting": waiting,
            "answerable": {
                grant.pk
                for grant in waiting
                if permissions.can_confirm_consent(request.user, grant)
            },
            "current": grants.active(),
            "past": grants.ended(),
        },
    )


@never_cache
@login_required
def consent_create(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_manage_consent(request.user, participant))
    # The form names who holds or held consent, and (for whoever may see the network) the
    # network members' accounts: both are reads of the person's data.
    authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.PROFILE,
        fields=["consent_grants"],
    )
    with_network = permissions.participant_access(
        request.user, participant, ConsentScope.NETWORK
    ).allowed
    if with_network:
        authorize_participant(
            request=request,
            participant=participant,
            scope=ConsentScope.NETWORK,
            fields=["network.user"],
        )
    by_participant = participant.user_id == request.user.pk
    people = participant_selectors.consent_candidates(
        participant, by=request.user, with_network=with_network
    )
    form = ConsentGrantForm(
        request.POST or None,
        participant=participant,
        by_participant=by_participant,
        people=people,
        initial=(
            _grantee_of_member(participant, request.GET.get("lid"), people) if with_network else {}
        ),
    )
    purpose = f"consent:{participant.pk}"
    if request.method == "POST" and (earlier := form_tokens.already_sent(request, purpose=purpose)):
        messages.info(request, form_tokens.ALREADY_SENT)
        return redirect(earlier.redirect_to)
    if request.method == "POST" and form.is_valid():
        recorded: list = []

        def write() -> str:
            recorded.extend(
                consent_grant(
                    participant=participant,
                    grantee=form.cleaned_data["grantee"],
                    scopes=form.cleaned_data["scopes"],
                    ends_on=form.cleaned_data["ends_on"],
                    source=form.consent_source,
                    by=request.user,
                    request=request,
                )
            )
            return reverse("participants:consent", args=[participant.pk])

        sent = form_tokens.submit_form_once(
            request, form, purpose=purpose, write=write, errors=(ConsentError,)
        )
        if sent is not None:
            if not sent.first:
                messages.info(request, form_tokens.ALREADY_SENT)
            elif all(grant.confirmed_at is not None for grant in recorded):
                messages.success(request, _("The consent is recorded."))
            elif participant.user_id is not None:
                messages.warning(
                    request,
                    _(
                        "The consent is recorded. What waits for a yes counts only once the"
                        " person has said yes to it on their own page."
                    ),
                )
            else:
                messages.warning(
                    request,
                    _(
                        "The consent is recorded. What waits for a yes counts only once a second"
                        " professional or coordinator who works with this person has confirmed"
                        " it."
                    ),
                )
            return redirect(sent.redirect_to)
    return render_page(
        request,
        "participants/consent_form.html",
        {
            "participant": participant,
            "form": form,
            "form_token": form_tokens.form_token(request, purpose),
        },
    )


def _grantee_of_member(participant, member_pk, people) -> dict:
    """ "What may this member see?" from the network page: the member's account (when it is
    among the people the form offers) or organisation as the grantee. The link carries the
    member's id, never a name or address."""
    member = (
        participant.network_members.select_related("user", "organization")
        .filter(pk=member_pk)
        .first()
        if member_pk and _is_uuid(member_pk)
        else None
    )
    if member is None:
        return {}
    if member.user is not None and people.filter(pk=member.user_id).exists():
        return {"grantee_kind": GranteeKind.USER, "grantee_user": member.user_id}
    if member.organization is not None:
        return {
            "grantee_kind": GranteeKind.ORGANIZATION,
            "grantee_organization": member.organization,
        }
    return {}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
@require_POST
def consent_withdraw_view(request: HttpRequest, pk, grant_pk: int) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_manage_consent(request.user, participant))
    grant = get_object_or_404(ConsentGrant, pk=grant_pk, participant=participant)
    try:
        consent_withdraw(grant=grant, by=request.user, request=request)
    except ConsentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The consent is withdrawn. It no longer counts from now on."))
    return redirect("participants:consent", pk=participant.pk)


@login_required
@require_POST
def consent_confirm_view(request: HttpRequest, pk, grant_pk: int) -> HttpResponse:
    """The second yes to a grant someone recorded (``permissions.can_confirm_consent``)."""
    return _answer(
        request,
        pk,
        grant_pk,
        consent_confirm,
        _("The consent is confirmed. It counts from now on."),
    )


@login_required
@require_POST
def consent_decline_view(request: HttpRequest, pk, grant_pk: int) -> HttpResponse:
    """No to a grant someone recorded: it is closed and never counts."""
    return _answer(
        request, pk, grant_pk, consent_decline, _("The consent is declined. It does not count.")
    )


def _answer(request: HttpRequest, pk, grant_pk: int, answer, done: str) -> HttpResponse:
    participant = participant_or_404(pk)
    grant = get_object_or_404(ConsentGrant, pk=grant_pk, participant=participant)
    require(permissions.can_confirm_consent(request.user, grant))
    try:
        answer(grant=grant, by=request.user, request=request)
    except ConsentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("participants:consent", pk=participant.pk)


@never_cache
@login_required
def access_log(request: HttpRequest, pk) -> HttpResponse:
    """Who looked at or changed this participant's data, from the audit trail."""
    participant = participant_or_404(pk)
    require(permissions.can_manage_consent(request.user, participant))
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.PROFILE, fields=["access_log"]
    )
    return render_page(
        request,
        "participants/access_log.html",
        {"participant": participant, "rows": selectors.access_log(participant)},
    )


@never_cache
@login_required
def emergency_access(request: HttpRequest, pk) -> HttpResponse:
    """Break the glass: see a participant's details without consent, with a reason."""
    participant = participant_or_404(pk)
    require(permissions.can_start_emergency_access(request.user, participant))
    form = EmergencyAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency_access_start(
                participant=participant,
                by=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except EmergencyAccessError as error:
            form.add_error(None, str(error))
        else:
            return redirect("participants:detail", pk=participant.pk)
    return render_page(
        request,
        "participants/emergency_access_form.html",
        {
            "form": form,
            "emergency_hours": int(settings.EMERGENCY_ACCESS_DURATION.total_seconds() // 3600),
        },
    )
