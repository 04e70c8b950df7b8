"""Pages of a participant's own network: the people in it, adding and changing them,
snapshots that show how the network grew, and the network map (netwerkkaart) as a page and
as SVG, PNG and PDF files (a read for the page, an export for a download). Reads go through
``accounts.access.authorize_participant`` (audit trail); writes are allowed by
``accounts.permissions.can_edit_network``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.audit import audit_record
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import map_files, services
from .constants import SupportKind
from .forms import NetworkMemberForm, SnapshotForm
from .map_layout import network_map
from .models import NetworkMember, NetworkSnapshot
from .selectors import network_change


def _read_network(request: HttpRequest, participant, fields) -> None:
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.NETWORK, fields=fields
    )


@never_cache
@login_required
def network(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    _read_network(request, participant, ["network"])
    members = participant.network_members.select_related("organization").in_map_order()
    snapshots = participant.network_snapshots.newest_first()
    return render_page(
        request,
        "networks/network.html",
        {
            "participant": participant,
            "members": members,
            "snapshots": snapshots,
            "can_edit": permissions.can_edit_network(request.user, participant),
            "can_manage_consent": permissions.can_manage_consent(request.user, participant),
            "snapshot_form": SnapshotForm(),
            "keepers": _keeper_choices(request, participant),
            "is_keeper": permissions.is_network_keeper(request.user, participant),
        },
    )


LINK_ASKED = gettext_lazy(
    "If this address belongs to an account, that person gets a message to confirm the link."
)


@never_cache
@login_required
def member_add(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_edit_network(request.user, participant))
    form = NetworkMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.network_member_add(
                participant=participant, by=request.user, request=request, **form.member_values()
            )
        except services.NetworkError as error:
            form.add_error(None, str(error))
        else:
            message = _("%(name)s is in the network now.") % {"name": member.name}
            if member.link_email:
                message = f"{message} {LINK_ASKED}"
            messages.success(request, message)
            return redirect("networks:network", pk=participant.pk)
    return render_page(
        request, "networks/member_form.html", {"participant": participant, "form": form}
    )


def _saved_member(participant, member_pk) -> NetworkMember:
    return get_object_or_404(
        NetworkMember.objects.select_related("user", "organization"),
        pk=member_pk,
        participant=participant,
    )


@never_cache
@login_required
def member_edit(request: HttpRequest, pk, member_pk) -> HttpResponse:
    """Change a member. Opening the form is a read of the network (audit trail); saving a
    form opened before someone else's change is refused, with both shown side by side."""
    participant = participant_or_404(pk)
    require(permissions.can_edit_network(request.user, participant))
    member = _saved_member(participant, member_pk)
    form = NetworkMemberForm(request.POST or None, instance=member)
    saved_now: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        asked_before = member.link_requested_at
        try:
            member = services.network_member_update(
                member=member,
                by=request.user,
                request=request,
                version=form.cleaned_data["version"],
                **form.member_values(),
            )
        except services.NetworkMemberChanged as error:
            member = _saved_member(participant, member_pk)
            form = _form_after_conflict(request, _saved_member(participant, member_pk))
            form.add_error(None, str(error))
            saved_now = form.saved_now(member)
        except services.NetworkError as error:
            form.add_error(None, str(error))
        else:
            message = _("The changes are saved.")
            if member.link_email and member.link_requested_at != asked_before:
                message = f"{message} {LINK_ASKED}"
            messages.success(request, message)
            return redirect("networks:network", pk=participant.pk)
    _read_network(request, participant, [f"network.{field}" for field in MEMBER_FORM_FIELDS])
    return render_page(
        request,
        "networks/member_form.html",
        {
            "participant": participant,
            "form": form,
            "member": _saved_member(participant, member_pk) if form.is_bound else member,
            "saved_now": saved_now,
        },
    )


MEMBER_FORM_FIELDS = [*services.MEMBER_FIELDS, "user", "link_email"]


def _form_after_conflict(request: HttpRequest, saved: NetworkMember) -> NetworkMemberForm:
    """The form again with what this person typed, now at the saved version: saving again
    is then a choice made with both in view."""
    data = request.POST.copy()
    data["version"] = str(saved.version)
    form = NetworkMemberForm(data, instance=saved)
    form.is_valid()
    return form


@login_required
@require_POST
def member_remove(request: HttpRequest, pk, member_pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_edit_network(request.user, participant))
    member = get_object_or_404(NetworkMember, pk=member_pk, participant=participant)
    services.network_member_remove(member=member, by=request.user, request=request)
    messages.success(request, _("%(name)s is no longer in the network.") % {"name": member.name})
    return redirect("networks:network", pk=participant.pk)


@never_cache
@login_required
def link_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The account holder confirms being linked to a member of someone's network.

    Only the account the mail went to gets the page; every other case is the same "this
    link does not work" (404), so the link reveals nothing either.
    """
    try:
        member = services.network_member_for_link(token=token, user=request.user)
    except services.AccountLinkError as error:
        return render(request, "networks/link_confirm.html", {"error": str(error)}, status=404)
    if request.method == "POST":
        services.network_member_link_confirm(token=token, user=request.user, request=request)
        messages.success(
            request,
            _(
                "Thank you. Your account is linked now. You see only what the person decides"
                " to share with you."
            ),
        )
        if permissions.can_list_participants(request.user):
            return redirect("participants:list")
        return redirect("core:home")
    audit_record(
        actor=request.user,
        action=AuditAction.READ,
        obj=member.participant,
        fields=["network.name", "network.link_email"],
        request=request,
    )
    return render(request, "networks/link_confirm.html", {"member": member})


@login_required
@require_POST
def snapshot_take(request: HttpRequest, pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_edit_network(request.user, participant))
    form = SnapshotForm(request.POST)
    if form.is_valid():
        snapshot = services.network_snapshot_take(
            participant=participant,
            occasion=form.cleaned_data["occasion"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("The network of today is kept."))
        return redirect("networks:snapshot", pk=participant.pk, snapshot_pk=snapshot.pk)
    messages.error(request, _("Choose the moment of this snapshot."))
    return redirect("networks:network", pk=participant.pk)


@never_cache
@login_required
def snapshot_detail(request: HttpRequest, pk, snapshot_pk: int) -> HttpResponse:
    """One snapshot, and what changed since the one before it (or since the first one)."""
    participant = participant_or_404(pk)
    _read_network(request, participant, ["network.snapshot"])
    snapshot = get_object_or_404(NetworkSnapshot, pk=snapshot_pk, participant=participant)
    previous = (
        participant.network_snapshots.filter(taken_at__lt=snapshot.taken_at).newest_first().first()
    )
    members = list(snapshot.members.order_by("circle", "name"))
    change = network_change(previous.members.all(), members) if previous else None
    return render_page(
        request,
        "networks/snapshot.html",
        {
            "participant": participant,
            "snapshot": snapshot,
            "previous": previous,
            "members": members,
            "change": change,
        },
    )


# The network map ----------------------------------------------------------------------


def _map_context(request: HttpRequest, pk, *, action: str) -> dict:
    participant = participant_or_404(pk)
    access = authorize_participant(
        request=request,
        participant=participant,
        scope=ConsentScope.NETWORK,
        fields=["network"],
        action=action,
    )
    members = list(participant.network_members.in_map_order().select_related("organization"))
    count = len(members)
    return {
        "participant": participant,
        "access": access,
        "members": members,
        "rows": [_row(member) for member in members],
        "map": network_map(members, person_name=participant.name),
        "title": _("Network map of %(name)s") % {"name": participant.name},
        "description": ngettext(
            "%(name)s in the centre, with %(count)d person in three circles: very close, "
            "close and further away. The list below the map shows the same.",
            "%(name)s in the centre, with %(count)d people in three circles: very close, "
            "close and further away. The list below the map shows the same.",
            count,
        )
        % {"name": participant.name, "count": count},
        "today": timezone.localdate(),
    }


def _row(member) -> dict:
    def labels(values):
        return [SupportKind(value).label for value in values if value in SupportKind.values]

    gives_back = labels(member.gives_back)
    if member.gives_back_note:
        gives_back.append(member.gives_back_note)
    return {
        "name": member.name,
        "organization": member.organization.name if member.organization else "",
        "relation": member.get_relation_display(),
        "circle": member.get_circle_display(),
        "support_received": labels(member.support_received),
        "gives_back": gives_back,
        "is_central_contact": member.is_central_contact,
    }


def _download(content: bytes | str, content_type: str, extension: str) -> HttpResponse:
    """A file named by date only: the person's name stays out of download folders."""
    response = HttpResponse(content, content_type=content_type)
    filename = f"netwerkkaart-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def network_map_page(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.READ)
    return render_page(request, "networks/map.html", context)


@never_cache
@login_required
def network_map_svg(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.EXPORT)
    return _download(map_files.map_svg(context), "image/svg+xml; charset=utf-8", "svg")


@never_cache
@login_required
def network_map_png(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.EXPORT)
    return _download(map_files.map_png(map_files.map_svg(context)), "image/png", "png")


@never_cache
@login_required
def network_map_pdf(request: HttpRequest, pk) -> HttpResponse:
    context = _map_context(request, pk, action=AuditAction.EXPORT)
    return _download(map_files.map_pdf(context), "application/pdf", "pdf")


def _keeper_choices(request: HttpRequest, participant):
    """For the person only: the relatives who may see their network, and whether each may
    help keep it up to date."""
    if not permissions.can_choose_network_keepers(request.user, participant):
        return None
    chosen = set(participant.network_keepers.values_list("user_id", flat=True))
    return [
        (user, user.pk in chosen) for user in permissions.network_keeper_candidates(participant)
    ]


@require_POST
@login_required
def keeper_set(request: HttpRequest, pk) -> HttpResponse:
    """The person chooses whether a relative helps keep their network up to date."""
    participant = participant_or_404(pk)
    require(permissions.can_choose_network_keepers(request.user, participant))
    user = get_object_or_404(
        permissions.network_keeper_candidates(participant), pk=request.POST.get("user") or 0
    )
    allowed = request.POST.get("allowed") == "yes"
    try:
        services.network_keeper_set(
            participant=participant, user=user, allowed=allowed, by=request.user, request=request
        )
    except services.NetworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("They can now help keep your network up to date.")
            if allowed
            else _("They can no longer change your network. They can still see it."),
        )
    return redirect("networks:network", participant.pk)
