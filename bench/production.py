"""The production-mode server the load, fault and fuzz benchmarks talk to: bin/serve (gunicorn,
production settings) on loopback, on the PostgreSQL database of DATABASE_URL, with the
Partistad demo loaded through its services. Requests carry what the reverse proxy adds after
TLS (``PROXY_HEADERS``)."""

from __future__ import annotations

import html
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = ROOT / ".venv" / "bin"
PROXY_HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
DEMO_PASSWORD = "Partistad-demo-2026"


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to an empty PostgreSQL database (see the docstring).")
    return url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    port: int
    env: dict[str, str]
    data_dir: Path

    def command(self, *arguments: str, **kwargs) -> subprocess.CompletedProcess:
        """``steunsysteem <arguments>`` with the server's own settings."""
        return subprocess.run(
            [PY / "steunsysteem", *arguments],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            **kwargs,
        )

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes]:
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            client.request("GET", path, headers=PROXY_HEADERS)
            response = client.getresponse()
            return response.status, response.read()
        finally:
            client.close()


def production_env(port: int, data_dir: Path, workers: int, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "steunsysteem.conf.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_TRAIL_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATA_DIR": str(data_dir),
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": str(workers),
        "SKIP_SETUP": "1",
        "LOG_LEVEL": "WARNING",
        # Each simulated client may come from an address of its own, passed on by "the
        # proxy", so the per-client rate limits see many people, not one.
        "TRUSTED_PROXY_COUNT": "1",
        **extra,
    }


def _wait_for(server: Server, process: subprocess.Popen, seconds: int = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"bin/serve did not start:\n{(server.data_dir / 'serve.log').read_text()}")
            time.sleep(0.5)


@contextmanager
def production_server(workers: int, **extra_env: str) -> Iterator[Server]:
    """Migrate, load the demo, start bin/serve and wait until every worker answers."""
    database_url()
    data_dir = Path(tempfile.mkdtemp(prefix="steunsysteem-bench-"))
    port = free_port()
    server = Server(port, production_env(port, data_dir, workers, **extra_env), data_dir)
    print(f"server's data and log: {data_dir}", flush=True)
    for arguments in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
        done = server.command(*arguments)
        if done.returncode:
            sys.exit(f"steunsysteem {' '.join(arguments)} failed:\n{done.stderr}")
    # gunicorn writes one access-log line per request: to a file, never to a pipe nobody
    # reads (a full pipe blocks the workers).
    with open(data_dir / "serve.log", "w") as log:
        process = subprocess.Popen(
            [ROOT / "bin" / "serve"], env=server.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_for(server, process)
            # Every worker imports the app and opens its connection before the clock starts.
            for path in ["/healthz"] * 10 + ["/sociale-kaart/?q=koor"] * 10:
                server.get(path, timeout=60)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Browser:
    """One person's browser on the plain-HTTP loopback: cookies by hand (the site's cookies are
    Secure), the CSRF token from the last form, no redirects followed."""

    INPUT = re.compile(r"<input\b[^>]*>")
    ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')

    def __init__(self, port: int, address: str = "10.0.0.1"):
        self.port = port
        self.address = address
        self.jar: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict | None = None, timeout: float = 30
    ) -> tuple[int, str]:
        headers = {**PROXY_HEADERS, "X-Forwarded-For": self.address}
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{path}"
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            client.request(method, path, body=body, headers=headers)
            response = client.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for key, morsel in SimpleCookie(header).items():
                    self.jar[key] = morsel.value
            return response.status, response.read().decode(errors="replace")
        finally:
            client.close()

    def submit(self, path: str, fields: dict) -> tuple[int, str]:
        """GET the form, POST it with its hidden fields (CSRF token, once-only token)."""
        status, page = self.request("GET", path)
        if status != 200:
            return status, page
        hidden = {}
        for tag in self.INPUT.findall(page):
            attributes = dict(self.ATTRIBUTE.findall(tag))
            if attributes.get("type") == "hidden" and "name" in attributes:
                hidden[attributes["name"]] = html.unescape(attributes.get("value", ""))
        return self.request("POST", path, {**hidden, **fields})

    def log_in(self, username: str, password: str = DEMO_PASSWORD) -> None:
        status, _ = self.submit("/accounts/login/", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"{username} could not log in ({status})")
