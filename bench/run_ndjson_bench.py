"""Benchmark the HSDS API's bulk download, ``format=ndjson``, against the OFFSET paging it replaced.

    .venv/bin/python bench/run_ndjson_bench.py --organizations 100000
    .venv/bin/python bench/run_ndjson_bench.py --organizations 5000     # quick check

Fills a fresh SQLite database (bench/output/, gitignored) with N organisations and streams
``/api/hsds/organizations?format=ndjson`` through Django's test client, reading the response
line by line as a consumer would. The same is done for N/10 (the baseline in the same run) and
with the old way of producing the stream (a ``COUNT`` and then ``LIMIT 200 OFFSET k`` per chunk,
reproduced here) so the two can be compared on one machine. Printed per run: total time, time
to the first line, SQL queries, and for the stream the Python memory held at the peak
(``tracemalloc``, in a second, untimed read).
"""

from __future__ import annotations

import argparse
import os
import time
import tracemalloc
import uuid
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output"
NAMES = "De Lijsters|Het Anker|De Brug|Samen|De Ontmoeting|Het Baken|De Horizon".split("|")


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "steunsysteem.conf.settings.test"
    import django

    django.setup()


def fill(count: int) -> None:
    from django.core.management import call_command

    from steunsysteem.directory.models import Organization

    call_command("migrate", verbosity=0)
    Organization.objects.all().delete()
    batch = []
    for number in range(count):
        batch.append(
            Organization(
                id=uuid.uuid4(),
                name=f"Stichting {NAMES[number % len(NAMES)]} {number % 997}",
                description="Ontmoeting, dagbesteding en hulp bij geldzaken in de wijk.",
                email=f"info{number}@example.org",
            )
        )
        if len(batch) == 5000:
            Organization.objects.bulk_create(batch)
            batch = []
    Organization.objects.bulk_create(batch)


def offset_stream(rows, serialize, chunk: int = 200):
    """The stream as it was produced before: count, then one OFFSET query per chunk."""
    from steunsysteem.directory.api.hsds.renderers import ndjson_line

    total = rows.count()
    for start in range(0, total, chunk):
        for item in serialize(list(rows[start : start + chunk])):
            yield ndjson_line(item)


def measure(lines, *, memory: bool) -> dict:
    """Time (and query count) of one full read; with ``memory``, a second read under
    ``tracemalloc`` for the peak (not timed: tracing slows every allocation down)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    first = None
    count = 0
    with CaptureQueriesContext(connection) as context:
        for _line in lines():
            if first is None:
                first = time.perf_counter() - started
            count += 1
    result = {
        "lines": count,
        "seconds": time.perf_counter() - started,
        "first_line": first or 0.0,
        "queries": len(context.captured_queries),
        "peak_mb": None,
    }
    if memory:
        tracemalloc.start()
        for _line in lines():
            pass
        result["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return result


def streamed(client):
    def lines():
        response = client.get("/api/hsds/organizations", {"format": "ndjson"})
        for part in response.streaming_content:
            yield from part.splitlines()

    return lines


def with_offset():
    from steunsysteem.directory.api.hsds import filters, serializers

    def lines():
        rows = filters.organizations({})
        yield from offset_stream(
            rows, lambda chunk: [serializers.organization_brief(r) for r in chunk]
        )

    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--skip-offset", action="store_true", help="do not time the old way")
    args = parser.parse_args()
    OUTPUT.mkdir(exist_ok=True)
    database = OUTPUT / "ndjson.sqlite3"
    database.unlink(missing_ok=True)
    setup_django(database)
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    client = Client()
    client.get("/api/hsds/organizations", {"format": "ndjson"})  # imports and URL loading
    sizes = sorted({max(1, args.organizations // 10), args.organizations})
    print(f"{'organisations':>14} {'way':>10} {'lines':>9} {'total s':>8} {'first s':>8} "
          f"{'queries':>8} {'peak MB':>8}")  # fmt: skip
    results = {}
    for n in sizes:
        fill(n)
        connection.close()
        ways = {"streaming": streamed(client)}
        if not args.skip_offset:
            ways["OFFSET"] = with_offset()
        for way, lines in ways.items():
            result = measure(lines, memory=way == "streaming")
            results[(n, way)] = result
            print(
                f"{n:>14,} {way:>10} {result['lines']:>9,} {result['seconds']:8.1f} "
                f"{result['first_line']:8.2f} {result['queries']:>8,} "
                + (f"{result['peak_mb']:8.1f}" if result["peak_mb"] is not None else f"{'-':>8}"),
                flush=True,
            )
    small, large = sizes[0], sizes[-1]
    if small != large:
        for way in ("streaming", "OFFSET"):
            if (large, way) in results:
                ratio = results[(large, way)]["seconds"] / results[(small, way)]["seconds"]
                print(f"{way}: {large // small}× the organisations took {ratio:.1f}× the time")


if __name__ == "__main__":
    main()
