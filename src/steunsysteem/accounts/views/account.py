""" "Mijn account": two-factor status, password, and the sessions one is signed in with.

Django's own password pages, with the new password recorded in the audit trail (the field's
name, never the password)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import permissions, query, services
from ..models import UserSession


@never_cache
@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "needs_two_factor": permissions.needs_two_factor(user),
            "has_app": query.has_confirmed_totp_device(user),
            "backup_codes_left": query.backup_codes_left(user),
            "sessions": query.active_sessions(user),
            "current_session_key": request.session.session_key,
            "can_invite": permissions.can_manage_invitations(user),
        },
    )


@require_POST
@login_required
def session_end(request: HttpRequest, pk: int) -> HttpResponse:
    user_session = get_object_or_404(UserSession.objects.of(request.user), pk=pk)
    if user_session.session_key == request.session.session_key:
        messages.info(request, _("To end this session, log out."))
    else:
        services.user_session_end(user_session=user_session, by=request.user)
        messages.success(request, _("The session has ended. It is logged out."))
    return redirect("accounts:account")


@require_POST
@login_required
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    count = services.user_sessions_end_others(
        user=request.user, current_session_key=request.session.session_key
    )
    messages.success(
        request,
        ngettext(
            "%(count)d other session has ended.", "%(count)d other sessions have ended.", count
        )
        % {"count": count},
    )
    return redirect("accounts:account")


class PasswordChangeView(auth_views.PasswordChangeView):
    """The signed-in person changes their own password."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.account_change_record(
                user=form.user, fields=["password"], by=form.user, request=self.request
            )
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Someone who forgot their password sets a new one through the link mailed to them."""

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.account_change_record(
                user=form.user, fields=["password"], by=form.user, request=self.request
            )
        return response
