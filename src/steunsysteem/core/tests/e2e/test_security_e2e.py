"""In the browser: the Content-Security-Policy blocks nothing the pages need, and someone who
guesses a password five times meets the lockout page."""

import re

import pytest
from playwright.sync_api import expect

from steunsysteem.directory.tests.e2e.test_public_e2e import cards, partistad  # noqa: F401
from steunsysteem.directory.tests.factories import UserFactory

PASSWORD = "een-lang-wachtwoord"  # the factory's password


def collect_csp_violations(page) -> list[str]:
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def try_to_log_in(page, username, password):
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form[action='/accounts/login/'] button[type=submit]")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_search_filters_and_map_work_under_the_content_security_policy(page, partistad):  # noqa: F811
    violations = collect_csp_violations(page)

    page.goto("/sociale-kaart/")
    expect(cards(page)).to_have_count(3)
    page.check("#id_domain_sport")  # HTMX replaces the results in place
    expect(cards(page)).to_have_text(["Wandelgroep Buiten"])
    page.wait_for_url(re.compile(r"domain=sport"))

    page.goto("/sociale-kaart/kaart/")
    expect(page.locator("svg a.steunsysteem-map__point")).to_have_count(3)
    swatch = page.locator(".steunsysteem-legend__swatch circle").first
    assert swatch.evaluate("element => getComputedStyle(element).fill") not in {
        "",
        "none",
        "rgb(0, 0, 0)",
    }

    assert violations == []


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_five_wrong_passwords_lead_to_the_lockout_page(page, assert_accessible):
    UserFactory(username="jansen")
    page.goto("/accounts/login/")

    for _attempt in range(4):
        try_to_log_in(page, "jansen", "verkeerd-geraden")
        expect(page.locator("#login-error")).to_be_visible()
    try_to_log_in(page, "jansen", "verkeerd-geraden")
    expect(page.locator("#lockout")).to_be_visible()

    # Even the right password is refused now.
    page.goto("/accounts/login/")
    try_to_log_in(page, "jansen", PASSWORD)

    expect(page.locator("h1")).to_have_text(re.compile("Too many attempts to log in|Te vaak"))
    expect(page.locator("#lockout")).to_contain_text("15")
    expect(page.locator("main")).not_to_contain_text("jansen")
    expect(page.locator("form[action='/accounts/logout/']")).to_have_count(0)
    assert_accessible(page)
