"""In the browser: a visitor on the sociale kaart clicks through to how the support system
works and whom to contact; the page passes axe (WCAG 2.1 AA)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.tests.factories import DistrictFactory
from steunsysteem.directory.vocabularies import install_vocabularies
from steunsysteem.worktables.tests.factories import WorktableFactory

SHOTS = Path("/tmp/shots")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_visitor_finds_how_to_bring_in_a_question(page, assert_accessible):
    install_vocabularies(Taxonomy, TaxonomyTerm)
    WorktableFactory(
        name="Werktafel Oosterhof",
        district=DistrictFactory(name="Oosterhof"),
        contact_email="werktafel-oosterhof@example.nl",
        contact_phone="010 555 0141",
    )
    page.goto("/sociale-kaart/")

    page.get_by_role("link", name="Zo werkt het").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Zo werkt het steunsysteem")
    expect(page.locator("#worktables")).to_contain_text("Werktafel Oosterhof")
    expect(page.get_by_role("link", name="werktafel-oosterhof@example.nl")).to_be_visible()
    expect(page.get_by_role("heading", name="Zo breng je een vraag in")).to_be_visible()
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "e2e_about.png"), full_page=True)
