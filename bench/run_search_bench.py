"""Benchmark the sociale kaart search at national scale, on SQLite and PostgreSQL.

    .venv/bin/python bench/run_search_bench.py --services 100000
    .venv/bin/python bench/run_search_bench.py --services 100000 --databases sqlite,postgresql

Per database, in one run: generates the synthetic directory of bench/synthetic.py (Dutch names
and descriptions from word lists, spread over 4000 four-digit postcode areas), builds the search
index, and measures search latency (p50/p95/p99 of the first page of 20 plus the count) and SQL
queries per search of our engine against a naive ``icontains`` baseline. On PostgreSQL it also
builds PostgreSQL's own full-text search on the same data (a weighted ``tsvector`` per service in
a ``dutch`` + ``unaccent`` configuration, a GIN index, ``ts_rank_cd``, and ``pg_trgm`` to correct a
word the kaart does not know) and measures it on the same queries.

Quality: the Partistad demo sociale kaart is loaded into a database of its own and the
participant questions of bench/match_eval/questions.toml are typed into both searches (recall@5
and nDCG@10, the metrics of bench/run_match_bench.py), with the typo cases shown.

PostgreSQL: a throwaway server from bin/postgres-test-server on ``--pg-port``, or the server of
``--database-url`` (its user needs CREATEDB; the bench creates and drops databases
``steunsysteem_bench_*``). Each database and each part runs in a child process with its own
Django set-up. Uses bench/output/ (gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from synthetic import directory_rows, postcode_areas

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUTPUT = HERE / "output"
QUERIES = """
koor|koren|zingen|zangkoor|koorr|wandelen|wandelgroep|vrijwilligerswerk|vrijwilliger|
schulden|schuldhulp|geld|maatje|buddy|inloop|ontmoeting|eten|maaltijd|samen koken|werk|
baan|computer|computerles|taal|nederlands leren|fietsen|zwemmen|yoga|tekenen|schilderen|
moestuin|tuinieren|klussen|repair cafe|koffie|kaarten|klaverjassen|theater|lotgenoten|
herstel|dagbesteding|sport|breien|telefooncirkel|eenzaam|wandelen in het park|
psychische klachten|vrijwilligers gezocht|kookclub samen eten|budgetcoach
""".replace("\n", "").split("|")
TYPO_CASES = ["koorr", "zangkoor", "beginers", "koren", "buddy", "wandelen"]
PAGE = 20
MAX_RESULTS = 500  # as the engine: a text search keeps the 500 best
DATABASE_PREFIX = "steunsysteem_bench_"


# ---------------------------------------------------------------------------------------------
# Set-up


def setup_django(database: str, name: str) -> None:
    """Django on a fresh database: SQLite file bench/output/<name>.sqlite3, or a PostgreSQL
    database steunsysteem_bench_<name> on the server of $BENCH_PG_URL."""
    if database == "sqlite":
        path = OUTPUT / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        server = os.environ["BENCH_PG_URL"]
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_PREFIX}{name}")
            connection.execute(f"CREATE DATABASE {DATABASE_PREFIX}{name}")
        os.environ["DATABASE_URL"] = server.rsplit("/", 1)[0] + f"/{DATABASE_PREFIX}{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunsysteem.conf.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # The matcher embeds every service the search index reindexes: keep that out of here.
    from steunsysteem.matching import embedder

    embedder.set_embedder(None)


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


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def table_mb(*tables: str) -> float:
    """On-disk size of tables with their indexes (PostgreSQL; SQLite when dbstat is there)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT sum(pg_total_relation_size(c)) FROM unnest(%s::regclass[]) AS c",
                [list(tables)],
            )
            return float(cursor.fetchone()[0]) / 1e6
        placeholders = ",".join(["%s"] * len(tables))
        try:
            cursor.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name IN "
                f"(SELECT name FROM sqlite_master WHERE tbl_name IN ({placeholders}))",
                list(tables),
            )
        except Exception:  # noqa: BLE001 - SQLite built without dbstat
            return float("nan")
        return (cursor.fetchone()[0] or 0) / 1e6


# ---------------------------------------------------------------------------------------------
# PostgreSQL full-text search, built beside the engine's index on the same data

FTS_CONFIG = "steunsysteem_dutch"
FTS_SETUP = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DROP TABLE IF EXISTS bench_fts_document, bench_fts_word, bench_fts_lexeme;
DROP TEXT SEARCH CONFIGURATION IF EXISTS {FTS_CONFIG};
CREATE TEXT SEARCH CONFIGURATION {FTS_CONFIG} (COPY = dutch);
ALTER TEXT SEARCH CONFIGURATION {FTS_CONFIG}
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
CREATE TABLE bench_fts_document (service_id uuid PRIMARY KEY, document tsvector NOT NULL);
CREATE TABLE bench_fts_word (word text PRIMARY KEY);
CREATE TABLE bench_fts_lexeme (lexeme text PRIMARY KEY);
"""


def fts_models():
    """Unmanaged models over the two bench tables, so Django's search classes can query them."""
    from django.apps import apps
    from django.contrib.postgres.search import SearchVectorField
    from django.db import models

    try:
        return apps.get_model("directory", "BenchFtsDocument"), apps.get_model(
            "directory", "BenchFtsWord"
        )
    except LookupError:
        pass

    class BenchFtsDocument(models.Model):
        service = models.OneToOneField(
            "directory.Service",
            primary_key=True,
            on_delete=models.DO_NOTHING,
            db_constraint=False,
            related_name="+",
        )
        document = SearchVectorField()

        class Meta:
            app_label = "directory"
            managed = False
            db_table = "bench_fts_document"

        def __str__(self) -> str:
            return str(self.service_id)

    class BenchFtsWord(models.Model):
        word = models.TextField(primary_key=True)

        class Meta:
            app_label = "directory"
            managed = False
            db_table = "bench_fts_word"

        def __str__(self) -> str:
            return self.word

    return BenchFtsDocument, BenchFtsWord


def build_fts() -> float:
    """Create the tsvector table, its GIN index and the trigram word table; returns seconds."""
    from django.contrib.postgres.search import SearchVector
    from django.db import connection

    from steunsysteem.directory.models import Service

    started = time.perf_counter()
    document = (
        SearchVector("name", weight="A", config=FTS_CONFIG)
        + SearchVector("alternate_name", "organization__name", weight="B", config=FTS_CONFIG)
        + SearchVector("description", weight="C", config=FTS_CONFIG)
    )
    select, params = (
        Service.objects.annotate(document=document).values("id", "document").query.sql_with_params()
    )
    service, organization = "directory_service", "directory_organization"
    with connection.cursor() as cursor:
        cursor.execute(FTS_SETUP)
        cursor.execute(f"INSERT INTO bench_fts_document (service_id, document) {select}", params)
        cursor.execute(
            "CREATE INDEX bench_fts_document_gin ON bench_fts_document USING gin (document)"
        )
        # Every word of the kaart as written (accents folded), for the typo correction.
        cursor.execute(
            f"""INSERT INTO bench_fts_word (word) SELECT word FROM ts_stat($$
                SELECT to_tsvector('simple', unaccent(concat_ws(' ', s.name, s.alternate_name,
                    o.name, s.description)))
                FROM {service} s LEFT JOIN {organization} o ON o.id = s.organization_id
            $$) WHERE length(word) > 1"""
        )
        cursor.execute(
            "CREATE INDEX bench_fts_word_trgm ON bench_fts_word USING gin (word gin_trgm_ops)"
        )
        # Every stemmed lexeme of the documents: a typed word whose lexeme is here finds something.
        cursor.execute(
            "INSERT INTO bench_fts_lexeme (lexeme) "
            "SELECT word FROM ts_stat('SELECT document FROM bench_fts_document')"
        )
        cursor.execute("ANALYZE bench_fts_document, bench_fts_word, bench_fts_lexeme")
    return time.perf_counter() - started


def fts_corrections(typed: list[str]) -> dict[str, str]:
    """Typed word → the kaart's most similar word (pg_trgm), for the words that find nothing.

    One query for all words: a word of four letters or more that is no stop word and whose
    stemmed lexeme is in no document is replaced by the most similar word of the kaart
    (similarity ≥ 0.3, pg_trgm's default threshold).
    """
    from django.db import connection

    if not typed:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT q.w, (SELECT word FROM bench_fts_word WHERE word %% q.w
                             ORDER BY similarity(word, q.w) DESC, word LIMIT 1)
                FROM unnest(%s::text[]) AS q(w)
                WHERE length(q.w) >= 4
                  AND numnode(plainto_tsquery('{FTS_CONFIG}', q.w)) > 0
                  AND NOT EXISTS (SELECT 1 FROM bench_fts_lexeme WHERE lexeme = ANY(
                      tsvector_to_array(to_tsvector('{FTS_CONFIG}', q.w))))""",
            [typed],
        )
        return {word: correction for word, correction in cursor.fetchall() if correction}


def fts_search(params):
    """The public search as PostgreSQL full-text search would do it: same filters, distance
    limit, 500-result cap and order (relevance, distance, name) as ``search_services``."""
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import Case, Exists, F, FloatField, OuterRef, Value, When

    from steunsysteem.directory.distance import find_postcode_area, with_distance
    from steunsysteem.directory.models import Service
    from steunsysteem.directory.search.filters import apply_filters
    from steunsysteem.directory.search.text import normalise

    document_model, _ = fts_models()
    base = Service.objects.all()
    services = apply_filters(base.public(), params)
    area = find_postcode_area(params.postcode) if params.postcode.strip() else None
    if area is not None:
        services = with_distance(services, area, params.max_distance_km)
    ordering = []
    typed = normalise(params.text)
    if typed:
        corrections = fts_corrections(typed)
        typed = [corrections.get(word, word) for word in typed]

        def top(query):
            return list(
                document_model.objects.filter(document=query)
                .filter(Exists(services.filter(pk=OuterRef("service_id"))))
                .annotate(rank=SearchRank(F("document"), query, cover_density=True))
                .order_by("-rank", "service_id")
                .values_list("service_id", "rank")[:MAX_RESULTS]
            )

        # Every word (AND, as websearch_to_tsquery does); when that finds nothing, any word.
        ranked = top(SearchQuery(" ".join(typed), config=FTS_CONFIG, search_type="websearch"))
        if not ranked and len(typed) > 1:
            any_word = SearchQuery(typed[0], config=FTS_CONFIG)
            for word in typed[1:]:
                any_word |= SearchQuery(word, config=FTS_CONFIG)
            ranked = top(any_word)
        if not ranked:
            return services.none()
        by_rank: dict[float, list] = {}
        for service_id, rank in ranked:
            by_rank.setdefault(round(rank, 6), []).append(service_id)
        relevance = Case(
            *[When(id__in=ids, then=Value(rank)) for rank, ids in by_rank.items()],
            default=Value(0.0),
            output_field=FloatField(),
        )
        services = base.filter(id__in=[service_id for service_id, _ in ranked])
        services = services.annotate(relevance=relevance)
        if area is not None:
            services = with_distance(services, area)
        ordering.append(F("relevance").desc())
    if area is not None:
        ordering.append(F("distance_km").asc(nulls_last=True))
    return services.order_by(*ordering, "name", "id")


def engine_search(params):
    from steunsysteem.directory.search import search_services

    return search_services(params).services


def naive_search(params):
    """Baseline: what a first version would do — icontains on name and description."""
    from django.db.models import Q

    from steunsysteem.directory.models import Service

    query = Q()
    for word in params.text.split():
        query |= Q(name__icontains=word) | Q(description__icontains=word)
    return Service.objects.public().filter(query).order_by("name")


# ---------------------------------------------------------------------------------------------
# Latency on the synthetic directory


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share + 0.999999) - 1)]


def measure(search, queries, codes, rng, with_postcode: bool) -> dict:
    """Latencies (ms) of fetching the first page and the count; SQL queries per search."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from steunsysteem.directory.search import SearchParams

    timings, query_counts = [], []
    load_before = os.getloadavg()[0]
    cpu_before = time.process_time()
    for text in queries:
        postcode = rng.choice(codes) if with_postcode else ""
        params = SearchParams(
            text=text, postcode=postcode, max_distance_km=25 if with_postcode else None
        )
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            services = search(params)
            list(services[:PAGE])
            services.count()
            timings.append((time.perf_counter() - started) * 1000)
        query_counts.append(len(context.captured_queries))
    return {
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "p99": percentile(timings, 0.99),
        "max": max(timings),
        "client_cpu_ms": (time.process_time() - cpu_before) * 1000 / len(queries),
        "sql": f"{min(query_counts)}–{max(query_counts)}"
        if min(query_counts) != max(query_counts)
        else str(max(query_counts)),
        "load": f"{load_before:.2f}→{os.getloadavg()[0]:.2f}",
    }


def server_cpu_s() -> float | None:
    """CPU seconds the PostgreSQL server processes have used so far (None off PostgreSQL)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    ticks = os.sysconf("SC_CLK_TCK")
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime of our backend


def latency(database: str, services: int, seed: int) -> dict:
    setup_django(database, f"search_{services}")
    from steunsysteem.directory.models import SearchEntry, SearchWord
    from steunsysteem.directory.search import SearchParams, rebuild_index

    rng = random.Random(seed)
    started = time.perf_counter()
    codes = generate(services, seed)
    analyze()
    report: dict = {"generated_s": time.perf_counter() - started}
    started = time.perf_counter()
    rebuild_index()
    analyze()
    report["index"] = {
        "seconds": time.perf_counter() - started,
        "entries": SearchEntry.objects.count(),
        "words": SearchWord.objects.count(),
        "mb": table_mb("directory_searchentry", "directory_searchword"),
        "load": f"{os.getloadavg()[0]:.2f}",
    }
    systems = {"engine": engine_search}
    if database == "postgresql":
        seconds = build_fts()
        report["fts_index"] = {
            "seconds": seconds,
            "mb": table_mb("bench_fts_document", "bench_fts_word", "bench_fts_lexeme"),
            "words": fts_models()[1].objects.count(),
            "load": f"{os.getloadavg()[0]:.2f}",
        }
        systems["PostgreSQL FTS"] = fts_search
    systems["baseline icontains"] = naive_search
    rows = []
    for name, search in systems.items():
        list(search(SearchParams(text="koor"))[:1])  # warm up: vocabulary cache, plans
        for with_postcode in (False, True):
            if with_postcode and name == "baseline icontains":
                continue
            backend_before = server_cpu_s()
            row = measure(search, QUERIES, codes, rng, with_postcode)
            if backend_before is not None:
                row["server_cpu_ms"] = (server_cpu_s() - backend_before) * 1000 / len(QUERIES)
            row["name"] = f"{name}, text" + (" + postcode ≤ 25 km" if with_postcode else "")
            rows.append(row)
    report["rows"] = rows
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


# ---------------------------------------------------------------------------------------------
# Quality on the Partistad demo kaart


def quality(database: str) -> dict:
    setup_django(database, "quality")
    from run_match_bench import load_questions, ndcg_at, recall_at, service_id

    from steunsysteem.directory import demo
    from steunsysteem.directory.search import SearchParams, search_services

    demo.load()
    analyze()
    keys = {
        spec["slug"]
        for path in sorted((demo.DATA_DIR / "organizations").glob("*.json"))
        for organization in json.loads(path.read_text("utf-8"))
        for spec in organization["services"]
    }
    keys_by_id = {service_id(key): key for key in keys}
    systems = {"engine": engine_search}
    if database == "postgresql":
        build_fts()
        systems["PostgreSQL FTS"] = fts_search
    questions = [q for q in load_questions() if q["by"] == "participant"]
    report: dict = {"questions": len(questions), "systems": {}, "typos": {}}
    for name, search in systems.items():
        rows = []
        for question in questions:
            found = search(SearchParams(text=question["text"])).values_list("id", flat=True)
            ranked = [keys_by_id.get(found_id, str(found_id)) for found_id in found[:10]]
            rows.append(
                {
                    "id": question["id"],
                    "ndcg@10": ndcg_at(ranked, question["relevant"]),
                    "recall@5": recall_at(ranked, question["relevant"]),
                    "nothing": not ranked,
                }
            )
        report["systems"][name] = {
            "ndcg@10": statistics.mean(row["ndcg@10"] for row in rows),
            "recall@5": statistics.mean(row["recall@5"] for row in rows),
            "found nothing": sum(row["nothing"] for row in rows),
            "rows": rows,
        }
        for text in TYPO_CASES:
            services = search(SearchParams(text=text))
            correction = ""
            if name == "engine":
                correction = search_services(SearchParams(text=text)).corrected_terms
            elif name == "PostgreSQL FTS":
                correction = fts_corrections([text])
            report["typos"].setdefault(text, {})[name] = {
                "count": services.count(),
                "first": list(services.values_list("name", flat=True)[:3]),
                "corrected": correction,
            }
    return report


# ---------------------------------------------------------------------------------------------
# The parent: one child process per database and part


def small_counts(database: str, services: int, seed: int) -> dict:
    """SQL per search at a small size (the count must not grow with the data)."""
    report = latency(database, services, seed)
    return {row["name"]: row["sql"] for row in report["rows"]}


PARTS = {"latency": latency, "small": small_counts}


def run_child(part: str, database: str, args, env: dict) -> dict:
    command = [sys.executable, __file__, "--child", part, "--databases", database]
    command += ["--services", str(args.small if part == "small" else args.services)]
    command += ["--seed", str(args.seed)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{database} {part} failed:\n{done.stderr[-4000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall_s"] = time.perf_counter() - started
    print(f"  [{database} {part}: {report['wall_s']:.0f} s]", file=sys.stderr)
    return report


class PostgresServer:
    """bin/postgres-test-server in a bash that waits on our stdin: closing it stops the server."""

    def __init__(self, port: int):
        script = (
            f"export PG_TEST_PORT={port}; source bin/postgres-test-server; "
            'echo "$TEST_DATABASE_URL"; read -r _'
        )
        self.process = subprocess.Popen(
            ["bash", "-c", script],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = self.process.stdout.readline().strip()
        if not self.url:
            raise SystemExit("bin/postgres-test-server did not start")

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def print_report(database: str, report: dict) -> None:
    small, large, good = report["small"], report["latency"], report.get("quality")
    print(f"\n## {database}\n")
    print(f"services: {report['services']:,} (generated in {large['generated_s']:.0f} s)")
    index = large["index"]
    print(
        f"engine index: {index['entries']:,} entries, {index['words']:,} words, "
        f"built in {index['seconds']:.1f} s (load {index['load']}), {index['mb']:.0f} MB"
    )
    if "fts_index" in large:
        fts = large["fts_index"]
        print(
            f"FTS index: tsvector + GIN + {fts['words']:,} trigram words, built in "
            f"{fts['seconds']:.1f} s (load {fts['load']}), {fts['mb']:.0f} MB"
        )
    print(
        f"\n| search (first page of {PAGE} + count) | p50 ms | p95 ms | p99 ms | client CPU ms "
        "| server CPU ms | SQL per search (small / large) | load 1 min |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in large["rows"]:
        server = f"{row['server_cpu_ms']:.0f}" if "server_cpu_ms" in row else "–"
        print(
            f"| {row['name']} | {row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} "
            f"| {row['client_cpu_ms']:.0f} | {server} | {small.get(row['name'], '?')} / "
            f"{row['sql']} | {row['load']} |"
        )
    if good:
        print(f"\nquality: {good['questions']} participant questions on the demo kaart")
        print("\n| system | nDCG@10 | recall@5 | found nothing |")
        print("|---|---:|---:|---:|")
        for name, result in good["systems"].items():
            print(
                f"| {name} | {result['ndcg@10']:.3f} | {result['recall@5']:.3f} "
                f"| {result['found nothing']} |"
            )
        print("\ntypo cases (count, first three, correction):")
        for text, by_system in good["typos"].items():
            for name, found in by_system.items():
                print(
                    f"  {text!r:12} {name:15} {found['count']:3}  {found['first']}  "
                    f"{found['corrected']}"
                )
        names = list(good["systems"])
        if len(names) > 1:
            first, second = (good["systems"][n]["rows"] for n in names[:2])
            diffs = [
                (a["id"], a["ndcg@10"], b["ndcg@10"])
                for a, b in zip(first, second, strict=True)
                if abs(a["ndcg@10"] - b["ndcg@10"]) > 0.2
            ]
            print(f"\nquestions where nDCG@10 differs by > 0.2 ({names[0]} / {names[1]}):")
            for question, a, b in diffs:
                print(f"  {question:32} {a:.2f} / {b:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1000, help="size of the query-count check")
    parser.add_argument("--seed", type=int, default=20250301)
    parser.add_argument("--databases", default="sqlite", help="sqlite,postgresql")
    parser.add_argument("--pg-port", type=int, default=54362, help="throwaway server's port")
    parser.add_argument("--database-url", help="a PostgreSQL server to use instead")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--child", choices=[*PARTS, "quality"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUTPUT.mkdir(exist_ok=True)
    if args.child:
        if args.child == "quality":
            result = quality(args.databases)
        else:
            result = PARTS[args.child](args.databases, args.services, args.seed)
        print(json.dumps(result, default=str))
        return
    print(
        f"started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    for database in args.databases.split(","):
        env = dict(os.environ)
        server = None
        if database == "postgresql":
            if args.database_url:
                env["BENCH_PG_URL"] = args.database_url
            else:
                server = PostgresServer(args.pg_port)
                env["BENCH_PG_URL"] = server.url
        elif database != "sqlite":
            raise SystemExit(f"unknown database {database!r}")
        try:
            report = {"services": args.services}
            report["small"] = run_child("small", database, args, env)
            report["latency"] = run_child("latency", database, args, env)
            if not args.no_quality:
                report["quality"] = run_child("quality", database, args, env)
        finally:
            if server is not None:
                server.stop()
        print_report(database, report)
        (OUTPUT / f"search-{database}-{args.services}.json").write_text(json.dumps(report))
    print(f"\nfinished, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
