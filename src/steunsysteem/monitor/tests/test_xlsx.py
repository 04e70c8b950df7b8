"""The monitor as an Excel file: the same lines and suppression as the CSV, numbers as numbers,
no text that runs as a formula, audited, and refused to everyone who may not see the monitor."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.monitor.tests.factories import make_questions
from steunsysteem.participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dutch")]
IN_H2 = dt.date(2026, 9, 1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5


@pytest.fixture
def policy_officer(client):
    return sign_in(client, UserFactory(policy_officer=True))


@pytest.fixture
def partistad():
    north, south = DistrictFactory(name="Noord"), DistrictFactory(name="=Zuid+1")
    make_questions(8, on=IN_H2, participant=ParticipantFactory(district=north, name="Anouk"))
    make_questions(2, on=IN_H2, participant=ParticipantFactory(district=south, name="Bram"))
    return north, south


def rows_of(response) -> list[tuple]:
    book = load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def test_the_policy_officer_downloads_the_figures_as_excel(policy_officer, partistad):
    response = policy_officer.get(reverse("monitor:export_xlsx"), {"period": "2026H2"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert 'filename="monitor-2026H2.xlsx"' in response["Content-Disposition"]


def test_the_excel_file_has_the_same_lines_as_the_csv(policy_officer, partistad):
    xlsx = rows_of(policy_officer.get(reverse("monitor:export_xlsx"), {"period": "2026H2"}))
    csv_text = policy_officer.get(reverse("monitor:export_csv"), {"period": "2026H2"})
    csv_lines = csv_text.content.decode("utf-8-sig").strip().splitlines()
    assert len(xlsx) == len(csv_lines)


def test_a_figure_is_a_number_cell(policy_officer, partistad):
    north, _south = partistad
    rows = rows_of(policy_officer.get(reverse("monitor:export_xlsx"), {"period": "2026H2"}))
    north_figures = [row[4] for row in rows if row[3] == str(north.pk)]
    assert 8 in north_figures


def test_no_small_count_is_in_the_excel_file(policy_officer, partistad):
    rows = rows_of(policy_officer.get(reverse("monitor:export_xlsx"), {"period": "2026H2"}))
    counts = [row[4] for row in rows[2:] if row[5] != "%" and isinstance(row[4], int)]
    assert counts and all(count == 0 or count >= 5 for count in counts), counts
    figures = [row[4] for row in rows[2:]]
    assert 2 not in figures and 1 not in figures


def test_no_cell_in_the_excel_file_is_a_formula(policy_officer, partistad):
    book = load_workbook(
        io.BytesIO(policy_officer.get(reverse("monitor:export_xlsx"), {"period": "2026H2"}).content)
    )
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert "'=Zuid+1" in texts and "=Zuid+1" not in texts


def test_the_excel_file_carries_no_names(policy_officer, partistad):
    content = policy_officer.get(reverse("monitor:export_xlsx"), {"period": "2026H2"}).content
    text = " ".join(str(v) for row in rows_of_bytes(content) for v in row)
    assert "Anouk" not in text and "Bram" not in text


def rows_of_bytes(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_the_excel_download_is_audited(policy_officer, partistad):
    policy_officer.get(reverse("monitor:export_xlsx"), {"period": "2026H2"})
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, object_type="monitor", object_id="xlsx:2026H2"
    ).exists()


def test_the_dashboard_links_to_the_excel_file(policy_officer):
    page = policy_officer.get(reverse("monitor:dashboard")).content.decode()
    assert 'id="export-xlsx"' in page and reverse("monitor:export_xlsx") in page


@pytest.mark.parametrize(
    "role", ["professional", "provider_editor", "administrator", "relative", "participant"]
)
def test_roles_without_the_monitor_get_no_excel_file(client, role):
    if role == "participant":
        user = ParticipantFactory(with_account=True).user
    else:
        user = UserFactory(**({"editor": True} if role == "provider_editor" else {role: True}))
    sign_in(client, user)
    response = client.get(reverse("monitor:export_xlsx"))
    assert response.status_code in (302, 403)
    assert not response.content.startswith(b"PK")
    assert not AuditEntry.objects.filter(object_id__startswith="xlsx:").exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("monitor:export_xlsx"))
    assert response.status_code == 302 and "/accounts/" in response.url or "login" in response.url
