"""The kwartiermaker's work with organisations: the register, conversations and agreements,
and the features proposed through the coordinators' review of the sociale kaart."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory import services as directory_services
from steunsysteem.directory.constants import ChangeRequestStatus
from steunsysteem.directory.tests.factories import OrganizationFactory, ServiceFactory, UserFactory
from steunsysteem.outreach import services

from .factories import ApproachFactory

pytestmark = pytest.mark.django_db


def test_a_kwartiermaker_starts_an_approach_once():
    kwartiermaker = UserFactory(kwartiermaker=True)
    club = OrganizationFactory(name="Sportclub De Zwaluwen")
    services.approach_start(organization=club, started_on=timezone.localdate(), by=kwartiermaker)
    with pytest.raises(services.OutreachError):
        services.approach_start(
            organization=club, started_on=timezone.localdate(), by=kwartiermaker
        )


@pytest.mark.parametrize(
    "role", ["coordinator", "experience_expert", "professional", "provider_editor"]
)
def test_only_a_kwartiermaker_approaches(role):
    user = UserFactory(**({"editor": True} if role == "provider_editor" else {role: True}))
    with pytest.raises(services.OutreachError):
        services.approach_start(
            organization=OrganizationFactory(), started_on=timezone.localdate(), by=user
        )


def test_a_conversation_records_the_agreements():
    approach = ApproachFactory()
    services.conversation_record(
        approach=approach,
        held_on=timezone.localdate(),
        spoke_with="het bestuur",
        agreed="Iedereen mag een maand gratis meetrainen.",
        ggz_friendly=True,
        contact_person="Trainer Ans",
        first_visit_on=timezone.localdate() + dt.timedelta(days=7),
        by=approach.kwartiermaker,
    )
    approach.refresh_from_db()
    assert approach.ggz_friendly and approach.contact_person == "Trainer Ans"
    assert approach.conversations.count() == 1


def test_only_the_own_kwartiermaker_records_a_conversation():
    approach = ApproachFactory()
    with pytest.raises(services.OutreachError):
        services.conversation_record(
            approach=approach,
            held_on=timezone.localdate(),
            agreed="Iets.",
            by=UserFactory(kwartiermaker=True),
        )


def test_a_conversation_needs_what_was_agreed_and_a_past_date():
    approach = ApproachFactory()
    with pytest.raises(services.OutreachError):
        services.conversation_record(
            approach=approach, held_on=timezone.localdate(), agreed=" ", by=approach.kwartiermaker
        )
    with pytest.raises(services.OutreachError):
        services.conversation_record(
            approach=approach,
            held_on=timezone.localdate() + dt.timedelta(days=1),
            agreed="Iets.",
            by=approach.kwartiermaker,
        )


def test_ggz_friendly_is_proposed_only_after_it_was_agreed():
    approach = ApproachFactory()
    service = ServiceFactory(organization=approach.organization)
    with pytest.raises(services.OutreachError):
        services.features_propose(
            approach=approach, service=service, features=["ggz_friendly"], by=approach.kwartiermaker
        )


def test_the_entry_shows_ggz_friendly_only_after_review():
    approach = ApproachFactory(agreed=True)
    service = ServiceFactory(organization=approach.organization)
    proposal = services.features_propose(
        approach=approach, service=service, features=["ggz_friendly"], by=approach.kwartiermaker
    )
    request = proposal.change_request
    assert request.status == ChangeRequestStatus.PENDING
    assert request.submitted_by == approach.kwartiermaker
    assert directory_services.service_snapshot(service)["access_features"] == []
    directory_services.change_request_approve(
        change_request=request, by=UserFactory(coordinator=True)
    )
    assert directory_services.service_snapshot(service)["access_features"] == ["ggz_friendly"]


def test_features_already_there_are_kept():
    approach = ApproachFactory(agreed=True)
    service = ServiceFactory(organization=approach.organization)
    directory_services.change_request_approve(
        change_request=directory_services.change_request_submit_update(
            service=service,
            values={"access_features": ["wheelchair"]},
            by=UserFactory(coordinator=True),
        ),
        by=UserFactory(coordinator=True),
    )
    proposal = services.features_propose(
        approach=approach, service=service, features=["ggz_friendly"], by=approach.kwartiermaker
    )
    assert proposal.change_request.data == {"access_features": ["ggz_friendly", "wheelchair"]}


def test_one_waiting_proposal_per_entry_and_none_for_what_it_shows_already():
    approach = ApproachFactory(agreed=True)
    service = ServiceFactory(organization=approach.organization)
    proposal = services.features_propose(
        approach=approach, service=service, features=["ggz_friendly"], by=approach.kwartiermaker
    )
    with pytest.raises(services.OutreachError):
        services.features_propose(
            approach=approach, service=service, features=["ggz_friendly"], by=approach.kwartiermaker
        )
    directory_services.change_request_approve(
        change_request=proposal.change_request, by=UserFactory(coordinator=True)
    )
    with pytest.raises(services.OutreachError):
        services.features_propose(
            approach=approach, service=service, features=["ggz_friendly"], by=approach.kwartiermaker
        )


def test_only_the_organisations_own_entries():
    approach = ApproachFactory(agreed=True)
    with pytest.raises(services.OutreachError):
        services.features_propose(
            approach=approach,
            service=ServiceFactory(),
            features=["ggz_friendly"],
            by=approach.kwartiermaker,
        )


def test_a_sports_club_gets_ggz_friendly_through_the_pages(client):
    kwartiermaker = UserFactory(kwartiermaker=True)
    club = OrganizationFactory(name="Sportclub De Zwaluwen")
    service = ServiceFactory(organization=club, name="Wandelvoetbal")
    sign_in(client, kwartiermaker)
    assert client.get(reverse("outreach:approaches")).status_code == 200
    form = client.get(reverse("outreach:approach_create"))
    response = client.post(
        reverse("outreach:approach_create"),
        {
            "organization": club.pk,
            "started_on": timezone.localdate().isoformat(),
            "form_token": form.context["form_token"],
        },
    )
    approach = kwartiermaker.approaches.get()
    assert response.url == reverse("outreach:approach", args=[approach.pk])
    form = client.get(reverse("outreach:conversation_add", args=[approach.pk]))
    client.post(
        reverse("outreach:conversation_add", args=[approach.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "spoke_with": "het bestuur",
            "agreed": "Nieuwe leden mogen eerst meekijken.",
            "ggz_friendly": "on",
            "contact_person": "Trainer Ans",
            "form_token": form.context["form_token"],
        },
    )
    form = client.get(reverse("outreach:propose", args=[approach.pk]))
    client.post(
        reverse("outreach:propose", args=[approach.pk]),
        {
            "service": service.pk,
            "features": ["ggz_friendly"],
            "form_token": form.context["form_token"],
        },
    )
    change_request = approach.proposals.get().change_request
    coordinator = UserFactory(coordinator=True)
    sign_in(client, coordinator)
    assert "Wandelvoetbal" in client.get(reverse("directory:review_queue")).content.decode()
    client.post(
        reverse("directory:review_detail", args=[change_request.pk]), {"decision": "approve"}
    )
    page = client.get(reverse("directory:service_detail", args=[service.pk])).content.decode()
    assert "Ggz-vriendelijk" in page


@pytest.mark.parametrize("role", ["experience_expert", "professional", "volunteer", "participant"])
def test_the_register_is_for_kwartiermakers_and_coordinators(client, role):
    approach = ApproachFactory()
    sign_in(client, UserFactory(**({role: True} if role != "participant" else {})))
    assert client.get(reverse("outreach:approaches")).status_code == 403
    assert client.get(reverse("outreach:approach", args=[approach.pk])).status_code == 403


def test_a_coordinator_reads_the_register_but_records_nothing(client):
    approach = ApproachFactory()
    sign_in(client, UserFactory(coordinator=True))
    assert client.get(reverse("outreach:approach", args=[approach.pk])).status_code == 200
    assert client.get(reverse("outreach:conversation_add", args=[approach.pk])).status_code == 403
    assert client.get(reverse("outreach:propose", args=[approach.pk])).status_code == 403
