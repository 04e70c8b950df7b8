"""Network pages: the participant builds their network; a professional with consent for the
network works on it with them; consent for basic details alone does not open it."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks.models import NetworkMember
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def janny():
    return ParticipantFactory(name="Janny", with_account=True)


HENK = {"name": "Henk", "relation": "family", "circle": "middle", "contact_frequency": "monthly"}


def test_janny_adds_her_brother_and_sees_him_in_her_network(client, janny):
    sign_in(client, janny.user)

    response = client.post(
        reverse("networks:member_add", args=[janny.pk]),
        {
            "name": "Henk",
            "relation": "family",
            "circle": "inner",
            "support_received": ["practical", "company"],
            "gives_back": ["company"],
            "gives_back_note": "Ik kook op zondag",
            "contact_frequency": "weekly",
            "is_central_contact": "on",
        },
    )

    assert response.headers["Location"] == reverse("networks:network", args=[janny.pk])
    page = client.get(reverse("networks:network", args=[janny.pk])).content.decode()
    assert "Henk" in page and "central contact person" in page and "Ik kook op zondag" in page
    assert NetworkMember.objects.get().is_central_contact


def test_a_professional_with_network_consent_edits_and_every_visit_is_recorded(client, janny):
    fatima = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=ConsentScope.NETWORK)
    henk = NetworkMemberFactory(participant=janny, name="Henk")
    sign_in(client, fatima)

    assert client.get(reverse("networks:network", args=[janny.pk])).status_code == 200
    response = client.post(
        reverse("networks:member_edit", args=[janny.pk, henk.pk]),
        {**HENK, "circle": "outer", "version": 1},
    )

    assert response.status_code == 302
    henk.refresh_from_db()
    assert (henk.circle, henk.version) == ("outer", 2)
    read = AuditEntry.objects.get(action=AuditAction.READ)
    assert read.actor_user_id == fatima.pk and read.legal_basis.startswith("consent:")


def test_opening_a_members_edit_page_is_a_read_in_the_audit_trail(client, janny):
    fatima = UserFactory(professional=True)
    grant = ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=ConsentScope.NETWORK)
    henk = NetworkMemberFactory(participant=janny, name="Henk")
    sign_in(client, fatima)

    page = client.get(reverse("networks:member_edit", args=[janny.pk, henk.pk]))

    assert page.status_code == 200 and "Henk" in page.content.decode()
    [read] = AuditEntry.objects.filter(action=AuditAction.READ)
    assert (read.object_id, read.actor_user_id) == (str(janny.pk), fatima.pk)
    assert read.legal_basis == f"consent:{grant.pk}"
    assert "network.name" in read.fields and "Henk" not in str(read.fields)


def test_consent_for_basic_details_does_not_open_the_network(client, janny):
    fatima = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=ConsentScope.PROFILE)
    sign_in(client, fatima)

    assert client.get(reverse("networks:network", args=[janny.pk])).status_code == 403
    assert client.get(reverse("networks:member_add", args=[janny.pk])).status_code == 403


def test_a_relative_with_network_consent_may_look_but_not_change(client, janny):
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.NETWORK)
    member = NetworkMemberFactory(participant=janny)
    sign_in(client, henk)

    page = client.get(reverse("networks:network", args=[janny.pk]))
    assert page.status_code == 200
    assert reverse("networks:member_add", args=[janny.pk]) not in page.content.decode()
    removed = client.post(reverse("networks:member_remove", args=[janny.pk, member.pk]))
    assert removed.status_code == 403
    assert NetworkMember.objects.filter(pk=member.pk).exists()


def test_a_snapshot_page_shows_what_changed_since_the_one_before(client, janny):
    sign_in(client, janny.user)
    henk = NetworkMemberFactory(participant=janny, name="Henk")
    take = reverse("networks:snapshot_take", args=[janny.pk])
    client.post(take, {"occasion": "intake"})
    henk.delete()
    NetworkMemberFactory(participant=janny, name="Kees")

    response = client.post(take, {"occasion": "half_year"})
    page = client.get(response.headers["Location"]).content.decode()

    assert "Kees" in page
    change = client.get(response.headers["Location"]).context["change"]
    assert change.added == ["Kees"] and change.lost == ["Henk"]


def test_the_sub_menu_offers_only_the_pages_one_may_open(client, janny):
    fatima = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=ConsentScope.NETWORK)
    sign_in(client, fatima)

    links = client.get(reverse("networks:network", args=[janny.pk])).context["participant_links"]

    assert [link.key for link in links] == ["network"]
