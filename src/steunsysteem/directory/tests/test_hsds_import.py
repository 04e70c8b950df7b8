"""A coordinator imports Open Referral HSDS 3.0 data into the sociale kaart."""

import csv
import io
import json
import shutil
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from steunsysteem.directory.hsds.tables import MODELS
from steunsysteem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    TaxonomyTerm,
)
from steunsysteem.directory.tests.factories import OrganizationFactory


@pytest.fixture(autouse=True)
def english_messages():
    """These tests check the (English) source text of messages."""
    with translation.override("en"):
        yield


EXAMPLES = Path(__file__).parent / "hsds_examples"
OFFICIAL = EXAMPLES / "csv"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORGANIZATION_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
PHONE_ID = "1554f2e2-a373-45db-a3fa-9fc48a61c15e"
# The official package refers to four ids it does not hold (declared foreign keys) ...
DANGLING = [
    'locations.csv, row 2, field "organization_id": '
    "organization 985e4a42-bd9f-4edc-911d-0243a4640aca is not in the import or in the database",
    'contacts.csv, row 2, field "organization_id": '
    "organization ae67a707-5893-4225-b0b1-320ab9cb596b is not in the import or in the database",
    'contacts.csv, row 2, field "service_at_location_id": service_at_location '
    "93eaf18d-1cd2-4ec7-bffb-3c9172ee5070 is not in the import or in the database",
    'taxonomy_terms.csv, row 2, field "taxonomy_id": '
    "taxonomy 07ff6aee-a219-438c-b694-d2fcb6c5373b is not in the import or in the database",
]
# ... and to two parents it does not hold (not foreign keys in HSDS: always left empty).
PARENTS = [
    'organizations.csv, row 2, field "parent_organization_id": link left empty: organization '
    "cd09a387-91f4-4555-94ec-e799c35344cd is not in the import or in the database",
    'taxonomy_terms.csv, row 2, field "parent_id": link left empty: taxonomy_term '
    "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2 is not in the import or in the database",
]

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {name: model.objects.count() for name, model in MODELS.items()}


def import_hsds(path, *args) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_hsds", str(path), "--no-progress", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def refused(path, *args) -> list[str]:
    """Import ``path``, expect a refusal, and return the problem lines."""
    with pytest.raises(CommandError) as error:
        import_hsds(path, *args)
    first, *problems = str(error.value).splitlines()
    assert first.startswith("Nothing was imported")
    return problems


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])


def set_cell(path: Path, column: str, value: str, row: int = 0) -> None:
    header, rows = read_rows(path)
    rows[row][header.index(column)] = value
    write_rows(path, header, rows)


def append_row(path: Path, changes: dict[str, str], copy_of: int = 0) -> None:
    header, rows = read_rows(path)
    row = list(rows[copy_of])
    for column, value in changes.items():
        row[header.index(column)] = value
    write_rows(path, header, [*rows, row])


@pytest.fixture
def official(tmp_path) -> Path:
    """A writable copy of the official example package."""
    return Path(shutil.copytree(OFFICIAL, tmp_path / "csv", copy_function=shutil.copyfile))


@pytest.fixture
def package(official) -> Path:
    """The official package without its references to missing rows: it imports as it is."""
    set_cell(official / "locations.csv", "organization_id", "")
    set_cell(official / "contacts.csv", "organization_id", "")
    set_cell(official / "contacts.csv", "service_at_location_id", "")
    set_cell(official / "taxonomy_terms.csv", "taxonomy_id", "")
    set_cell(official / "taxonomy_terms.csv", "parent_id", "")
    set_cell(official / "organizations.csv", "parent_organization_id", "")
    return official


def test_the_official_package_imports_with_allow_dangling(official):
    before = counts()

    stdout, stderr = import_hsds(official, "--allow-dangling")

    after = counts()
    assert {name: after[name] - before[name] for name in MODELS} == dict.fromkeys(MODELS, 1)
    for line in DANGLING:
        path_row_field, reason = line.split(": ", 1)
        assert f"Warning: {path_row_field}: link left empty: {reason}" in stderr
    for line in PARENTS:
        assert line in stderr
    assert "service: 1 new, 0 updated" in stdout
    service = Service.objects.get(id=SERVICE_ID)
    assert service.name == "Community Counselling"
    assert service.organization_id == uuid.UUID(ORGANIZATION_ID)
    assert (service.wait_time, service.fees, service.licenses) == (
        "wait_time",
        "fees_description",
        "licences",
    )
    assert service.last_modified.isoformat() == "2023-03-15T10:30:45.123000+00:00"
    assert Phone.objects.get(id=PHONE_ID).number == '"+44 1234 234567"'
    schedule = Schedule.objects.get()
    assert (schedule.timezone, schedule.count, schedule.byday) == (3.0, 3, "TH,FR")
    assert Location.objects.get().latitude == 100
    assert Location.objects.get().organization_id is None
    assert Organization.objects.get(id=ORGANIZATION_ID).year_incorporated == 2011
    assert CostOption.objects.get().amount == 35
    assert TaxonomyTerm.objects.get(code="code").taxonomy_name == "taxonomy"


def test_without_allow_dangling_the_four_missing_references_are_named_and_nothing_imported(
    official,
):
    before = counts()

    problems = refused(official)

    assert problems == DANGLING
    assert counts() == before


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "organization_full.json",
        "service_at_location_full.json",
        "location.json",
        "service_list.json",
        "organization_list.json",
        "service_at_location_list.json",
        "taxonomy.json",
        "taxonomy_list.json",
        "taxonomy_term.json",
        "taxonomy_term_list.json",
        "tabular.json",
    ],
)
def test_the_official_json_examples_import(name):
    import_hsds(EXAMPLES / name, "--allow-dangling")

    table = name.removesuffix(".json").removesuffix("_full").removesuffix("_list")
    if table != "tabular":
        assert MODELS[table].objects.exists()


def test_nested_json_objects_get_their_links_from_where_they_are_nested():
    _, stderr = import_hsds(EXAMPLES / "service_full.json")

    phone = Phone.objects.get(id=PHONE_ID)
    assert str(phone.service_id) == SERVICE_ID
    assert str(phone.organization_id) == ORGANIZATION_ID
    assert phone.contact_id and phone.location_id and phone.service_at_location_id
    assert phone.languages.get().code == "ur"
    contact = Contact.objects.get()
    assert str(contact.organization_id) == ORGANIZATION_ID
    assert contact.service_at_location_id and contact.location_id
    attribute = Attribute.objects.get(id="ae58cc39-8b70-4ab1-8aea-786882e5ac8e")
    assert str(attribute.link_id) == SERVICE_ID
    assert attribute.taxonomy_term.taxonomy.id == uuid.UUID("5c4d79d7-cc55-470e-9f1f-8cad074e4892")
    service = Service.objects.get()
    assert service.program.organization_id == uuid.UUID(ORGANIZATION_ID)
    assert "link left empty" in stderr  # the parent organisation is not in the file


def test_a_page_of_the_hsds_api_imports_its_contents():
    import_hsds(EXAMPLES / "service_list.json")

    service = Service.objects.get(id=SERVICE_ID)
    assert service.organization.name == "Example Organization Inc."
    assert service.program.name == "Community Mental Health Support"


def test_importing_the_same_data_again_updates_instead_of_duplicating(package):
    import_hsds(package)
    once = counts()
    set_cell(package / "services.csv", "name", "Counselling for everyone")

    stdout, _ = import_hsds(package)

    assert counts() == once
    assert "service: 0 new, 1 updated" in stdout
    assert Service.objects.get(id=SERVICE_ID).name == "Counselling for everyone"


def test_json_after_csv_updates_the_same_rows(package):
    import_hsds(package)
    once = counts()

    import_hsds(EXAMPLES / "service_full.json")

    assert counts() == once


def test_a_reference_to_a_row_already_in_the_database_is_valid(tmp_path):
    organization = OrganizationFactory()
    folder = tmp_path / "services-only"
    folder.mkdir()
    shutil.copyfile(OFFICIAL / "services.csv", folder / "services.csv")
    set_cell(folder / "services.csv", "organization_id", str(organization.id))
    set_cell(folder / "services.csv", "program_id", "")

    import_hsds(folder)

    assert Service.objects.get(id=SERVICE_ID).organization == organization


def drop_column(path: Path, column: str) -> None:
    header, rows = read_rows(path)
    index = header.index(column)
    write_rows(
        path, header[:index] + header[index + 1 :], [r[:index] + r[index + 1 :] for r in rows]
    )


def _latin1_description(folder: Path) -> None:
    text = (
        (folder / "services.csv").read_text("utf-8").replace("Suitable for", "Geschikt voor café")
    )
    (folder / "services.csv").write_bytes(text.encode("latin-1"))


def _append_text(name: str, text: str):
    def change(folder: Path) -> None:
        with (folder / name).open("a", encoding="utf-8", newline="") as handle:
            handle.write(text)

    return change


NEW_ID = "0f5f7e43-4a53-4f55-9d0f-6c1b0e1f2a3b"
BROKEN = {
    "missing required column": (
        lambda folder: drop_column(folder / "services.csv", "name"),
        'services.csv, row 1, field "name": a required column is missing',
    ),
    "broken foreign key": (
        lambda folder: set_cell(folder / "services.csv", "program_id", NEW_ID),
        f'services.csv, row 2, field "program_id": program {NEW_ID} '
        "is not in the import or in the database",
    ),
    "invalid id": (
        lambda folder: append_row(folder / "accessibility.csv", {"id": "12345"}),
        'accessibility.csv, row 3, field "id": "12345" is not a valid UUID',
    ),
    "duplicate id": (
        lambda folder: append_row(folder / "phones.csv", {}),
        f'phones.csv, row 3, field "id": id {PHONE_ID} is used twice in this table (also at row 2)',
    ),
    "wrong encoding": (
        _latin1_description,
        "services.csv, row 2: the text is not UTF-8 (byte 0xe9); save the file as UTF-8",
    ),
    "wrong number of fields": (
        _append_text("funding.csv", f"{NEW_ID},,\r\n"),
        "funding.csv, row 3: the row has 3 fields but the header has 4",
    ),
    "unterminated quote": (
        _append_text("funding.csv", f'{NEW_ID},,,"This quote is never closed\r\n'),
        "funding.csv, row 3: a quoted field is not closed before the end of the file",
    ),
    "invalid status": (
        lambda folder: append_row(folder / "services.csv", {"id": NEW_ID, "status": "open"}),
        'services.csv, row 3, field "status": "open" is not one of active, inactive, defunct, '
        "temporarily closed",
    ),
    "unparseable date": (
        lambda folder: set_cell(folder / "services.csv", "assured_date", "31-12-2024"),
        'services.csv, row 2, field "assured_date": "31-12-2024" is not a date (YYYY-MM-DD)',
    ),
    "unparseable number": (
        lambda folder: set_cell(folder / "services.csv", "minimum_age", "twelve"),
        'services.csv, row 2, field "minimum_age": "twelve" is not a number',
    ),
    "fraction where a whole number is needed": (
        lambda folder: set_cell(folder / "organizations.csv", "year_incorporated", "2011.5"),
        'organizations.csv, row 2, field "year_incorporated": "2011.5" is not a whole number',
    ),
    "empty required value": (
        lambda folder: set_cell(folder / "organizations.csv", "name", ""),
        'organizations.csv, row 2, field "name": a value is required',
    ),
    "unparseable time": (
        lambda folder: set_cell(folder / "schedules.csv", "opens_at", "10 o'clock"),
        'schedules.csv, row 2, field "opens_at": "10 o\'clock" is not a time (HH:MM:SS)',
    ),
    "age range upside down": (
        lambda folder: set_cell(folder / "services.csv", "minimum_age", "101"),
        'services.csv, row 2, field "maximum_age": is lower than minimum_age (101)',
    ),
    "invalid e-mail address": (
        lambda folder: set_cell(folder / "contacts.csv", "email", "ann at example"),
        'contacts.csv, row 2, field "email": "ann at example" is not an e-mail address',
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_input_is_refused_with_file_row_field_and_reason_and_nothing_imported(package, case):
    break_it, expected = BROKEN[case]
    break_it(package)
    before = counts()

    problems = refused(package)

    assert problems == [expected]
    assert counts() == before


def test_every_problem_is_reported_at_once(package):
    set_cell(package / "services.csv", "status", "open")
    set_cell(package / "locations.csv", "latitude", "north")
    append_row(package / "phones.csv", {})

    problems = refused(package)

    assert len(problems) == 3
    assert {problem.split(",")[0] for problem in problems} == {
        "services.csv",
        "locations.csv",
        "phones.csv",
    }


def test_line_numbers_count_the_lines_of_a_field_with_line_breaks(package):
    set_cell(package / "funding.csv", "source", "Gemeente,\nfonds en\nbijdragen")
    append_row(package / "funding.csv", {"id": "not-an-id"})

    assert refused(package) == ['funding.csv, row 5, field "id": "not-an-id" is not a valid UUID']


def test_a_broken_json_file_is_refused(tmp_path):
    broken = tmp_path / "service_full.json"
    broken.write_text('{"id": "x",', encoding="utf-8")

    (problem,) = refused(broken)

    assert problem.startswith("service_full.json, row 1: not valid JSON")


def test_a_json_value_that_does_not_fit_names_its_place(tmp_path):
    document = (EXAMPLES / "service_full.json").read_text("utf-8")
    broken = tmp_path / "service_full.json"
    broken.write_text(document.replace('"timezone": 3', '"timezone": "CET"'), "utf-8")

    problems = refused(broken)

    assert problems == [
        'service_full.json, at $.schedules[0], field "timezone": "CET" is not a number'
    ]


def test_progress_bar_shows_on_a_terminal_only(package, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    quiet = io.StringIO()
    call_command("import_hsds", str(package), stdout=io.StringIO(), stderr=quiet)
    assert "Importing" not in quiet.getvalue()

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    call_command("import_hsds", str(package), stdout=io.StringIO())
    assert "Importing" in terminal.getvalue()

    silenced = Terminal()
    monkeypatch.setattr("sys.stderr", silenced)
    call_command("import_hsds", str(package), "--no-progress", stdout=io.StringIO())
    assert "Importing" not in silenced.getvalue()


def test_many_services_are_written_in_batches_not_row_by_row(
    tmp_path, django_assert_max_num_queries
):
    folder = tmp_path / "many"
    folder.mkdir()
    organization = str(uuid.uuid4())
    write_rows(
        folder / "organizations.csv",
        ["id", "name", "description"],
        [[organization, "Stichting Veel", "Veel aanbod"]],
    )
    services = [[str(uuid.uuid4()), organization, f"Inloop {n}", "active"] for n in range(2500)]
    write_rows(folder / "services.csv", ["id", "organization_id", "name", "status"], services)

    # SQLite takes about 40 rows per INSERT (999 parameters), PostgreSQL a whole batch.
    with django_assert_max_num_queries(2500 // 25):
        import_hsds(folder)

    assert Service.objects.count() == 2500


def test_a_json_file_that_is_not_utf8_is_refused(tmp_path):
    document = (EXAMPLES / "taxonomy.json").read_text("utf-8")
    broken = tmp_path / "taxonomy.json"
    broken.write_bytes(document.replace('"name": "name"', '"name": "café"').encode("latin-1"))

    (problem,) = refused(broken)

    assert problem.startswith("taxonomy.json: the text is not UTF-8 (byte 0xe9")


def test_a_folder_without_hsds_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("geen data", "utf-8")

    assert refused(tmp_path) == [f"{tmp_path.name}: there are no HSDS CSV files here"]


def point_resource(package: Path, table: str, path: str) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == table:
            resource["path"] = path
    (package / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")


def secret_services_file(folder: Path) -> Path:
    """A services file outside the package, as an attacker would plant it."""
    folder.mkdir()
    secret = folder / "services.csv"
    shutil.copyfile(OFFICIAL / "services.csv", secret)
    set_cell(secret, "name", "Geheim bestand buiten het pakket")
    return secret


@pytest.mark.parametrize("kind", ["parent folder", "absolute", "url"])
def test_a_resource_path_outside_the_package_folder_is_refused(package, tmp_path, kind):
    secret = secret_services_file(tmp_path / "elsewhere")
    path = {
        "parent folder": "../elsewhere/services.csv",
        "absolute": str(secret),
        "url": "https://example.org/services.csv",
    }[kind]
    point_resource(package, "service", path)
    before = counts()

    problems = refused(package)

    assert problems == [
        f'datapackage.json, field "resources[2].path": "{path}" is outside the package '
        "folder; give the name of a file in the folder"
    ]
    assert counts() == before
    assert not Service.objects.filter(name="Geheim bestand buiten het pakket").exists()


def test_a_symbolic_link_in_the_package_is_refused_not_followed(package, tmp_path):
    secret = secret_services_file(tmp_path / "elsewhere")
    (package / "services.csv").unlink()
    (package / "services.csv").symlink_to(secret)
    before = counts()

    problems = refused(package)

    assert problems == [
        "services.csv: is a symbolic link; copy the file itself into the package folder"
    ]
    assert counts() == before


def test_a_linked_folder_inside_the_package_is_refused(package, tmp_path):
    secret = secret_services_file(tmp_path / "elsewhere")
    (package / "services.csv").unlink()
    (package / "data").symlink_to(secret.parent, target_is_directory=True)
    point_resource(package, "service", "data/services.csv")

    assert refused(package) == [
        "data/services.csv: is a symbolic link; copy the file itself into the package folder"
    ]


def test_a_linked_datapackage_json_is_refused(package, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (package / "datapackage.json").rename(elsewhere / "datapackage.json")
    (package / "datapackage.json").symlink_to(elsewhere / "datapackage.json")

    assert refused(package)[0] == (
        "datapackage.json: is a symbolic link; copy the file itself into the package folder"
    )


def test_a_file_in_a_subfolder_of_the_package_is_read(package):
    (package / "tables").mkdir()
    (package / "services.csv").rename(package / "tables" / "services.csv")
    point_resource(package, "service", "tables/services.csv")

    import_hsds(package)

    assert Service.objects.filter(id=SERVICE_ID).exists()


def nested_organisations(levels: int) -> dict:
    """An organisation whose parent organisation has a parent, ``levels`` times over."""
    document: dict = {"id": str(uuid.uuid4()), "name": "Onderste", "description": "x"}
    for level in range(levels):
        document = {
            "id": str(uuid.uuid4()),
            "name": f"Laag {level}",
            "description": "x",
            "organization": document,
        }
    return document


def test_json_nested_too_deep_for_the_parser_is_refused_with_where(tmp_path):
    deep = tmp_path / "organization.json"
    deep.write_text('{"id": "x", "organization":\n' + "[" * 100_000 + "]" * 100_000 + "}")
    before = counts()

    problems = refused(deep)

    assert problems == [
        "organization.json, at line 2, column 64: the JSON is nested more than 64 levels deep; "
        "HSDS data needs far fewer, so this is not HSDS data"
    ]
    assert counts() == before


def test_json_nested_deeper_than_hsds_goes_is_refused_and_nothing_imported(tmp_path):
    deep = tmp_path / "organization.json"
    deep.write_text(json.dumps(nested_organisations(70)), "utf-8")
    before = counts()

    (problem,) = refused(deep)

    assert problem.startswith("organization.json, at $" + ".organization" * 64 + ": ")
    assert problem.endswith("the JSON is nested more than 64 levels deep; HSDS data needs far "
                            "fewer, so this is not HSDS data")  # fmt: skip
    assert counts() == before


def test_json_nested_as_deep_as_allowed_is_imported(tmp_path):
    deep = tmp_path / "organization.json"
    deep.write_text(json.dumps(nested_organisations(63)), "utf-8")

    import_hsds(deep)

    assert Organization.objects.count() == 64


def test_a_json_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.HSDS_IMPORT_JSON_MAX_MB = 1
    large = tmp_path / "service_list.json"
    large.write_text(json.dumps([{"id": str(uuid.uuid4()), "name": "x" * 1000}] * 1500), "utf-8")

    assert refused(large) == [
        "service_list.json: the file is 2 MB, more than the 1 MB a JSON file may be "
        "(HSDS_IMPORT_JSON_MAX_MB); export the data as a tabular data package (CSV files) "
        "instead, which has no limit"
    ]


def test_a_json_file_is_read_and_parsed_once(tmp_path, monkeypatch):
    document = (EXAMPLES / "service_full.json").read_text("utf-8")
    path = tmp_path / "service_full.json"
    path.write_text(document, "utf-8")
    parsed = []
    real_loads = json.loads
    monkeypatch.setattr(
        "steunsysteem.directory.hsds.nested.json.loads",
        lambda text, **kwargs: parsed.append(1) or real_loads(text, **kwargs),
    )

    import_hsds(path)

    assert Service.objects.filter(id=SERVICE_ID).exists()
    assert len(parsed) == 1
