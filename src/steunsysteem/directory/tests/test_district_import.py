"""import_districts: CBS Wijken en Buurten as GeoJSON, population as CSV, all or nothing."""

import json

import pytest
from django.core.management import CommandError, call_command

from steunsysteem.directory.district_import import (
    DistrictImportError,
    districts_import,
    geometry_centre,
    read_geojson,
    read_population_csv,
)
from steunsysteem.directory.models import District, TaxonomyTerm

from .factories import DistrictFactory

pytestmark = pytest.mark.django_db

SQUARE = [[5.44, 52.07], [5.46, 52.07], [5.46, 52.09], [5.44, 52.09], [5.44, 52.07]]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def feature(name="Binnenstad", code="WK099001", ring=SQUARE, **properties):
    return {
        "type": "Feature",
        "properties": {
            "wijkcode": code,
            "wijknaam": name,
            "gemeentenaam": "Partistad",
            **properties,
        },
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def test_the_centre_of_a_square_is_its_middle():
    assert geometry_centre({"type": "Polygon", "coordinates": [SQUARE]}) == pytest.approx(
        (52.08, 5.45)
    )


def test_the_centre_of_a_multipolygon_weighs_its_parts_by_area():
    small = [[5.0, 52.0], [5.01, 52.0], [5.01, 52.01], [5.0, 52.01], [5.0, 52.0]]
    big = [[5.1, 52.0], [5.13, 52.0], [5.13, 52.03], [5.1, 52.03], [5.1, 52.0]]
    latitude, longitude = geometry_centre({"type": "MultiPolygon", "coordinates": [[small], [big]]})
    assert longitude == pytest.approx((5.005 * 1 + 5.115 * 9) / 10)


def test_a_new_district_is_created_with_its_boundary_centre_population_and_term():
    rows = read_geojson(collection(feature(aantalInwoners=9800)))

    result = districts_import(rows=rows)

    district = District.objects.get()
    assert (result.created, result.updated) == (1, 0)
    assert (district.name, district.code, district.population) == ("Binnenstad", "WK099001", 9800)
    assert (district.centre_latitude, district.centre_longitude) == pytest.approx((52.08, 5.45))
    assert district.municipality == "Partistad"
    assert TaxonomyTerm.objects.filter(id=district.term_id, name="Binnenstad").exists()


def test_the_same_file_again_changes_and_records_nothing():
    from steunsysteem.accounts.models import AuditEntry

    rows = read_geojson(collection(feature(aantalInwoners=9800)))
    districts_import(rows=rows)
    entries = AuditEntry.objects.filter(object_type="directory.district")
    assert entries.count() == 1

    result = districts_import(rows=read_geojson(collection(feature(aantalInwoners=9800))))

    assert (result.created, result.updated) == (0, 0)
    assert entries.count() == 1
    districts_import(rows=read_geojson(collection(feature(aantalInwoners=9900))))
    assert entries.order_by("pk").last().fields == ["population"]


def test_an_existing_district_is_found_by_name_and_keeps_its_population_when_none_is_given():
    DistrictFactory(name="Binnenstad", population=9000)

    result = districts_import(rows=read_geojson(collection(feature())))

    district = District.objects.get()
    assert (result.created, result.updated) == (0, 1)
    assert district.population == 9000
    assert district.boundary["type"] == "Polygon"


def test_the_population_csv_wins_and_is_matched_by_code():
    rows = read_geojson(collection(feature(aantalInwoners=1)))
    population = read_population_csv("wijkcode;aantal_inwoners\nWK099001;12345\n")

    districts_import(rows=rows, population=population)

    assert District.objects.get().population == 12345


def test_the_population_csv_may_use_commas_and_names():
    assert read_population_csv("wijknaam,aantal_inwoners\nBinnenstad,9800\n") == {
        "binnenstad": 9800
    }


def test_cbs_secret_figures_count_as_unknown():
    rows = read_geojson(collection(feature(aantalInwoners=-99999999)))
    assert rows[0].population is None


def test_every_bad_row_is_named_and_nothing_is_imported():
    text = collection(
        feature(),
        {"type": "Feature", "properties": {"wijkcode": "WK2"}, "geometry": None},
        feature(name="Oosterhof", code="WK3", aantalInwoners="veel"),
        feature(name="Vlietzoom", code="WK4", ring=[[155000, 463000], [156000, 463000]]),
    )

    with pytest.raises(DistrictImportError) as error:
        read_geojson(text)

    problems = error.value.problems
    assert len(problems) == 3
    assert "Feature 2" in problems[0] and "wijknaam" in problems[0]
    assert "Feature 3 (Oosterhof)" in problems[1] and "whole number" in problems[1]
    assert "Feature 4 (Vlietzoom)" in problems[2] and "EPSG:4326" in problems[2]
    assert not District.objects.exists()


def test_a_new_district_without_any_population_stops_the_whole_import():
    DistrictFactory(name="Binnenstad")
    rows = read_geojson(collection(feature(), feature(name="Nieuwbouw", code="WK9")))

    with pytest.raises(DistrictImportError) as error:
        districts_import(rows=rows)

    assert "Nieuwbouw" in error.value.problems[0]
    assert District.objects.get().boundary is None  # the good row was not written either


@pytest.mark.parametrize("text", ["niet json", json.dumps({"type": "Feature"}), collection()])
def test_a_file_that_is_no_feature_collection_of_districts_is_refused(text):
    with pytest.raises(DistrictImportError):
        read_geojson(text)


def test_a_population_csv_without_the_columns_is_refused():
    with pytest.raises(DistrictImportError) as error:
        read_population_csv("naam;inwoners\nA;1\n")
    assert "aantal_inwoners" in error.value.problems[0]


def test_a_population_line_that_is_no_number_is_named():
    with pytest.raises(DistrictImportError) as error:
        read_population_csv("wijkcode;aantal_inwoners\nWK1;10\nWK2;?\n")
    assert "line 3" in error.value.problems[0]


def test_the_command_imports_partistads_shipped_file(capsys):
    from steunsysteem.directory.demo import DATA_DIR

    call_command(
        "import_districts",
        str(DATA_DIR / "wijken.geojson"),
        "--population",
        str(DATA_DIR / "bevolking.csv"),
    )

    assert "7 wijk(en) aangemaakt" in capsys.readouterr().out
    assert District.objects.get(code="WK099006").name == "Hoogveld"
    assert District.objects.get(name="De Akkers").population == 18600


def test_the_command_reports_problems_and_imports_nothing(tmp_path):
    path = tmp_path / "wijken.geojson"
    path.write_text(collection(feature(name="")), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_districts", str(path))
    assert "Niets geïmporteerd" in str(error.value)
    assert not District.objects.exists()
