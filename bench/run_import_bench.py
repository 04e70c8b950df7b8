"""Benchmark the HSDS import and the SQL queries per public page at national scale (SQLite).

    .venv/bin/python bench/run_import_bench.py --services 100000
    .venv/bin/python bench/run_import_bench.py --services 2000      # quick check
    .venv/bin/python bench/run_import_bench.py --services 20000 --json  # JSON: memory per MB

Writes the synthetic directory (bench/synthetic.py) as an HSDS 3.0 tabular data package for N
services, for N/10 (the baseline: the same import at a tenth of the size, in the same run, so
the figures show how time and memory grow) and for 1,000 services, and imports each into a
fresh SQLite database, each in its own process so the peak RSS is that import's own. Then it
renders the search page and a service page with Django's test client against the databases of
1,000 and N services and counts the SQL queries. Everything goes to bench/output/ (gitignored).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from synthetic import postcode_areas, write_json, write_package

OUTPUT = Path(__file__).resolve().parent / "output"


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "steunsysteem.conf.settings.test"
    import django

    django.setup()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_package(package: Path, database: Path, seed: int) -> dict:
    """In a child process: migrate a fresh database, then time ``hsds_import`` of the package."""
    database.unlink(missing_ok=True)
    setup_django(database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from steunsysteem.directory.hsds import importer
    from steunsysteem.directory.hsds.reader import open_source
    from steunsysteem.directory.models import PostcodeArea

    # The import rebuilds the search index when it commits; time that part on its own.
    index_seconds = []
    rebuild = importer.rebuild_index

    def timed_rebuild(**kwargs):
        started = time.perf_counter()
        rebuild(**kwargs)
        index_seconds.append(time.perf_counter() - started)

    importer.rebuild_index = timed_rebuild
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    report = importer.hsds_import(source=open_source(package))
    seconds = time.perf_counter() - started
    rss_peak = peak_rss_mb()
    # Postcode centres are not HSDS; the page check needs them for "distance from my postcode".
    areas = postcode_areas(seed)
    PostcodeArea.objects.bulk_create(
        [PostcodeArea(code=c, latitude=lat, longitude=lon) for c, (lat, lon) in areas.items()]
    )
    return {
        "rows": sum(report.created.values()),
        "seconds": seconds,
        "index_seconds": sum(index_seconds),
        "rss_before": rss_before,
        "rss_peak": rss_peak,
    }


def count_page_queries(database: Path, seed: int) -> dict:
    """In a child process: SQL queries per page (second request; the first warms the caches)."""
    setup_django(database)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from steunsysteem.directory.models import Service

    setup_test_environment()
    client = Client()
    service = Service.objects.public().filter(cost_options__amount__gt=0).order_by("id").first()
    postcode = f"{next(iter(postcode_areas(seed)))} AB"
    search = reverse("directory:search")
    pages = {
        "search: text": (search, {"q": "koor zingen"}),
        "search: text + postcode ≤ 25 km": (
            search,
            {"q": "wandelen", "postcode": postcode, "distance": "25"},
        ),
        "search: filters (2 domains, free, 2 days)": (
            search,
            {"domain": ["meeting", "sport"], "free": "on", "day": ["MO", "WE"]},
        ),
        "search: text + filters, page 2": (
            search,
            {"q": "samen", "domain": "meeting", "free": "on", "page": "2"},
        ),
        "service page": (reverse("directory:service_detail", args=[service.id]), {}),
    }
    results = {}
    for name, (url, params) in pages.items():
        try:
            client.get(url, params)
            with CaptureQueriesContext(connection) as context:
                response = client.get(url, params)
        except Exception as error:  # a page that errors is reported, not hidden
            results[name] = {"error": f"{type(error).__name__}: {error}"[:200]}
            continue
        page = response.context and response.context.get("page")
        results[name] = {
            "status": response.status_code,
            "queries": len(context.captured_queries),
            "results": page.paginator.count if page else None,
        }
    return results


def child(function, *args) -> dict:
    command = [sys.executable, __file__, f"--{function}", *map(str, args)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def machine() -> str:
    import django

    return (
        f"{datetime.date.today()}, {os.cpu_count()} cores (shared), Python "
        f"{platform.python_version()}, Django {django.get_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {platform.system()} {platform.machine()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1000, help="size of the page-query check")
    parser.add_argument("--seed", type=int, default=20250301)
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="only count the page queries, on the databases a previous run imported",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="import the same directory as one HSDS JSON document instead (memory per MB)",
    )
    parser.add_argument("--write-json", nargs=3, metavar=("PATH", "SERVICES", "SEED"))
    parser.add_argument("--import-package", nargs=3, metavar=("PACKAGE", "DATABASE", "SEED"))
    parser.add_argument("--count-page-queries", nargs=2, metavar=("DATABASE", "SEED"))
    args = parser.parse_args()
    if args.write_json:
        path, n, seed = args.write_json
        print(json.dumps(write_json(Path(path), int(n), int(seed))))
        return
    if args.import_package:
        package, database, seed = args.import_package
        print(json.dumps(import_package(Path(package), Path(database), int(seed))))
        return
    if args.count_page_queries:
        database, seed = args.count_page_queries
        print(json.dumps(count_page_queries(Path(database), int(seed))))
        return

    print(machine())
    if args.json:
        run_json_imports(args)
        return
    if not args.pages_only:
        run_imports(args)
    sizes = [args.small, args.services]
    print_page_queries(
        {n: child("count-page-queries", OUTPUT / f"import-{n}.sqlite3", args.seed) for n in sizes}
    )


def run_imports(args: argparse.Namespace) -> None:
    sizes = sorted({args.small, max(1, args.services // 10), args.services})
    imports = {}
    for n in sizes:
        package = OUTPUT / f"hsds-{n}"
        started = time.perf_counter()
        counts = write_package(package, n, args.seed)
        written = time.perf_counter() - started
        megabytes = sum(f.stat().st_size for f in package.glob("*.csv")) / 1e6
        print(
            f"{n:,} services: wrote {sum(counts.values()):,} rows ({megabytes:.0f} MB CSV) "
            f"in {written:.1f} s; importing…",
            flush=True,
        )
        imports[n] = child("import-package", package, OUTPUT / f"import-{n}.sqlite3", args.seed)

    print_imports(imports, baseline=max(1, args.services // 10), full=args.services)


def run_json_imports(args: argparse.Namespace) -> None:
    """The JSON import holds the document in memory: its peak per MB of JSON is the figure."""
    sizes = sorted({max(1, args.services // 10), args.services})
    print(f"{'JSON import':26} {'MB':>6} {'rows':>9} {'total s':>8} {'peak RSS MB':>12} "
          f"{'at start':>9} {'MB per MB':>10}")  # fmt: skip
    for n in sizes:
        document = OUTPUT / f"hsds-{n}.json"
        # In a child too: a parent that held the document would pass its peak RSS on to the
        # import's process (Linux keeps ru_maxrss across fork and exec).
        counts = child("write-json", document, n, args.seed)
        megabytes = document.stat().st_size / 1e6
        result = child("import-package", document, OUTPUT / f"import-json-{n}.sqlite3", args.seed)
        grown = result["rss_peak"] - result["rss_before"]
        print(
            f"{f'{n:,} services':26} {megabytes:6.0f} {sum(counts.values()):>9,} "
            f"{result['seconds']:8.1f} {result['rss_peak']:12.0f} {result['rss_before']:9.0f} "
            f"{grown / megabytes:10.1f}",
            flush=True,
        )


def print_imports(imports: dict[int, dict], *, baseline: int, full: int) -> None:
    print(
        f"\n{'import':26} {'rows':>9} {'total s':>8} {'load s':>7} {'index s':>8} "
        f"{'rows/s':>7} {'peak RSS MB':>12} {'at start':>9}"
    )
    for n, result in imports.items():
        label = f"{n:,} services" + (" (baseline)" if n == baseline and n != full else "")
        print(
            f"{label:26} {result['rows']:>9,} {result['seconds']:8.1f} "
            f"{result['seconds'] - result['index_seconds']:7.1f} {result['index_seconds']:8.1f} "
            f"{result['rows'] / result['seconds']:7,.0f} {result['rss_peak']:12.0f} "
            f"{result['rss_before']:9.0f}"
        )
    small, large = imports[baseline], imports[full]
    if small is not large:
        print(
            f"{full / baseline:.0f}× the services took {large['seconds'] / small['seconds']:.1f}× "
            f"the time; the import's own memory (peak minus start) was "
            f"{large['rss_peak'] - large['rss_before']:.0f} MB vs "
            f"{small['rss_peak'] - small['rss_before']:.0f} MB"
        )


def print_page_queries(counts: dict[int, dict]) -> None:
    sizes = list(counts)
    print(f"\n{'SQL queries per page (results found)':42}", end="")
    print("".join(f"{f'{n:,} services':>18}" for n in sizes))
    failed, differs = [], []
    for name in counts[sizes[0]]:
        pages = [counts[n][name] for n in sizes]
        cells = []
        for n, page in zip(sizes, pages, strict=True):
            if "error" in page or page["status"] != 200:
                failed.append(f"{name} at {n:,}: {page.get('error') or page['status']}")
                cells.append("failed")
            else:
                found = "" if page["results"] is None else f" ({page['results']:,})"
                cells.append(f"{page['queries']}{found}")
        if "failed" not in cells and len({page["queries"] for page in pages}) > 1:
            differs.append(name)
        print(f"{name:42}" + "".join(f"{cell:>18}" for cell in cells))
    print("query counts equal at every size:", "NO: " + ", ".join(differs) if differs else "yes")
    for failure in failed:
        print("not measured:", failure)


if __name__ == "__main__":
    main()
