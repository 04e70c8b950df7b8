"""Benchmark the sociale kaart search at national scale on SQLite.

    .venv/bin/python bench/run_search_bench.py --services 100000

Generates the synthetic directory of bench/synthetic.py (Dutch names and descriptions from word
lists, spread over 4000 four-digit postcode areas), builds the search index, and measures search
latency and SQL queries per search against a naive ``icontains`` baseline. Uses bench/output/
(gitignored).
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

from synthetic import directory_rows, postcode_areas

OUTPUT = Path(__file__).resolve().parent / "output"
QUERIES = """
koor|koren|zingen|zangkoor|koorr|wandelen|wandelgroep|vrijwilligerswerk|vrijwilliger|
schulden|schuldhulp|geld|maatje|buddy|inloop|ontmoeting|eten|maaltijd|samen koken|werk|
baan|computer|computerles|taal|nederlands leren|fietsen|zwemmen|yoga|tekenen|schilderen|
moestuin|tuinieren|klussen|repair cafe|koffie|kaarten|klaverjassen|theater|lotgenoten|
herstel|dagbesteding|sport|breien|telefooncirkel|eenzaam|wandelen in het park|
psychische klachten|vrijwilligers gezocht|kookclub samen eten|budgetcoach
""".replace("\n", "").split("|")


def setup_django(path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunsysteem.conf.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(n: int, seed: int) -> list[str]:
    """Create the synthetic directory of n services (bench/synthetic.py); returns the PC4 codes."""
    from django.db import transaction

    from steunsysteem.directory.hsds.tables import MODELS
    from steunsysteem.directory.models import PostcodeArea

    areas = postcode_areas(seed)
    pending: dict[str, list] = {name: [] for name in MODELS}

    def flush() -> None:
        for name, rows in pending.items():  # MODELS order: referred-to tables first
            MODELS[name].objects.bulk_create([MODELS[name](**row) for row in rows], batch_size=2000)
            rows.clear()

    with transaction.atomic():
        PostcodeArea.objects.bulk_create(
            [PostcodeArea(code=c, latitude=lat, longitude=lon) for c, (lat, lon) in areas.items()]
        )
        for count, (table, row) in enumerate(directory_rows(n, seed), start=1):
            pending[table].append(row)
            if count % 30_000 == 0:
                flush()
        flush()
    return list(areas)


def naive_search(params):
    """Baseline: what a first version would do — icontains on name and description."""
    from django.db.models import Q

    from steunsysteem.directory.models import Service

    query = Q()
    for word in params.text.split():
        query |= Q(name__icontains=word) | Q(description__icontains=word)
    return Service.objects.public().filter(query).order_by("name")


def measure(search, queries, codes, rng, with_postcode: bool):
    """Latencies (ms) of fetching the first page and the count; SQL queries of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from steunsysteem.directory.search import SearchParams

    timings, query_counts = [], []
    for text in queries:
        postcode = rng.choice(codes) if with_postcode else ""
        params = SearchParams(
            text=text, postcode=postcode, max_distance_km=25 if with_postcode else None
        )
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            services = search(params)
            list(services[:20])
            services.count()
            timings.append((time.perf_counter() - started) * 1000)
        query_counts.append(len(context.captured_queries))
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return statistics.median(timings), p95, max(query_counts)


def engine_search(params):
    from steunsysteem.directory.search import search_services

    return search_services(params).services


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1000, help="size of the query-count check")
    parser.add_argument("--seed", type=int, default=20250301)
    args = parser.parse_args()
    OUTPUT.mkdir(exist_ok=True)
    if args.small != args.services:
        # The query-count check at a small size runs in a child process with its own database.
        import subprocess

        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--services",
                str(args.small),
                "--small",
                str(args.small),
                "--seed",
                str(args.seed),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        small_queries = out.strip().splitlines()[-1]
    path = OUTPUT / f"bench-{args.services}.sqlite3"
    path.unlink(missing_ok=True)
    setup_django(path)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    codes = generate(args.services, args.seed)
    generated_s = time.perf_counter() - started

    from steunsysteem.directory.models import SearchEntry, SearchWord
    from steunsysteem.directory.search import rebuild_index

    rss_before = rss_mb()
    started = time.perf_counter()
    rebuild_index()
    index_s = time.perf_counter() - started
    rss_after = rss_mb()
    from steunsysteem.directory.search import SearchParams

    list(engine_search(SearchParams(text="koor"))[:1])  # load the process's vocabulary cache
    rows = [
        ("engine, text", *measure(engine_search, QUERIES, codes, rng, False)),
        ("engine, text + postcode ≤25 km", *measure(engine_search, QUERIES, codes, rng, True)),
        ("baseline icontains, text", *measure(naive_search, QUERIES, codes, rng, False)),
    ]
    if args.small == args.services:
        print(f"{rows[0][3]}/{rows[1][3]}")
        return
    print(f"services: {args.services:,}  (generated in {generated_s:.0f} s)")
    print(
        f"index: {SearchEntry.objects.count():,} entries, {SearchWord.objects.count():,} words, "
        f"built in {index_s:.1f} s, peak RSS {rss_before:.0f} → {rss_after:.0f} MB"
    )
    print(f"{'search':34} {'p50 ms':>8} {'p95 ms':>8} {'SQL/search':>11}")
    for name, p50, p95, queries in rows:
        print(f"{name:34} {p50:8.1f} {p95:8.1f} {queries:11}")
    print(
        f"SQL per search (text / text + postcode) at {args.small:,} services: {small_queries}; "
        f"at {args.services:,}: {rows[0][3]}/{rows[1][3]}"
    )


if __name__ == "__main__":
    main()
