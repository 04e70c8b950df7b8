"""Coverage of the laagdrempelige steunpunten: which districts are white spots, and why."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory import services
from steunsysteem.directory.coverage import coverage_map, district_coverage
from steunsysteem.directory.models import SupportPoint

from .factories import DistrictFactory, LocationFactory, PostcodeAreaFactory, UserFactory

pytestmark = pytest.mark.django_db

# About 1.1 km per 0.01 degree of latitude.
CENTRE = (52.08, 5.45)


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.LANGUAGE_CODE = "en"
    settings.COVERAGE_MAX_DISTANCE_KM = 3
    settings.COVERAGE_MIN_DAYS_OPEN = 3


def district(name="Binnenstad", centre=CENTRE, **kwargs):
    return DistrictFactory(
        name=name, centre_latitude=centre[0], centre_longitude=centre[1], **kwargs
    )


def steunpunt(name, *, north_km=0.0, days=5, own_location=True):
    location = LocationFactory(
        name=name, latitude=CENTRE[0] + north_km / 110.574, longitude=CENTRE[1]
    )
    return services.support_point_save(
        location=location,
        by=None,
        days_open_per_week=days,
        own_location=own_location,
        led_by_experts_by_experience=True,
        independent=True,
    )


def row_of(name):
    return next(row for row in district_coverage() if row.district.name == name)


def test_a_district_with_a_steunpunt_nearby_open_often_enough_is_covered():
    district()
    steunpunt("De Vonk", north_km=1.0)

    row = row_of("Binnenstad")

    assert not row.white_spot
    assert row.nearest.support_point.location.name == "De Vonk"
    assert row.nearest.km == pytest.approx(1.0, abs=0.01)


def test_a_district_whose_nearest_steunpunt_is_too_far_is_a_white_spot():
    district()
    steunpunt("Ver weg", north_km=3.5)

    row = row_of("Binnenstad")

    assert row.white_spot
    assert "more than 3 km" in row.reasons[0]


def test_a_steunpunt_open_too_few_days_does_not_cover_the_district():
    district()
    steunpunt("Twee dagen", north_km=0.5, days=2)

    row = row_of("Binnenstad")

    assert row.white_spot
    assert row.nearest is None
    assert row.nearest_any.support_point.location.name == "Twee dagen"
    assert "3 days a week" in row.reasons[0]


def test_a_room_hired_now_and_then_is_no_recognisable_own_location():
    district()
    steunpunt("Zaaltje", north_km=0.5, own_location=False)
    assert row_of("Binnenstad").white_spot


def test_the_nearest_that_counts_is_chosen_over_a_closer_one_that_falls_short():
    district()
    steunpunt("Satelliet", north_km=0.2, days=1)
    steunpunt("Herstelacademie", north_km=2.0)

    row = row_of("Binnenstad")

    assert not row.white_spot
    assert row.nearest.support_point.location.name == "Herstelacademie"
    assert row.nearest_any.support_point.location.name == "Satelliet"


def test_the_thresholds_are_settings(settings):
    district()
    steunpunt("Drie dagen", north_km=2.0, days=3)
    settings.COVERAGE_MAX_DISTANCE_KM = 1.5
    assert row_of("Binnenstad").white_spot
    settings.COVERAGE_MAX_DISTANCE_KM = 3
    settings.COVERAGE_MIN_DAYS_OPEN = 4
    assert row_of("Binnenstad").white_spot


def test_without_an_imported_centre_the_postcode_areas_say_where_people_live():
    plain = DistrictFactory(name="Oud")
    PostcodeAreaFactory(code="3901", latitude=CENTRE[0], longitude=CENTRE[1], district=plain)
    PostcodeAreaFactory(code="3902", latitude=CENTRE[0] + 0.02, longitude=CENTRE[1], district=plain)
    steunpunt("De Vonk", north_km=1.1)

    row = row_of("Oud")

    assert row.centre == pytest.approx((CENTRE[0] + 0.01, CENTRE[1]))
    assert row.nearest.km < 0.1


def test_a_district_with_no_known_place_is_listed_as_unknown_not_left_out():
    DistrictFactory(name="Nergens")
    row = row_of("Nergens")
    assert row.white_spot and row.centre is None


def test_the_map_draws_each_boundary_and_each_steunpunt():
    square = [[5.44, 52.07], [5.46, 52.07], [5.46, 52.09], [5.44, 52.09], [5.44, 52.07]]
    district(boundary={"type": "Polygon", "coordinates": [square]})
    steunpunt("De Vonk", north_km=1.0)

    drawn = coverage_map(district_coverage())

    assert len(drawn["districts"][0]["paths"]) == 1
    assert drawn["districts"][0]["paths"][0].startswith("M")
    assert [place["point"].location.name for place in drawn["places"]] == ["De Vonk"]


def test_support_point_properties_are_checked_and_saving_is_audited():
    from steunsysteem.accounts.models import AuditEntry

    point = steunpunt("De Vonk")
    services.support_point_save(location=point.location, by=None, days_open_per_week=4)
    with pytest.raises(TypeError):
        services.support_point_save(location=point.location, by=None, diagnosis="x")

    assert SupportPoint.objects.get().days_open_per_week == 4
    assert AuditEntry.objects.filter(object_type="directory.supportpoint").count() == 2
    services.support_point_remove(location=point.location, by=None)
    assert not SupportPoint.objects.exists()


def test_saving_a_steunpunt_records_only_what_changed_and_nothing_when_nothing_did():
    from steunsysteem.accounts.models import AuditEntry

    point = steunpunt("De Vonk", days=5)
    entries = AuditEntry.objects.filter(object_type="directory.supportpoint")

    services.support_point_save(location=point.location, by=None, days_open_per_week=5)
    assert entries.count() == 1
    services.support_point_save(
        location=point.location, by=None, days_open_per_week=3, independent=True
    )
    assert entries.count() == 2
    assert entries.order_by("pk").last().fields == ["days_open_per_week"]


def test_the_coverage_page_names_the_white_spots_for_a_policy_officer(client):
    district()
    district("Hoogveld", centre=(CENTRE[0] + 0.05, CENTRE[1]))
    steunpunt("De Vonk", north_km=0.5)
    sign_in(client, UserFactory(policy_officer=True))

    page = client.get(reverse("directory:coverage")).content.decode()

    assert "1 district is a white spot: Hoogveld." in page
    assert "De Vonk" in page


@pytest.mark.parametrize(
    "traits",
    [{}, {"relative": True}, {"professional": True}, {"editor": True}, {"volunteer": True}],
)
def test_the_coverage_page_is_not_for_other_roles(client, traits):
    sign_in(client, UserFactory(**traits))
    assert client.get(reverse("directory:coverage")).status_code == 403


def test_an_administrator_marks_a_steunpunt_in_the_admin_and_it_is_audited(admin_client):
    from steunsysteem.accounts.models import AuditEntry

    location = LocationFactory(name="De Vonk")

    response = admin_client.post(
        reverse("admin:directory_supportpoint_add"),
        {
            "location": str(location.pk),
            "walk_in": "on",
            "meeting": "on",
            "peer_support": "on",
            "own_location": "on",
            "days_open_per_week": "5",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    point = SupportPoint.objects.get()
    assert (point.location, point.days_open_per_week, point.activities) == (location, 5, False)
    assert AuditEntry.objects.filter(object_type="directory.supportpoint").exists()
    admin_client.post(
        reverse("admin:directory_supportpoint_delete", args=[point.pk]), {"post": "yes"}
    )
    assert not SupportPoint.objects.exists()


def test_the_admin_refuses_more_than_seven_days_a_week(admin_client):
    response = admin_client.post(
        reverse("admin:directory_supportpoint_add"),
        {"location": str(LocationFactory().pk), "days_open_per_week": "8"},
    )
    assert response.status_code == 200
    assert not SupportPoint.objects.exists()
