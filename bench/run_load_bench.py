"""Load test: 50 concurrent users for 60 s against bin/serve's production mode on PostgreSQL
on loopback, with the Partistad demo; prints throughput, p50/p95/p99, errors, and how much
of the time requests waited on the audit trail's lock.

    bash -c 'export PG_TEST_PORT=54348; source bin/postgres-test-server; \
        DATABASE_URL=$TEST_DATABASE_URL .venv/bin/python bench/run_load_bench.py'

Options: --users 50 --seconds 60 --workers 5. Needs locust (bench/requirements.txt).
The users start 10 per second; the figures count from when all of them run (locust's
``--reset-stats``), and the signed-in users sign out and in again now and then, so log-ins
are part of the steady state rather than a burst at the start.
The audit lock is measured by sampling pg_stat_activity every 50 ms: the share of samples
in which a request's backend waits on a lock on the audit table (``LOCK TABLE ... audit``
in accounts/audit.py), next to the share in which it is busy at all.
"""

from __future__ import annotations

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PY = ROOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen, log: Path, seconds: int = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"bin/serve did not start:\n{log.read_text()}")
            time.sleep(0.5)


class LockSampler(threading.Thread):
    QUERY = """
        SELECT count(*) FILTER (WHERE state = 'active'),
               count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock'),
               count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock'
                                AND query ILIKE 'LOCK TABLE%%audit%%')
        FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
    """

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.samples = 0
        self.active = 0
        self.waiting = 0
        self.on_audit = 0
        self.stop = threading.Event()

    def run(self):
        with psycopg.connect(self.url, autocommit=True) as connection:
            while not self.stop.is_set():
                active, waiting, on_audit = connection.execute(self.QUERY).fetchone()
                self.samples += 1
                self.active += active
                self.waiting += waiting
                self.on_audit += on_audit
                time.sleep(0.05)


def warm_up(port: int) -> None:
    """Every worker imports the app and opens its connection before the clock starts."""
    import http.client

    for path in ["/healthz"] * 10 + ["/sociale-kaart/?q=koor"] * 10:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        client.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        client.getresponse().read()
        client.close()


def audit_entries(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM accounts_auditentry").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=5)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to an empty PostgreSQL database (see the docstring).")
    data_dir = Path(tempfile.mkdtemp(prefix="steunsysteem-load-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "steunsysteem.conf.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_TRAIL_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATA_DIR": str(data_dir),
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": str(args.workers),
        "SKIP_SETUP": "1",
        "LOG_LEVEL": "WARNING",
        # Each simulated user comes from an address of its own, passed on by "the proxy", so
        # the per-client rate limits see 50 people, not one.
        "TRUSTED_PROXY_COUNT": "1",
    }
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
        subprocess.run([PY / "steunsysteem", *command], env=env, cwd=ROOT, check=True)
    # gunicorn writes one access-log line per request: to a file, never to a pipe nobody
    # reads (a full pipe blocks the workers).
    server_log = open(data_dir / "serve.log", "w")  # noqa: SIM115 (closed in finally)
    server = subprocess.Popen(
        [ROOT / "bin" / "serve"], env=env, cwd=ROOT, stdout=server_log, stderr=subprocess.STDOUT
    )
    try:
        wait_for(port, server, data_dir / "serve.log")
        warm_up(port)
        before = audit_entries(url)
        sampler = LockSampler(url)
        sampler.start()
        started = time.monotonic()
        cpu_before = os.times()
        prefix = data_dir / "locust"
        subprocess.run(
            [
                PY / "locust",
                "-f",
                ROOT / "bench" / "locustfile.py",
                "--headless",
                "--only-summary",
                # The figures are of the steady state: counted from when all users run.
                "--reset-stats",
                "-u",
                str(args.users),
                "-r",
                "10",
                "-t",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                prefix,
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            check=False,
        )
        wall = time.monotonic() - started
        cpu = os.times()
        sampler.stop.set()
        sampler.join()
        written = audit_entries(url) - before
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server_log.close()
    report(prefix, sampler, written, wall, cpu_before, cpu)


def report(prefix: Path, sampler: LockSampler, written: int, wall: float, cpu0, cpu1) -> None:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    print(
        f"\n{'request':48} {'count':>7} {'fail':>5} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for row in rows:
        print(
            f"{row['Name'][:48]:48} {row['Request Count']:>7} {row['Failure Count']:>5}"
            f" {float(row['Requests/s']):7.1f} {row['50%']:>6} {row['95%']:>6} {row['99%']:>6}"
        )
    samples = max(sampler.samples, 1)
    print(
        f"\naudit entries written: {written}; pg_stat_activity samples: {sampler.samples}"
        f"\nbusy backends per sample: {sampler.active / samples:.2f}; waiting on any lock:"
        f" {sampler.waiting / samples:.3f}; waiting on the audit lock:"
        f" {sampler.on_audit / samples:.3f}"
        f" ({100 * sampler.on_audit / max(sampler.active, 1):.1f} % of busy backend time)"
    )
    children = (cpu1.children_user + cpu1.children_system) - (
        cpu0.children_user + cpu0.children_system
    )
    print(
        f"wall {wall:.0f} s; locust CPU {children:.0f} s; load average now"
        f" {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
