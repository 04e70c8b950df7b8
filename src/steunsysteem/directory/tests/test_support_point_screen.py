"""Coordinators who review the sociale kaart mark a location as a steunpunt, change what it
offers, or remove the mark; other roles are refused."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.form_tokens import form_token
from steunsysteem.directory import services
from steunsysteem.directory.models import SupportPoint

from .factories import LocationFactory, UserFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "walk_in": "on",
    "meeting": "on",
    "activities": "on",
    "peer_support": "on",
    "led_by_experts_by_experience": "on",
    "own_location": "on",
    "days_open_per_week": "4",
}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def coordinator():
    return UserFactory(coordinator=True)


def token(user, location) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return form_token(request, f"support_point:{location.pk}")


def post(client, user, location, **fields):
    data = {**FIELDS, **fields, "form_token": token(user, location)}
    return client.post(reverse("directory:support_point_edit", args=[location.pk]), data)


def test_a_coordinator_marks_a_location_as_a_steunpunt(client, coordinator):
    location = LocationFactory(name="De Vonk")
    sign_in(client, coordinator)
    response = post(client, coordinator, location)
    assert response.status_code == 302 and response.url == reverse("directory:coverage")
    point = SupportPoint.objects.get(location=location)
    assert point.days_open_per_week == 4 and point.led_by_experts_by_experience
    assert not point.independent
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, actor_user_id=coordinator.pk
    ).exists()


def test_a_coordinator_changes_what_a_steunpunt_offers(client, coordinator):
    location = LocationFactory()
    services.support_point_save(location=location, by=None, days_open_per_week=2)
    sign_in(client, coordinator)
    page = client.get(reverse("directory:support_point_edit", args=[location.pk]))
    assert 'value="2"' in page.content.decode() and "support-point-remove" in page.content.decode()
    post(client, coordinator, location, days_open_per_week="5", independent="on")
    point = SupportPoint.objects.get(location=location)
    assert point.days_open_per_week == 5 and point.independent
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, actor_user_id=coordinator.pk
    ).exists()


def test_more_than_seven_days_a_week_is_refused(client, coordinator):
    location = LocationFactory()
    sign_in(client, coordinator)
    response = post(client, coordinator, location, days_open_per_week="8")
    assert response.status_code == 400
    assert not SupportPoint.objects.filter(location=location).exists()


def test_sending_the_form_twice_saves_once(client, coordinator):
    location = LocationFactory()
    sign_in(client, coordinator)
    data = {**FIELDS, "form_token": token(coordinator, location)}
    url = reverse("directory:support_point_edit", args=[location.pk])
    client.post(url, data)
    client.post(url, {**data, "days_open_per_week": "6"})
    assert SupportPoint.objects.get(location=location).days_open_per_week == 4


def test_a_coordinator_removes_the_mark(client, coordinator):
    location = LocationFactory()
    services.support_point_save(location=location, by=None, days_open_per_week=2)
    sign_in(client, coordinator)
    response = client.post(reverse("directory:support_point_unmark", args=[location.pk]))
    assert response.status_code == 302
    assert not SupportPoint.objects.filter(location=location).exists()
    assert location.__class__.objects.filter(pk=location.pk).exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, actor_user_id=coordinator.pk
    ).exists()


def test_the_coverage_page_offers_marking_a_location(client, coordinator):
    location = LocationFactory(name="Buurthuis Oost")
    sign_in(client, coordinator)
    page = client.get(reverse("directory:coverage")).content.decode()
    assert 'id="support-point-choose"' in page and str(location.pk) in page
    response = client.get(reverse("directory:support_point_choose"), {"location": location.pk})
    assert response.url == reverse("directory:support_point_edit", args=[location.pk])


def test_the_coverage_page_links_each_steunpunt_to_its_change_page(client, coordinator):
    location = LocationFactory(name="De Vonk")
    services.support_point_save(location=location, by=None, days_open_per_week=3)
    sign_in(client, coordinator)
    page = client.get(reverse("directory:coverage")).content.decode()
    assert reverse("directory:support_point_edit", args=[location.pk]) in page


def test_an_unknown_choice_goes_back_to_the_coverage_page(client, coordinator):
    sign_in(client, coordinator)
    response = client.get(reverse("directory:support_point_choose"), {"location": "nonsense"})
    assert response.url == reverse("directory:coverage")


def test_a_policy_officer_sees_coverage_but_cannot_mark(client):
    location = LocationFactory()
    sign_in(client, UserFactory(policy_officer=True))
    page = client.get(reverse("directory:coverage")).content.decode()
    assert 'id="support-point-choose"' not in page
    url = reverse("directory:support_point_edit", args=[location.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("role", ["professional", "provider_editor", "policy_officer", "relative"])
def test_other_roles_cannot_mark_change_or_remove(client, role):
    location = LocationFactory()
    services.support_point_save(location=location, by=None, days_open_per_week=2)
    user = UserFactory(**({"editor": True} if role == "provider_editor" else {role: True}))
    sign_in(client, user)
    assert (
        client.get(reverse("directory:support_point_edit", args=[location.pk])).status_code == 403
    )
    assert post(client, user, location, days_open_per_week="6").status_code == 403
    unmark = client.post(reverse("directory:support_point_unmark", args=[location.pk]))
    assert unmark.status_code == 403
    assert SupportPoint.objects.get(location=location).days_open_per_week == 2


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    location = LocationFactory()
    response = client.get(reverse("directory:support_point_edit", args=[location.pk]))
    assert response.status_code == 302
