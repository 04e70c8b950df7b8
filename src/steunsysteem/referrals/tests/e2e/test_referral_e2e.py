"""In the browser: Fatima goes from Janny's question to a referral to the choir; Els, editor
of the choir, finds it under "Verwijzingen", accepts it and marks the start; Janny's question
is then answered, with the choir linked. Every page passes axe."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.referrals.models import Referral

from ..story import CHOIR, JANNY, make_story

SHOTS = Path("/tmp/shots")


def _sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    sign_in_in_browser(page, username)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_from_question_to_a_started_referral(page, assert_accessible):
    story = make_story()
    for user, name in ((story.fatima, "fatima"), (story.els, "els"), (story.janny.user, "janny")):
        user.username = name
        user.save()
    give_totp_device(story.fatima)
    SHOTS.mkdir(exist_ok=True)

    # Fatima, from her own list of participants to the question and the referral.
    _sign_in(page, "fatima")
    page.goto("/deelnemers/")
    page.get_by_role("link", name=JANNY).click()
    page.get_by_role("link", name="Vragen", exact=True).click()
    page.get_by_role("link", name="Wat er met deze vraag gebeurt").click()
    expect(page.locator("#question-text")).to_contain_text(CHOIR)
    expect(page.locator("#no-referrals")).to_have_text("Nog geen verwijzing.")
    page.get_by_role("link", name="Verwijzen naar een aanbod (warme overdracht)").click()
    assert_accessible(page)
    # The matcher's suggestions for the question come first, with why they fit.
    expect(page.get_by_role("heading", name="Aanbod dat past bij deze vraag")).to_be_visible()
    expect(page.locator("span", has_text="past bij: zingen, koor")).to_be_visible()
    page.get_by_label("Verwijzen naar").select_option(str(story.service.pk))
    page.get_by_label("Hoe gaf de persoon toestemming").select_option("spoken")
    page.screenshot(path=str(SHOTS / "referral_form.png"), full_page=True)
    page.get_by_role("button", name="Verwijzen", exact=True).click()
    expect(page.get_by_text("De verwijzing naar Zingen in het koor is gemaakt.")).to_be_visible()
    expect(page.locator("#referrals")).to_contain_text("voorgesteld aan de organisatie")
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "referral_question_page.png"), full_page=True)

    # Els, editor of the choir, from her start page to "Verwijzingen".
    _sign_in(page, "els")
    page.goto("/mijn-aanbod/")
    page.get_by_role("link", name="Verwijzingen").click()
    assert_accessible(page)
    page.locator("#referral-list a").first.click()
    expect(page.locator("#shared-details")).to_contain_text(JANNY)
    expect(page.locator("main")).not_to_contain_text(CHOIR)
    assert_accessible(page)
    page.get_by_label("Aangenomen door de organisatie").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#referral-status")).to_have_text("Aangenomen door de organisatie")
    page.get_by_label("Begonnen", exact=True).check()
    page.screenshot(path=str(SHOTS / "referral_editor.png"), full_page=True)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#referral-status")).to_have_text("Begonnen")
    assert_accessible(page)

    # Janny reads her question: answered, and where she takes part.
    _sign_in(page, "janny")
    page.goto(f"/deelnemers/{story.janny.pk}/vragen/{story.question.pk}/")
    expect(page.locator("#joined")).to_contain_text("Doet mee aan: Zingen in het koor")
    expect(page.locator("#joined a")).to_have_attribute(
        "href", f"/sociale-kaart/dienst/{story.service.pk}/"
    )
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "referral_joined.png"), full_page=True)
    assert Referral.objects.get().status == "started"
    story.question.refresh_from_db()
    assert (story.question.status, story.question.outcome) == ("answered", "referred")
