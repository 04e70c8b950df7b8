"""The users of the load test (bench/run_load_bench.py): visitors of the public sociale kaart
and the APIs, a participant, a professional and a werktafel coordinator, all on the Partistad
demo. Every request carries what the reverse proxy adds after TLS (X-Forwarded-Proto), and
cookies are sent by hand: the site's cookies are Secure, and this is plain HTTP on loopback."""

from __future__ import annotations

import hmac
import random
import re
import struct
import time
from http.cookies import SimpleCookie

from locust import HttpUser, between, task

PASSWORD = "Partistad-demo-2026"
DEMO_TOTP_KEY = bytes.fromhex("3132333435363738393031323334353637383930")
QUERIES = ["koor", "wandelen", "schulden", "taalcafe", "vrijwilligerswerk", "koffie", "sporten"]


def totp_now(key: bytes = DEMO_TOTP_KEY) -> str:
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(key, counter, "sha1").digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class Visitor(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def on_start(self):
        self.jar: dict[str, str] = {}
        self.client.cookies.clear()
        self.address = (
            f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        )

    def call(self, method: str, path: str, name: str | None = None, **kwargs):
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Host": "127.0.0.1",
            **kwargs.pop("headers", {}),
        }
        if self.jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        response = self.client.request(
            method, path, name=name or path, headers=headers, allow_redirects=False, **kwargs
        )
        for header in response.raw.headers.getlist("Set-Cookie") if response.raw else []:
            for key, morsel in SimpleCookie(header).items():
                self.jar[key] = morsel.value
        self.client.cookies.clear()
        return response

    def log_in(self, username: str) -> None:
        page = self.call("GET", "/accounts/login/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        referer = {"Referer": "https://127.0.0.1/accounts/login/"}
        self.call("POST", "/accounts/login/", data=form, headers=referer)
        # Roles that need it are sent to the code page by every page until they pass it.
        page = self.call("GET", "/accounts/tweestapsverificatie/").text
        if 'name="code"' in page:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            referer = {"Referer": "https://127.0.0.1/accounts/tweestapsverificatie/"}
            self.call(
                "POST",
                "/accounts/tweestapsverificatie/",
                data={"csrfmiddlewaretoken": token, "code": totp_now()},
                headers=referer,
            )

    def log_out(self) -> None:
        page = self.call("GET", "/accounts/mijn-account/").text
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if found:
            referer = {"Referer": "https://127.0.0.1/accounts/mijn-account/"}
            form = {"csrfmiddlewaretoken": found.group(1)}
            self.call("POST", "/accounts/logout/", data=form, headers=referer)
        self.jar.clear()

    def links(self, path: str, pattern: str) -> list[str]:
        return sorted(set(re.findall(pattern, self.call("GET", path).text)))


class PublicVisitor(Visitor):
    weight = 6

    def on_start(self):
        super().on_start()
        data = self.call("GET", "/api/v1/services/", name="/api/v1/services/").json()
        self.services = [item["id"] for item in data.get("results", data)][:20] or []

    @task(4)
    def search(self):
        self.call("GET", f"/sociale-kaart/?q={random.choice(QUERIES)}", name="/sociale-kaart/?q=")

    @task(3)
    def service_page(self):
        if self.services:
            pk = random.choice(self.services)
            self.call("GET", f"/sociale-kaart/dienst/{pk}/", name="/sociale-kaart/dienst/[id]/")

    @task(2)
    def hsds_api(self):
        self.call("GET", "/api/hsds/services?per_page=20", name="/api/hsds/services")

    @task(1)
    def own_api(self):
        q = random.choice(QUERIES)
        self.call("GET", f"/api/v1/services/?q={q}", name="/api/v1/services/?q=")


class SignedIn(Visitor):
    """A user who signs in, uses their pages and about once a minute signs out and in
    again, so log-ins (with their deliberately slow password hash) happen throughout the
    run: about 20 a minute, far more than a region's professionals sign in."""

    abstract = True
    username = ""

    def on_start(self):
        super().on_start()
        self.log_in(self.username)

    @task(1)
    def sign_in_again(self):
        self.log_out()
        self.log_in(self.username)


class Participant(SignedIn):
    weight = 2
    username = "deelnemer"

    def on_start(self):
        super().on_start()
        self.pages = self.links("/mijn-pagina/", r'href="(/deelnemers/[0-9a-f-]{36}/[a-z0-9/-]*)"')

    @task(40)
    def own_pages(self):
        self.call("GET", "/mijn-pagina/")
        if self.pages:
            self.call("GET", random.choice(self.pages), name="participant: own page")


class Professional(SignedIn):
    weight = 1
    username = "hulpverlener"

    def on_start(self):
        super().on_start()
        self.participants = self.links("/deelnemers/", r'href="(/deelnemers/[0-9a-f-]{36}/)"')

    @task(40)
    def participant_pages(self):
        self.call("GET", "/deelnemers/")
        if self.participants:
            self.call("GET", random.choice(self.participants), name="/deelnemers/[id]/ (audited)")


class Coordinator(SignedIn):
    weight = 1
    username = "coordinator"

    def on_start(self):
        super().on_start()
        tables = self.links("/werktafels/", r'href="(/werktafels/\d+/)"')
        self.meetings = []
        for table in tables[:3]:
            self.meetings += self.links(table, r'href="(/werktafels/overleg/\d+/)"')

    @task(40)
    def meeting_screen(self):
        if self.meetings:
            self.call("GET", random.choice(self.meetings), name="/werktafels/overleg/[id]/")
        else:
            self.call("GET", "/werktafels/")
