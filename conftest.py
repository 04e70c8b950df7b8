"""Fixtures shared by all tests: English or Dutch messages, and a headless Debian Chromium
driven by Playwright."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
# Playwright's sync API runs an event loop; Django's async-safety check would refuse the
# live server's database calls from the same thread without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def english(settings):
    """Messages in their English source text, in requests and outside them, whatever the Dutch
    translation says. Not autouse: some tests check the Dutch interface; a test file that asserts
    English everywhere says so with ``pytest.mark.usefixtures("english")``."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def dutch(settings):
    """The Dutch interface, in requests and outside them (the default; for files that say so)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        yield


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab in Dutch; ``page.base_url`` is the live server."""
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core (WCAG 2.1 A/AA rules) on the current page and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        violations = results.response["violations"]
        assert not violations, results.generate_report()

    return check


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, signed in with the second factor administrators need."""
    from steunsysteem.accounts.tests.two_factor import sign_in

    return sign_in(client, admin_user)
