"""Property-based fuzzing of /api/v1/ from its own OpenAPI document (docs/api/openapi-v1.yaml)
with schemathesis, over real HTTP, against the production-mode server (bin/serve) on
PostgreSQL with the Partistad demo. Prints what was sent and what came back: test cases per
operation, the server's answers by status (from gunicorn's access log, so nothing is missed),
server errors, and every check schemathesis ran with its failures.

    bash -c 'export PG_TEST_PORT=54351; source bin/postgres-test-server; \
        DATABASE_URL=$TEST_DATABASE_URL .venv/bin/python bench/run_fuzz_bench.py'

Options: --examples 300 (per operation and phase) --seed. The API's rate limit is raised for
the run (one client sends thousands of calls); everything else is production.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import time
from collections import Counter, defaultdict

from production import PY, ROOT, production_server

SCHEMA = ROOT / "docs" / "api" / "openapi-v1.yaml"
ACCESS_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<path>/api/v1/[^" ]*)" (?P<status>\d{3}) ')
# Checks that judge the answers; the authentication and resource checks need a stateful API.
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_headers_conformance,response_schema_conformance,negative_data_rejection,"
    "positive_data_acceptance,unsupported_method"
)


def operation(path: str) -> str:
    """/api/v1/services/0f3c…/ → /api/v1/services/{id}/"""
    path = re.sub(r"^/api/v1/(services|organizations)/[^/]+/?$", r"/api/v1/\1/{id}/", path)
    return re.sub(r"^/api/v1/districts/[^/]+/?$", "/api/v1/districts/{slug}/", path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261205)
    args = parser.parse_args()
    print(
        f"started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs,"
        f" load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    with production_server(2, RATE_LIMIT_API="1000000/m") as server:
        log = server.data_dir / "serve.log"
        log_start = log.stat().st_size
        events = server.data_dir / "schemathesis.ndjson"
        started = time.monotonic()
        run = subprocess.run(
            [
                PY / "schemathesis",
                "run",
                SCHEMA,
                "--url",
                f"http://127.0.0.1:{server.port}",
                "--header",
                "X-Forwarded-Proto: https",
                "--checks",
                CHECKS,
                "--max-examples",
                str(args.examples),
                "--seed",
                str(args.seed),
                "--workers",
                "2",
                "--continue-on-failure",
                "--generation-database",
                "none",
                "--report",
                "ndjson",
                "--report-ndjson-path",
                events,
                "--no-color",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.monotonic() - started
        with open(log) as handle:
            handle.seek(log_start)
            answers = [match.groupdict() for match in map(ACCESS_LINE.search, handle) if match]
        tracebacks = log.read_text()[log_start:].count("Traceback")
    report(run, answers, tracebacks, events, wall)


def report(run, answers, tracebacks: int, events, wall: float) -> None:
    by_operation: dict[str, Counter] = defaultdict(Counter)
    for answer in answers:
        key = f"{answer['method']} {operation(answer['path'].split('?')[0])}"
        by_operation[key][answer["status"]] += 1
    statuses = sorted({status for counter in by_operation.values() for status in counter})
    print(f"\nschemathesis: {len(answers)} requests in {wall:.0f} s (exit code {run.returncode})\n")
    print("| operation | requests | " + " | ".join(statuses) + " |")
    print("|---|---:|" + "---:|" * len(statuses))
    for key in sorted(by_operation):
        counter = by_operation[key]
        cells = " | ".join(str(counter.get(status, 0)) for status in statuses)
        print(f"| {key} | {sum(counter.values())} | {cells} |")
    server_errors = sum(1 for answer in answers if answer["status"].startswith("5"))
    print(f"\nserver errors (5xx) in the access log: {server_errors}; tracebacks: {tracebacks}")
    checks: dict[str, Counter] = defaultdict(Counter)
    for line in events.read_text().splitlines():
        for name, outcome in _check_results(json.loads(line)):
            checks[name][outcome] += 1
    if checks:
        print("\n| check | passed | failed |\n|---|---:|---:|")
        for name in sorted(checks):
            print(f"| {name} | {checks[name]['success']} | {checks[name]['failure']} |")
    summary = run.stdout.strip().splitlines()
    print("\nschemathesis's own summary:\n" + "\n".join(summary[-25:]))


def _check_results(event: dict):
    """(check name, success|failure) for every check result in one ndjson event."""
    stack = [event]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "name" in item and item.get("status") in {"success", "failure"}:
                yield item["name"], item["status"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


if __name__ == "__main__":
    main()
