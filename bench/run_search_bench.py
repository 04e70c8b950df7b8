"""Benchmark the sociale kaart search at national scale on SQLite.

    .venv/bin/python bench/run_search_bench.py --services 100000

Generates a synthetic directory (Dutch names and descriptions from word lists, spread over
~4000 four-digit postcode areas), builds the search index, and measures search latency and SQL
queries per search against a naive ``icontains`` baseline. Uses bench/output/ (gitignored).
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
import uuid
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "output"
ACTIVITIES = """
Zanggroep|Wandelgroep|Inloophuis|Kookclub|Taalcafé|Maatjesproject|Schuldhulp|Repair Café|
Herstelgroep|Buurtrestaurant|Fietsclub|Tekenatelier|Moestuin|Computerles|
Vrijwilligerscentrum|Klusdienst|Koor|Breiclub|Yogales|Wijkcentrum|Lotgenotengroep|
Budgetcoach|Sportinstuif|Theatergroep|Koffieochtend|Kaartclub|Telefooncirkel|Zwemgroep|
Werkplaats|Dagbesteding
""".replace("\n", "").split("|")
NAMES = """
De Lijsters|Het Anker|De Brug|Samen|De Ontmoeting|Het Baken|De Horizon|Zonnebloem|De Linde|
Op Koers|Thuis|De Schakel|Het Kompas|Lichtpunt
""".replace("\n", "").split("|")
SENTENCES = """
Elke week samen zingen in het koor.
Een rondje wandelen in het park met koffie na afloop.
Hulp bij geldzaken, schulden en post.
Samen koken en eten voor weinig geld.
Een maatje om mee op te trekken.
Iedereen is welkom, je hoeft je niet aan te melden.
Vrijwilligers helpen je op weg.
Leer werken met de computer en internet.
Praten met mensen die hetzelfde hebben meegemaakt.
Kom langs voor een kop koffie.
Werkervaring opdoen in een veilige omgeving.
Creatief bezig zijn met verf en klei.
Voor mensen met psychische klachten.
Samen sporten op je eigen niveau.
Wij zoeken vrijwilligers voor de bar en de tuin.
Oefenen met Nederlands praten.
""".strip().splitlines()
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


def generate(n: int, rng: random.Random) -> list[str]:
    """Create n services with a location each; returns the PC4 codes used."""
    from django.db import transaction

    from steunsysteem.directory import models as m
    from steunsysteem.directory.vocabularies import LIFE_DOMAINS

    areas = {}
    while len(areas) < 4000:
        code = str(rng.randint(1000, 9999))
        areas[code] = (rng.uniform(50.8, 53.4), rng.uniform(3.5, 7.1))
    domains = [LIFE_DOMAINS.term_id(code) for code in LIFE_DOMAINS.dutch_names]
    with transaction.atomic():
        m.PostcodeArea.objects.bulk_create(
            [m.PostcodeArea(code=c, latitude=lat, longitude=lon) for c, (lat, lon) in areas.items()]
        )
        orgs = [
            m.Organization(name=f"Stichting {rng.choice(NAMES)} {i}", description="")
            for i in range(max(1, n // 10))
        ]
        m.Organization.objects.bulk_create(orgs, batch_size=2000)
        codes = list(areas)
        for start in range(0, n, 5000):
            services, locations, links, attributes, schedules, costs = [], [], [], [], [], []
            for i in range(start, min(n, start + 5000)):
                org = orgs[i % len(orgs)]
                lat, lon = areas[rng.choice(codes)]
                service = m.Service(
                    id=uuid.uuid4(),
                    organization=org,
                    name=f"{rng.choice(ACTIVITIES)} {rng.choice(NAMES)}",
                    description=" ".join(rng.sample(SENTENCES, 3)),
                )
                location = m.Location(
                    id=uuid.uuid4(),
                    organization=org,
                    latitude=lat + rng.uniform(-0.01, 0.01),
                    longitude=lon + rng.uniform(-0.01, 0.01),
                )
                services.append(service)
                locations.append(location)
                links.append(m.ServiceAtLocation(service=service, location=location))
                attributes += [
                    m.Attribute(link_entity="service", link_id=service.id, taxonomy_term_id=term)
                    for term in rng.sample(domains, 2)
                ]
                schedules.append(
                    m.Schedule(
                        service=service,
                        freq="WEEKLY",
                        interval=1,
                        byday=rng.choice(["MO", "TU", "WE", "TH", "FR"]),
                    )
                )
                if rng.random() < 0.3:
                    costs.append(m.CostOption(service=service, amount=rng.choice([0, 2, 5])))
            for model, rows in (
                (m.Service, services),
                (m.Location, locations),
                (m.ServiceAtLocation, links),
                (m.Attribute, attributes),
                (m.Schedule, schedules),
                (m.CostOption, costs),
            ):
                model.objects.bulk_create(rows, batch_size=2000)
    return codes


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
    codes = generate(args.services, rng)
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
