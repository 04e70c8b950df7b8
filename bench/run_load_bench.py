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
import subprocess
import threading
import time
from pathlib import Path

import psycopg
from production import PY, ROOT, database_url, production_server


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


def audit_entries(url: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM accounts_auditentry").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=5)
    args = parser.parse_args()
    url = database_url()
    with production_server(args.workers) as server:
        before = audit_entries(url)
        sampler = LockSampler(url)
        sampler.start()
        started = time.monotonic()
        cpu_before = os.times()
        prefix = server.data_dir / "locust"
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
                f"http://127.0.0.1:{server.port}",
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
