"""The network map page and its downloads: for the person and for whom they gave consent
for their network, each visit and each download in the audit trail exactly once."""

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from freezegun import freeze_time

from steunsysteem.accounts.constants import AuditAction, AuditResult, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks.constants import Circle, Relation
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["Henk (broer)", "Ayşe & Can", "Buurvrouw Els", "Fatima <Wijkteam>"]


@pytest.fixture
def nuray(db):
    participant = ParticipantFactory(name="Nuray Yılmaz", with_account=True)
    NetworkMemberFactory(
        participant=participant,
        name=NAMES[0],
        relation=Relation.FAMILY,
        circle=Circle.INNER,
        central=True,
        support_received=["practical", "emotional"],
        gives_back=["company"],
        gives_back_note="Ik kook op zondag",
    )
    NetworkMemberFactory(participant=participant, name=NAMES[1], relation=Relation.FRIEND)
    NetworkMemberFactory(
        participant=participant, name=NAMES[2], relation=Relation.NEIGHBOUR, circle=Circle.OUTER
    )
    NetworkMemberFactory(participant=participant, name=NAMES[3], professional=True)
    NetworkMemberFactory(name="Iemand van een ander")  # someone else's network
    return participant


@pytest.fixture
def fatima(nuray):
    """A professional with Nuray's consent for her network."""
    user = UserFactory(professional=True)
    ConsentGrantFactory(participant=nuray, grantee_user=user, scope=ConsentScope.NETWORK)
    return user


def audit_entries(participant):
    return AuditEntry.objects.filter(
        object_type="participants.participant", object_id=str(participant.pk)
    )


def test_a_professional_with_consent_sees_the_map_and_the_same_people_as_a_list(
    client, nuray, fatima
):
    sign_in(client, fatima)

    response = client.get(reverse("networks:map", args=[nuray.pk]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Netwerkkaart van Nuray Yılmaz" in page
    assert 'role="img"' in page
    for name in NAMES:
        escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in page
    assert "Iemand van een ander" not in page
    assert (
        page.count('class="steunsysteem-network-map__member steunsysteem-network-map__member') >= 4
    )
    table = page.split('id="network-list"')[1]
    assert "Praktische hulp" in table or "Practical help" in table
    assert "Ik kook op zondag" in table
    assert 'style="' not in page
    entry = audit_entries(nuray).get()
    assert (entry.action, entry.result, entry.fields) == (
        AuditAction.READ,
        AuditResult.ALLOWED,
        ["network"],
    )
    assert entry.actor_user_id == fatima.pk


def test_the_participant_sees_their_own_map(client, nuray):
    sign_in(client, nuray.user)

    response = client.get(reverse("networks:map", args=[nuray.pk]))

    assert response.status_code == 200
    assert "Mijn netwerkkaart" in response.content.decode()


def test_consent_for_basic_details_only_does_not_open_the_network(client, nuray):
    professional = UserFactory(professional=True)
    ConsentGrantFactory(participant=nuray, grantee_user=professional, scope=ConsentScope.PROFILE)
    sign_in(client, professional)

    for name in ["networks:map", "networks:map_svg", "networks:map_png", "networks:map_pdf"]:
        response = client.get(reverse(name, args=[nuray.pk]))
        assert response.status_code == 403, name
        assert NAMES[0].encode() not in response.content

    refusals = audit_entries(nuray)
    assert refusals.count() == 4
    assert set(refusals.values_list("action", flat=True)) == {AuditAction.ACCESS_DENIED}


def test_someone_logged_out_is_sent_to_log_in(client, nuray):
    response = client.get(reverse("networks:map_svg", args=[nuray.pk]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not audit_entries(nuray).exists()


@freeze_time("2026-12-01 10:00")
@pytest.mark.parametrize(
    ("name", "content_type", "extension"),
    [
        ("networks:map_svg", "image/svg+xml", "svg"),
        ("networks:map_png", "image/png", "png"),
        ("networks:map_pdf", "application/pdf", "pdf"),
    ],
)
def test_a_download_is_a_file_named_by_date_only_and_recorded_as_an_export(
    client, nuray, fatima, name, content_type, extension
):
    sign_in(client, fatima)

    response = client.get(reverse(name, args=[nuray.pk]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == (
        f'attachment; filename="netwerkkaart-2026-12-01.{extension}"'
    )
    assert "Nuray" not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    entry = audit_entries(nuray).get()
    assert (entry.action, entry.fields, entry.actor_user_id) == (
        AuditAction.EXPORT,
        ["network"],
        fatima.pk,
    )


def test_the_svg_download_is_a_valid_drawing_with_everyone_in_it(client, nuray, fatima):
    sign_in(client, fatima)

    response = client.get(reverse("networks:map_svg", args=[nuray.pk]))

    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Netwerkkaart van Nuray Yılmaz"
    assert "steunsysteem-network-map__member--family" in root.find(f"{SVG}style").text
    texts = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    titles = {"".join(t.itertext()) for t in root.iter(f"{SVG}title")}
    for name in NAMES:
        assert name in texts
        assert any(title.startswith(name) for title in titles)
    members = root.findall(f".//{SVG}g[@data-relation]")
    assert len(members) == 4


def test_the_png_download_is_a_picture(client, nuray, fatima):
    sign_in(client, fatima)

    response = client.get(reverse("networks:map_png", args=[nuray.pk]))

    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(response.content[16:20], "big")
    assert width == 2720


def test_the_pdf_download_holds_the_title_the_date_the_map_and_the_list(
    client, nuray, fatima, tmp_path
):
    sign_in(client, fatima)

    with freeze_time("2026-12-01 10:00"):
        response = client.get(reverse("networks:map_pdf", args=[nuray.pk]))

    assert response.content.startswith(b"%PDF")
    path = tmp_path / "kaart.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+2\n", info)
    assert re.search(r"Page size:\s+841.89 x 595.2", info)  # A4 landscape
    text = subprocess.run(
        ["pdftotext", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    first_page, list_page = (" ".join(page.split()) for page in text.split("\f")[:2])
    assert "Netwerkkaart van Nuray Yılmaz" in first_page
    assert "1 december 2026" in first_page
    assert "Henk (broer)" in first_page  # on the map
    for name in NAMES:
        assert name in list_page
    assert "Ik kook op zondag" in list_page
