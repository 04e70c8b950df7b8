"""The chair's pages for who sits at the table and who gets its minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.core import form_tokens

from .. import services
from ..constants import WorktableRole
from ..forms import (
    MailingListForm,
    MemberAddForm,
    MemberRoleForm,
)
from ..models import (
    MailingListEntry,
    Worktable,
    WorktableMembership,
)
from .base import require


def _managed_worktable(request: HttpRequest, pk: int) -> Worktable:
    worktable = get_object_or_404(Worktable, pk=pk)
    require(permissions.can_manage_worktable_members(request.user, worktable))
    return worktable


@never_cache
@login_required
def worktable_members(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair sees who sits at the table and seats someone. That form counts once."""
    worktable = _managed_worktable(request, pk)
    colleagues = permissions.worktable_seat_candidates(request.user, worktable)
    form = MemberAddForm(
        request.POST or None,
        # Someone seated a moment ago still validates, so that a double click reaches the
        # form token and hears it was sent already; the list shows only who is not seated.
        candidates=colleagues,
        lookup=lambda text: permissions.worktable_seat_lookup(request.user, worktable, text),
    )
    purpose = f"member_add:{worktable.pk}"
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]

        def write() -> str:
            services.worktable_member_add(
                worktable=worktable,
                user=user,
                role=form.cleaned_data["role"],
                by=request.user,
                request=request,
            )
            return reverse("worktables:members", args=[worktable.pk])

        sent = form_tokens.submit_form_once(
            request, form, purpose=purpose, write=write, errors=(services.MembershipError,)
        )
        if sent is not None:
            return sent.redirect(
                request,
                thanks=_("%(name)s now sits at the table.")
                % {"name": user.get_full_name() or user.username},
            )
    form.fields["account"].queryset = colleagues.exclude(worktables=worktable).prefetch_related(
        "organizations"
    )
    return render(
        request,
        "worktables/members.html",
        {
            "worktable": worktable,
            "members": worktable.worktablemembership_set.select_related("user")
            .prefetch_related("user__organizations")
            .order_by("role", "user__first_name", "user__username"),
            "roles": WorktableRole.choices,
            "form": form,
            "form_token": form_tokens.form_token(request, purpose),
        },
    )


def _membership(request: HttpRequest, pk: int, membership_pk: int) -> WorktableMembership:
    worktable = _managed_worktable(request, pk)
    return get_object_or_404(
        WorktableMembership.objects.select_related("user", "worktable"),
        pk=membership_pk,
        worktable=worktable,
    )


@login_required
@require_POST
def worktable_member_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = _membership(request, pk, membership_pk)
    form = MemberRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role at the table."))
        return redirect("worktables:members", pk=pk)
    try:
        changed = services.worktable_member_role_change(
            membership=membership, role=form.cleaned_data["role"], by=request.user, request=request
        )
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {
                "name": membership.user.get_full_name() or membership.user.username,
                "role": changed.get_role_display().lower(),
            },
        )
    return redirect("worktables:members", pk=pk)


@login_required
@require_POST
def worktable_member_remove(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Take someone off the table. A chair who takes themselves off goes back to their own
    tables: this one no longer opens for them."""
    worktable = _managed_worktable(request, pk)
    membership = (
        WorktableMembership.objects.select_related("user")
        .filter(pk=membership_pk, worktable=worktable)
        .first()
    )
    if membership is None:
        messages.info(request, _("This person no longer sits at the table."))
        return redirect("worktables:members", pk=pk)
    try:
        services.worktable_member_remove(membership=membership, by=request.user, request=request)
    except services.MembershipError as error:
        messages.error(request, str(error))
        return redirect("worktables:members", pk=pk)
    messages.success(
        request,
        _("%(name)s no longer sits at the table.")
        % {"name": membership.user.get_full_name() or membership.user.username},
    )
    if not permissions.can_view_worktable(request.user, worktable):
        return redirect(
            "worktables:list" if permissions.worktables_of(request.user).exists() else "/"
        )
    return redirect("worktables:members", pk=pk)


@never_cache
@login_required
def worktable_mailing_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The addresses that get the table's minutes; the chair adds one (that form counts
    once) or takes one off."""
    worktable = _managed_worktable(request, pk)
    form = MailingListForm(request.POST or None)
    purpose = f"mailing_list_add:{worktable.pk}"
    if request.method == "POST" and form.is_valid():

        def write() -> str:
            services.mailing_list_add(
                worktable=worktable,
                email=form.cleaned_data["email"],
                by=request.user,
                request=request,
            )
            return reverse("worktables:mailing_list", args=[worktable.pk])

        try:
            sent = form_tokens.submit_once(request, purpose=purpose, write=write)
        except (services.MembershipError, form_tokens.FormTokenError) as error:
            field = "email" if isinstance(error, services.MembershipError) else None
            form.add_error(field, str(error))
        else:
            return sent.redirect(request, thanks=_("The address is on the mailing list."))
    return render(
        request,
        "worktables/mailing_list.html",
        {
            "worktable": worktable,
            "entries": worktable.mailing_list.order_by("email"),
            "form": form,
            "form_token": form_tokens.form_token(request, purpose),
        },
    )


@login_required
@require_POST
def worktable_mailing_list_remove(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    worktable = _managed_worktable(request, pk)
    entry = MailingListEntry.objects.filter(pk=entry_pk, worktable=worktable).first()
    if entry is None:
        messages.info(request, _("This address is no longer on the mailing list."))
    else:
        services.mailing_list_remove(entry=entry, by=request.user, request=request)
        messages.success(request, _("%(email)s is off the mailing list.") % {"email": entry.email})
    return redirect("worktables:mailing_list", pk=pk)
