"""The participant's own network: who is in it, one central contact person, and snapshots
that keep a moment and never change afterwards."""

import pytest
from django.db import IntegrityError, transaction

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.directory.tests.factories import DistrictFactory
from steunsysteem.networks import services
from steunsysteem.networks.constants import Circle, Relation
from steunsysteem.networks.models import NetworkMember, NetworkSnapshot, SnapshotMember
from steunsysteem.networks.query import SnapshotImmutableError
from steunsysteem.networks.selectors import network_change
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def janny():
    return ParticipantFactory(name="Janny", with_account=True, district=DistrictFactory())


def add(janny, **values):
    values = {"name": "Henk", "relation": Relation.FAMILY, "circle": Circle.INNER, **values}
    return services.network_member_add(participant=janny, by=janny.user, **values)


def test_janny_adds_her_brother_with_what_he_gives_and_what_she_gives_back(janny):
    henk = add(
        janny,
        support_received=["practical", "company", "practical"],
        gives_back=["company"],
        gives_back_note="Ik kook op zondag",
    )

    assert henk.support_received == ["company", "practical"]
    assert henk.gives_back == ["company"]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id) == (AuditAction.CREATE, str(janny.pk))
    assert "network.gives_back" in entry.fields
    assert "Henk" not in str(entry.fields)


def test_a_network_has_one_central_contact_person(janny):
    henk = add(janny, is_central_contact=True)
    fatima = add(janny, name="Fatima", relation=Relation.PROFESSIONAL, is_central_contact=True)

    henk.refresh_from_db()
    assert not henk.is_central_contact
    assert fatima.is_central_contact

    services.network_member_update(member=henk, by=janny.user, is_central_contact=True)
    assert list(janny.network_members.filter(is_central_contact=True)) == [henk]


def test_the_database_refuses_a_second_central_contact(janny):
    NetworkMemberFactory(participant=janny, central=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMemberFactory(participant=janny, central=True)


def test_an_unknown_kind_of_support_or_an_empty_name_is_refused(janny):
    with pytest.raises(services.NetworkError):
        add(janny, support_received=["money"])
    with pytest.raises(services.NetworkError):
        add(janny, name="   ")
    assert not NetworkMember.objects.exists()


def test_only_changed_fields_are_recorded(janny):
    henk = add(janny)

    services.network_member_update(member=henk, by=janny.user, name="Henk", circle=Circle.MIDDLE)

    update = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert update.fields == ["network.circle"]


def test_a_snapshot_keeps_the_network_and_its_counts_and_never_changes(janny):
    add(janny, support_received=["practical"], gives_back=["company"], is_central_contact=True)
    add(janny, name="Kees", relation=Relation.VOLUNTEER, circle=Circle.OUTER)

    snapshot = services.network_snapshot_take(participant=janny, occasion="intake", by=janny.user)

    assert snapshot.members.count() == 2
    assert snapshot.district == janny.district
    assert snapshot.summary["size"] == 2
    assert snapshot.summary["per_circle"] == {"inner": 1, "middle": 0, "outer": 1}
    assert snapshot.summary["support_received"]["practical"] == 1
    assert snapshot.summary["reciprocal"] == 1
    assert "Henk" not in str(snapshot.summary)
    # Changing the live network leaves the snapshot as it was.
    services.network_member_update(
        member=janny.network_members.get(name="Henk"), by=janny.user, name="Henk de Vries"
    )
    assert snapshot.members.filter(name="Henk").exists()
    with pytest.raises(SnapshotImmutableError):
        snapshot.save()
    with pytest.raises(SnapshotImmutableError):
        NetworkSnapshot.objects.filter(pk=snapshot.pk).update(occasion="other")
    member = snapshot.members.first()
    member.name = "Iemand anders"
    with pytest.raises(SnapshotImmutableError):
        member.save()
    with pytest.raises(SnapshotImmutableError):
        SnapshotMember.objects.update(name="Iemand anders")


def test_the_change_between_two_snapshots_shows_who_came_and_who_went(janny):
    henk = add(janny)
    first = services.network_snapshot_take(participant=janny, occasion="intake", by=janny.user)
    services.network_member_remove(member=henk, by=janny.user)
    add(janny, name="Koor De Lijsters", relation=Relation.PEER, gives_back=["company"])
    add(janny, name="Kees", relation=Relation.VOLUNTEER, support_received=["company"])
    second = services.network_snapshot_take(participant=janny, occasion="half_year", by=janny.user)

    change = network_change(first.members.all(), second.members.all())

    assert change.added == ["Kees", "Koor De Lijsters"]
    assert change.lost == ["Henk"]
    assert (change.size.before, change.size.after, change.size.difference) == (1, 2, 1)
    assert (change.reciprocal.before, change.reciprocal.after) == (0, 1)


def test_a_snapshot_needs_a_known_moment(janny):
    with pytest.raises(services.NetworkError):
        services.network_snapshot_take(participant=janny, occasion="someday", by=janny.user)
