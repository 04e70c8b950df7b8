"""On the public sociale kaart a laagdrempelig steunpunt is a place, with a filter and a label;
"laagdrempelig, zonder afspraak" stays the attribute of an activity."""

import pytest
from django.urls import reverse

from steunsysteem.directory import services
from steunsysteem.directory.constants import AccessFeature
from steunsysteem.directory.search import SearchParams, search_services
from steunsysteem.directory.vocabularies import ACCESS_FEATURES

from .factories import ServiceAtLocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def at_steunpunt(name, *, days=4):
    place = ServiceAtLocationFactory(service__name=name, location__name="De Vonk")
    services.support_point_save(
        location=place.location,
        by=None,
        days_open_per_week=days,
        led_by_experts_by_experience=True,
        independent=True,
    )
    return place.service


def names(**kwargs):
    return [service.name for service in search_services(SearchParams(**kwargs)).services]


def test_the_steunpunt_filter_finds_only_activities_at_a_steunpunt():
    at_steunpunt("Inloop De Vonk")
    ServiceAtLocationFactory(service__name="Inloopspreekuur wijkteam")
    ServiceFactory(name="Online cursus")

    assert names(at_support_point=True) == ["Inloop De Vonk"]


def test_the_search_page_filters_on_steunpunt_and_labels_the_card(client):
    at_steunpunt("Inloop De Vonk")
    ServiceAtLocationFactory(service__name="Inloopspreekuur wijkteam")

    page = client.get(reverse("directory:search"), {"steunpunt": "on"}).content.decode()

    assert "Inloop De Vonk" in page
    assert "Inloopspreekuur wijkteam" not in page
    assert "Laagdrempelig steunpunt" in page
    assert 'id="id_steunpunt" name="steunpunt" value="on" checked' in page


def test_the_service_page_says_what_the_steunpunt_is(client):
    service = at_steunpunt("Inloop De Vonk", days=4)

    page = client.get(reverse("directory:service_detail", args=[service.pk])).content.decode()

    assert "open 4 days a week" in page
    assert "run by experts by experience" in page


def test_a_walk_in_activity_elsewhere_gets_no_steunpunt_label(client):
    place = ServiceAtLocationFactory(service__name="Inloopspreekuur wijkteam")
    page = client.get(reverse("directory:service_detail", args=[place.service.pk]))
    assert "steunsysteem-support-point" not in page.content.decode()


def test_low_threshold_is_named_for_what_it_is_an_activity_you_walk_into():
    assert str(AccessFeature.LOW_THRESHOLD.label) == "Low-threshold: walk in without an appointment"
    assert ACCESS_FEATURES.dutch_names["low_threshold"] == (
        "Laagdrempelig: zonder afspraak binnenlopen"
    )
    assert "steunpunt" not in ACCESS_FEATURES.dutch_names["low_threshold"].lower()


def test_searching_for_steunpunt_finds_the_activities_at_one_and_follows_changes(
    django_capture_on_commit_callbacks,
):
    ServiceAtLocationFactory(service__name="Inloopspreekuur wijkteam")
    with django_capture_on_commit_callbacks(execute=True):
        service = at_steunpunt("Inloop De Vonk")

    assert names(text="steunpunt") == ["Inloop De Vonk"]

    location = service.service_at_locations.get().location
    with django_capture_on_commit_callbacks(execute=True):
        services.support_point_remove(location=location, by=None)
    assert names(text="steunpunt") == []
