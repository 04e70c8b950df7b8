"""A visitor sees how far an activity is from their postcode; an admin loads postcode centres."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from steunsysteem.directory.distance import (
    bounding_box,
    distance_km,
    find_postcode_area,
    parse_postcode,
)
from steunsysteem.directory.models import PostcodeArea
from steunsysteem.directory.tests.factories import DistrictFactory, PostcodeAreaFactory


@pytest.fixture(autouse=True)
def english_messages():
    """These tests check the (English) source text of messages."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("typed", "code"),
    [("3901 AB", "3901"), ("3901ab", "3901"), ("3901", "3901"), (" 3901  AB ", "3901")],
)
def test_a_postcode_is_read_however_it_is_written(typed, code):
    assert parse_postcode(typed) == code


@pytest.mark.parametrize("typed", ["", "390", "39012", "0901 AB", "3901 A", "Amersfoort"])
def test_something_that_is_not_a_postcode_is_not_read(typed):
    assert parse_postcode(typed) is None


@pytest.mark.django_db
def test_a_postcode_leads_to_its_area():
    area = PostcodeAreaFactory(code="3811")
    assert find_postcode_area("3811 XZ") == area
    assert find_postcode_area("3812") is None


def test_distances_are_close_to_the_real_ones():
    # Utrecht Centraal to Amersfoort Centraal is about 20 km as the crow flies.
    assert distance_km(52.0894, 5.1100, 52.1533, 5.3739) == pytest.approx(19.2, abs=0.5)
    assert distance_km(52.0, 5.0, 52.0, 5.0) == 0


def test_the_bounding_box_holds_every_point_within_the_distance():
    min_lat, max_lat, min_lon, max_lon = bounding_box(52.0, 5.0, 10)
    assert distance_km(52.0, 5.0, max_lat, 5.0) == pytest.approx(10)
    assert distance_km(52.0, 5.0, 52.0, min_lon) == pytest.approx(10, rel=0.01)
    assert min_lat < 52.0 < max_lat and min_lon < 5.0 < max_lon


def write_csv(tmp_path, text):
    path = tmp_path / "pc4.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_the_admin_loads_postcode_centres(tmp_path):
    DistrictFactory(slug="centrum")
    PostcodeAreaFactory(code="3811", latitude=1, longitude=1)
    path = write_csv(
        tmp_path,
        "code,latitude,longitude,district\n3811,52.156,5.389,centrum\n3812,52.17,5.40,\n",
    )
    call_command("import_postcodes", str(path))
    updated, new = PostcodeArea.objects.order_by("code")
    assert (updated.latitude, updated.longitude, updated.district.slug) == (
        52.156,
        5.389,
        "centrum",
    )
    assert (new.code, new.district) == ("3812", None)


@pytest.mark.django_db
def test_loading_again_without_districts_keeps_the_districts(tmp_path):
    PostcodeAreaFactory(code="3811", district=DistrictFactory(slug="centrum"))
    call_command(
        "import_postcodes", str(write_csv(tmp_path, "code,latitude,longitude\n3811,52.1,5.3\n"))
    )
    area = PostcodeArea.objects.get()
    assert (area.latitude, area.district.slug) == (52.1, "centrum")


@pytest.mark.django_db
def test_a_file_with_wrong_rows_loads_nothing_and_names_every_wrong_row(tmp_path):
    path = write_csv(
        tmp_path,
        "code,latitude,longitude,district\n"
        "3811,52.1,5.3,\n"
        "38,52.1,5.3,\n"
        "3812,noord,5.3,\n"
        "3813,152.1,5.3,\n"
        "3814,52.1,5.3,nergens\n",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_postcodes", str(path))
    message = str(error.value)
    assert "Line 3: '38' is not a four-digit postcode." in message
    assert "Line 4: latitude and longitude must be numbers." in message
    assert "Line 5: the coordinates are out of range." in message
    assert "Line 6: there is no district 'nergens'." in message
    assert "Line 2" not in message
    assert not PostcodeArea.objects.exists()


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Missing columns: latitude, longitude"):
        call_command("import_postcodes", str(write_csv(tmp_path, "code,lat,lon\n3811,52,5\n")))


@pytest.mark.django_db
def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_postcodes", str(tmp_path / "nope.csv"))
