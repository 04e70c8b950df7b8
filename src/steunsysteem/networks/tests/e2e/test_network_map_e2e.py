"""In the browser: a professional with Nuray's consent opens her network map, sees every
member drawn in the map and listed in the table, and the page passes axe (WCAG 2.1 AA)."""

import shutil

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks.constants import Circle, Relation
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

MEMBERS = [
    ("Henk (broer)", Relation.FAMILY, Circle.INNER),
    ("Ayşe", Relation.PARTNER, Circle.INNER),
    ("Buurvrouw Els", Relation.NEIGHBOUR, Circle.MIDDLE),
    ("Kees (maatje)", Relation.VOLUNTEER, Circle.MIDDLE),
    ("Sevgi van het koor", Relation.FRIEND, Circle.MIDDLE),
    ("Lotgenoot Ria", Relation.PEER, Circle.OUTER),
    ("Fatima, wijkteam", Relation.PROFESSIONAL, Circle.OUTER),
    ("Huisarts De Wit", Relation.PROFESSIONAL, Circle.OUTER),
    ("Oom Mehmet", Relation.FAMILY, Circle.OUTER),
]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_professional_sees_nurays_network_map_and_the_same_people_as_a_list(
    page, assert_accessible, tmp_path
):
    nuray = ParticipantFactory(name="Nuray Yılmaz")
    for index, (name, relation, circle) in enumerate(MEMBERS):
        NetworkMemberFactory(
            participant=nuray,
            name=name,
            relation=relation,
            circle=circle,
            is_central_contact=index == 0,
            gives_back=["company"] if index % 2 else [],
        )
    fatima = UserFactory(username="fatima", professional=True)
    give_totp_device(fatima)
    ConsentGrantFactory(participant=nuray, grantee_user=fatima, scope=ConsentScope.NETWORK)

    page.goto(f"/deelnemers/{nuray.pk}/netwerk/kaart/")
    sign_in_in_browser(page, "fatima")
    page.goto(f"/deelnemers/{nuray.pk}/netwerk/kaart/")

    expect(page.locator("h1")).to_have_text("Netwerkkaart van Nuray Yılmaz")
    svg = page.locator("figure svg[role=img]")
    expect(svg).to_be_visible()
    expect(svg.locator("g[data-relation]")).to_have_count(len(MEMBERS))
    expect(svg.locator(".steunsysteem-network-map__star")).to_have_count(2)  # map and legend
    for name, _relation, _circle in MEMBERS:
        expect(svg.locator("text", has_text=name).last).to_be_visible()
    rows = page.locator("#network-list tbody tr")
    expect(rows).to_have_count(len(MEMBERS))
    expect(rows.first).to_contain_text("Henk (broer)")
    expect(rows.first).to_contain_text("Ja")
    # The colours come from site.css: a family member is blue, not black.
    fill = svg.locator(".steunsysteem-network-map__member--family path").first.evaluate(
        "element => getComputedStyle(element).fill"
    )
    assert fill == "rgb(11, 92, 173)"
    expect(page.get_by_role("link", name="PDF, om af te drukken (A4)")).to_be_visible()
    assert_accessible(page)

    shot = tmp_path / "network_map.png"
    page.screenshot(path=shot, full_page=True)
    shutil.copy(shot, "/tmp/network_map.png")

    # Printing: no menus, the map and the list.
    page.emulate_media(media="print")
    expect(page.locator(".steunsysteem-header")).to_be_hidden()
    expect(page.get_by_role("link", name="PDF, om af te drukken (A4)")).to_be_hidden()
    expect(svg).to_be_visible()
    expect(rows).to_have_count(len(MEMBERS))
    page.screenshot(path=tmp_path / "network_map_print.png", full_page=True)
    shutil.copy(tmp_path / "network_map_print.png", "/tmp/network_map_print.png")
