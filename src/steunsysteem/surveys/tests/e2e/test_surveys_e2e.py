"""In the browser: a participant answers the survey from the mail's link, without an account,
with the keyboard; the page is accessible and the link works once."""

import pytest
from playwright.sync_api import expect

from steunsysteem.core.tests.menu import click_menu_link
from steunsysteem.surveys.constants import SurveyKind
from steunsysteem.surveys.models import SurveyAnswer
from steunsysteem.surveys.tests.factories import SurveyInvitationFactory

SCREENSHOTS = "/tmp"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_participant_answers_the_survey_from_the_link(page, assert_accessible):
    SurveyInvitationFactory(token="link-uit-de-mail", kind=SurveyKind.PARTICIPANT)

    page.goto("/peiling/link-uit-de-mail/")

    expect(page.locator("h1")).to_have_text("Korte peiling")
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/survey_answer.png", full_page=True)
    for statement in ("Er werd naar mij geluisterd.", "De werktafel hielp mij met mijn vraag."):
        page.get_by_role("group", name=statement).get_by_label("4").check()
    group = page.get_by_role("group", name="Ik zou anderen aanraden ook een vraag in te brengen.")
    group.get_by_label("5 – heel erg").focus()
    page.keyboard.press("Space")
    page.get_by_label("Wil je nog iets kwijt?").fill("Fijn dat iemand meeging.")
    page.get_by_role("button", name="Mijn antwoord versturen").click()

    expect(page.locator("#survey-thanks")).to_contain_text("Je antwoord is binnen")
    assert_accessible(page)
    answer = SurveyAnswer.objects.get()
    assert (answer.score_1, answer.score_2, answer.score_3) == (4, 4, 5)

    page.goto("/peiling/link-uit-de-mail/")
    expect(page.locator("#survey-problem")).to_contain_text("al gebruikt")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_reads_the_results_from_the_menu(page, assert_accessible):
    from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
    from steunsysteem.directory.tests.factories import UserFactory
    from steunsysteem.surveys.tests.factories import SurveyAnswerFactory

    for remark in ["Ze luisterden echt.", "", "", "", "", ""]:
        SurveyAnswerFactory(remark=remark, score_1=4, score_2=5, score_3=3)
    SurveyAnswerFactory(kind=SurveyKind.COLLABORATION)  # one: not shown
    give_totp_device(UserFactory(username="kees", coordinator=True))

    page.goto("/accounts/login/")
    sign_in_in_browser(page, "kees")
    page.goto("/")
    click_menu_link(page, "Peilingen")

    expect(page.locator("h1")).to_have_text("Uitkomsten van de peilingen")
    expect(page.locator("#results-participant")).to_contain_text("Ze luisterden echt.")
    expect(page.locator("#results-participant tbody tr")).to_have_count(3)
    expect(page.locator("#results-collaboration")).to_contain_text("Te weinig antwoorden")
    assert_accessible(page)
    page.screenshot(path=f"{SCREENSHOTS}/survey_results.png", full_page=True)
