"""In the browser: Fatima registers Kees with his consent for the werktafel of his district,
brings in his question and sees which table it goes to; Janny sees that her question is not
shared yet, allows it, and withdraws another; the coordinator sees how many wait. Axe on
every page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import ConsentGrant
from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    UserFactory,
)
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables.tests.factories import WorktableFactory

PASSWORD = "een-lang-wachtwoord"  # the factory's password
SHOTS = Path("/tmp/shots")
CARDS = "Kees zoekt iemand om een potje mee te kaarten."


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_fatima_registers_kees_with_table_consent_and_his_question_goes_to_the_table(
    page, assert_accessible
):
    vlietzoom = DistrictFactory(name="Vlietzoom")
    table = WorktableFactory(
        name="Werktafel Vlietzoom",
        district=vlietzoom,
        members=[UserFactory(username="ruud", coordinator=True)],
    )
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    fatima = UserFactory(username="fatima", professional=True, organizations=[wijkteam])
    give_totp_device(fatima)

    page.goto("/deelnemers/nieuw/")
    sign_in_in_browser(page, "fatima")
    page.wait_for_url("**/deelnemers/nieuw/")
    page.fill("#id_name", "Kees")
    page.select_option("#id_district", label="Vlietzoom")
    page.get_by_label("Sociaal Wijkteam").check()
    page.get_by_label("Vragen en wat ermee gebeurt").check()
    page.get_by_label("Ja: Werktafel Vlietzoom (wijk Vlietzoom)").check()
    page.get_by_label("Gezegd tegen een hulpverlener in een gesprek").check()
    assert_accessible(page)
    shot(page, "entry-register")
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("h1")).to_have_text("Kees")
    assert_accessible(page)
    grant = ConsentGrant.objects.get(grantee_worktable=table)
    assert grant.scope == ConsentScope.QUESTIONS and grant.confirmed_at is not None

    page.get_by_role("navigation", name="Over deze persoon").get_by_role(
        "link", name="Vragen"
    ).click()
    expect(page.locator("#no-questions")).to_be_visible()
    assert_accessible(page)
    page.click("#ask-question")
    expect(page.get_by_label("Werktafel Vlietzoom (wijk Vlietzoom)")).to_be_checked()
    expect(page.locator("#id_table_consent_helptext")).to_contain_text(
        "Al toegestaan: Werktafel Vlietzoom."
    )
    assert_accessible(page)
    shot(page, "entry-question-form")
    page.fill("#id_text", CARDS)
    page.get_by_label("Ontmoeting", exact=True).check()
    page.get_by_role("button", name="Vraag versturen").click()

    expect(page.locator(".utrecht-alert--ok")).to_contain_text(
        "Dank je, de vraag is bewaard. Gaat naar Werktafel Vlietzoom."
    )
    expect(page.locator("#questions")).to_contain_text(CARDS)
    expect(page.locator("[data-sharing=shared]")).to_have_text("Gaat naar Werktafel Vlietzoom.")
    assert_accessible(page)
    shot(page, "entry-question-list")
    question = Question.objects.get()
    assert question.worktable == table


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_janny_allows_the_table_later_withdraws_a_question_and_the_coordinator_counts(
    page, assert_accessible
):
    vlietzoom = DistrictFactory(name="Vlietzoom")
    ruud = UserFactory(username="ruud", coordinator=True)
    give_totp_device(ruud)
    table = WorktableFactory(name="Werktafel Vlietzoom", district=vlietzoom, members=[ruud])
    janny = ParticipantFactory(name="Janny", district=vlietzoom, user=UserFactory(username="janny"))
    choir = question_submit(
        participant=janny,
        text="Ik wil zingen in een koor.",
        life_domains=["culture"],
        worktable=table,
        by=janny.user,
    )
    hair = question_submit(
        participant=janny,
        text="Ik wil een kappersopleiding doen.",
        life_domains=["education"],
        worktable=None,
        by=janny.user,
    )

    # The coordinator sees that two new questions of Vlietzoom reach no table: a number only.
    page.goto("/werktafels/")
    sign_in_in_browser(page, "ruud")
    page.wait_for_url("**/werktafels/")
    expect(page.locator("#unshared")).to_contain_text("Vlietzoom: 2 vragen")
    expect(page.locator("#unshared")).not_to_contain_text("Janny")
    assert_accessible(page)
    shot(page, "entry-worktables-count")
    page.get_by_role("button", name="Uitloggen").click()

    page.goto(f"/deelnemers/{janny.pk}/vragen/")
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/deelnemers/{janny.pk}/vragen/")
    choir_item = page.locator(f"#question-{choir.pk}")
    expect(choir_item.locator("[data-sharing=no_consent]")).to_contain_text(
        "Nog niet gedeeld met een werktafel."
    )
    expect(page.locator(f"#question-{hair.pk} [data-sharing=no_table]")).to_contain_text(
        "Er is geen werktafel gekozen."
    )
    assert_accessible(page)
    shot(page, "entry-not-shared")

    choir_item.get_by_role("link", name="veranderen of intrekken").click()
    expect(page.locator("h1")).to_have_text("De vraag veranderen of intrekken")
    assert_accessible(page)
    shot(page, "entry-change")
    page.get_by_label("Ja, de werktafel mag mijn vragen zien").check()
    page.get_by_role("button", name="Veranderingen bewaren").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Gaat naar Werktafel Vlietzoom.")
    expect(choir_item.locator("[data-sharing=shared]")).to_be_visible()
    assert_accessible(page)

    page.locator(f"#question-{hair.pk}").get_by_role("link", name="veranderen of intrekken").click()
    withdraw = page.get_by_role("button", name="De vraag intrekken")
    withdraw.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("De vraag is ingetrokken.")
    expect(page.locator(f"#question-{hair.pk}")).to_contain_text("Ingetrokken")
    assert_accessible(page)
    hair.refresh_from_db()
    assert hair.status == QuestionStatus.WITHDRAWN
