"""Pages of a participant's own network: the people in it, adding and changing them, and
snapshots that show how the network grew. Reads go through
``accounts.access.authorize_participant`` (audit trail); writes are allowed by
``accounts.permissions.can_edit_network``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from steunsysteem.accounts import permissions
from steunsysteem.accounts.access import authorize_participant
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.participants.views.base import participant_or_404, render_page, require

from . import services
from .forms import NetworkMemberForm, SnapshotForm
from .models import NetworkMember, NetworkSnapshot
from .selectors import network_change


def _read_network(request: HttpRequest, participant, fields) -> None:
    authorize_participant(
        request=request, participant=participant, scope=ConsentScope.NETWORK, fields=fields
    )


def _member_values(form: NetworkMemberForm) -> dict:
    return {field: form.cleaned_data[field] for field in NetworkMemberForm.Meta.fields}


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
            "snapshot_form": SnapshotForm(),
        },
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
                participant=participant, by=request.user, request=request, **_member_values(form)
            )
        except services.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is in the network now.") % {"name": member.name})
            return redirect("networks:network", pk=participant.pk)
    return render_page(
        request, "networks/member_form.html", {"participant": participant, "form": form}
    )


@never_cache
@login_required
def member_edit(request: HttpRequest, pk, member_pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_edit_network(request.user, participant))
    member = get_object_or_404(NetworkMember, pk=member_pk, participant=participant)
    form = NetworkMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_member_update(
                member=member, by=request.user, request=request, **_member_values(form)
            )
        except services.NetworkError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("networks:network", pk=participant.pk)
    return render_page(
        request,
        "networks/member_form.html",
        {"participant": participant, "form": form, "member": member},
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, pk, member_pk) -> HttpResponse:
    participant = participant_or_404(pk)
    require(permissions.can_edit_network(request.user, participant))
    member = get_object_or_404(NetworkMember, pk=member_pk, participant=participant)
    services.network_member_remove(member=member, by=request.user, request=request)
    messages.success(request, _("%(name)s is no longer in the network.") % {"name": member.name})
    return redirect("networks:network", pk=participant.pk)


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
