"""In the browser: Janny opens her question from her own list, reads the werktafel's
proposal and who does what by when, and says "Dit wil ik"; every page passes axe."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.questions.models import ProposalAnswer
from steunsysteem.questions.tests.loop import ACTION, CHOIR, PROPOSAL, make_loop

PASSWORD = "een-lang-wachtwoord"  # the factory's password
SHOTS = Path("/tmp/shots")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_janny_reads_the_proposal_and_says_yes(page, assert_accessible):
    loop = make_loop()
    question = loop.question()
    item = loop.discuss(question)
    loop.give_fatima_an_action(item)

    page.goto(f"/deelnemers/{loop.janny.pk}/vragen/")
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{loop.janny.pk}/vragen/")
    page.get_by_role("link", name="Wat er met deze vraag gebeurt").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Je vraag")
    expect(page.locator("#question-text")).to_contain_text(CHOIR)
    expect(page.locator("#where-it-stands")).to_contain_text("De werktafel heeft op")
    expect(page.locator("#proposal")).to_contain_text(PROPOSAL)
    expect(page.locator("#actions")).to_contain_text(
        f"Fatima (Sociaal Wijkteam Oosterhof): {ACTION}"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Dit wil ik").click()

    expect(page.get_by_text("Bedankt. Je antwoord is bewaard.")).to_be_visible()
    expect(page.locator("#answer")).to_contain_text("Dit wil ik")
    expect(page.locator("#steps")).to_contain_text("Antwoord op het voorstel: Dit wil ik")
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "answer_question_page.png"), full_page=True)
    assert ProposalAnswer.objects.get().choice == "wants"
