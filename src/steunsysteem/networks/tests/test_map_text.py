"""A name with control characters (pasted from another program, or typed on purpose) still
gives a valid network map: the SVG parses as XML, the PNG and the PDF are drawn."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.networks import map_files
from steunsysteem.networks.constants import Circle, Relation
from steunsysteem.networks.map_layout import network_map
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ParticipantFactory

# What a database can store: every C0 control but NUL (PostgreSQL refuses it), and DEL.
STORABLE = "".join(chr(code) for code in range(1, 0x20)) + "\x7f"
# What only reaches the drawing from memory: NUL and lone surrogates.
UNSTORABLE = "\x00\ud800\udc00"
NEVER_IN_XML = [character for character in STORABLE if character not in "\t\n\r"]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def janny(db):
    participant = ParticipantFactory(name=f"Janny{STORABLE}de Vries", with_account=True)
    NetworkMemberFactory(
        participant=participant,
        name=f"Buur{STORABLE}vrouw Els",
        relation=Relation.NEIGHBOUR,
        gives_back_note=f"Koffie{STORABLE}op zondag",
    )
    return participant


@pytest.fixture
def signed_in(client, janny):
    return sign_in(client, janny.user)


def texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def test_the_svg_download_parses_as_xml_and_keeps_the_readable_name(signed_in, janny):
    response = signed_in.get(reverse("networks:map_svg", args=[janny.pk]))

    assert response.status_code == 200
    names = texts(response.content)
    assert "Buur vrouw Els" in names  # tab and line breaks became one space
    assert not any(character in response.content.decode() for character in NEVER_IN_XML)


def test_the_png_and_the_pdf_are_drawn(signed_in, janny):
    png = signed_in.get(reverse("networks:map_png", args=[janny.pk]))
    pdf = signed_in.get(reverse("networks:map_pdf", args=[janny.pk]))

    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_map_page_shows_the_name_without_control_characters(signed_in, janny):
    page = signed_in.get(reverse("networks:map", args=[janny.pk])).content.decode()

    start = page.index("<svg")
    svg = page[start : page.index("</svg>", start)]
    assert not any(character in svg for character in NEVER_IN_XML)


def test_nul_and_lone_surrogates_are_dropped_from_every_drawing():
    member = SimpleNamespace(
        name=f"Els{UNSTORABLE}{STORABLE}",
        relation=Relation.FRIEND,
        circle=Circle.INNER,
        is_central_contact=True,
    )
    name = f"Janny{UNSTORABLE}"
    context = {
        "map": network_map([member], person_name=name),
        "title": f"Netwerkkaart van {name}",
        "description": f"{name} in het midden",
        "rows": [],
        "today": None,
    }

    svg = map_files.map_svg(context)

    ET.fromstring(svg.encode("utf-8"))
    assert map_files.map_png(svg).startswith(b"\x89PNG")
    assert map_files.map_pdf(context).startswith(b"%PDF")
