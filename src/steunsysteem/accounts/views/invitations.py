"""Inviting someone by e-mail, the open invitations, and accepting an invitation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import permissions, services
from ..forms import InvitationAcceptForm, InvitationForm
from ..models import Invitation

SIGN_IN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@never_cache
@login_required
def invitation_create(request: HttpRequest) -> HttpResponse:
    roles = permissions.invitable_roles(request.user)
    _require(bool(roles))
    form = InvitationForm(
        request.POST or None,
        roles=roles,
        organizations=permissions.invitable_organizations(request.user),
    )
    if form.is_valid():
        try:
            services.invitation_create(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organizations=form.cleaned_data["organizations"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("accounts:invitation_list")
    return render(
        request,
        "accounts/invitation_form.html",
        {"form": form, "valid_days": settings.INVITATION_VALID_DAYS},
    )


@never_cache
@login_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    _require(permissions.can_manage_invitations(request.user))
    invitations = Invitation.objects.open()
    if not permissions.can_see_all_invitations(request.user):
        invitations = invitations.sent_by(request.user)
    return render(
        request,
        "accounts/invitation_list.html",
        {"invitations": invitations.order_by("expires_at", "pk")},
    )


@require_POST
@login_required
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an open invitation; its link stops working at once."""
    invitation = get_object_or_404(Invitation.objects.select_related("participant"), pk=pk)
    _require(permissions.can_revoke_invitation(request.user, invitation))
    participant_id = invitation.participant_id
    services.invitation_revoke(invitation=invitation, by=request.user, request=request)
    messages.success(request, _("The invitation is withdrawn. Its link no longer works."))
    if participant_id is not None:
        return redirect("participants:own_account_invite", pk=participant_id)
    return redirect("accounts:invitation_list")


@never_cache
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invited person chooses a user name and password; then, if needed, sets up 2FA."""
    invitation = Invitation.objects.filter(token_hash=Invitation.hash_token(token)).first()
    try:
        services.invitation_check(invitation)
    except services.InvitationError as error:
        return render(
            request,
            "accounts/invitation_unusable.html",
            {"reason": error.message, "expired": isinstance(error, services.InvitationExpired)},
            status=410 if invitation else 404,
        )
    form = InvitationAcceptForm(request.POST or None)
    if form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            return render(
                request, "accounts/invitation_unusable.html", {"reason": error.message}, status=410
            )
        except ValidationError as error:
            field = "username" if getattr(error, "code", "") == "username_taken" else "password1"
            form.add_error(field, error)
        else:
            login(request, user, backend=SIGN_IN_BACKEND)
            if permissions.needs_two_factor(user):
                return redirect("accounts:two_factor_setup")
            if invitation.participant_id is not None:
                messages.success(request, _("Welcome! This is your own page."))
                return redirect("participants:detail", pk=invitation.participant_id)
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("accounts:account")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
