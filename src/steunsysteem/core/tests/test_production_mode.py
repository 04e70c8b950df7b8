"""A region runs Steunsysteem the way docs/deploy.md says: ``bin/serve`` checks the
deployment, migrates a new PostgreSQL database, collects the static files and starts
gunicorn on loopback behind the reverse proxy. Over real HTTP: /healthz answers, a public
page shows, plain HTTP is sent to HTTPS, and a participant logs in."""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from .command_line import steunsysteem

ROOT = Path(__file__).resolve().parents[4]
PASSWORD = "een-heel-lang-wachtwoord-voor-productie"
# What the reverse proxy adds after terminating TLS.
BEHIND_THE_PROXY = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="production mode runs on PostgreSQL"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """Just enough of a browser: keeps cookies (also Secure ones, as the proxy's client
    would over HTTPS) and sends the proxy's headers."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, proxy: bool = True):
        headers = dict(BEHIND_THE_PROXY) if proxy else {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        client.request(method, path, body=data, headers=headers)
        response = client.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        client.close()
        return response, text


@pytest.fixture
def production(tmp_path, empty_database):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_ALLOW_ASYNC_UNSAFE": "",  # pytest-playwright's; a deployment check refuses it
        "DJANGO_SETTINGS_MODULE": "steunsysteem.conf.settings.production",
        "DATABASE_URL": empty_database,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_TRAIL_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATA_DIR": str(tmp_path),
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "2",
        "SKIP_SETUP": "1",  # the test run installed everything already
    }
    server = subprocess.Popen(
        [str(ROOT / "bin" / "serve")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log = server.stdout.read()
                    raise AssertionError(f"bin/serve did not start:\n{log}") from None
                time.sleep(0.5)
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_bin_serve_runs_the_site_behind_the_proxy(production):
    port, env = production
    browser = Browser(port)

    response, body = browser.request("GET", "/healthz")
    assert response.status == 200 and '"database": "ok"' in body

    response, _ = browser.request("GET", "/sociale-kaart/", proxy=False)
    assert response.status == 301
    assert response.headers["Location"] == "https://127.0.0.1/sociale-kaart/"

    response, body = browser.request("GET", "/sociale-kaart/")
    assert response.status == 200 and "<h1" in body
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', body).group(1)
    # A content hash in the name: cached for a year, and a new release's CSS has a new name.
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet), stylesheet
    response, _ = browser.request("GET", stylesheet)
    assert response.status == 200 and "text/css" in response.headers["Content-Type"]
    assert "immutable" in response.headers["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_the_longest_question_fits_in_the_address_of_the_match_api(production):
    port, env = production
    # Dutch and Arabic: each Arabic letter is six characters in a URL.
    said = "Ik zoek een taalcafé om Nederlands te oefenen. أريد أن أتعلم اللغة الهولندية. "
    question = (said * 40)[:2000]
    path = "/api/v1/match/?" + urlencode({"q": question})
    assert 4094 < len(path) < 8190  # over gunicorn's default limit, within the one set

    response, body = Browser(port).request("GET", path)

    assert response.status == 200, body[:200]
    assert json.loads(body)["matches"] == []


@pytest.mark.django_db(transaction=True)
def test_a_participant_logs_in_over_real_http(production):
    port, env = production
    created = steunsysteem(
        "shell",
        "-c",
        "from steunsysteem.accounts.models import User; "
        f"User.objects.create_user(username='janny', password='{PASSWORD}', role='participant')",
        database_url=env["DATABASE_URL"],
        settings="production",
        env={key: env[key] for key in ("SECRET_KEY", "AUDIT_TRAIL_KEY", "DATA_DIR")},
    )
    assert created.returncode == 0, created.stderr
    browser = Browser(port)

    response, body = browser.request("GET", "/accounts/login/")
    assert response.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    response, _ = browser.request(
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": "janny", "password": PASSWORD},
    )

    assert response.status == 302, response.status
    response, body = browser.request("GET", "/accounts/mijn-account/")
    assert response.status == 200 and "janny" in body
