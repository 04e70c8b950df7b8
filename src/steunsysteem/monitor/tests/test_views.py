"""The monitor pages as the policy officer and coordinators use them, and the refusals."""

import csv
import datetime as dt
import io
import re
import zlib

import pytest
from django.test import RequestFactory
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.form_tokens import form_token
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.monitor.constants import Indicator, Sector
from steunsysteem.monitor.exports import safe_cell
from steunsysteem.monitor.models import CovenantPartner, Target
from steunsysteem.monitor.tests.factories import (
    CommitmentFactory,
    CovenantPartnerFactory,
    make_questions,
)
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dutch")]
IN_H2 = dt.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.MONITOR_SMALL_CELL_THRESHOLD = 5


@pytest.fixture
def officer():
    return UserFactory(policy_officer=True)


@pytest.fixture
def policy_officer(client, officer):
    return sign_in(client, officer)


def pdf_text(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for structure and names."""
    found = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(found)


def token(user, purpose: str) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return form_token(request, purpose)


@pytest.fixture
def partistad():
    north, south = DistrictFactory(name="Noord"), DistrictFactory(name="Zuid")
    make_questions(8, on=IN_H2, participant=ParticipantFactory(district=north, name="Anouk"))
    make_questions(2, on=IN_H2, participant=ParticipantFactory(district=south, name="Bram"))
    return north, south


def test_the_policy_officer_lands_on_the_monitor(policy_officer):
    response = policy_officer.get(reverse("core:home"))
    assert response.url == reverse("monitor:dashboard")


def test_a_professional_still_lands_on_the_sociale_kaart(client):
    sign_in(client, UserFactory(professional=True))
    assert client.get(reverse("core:home")).url == reverse("directory:search")


def test_the_monitor_shows_totals_with_charts_and_tables_and_no_names(policy_officer, partistad):
    page = policy_officer.get(reverse("monitor:dashboard"), {"period": "2026H2"}).content.decode()
    assert "<svg" in page and 'role="img"' in page and "<caption" in page
    assert ">8<" in page  # Noord
    assert ">2<" not in page  # Zuid is too small, and so is the region's total
    assert "Anouk" not in page and "Bram" not in page
    assert 'id="satisfaction"' in page


def test_a_district_filter_shows_only_that_district(policy_officer, partistad):
    north, _south = partistad
    page = policy_officer.get(
        reverse("monitor:dashboard"), {"period": "2026H2", "district": north.pk}
    ).content.decode()
    assert "Zuid" not in page.split('id="table-reach"')[1].split("</table>")[0]


def test_a_wrong_period_falls_back_to_the_last_half_year(policy_officer):
    response = policy_officer.get(reverse("monitor:dashboard"), {"period": "gisteren"})
    assert response.status_code == 200


def test_the_csv_export_carries_the_same_suppression(policy_officer, partistad):
    north, south = partistad
    response = policy_officer.get(reverse("monitor:export_csv"), {"period": "2026H2"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    north_figures = [row[4] for row in rows if row[3] == str(north.pk)]
    figures = [row[4] for row in rows[2:]]
    assert "8" in north_figures
    assert "2" not in figures and "1" not in figures
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="monitor").exists()


def test_an_export_cell_never_starts_a_formula():
    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM") == "'@SUM"
    assert safe_cell("Buurtkamer") == "Buurtkamer"


def test_the_report_is_a_tagged_pdf(policy_officer, partistad):
    CommitmentFactory(partner=CovenantPartnerFactory(name="GGZ Partistad"))
    response = policy_officer.get(reverse("monitor:report_pdf"), {"period": "2026H2"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    content = pdf_text(response.content)
    assert b"/StructTreeRoot" in content and b"/MarkInfo" in content
    assert b"Anouk" not in content


def test_the_policy_officer_sets_a_target(policy_officer, officer):
    url = reverse("monitor:targets")
    response = policy_officer.post(
        url,
        {
            "period": "2026",
            "indicator": Indicator.TARGET_GROUP_QUESTIONS,
            "value": "500",
            "description": "500 vragen van mensen met EPA per jaar",
            "form_token": token(officer, "monitor_target"),
        },
    )
    assert response.status_code == 302
    target = Target.objects.get()
    assert target.value == 500 and target.indicator == Indicator.TARGET_GROUP_QUESTIONS
    assert AuditEntry.objects.filter(object_type="monitor.target").exists()


def test_a_target_needs_a_valid_period(policy_officer, officer):
    response = policy_officer.post(
        reverse("monitor:targets"),
        {
            "period": "volgend jaar",
            "indicator": Indicator.QUESTIONS,
            "value": "10",
            "form_token": token(officer, "monitor_target"),
        },
    )
    assert response.status_code == 200 and not Target.objects.exists()


def test_the_policy_officer_adds_a_covenant_partner(policy_officer, officer):
    response = policy_officer.post(
        reverse("monitor:covenant_add", args=["partner"]),
        {
            "name": "Woonstichting Partistad",
            "sector": Sector.HOUSING,
            "signatory": "Directeur-bestuurder",
            "signed_on": "2026-02-01",
            "form_token": token(officer, "covenant:partner"),
        },
    )
    assert response.status_code == 302
    assert CovenantPartner.objects.get().sector == Sector.HOUSING
    page = policy_officer.get(reverse("monitor:covenant")).content.decode()
    assert "Woonstichting Partistad" in page


def test_a_partner_cannot_be_added_twice(policy_officer, officer):
    CovenantPartnerFactory(name="Woonstichting Partistad")
    response = policy_officer.post(
        reverse("monitor:covenant_add", args=["partner"]),
        {
            "name": "woonstichting partistad",
            "sector": Sector.HOUSING,
            "signatory": "Directeur",
            "signed_on": "2026-02-01",
            "form_token": token(officer, "covenant:partner"),
        },
    )
    assert "al partner" in response.content.decode() or response.status_code == 200
    assert CovenantPartner.objects.count() == 1


def test_an_unknown_register_part_is_not_found(policy_officer):
    response = policy_officer.post(reverse("monitor:covenant_add", args=["bank"]), {})
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["professional", "provider_editor", "administrator", "relative"])
def test_other_roles_get_no_monitor_no_export_and_no_report(client, role):
    kwargs = {"editor": True} if role == "provider_editor" else {role: True}
    sign_in(client, UserFactory(**kwargs))
    for name in (
        "monitor:dashboard",
        "monitor:export_csv",
        "monitor:export_xlsx",
        "monitor:report_pdf",
        "monitor:targets",
    ):
        assert client.get(reverse(name)).status_code == 403, name


def test_a_participant_agrees_to_be_counted_in_the_target_group(client):
    participant = ParticipantFactory(with_account=True)
    sign_in(client, participant.user)
    url = reverse("monitor:target_group", args=[participant.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"target_group": "EPA", "age_band": "27_44", "consented": "on"})
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.target_group == "EPA" and participant.target_group_consented_on


def test_without_a_yes_nobody_is_counted(client):
    participant = ParticipantFactory(with_account=True)
    sign_in(client, participant.user)
    url = reverse("monitor:target_group", args=[participant.pk])
    response = client.post(url, {"target_group": "EPA", "age_band": ""})
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.target_group == ""


def test_a_caseworker_with_consent_records_the_persons_yes(client):
    grant = ConsentGrantFactory()
    sign_in(client, grant.grantee_user)
    url = reverse("monitor:target_group", args=[grant.participant.pk])
    response = client.post(url, {"target_group": "EPA", "consented": "on"})
    assert response.status_code == 302


def test_a_caseworker_without_consent_cannot_mark_anyone(client):
    participant = ParticipantFactory()
    sign_in(client, UserFactory(professional=True))
    url = reverse("monitor:target_group", args=[participant.pk])
    assert client.post(url, {"target_group": "EPA", "consented": "on"}).status_code == 403
    participant.refresh_from_db()
    assert participant.target_group == ""


def test_a_target_group_outside_the_configured_list_is_refused(client):
    participant = ParticipantFactory(with_account=True)
    sign_in(client, participant.user)
    url = reverse("monitor:target_group", args=[participant.pk])
    response = client.post(url, {"target_group": "schizofrenie", "consented": "on"})
    assert response.status_code == 200
    participant.refresh_from_db()
    assert participant.target_group == ""


def test_the_satisfaction_of_participants_shows_on_the_page_and_in_the_csv(policy_officer):
    from steunsysteem.surveys.tests.factories import SurveyAnswerFactory

    for score in (5, 5, 4, 4, 2):
        SurveyAnswerFactory(answered_in=dt.date(2026, 9, 1), score_1=score)

    page = policy_officer.get(reverse("monitor:dashboard"), {"period": "2026H2"}).content.decode()
    export = policy_officer.get(reverse("monitor:export_csv"), {"period": "2026H2"})
    export = export.content.decode()

    assert "Er werd naar mij geluisterd." in page
    assert "4.0" in page or "4,0" in page
    assert "Er werd naar mij geluisterd." in export
