"""Belangenbehartiger: a relative with consent for the network helps keep it up to date
only when the person chose that, and only while the consent is in force."""

from __future__ import annotations

import pytest
from django.urls import reverse

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks import services
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def person_and_relative(**grant):
    person = ParticipantFactory(with_account=True)
    relative = UserFactory(relative=True)
    ConsentGrantFactory(
        participant=person, grantee_user=relative, scope=ConsentScope.NETWORK, **grant
    )
    return person, relative


def test_consent_for_the_network_alone_lets_a_relative_read_not_change():
    person, relative = person_and_relative()
    assert permissions.participant_access(relative, person, ConsentScope.NETWORK).allowed
    assert not permissions.can_edit_network(relative, person)


def test_the_person_chooses_the_relative_to_help_and_can_stop_it():
    person, relative = person_and_relative()
    services.network_keeper_set(participant=person, user=relative, allowed=True, by=person.user)
    assert permissions.can_edit_network(relative, person)
    services.network_keeper_set(participant=person, user=relative, allowed=False, by=person.user)
    assert not permissions.can_edit_network(relative, person)


def test_the_choice_ends_with_the_consent():
    person, relative = person_and_relative()
    services.network_keeper_set(participant=person, user=relative, allowed=True, by=person.user)
    person.consent_grants.update(withdrawn_at="2026-01-01T00:00Z")
    assert not permissions.can_edit_network(relative, person)


def test_nobody_else_makes_the_choice():
    person, relative = person_and_relative()
    professional = UserFactory(professional=True)
    ConsentGrantFactory(participant=person, grantee_user=professional, scope=ConsentScope.NETWORK)
    for by in (relative, professional):
        with pytest.raises(services.NetworkError):
            services.network_keeper_set(participant=person, user=relative, allowed=True, by=by)


def test_only_a_relative_with_consent_for_the_network_can_be_chosen():
    person = ParticipantFactory(with_account=True)
    relative = UserFactory(relative=True)
    ConsentGrantFactory(participant=person, grantee_user=relative)  # basic details only
    with pytest.raises(services.NetworkError):
        services.network_keeper_set(participant=person, user=relative, allowed=True, by=person.user)
    volunteer = UserFactory(volunteer=True)
    ConsentGrantFactory(participant=person, grantee_user=volunteer, scope=ConsentScope.NETWORK)
    with pytest.raises(services.NetworkError):
        services.network_keeper_set(
            participant=person, user=volunteer, allowed=True, by=person.user
        )


def test_the_person_chooses_on_their_network_page_and_the_relative_can_add(client):
    person, relative = person_and_relative()
    sign_in(client, person.user)
    page = client.get(reverse("networks:network", args=[person.pk])).content.decode()
    assert f"keeper-{relative.pk}" in page
    client.post(
        reverse("networks:keeper_set", args=[person.pk]), {"user": relative.pk, "allowed": "yes"}
    )
    sign_in(client, relative)
    assert client.get(reverse("networks:member_add", args=[person.pk])).status_code == 200
    page = client.get(reverse("networks:network", args=[person.pk])).content.decode()
    assert 'id="you-keep"' in page and "keepers-heading" not in page
