"""Benchmark the matcher: quality on Dutch questions against BM25, and latency at scale.

    .venv/bin/pip install -r bench/requirements.txt     # once: rank-bm25 (and numpy)
    .venv/bin/python bench/run_match_bench.py           # everything, ~N min (see README)
    .venv/bin/python bench/run_match_bench.py --sizes 1000   # quality + a quick latency check

Quality: the Partistad demo sociale kaart is loaded into a throwaway SQLite database and the
questions of bench/match_eval/questions.toml (the set the matcher was tuned on) and of
bench/match_eval/held_out.toml (graded before any system saw them) are put to (a) BM25
(rank-bm25's Okapi BM25 over name, organisation and description, Dutch Snowball stemmer and
stop words, accents folded),
(b) today's keyword search as the meeting screen uses it (``search_services`` with the
question's words within its life domains) and (c) the matcher (``match_services``). It prints
recall@5 and nDCG@10 per system, the ratio to BM25, and every violation: an inactive or
temporarily closed service suggested, or one the question names as not for this person.

Latency: the synthetic directory of bench/synthetic.py at each size (1,000 and 100,000
services by default), each in a child process with its own database; the lexical index and
the matcher's embedding index are built (both timed), then every question is matched once
(p50/p95 over the questions, after one warm-up). Uses bench/output/ (gitignored).
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import math
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import tomllib
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "output"
QUESTIONS = HERE / "match_eval" / "questions.toml"
HELD_OUT = HERE / "match_eval" / "held_out.toml"
# The sets measured side by side: the 76 questions the matcher was tuned on, and the held-out
# questions written and graded before any system saw them (never tuned on).
QUESTION_SETS = {"tuned": QUESTIONS, "held-out": HELD_OUT}
CUTOFF_RECALL, CUTOFF_NDCG = 5, 10
ENGLISH = re.compile(r"\b(i|the|my|like|any|lessons|looking|speak)\b", re.IGNORECASE)
# Snowball's Dutch stop word list (snowballstem.org/algorithms/dutch/stop.txt).
STOP_WORDS = set(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere
    """.split()
)


# ---------------------------------------------------------------------------------------------
# The evaluation set


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return tomllib.loads(path.read_text("utf-8"))["question"]


def service_id(key: str):
    """The HSDS id of a demo service: a UUID 5 of its slug, the same on every reload."""
    from steunsysteem.core.demo import demo_id

    return demo_id("service", key)


# ---------------------------------------------------------------------------------------------
# Metrics


def recall_at(ranked: list[str], relevant: dict[str, int], k: int = CUTOFF_RECALL) -> float:
    """Share of the relevant services (grade 1 or 2) in the first k, out of at most k: a
    question with eight relevant services scores 1.0 when the first five are all relevant."""
    if not relevant:
        return 0.0
    found = sum(1 for key in ranked[:k] if relevant.get(key, 0) > 0)
    return found / min(k, len(relevant))


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = CUTOFF_NDCG) -> float:
    """nDCG with gain 2^grade - 1 (3 for 'just right', 1 for 'could fit')."""

    def dcg(grades: list[int]) -> float:
        return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))

    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(key, 0) for key in ranked[:k]]) / ideal if ideal else 0.0


# ---------------------------------------------------------------------------------------------
# The three systems; each returns service keys, best first


def fold(text: str) -> str:
    return "".join(
        char
        for char in unicodedata.normalize("NFKD", text.lower())
        if not unicodedata.combining(char)
    )


class BM25Baseline:
    """Okapi BM25 (rank-bm25, k1=1.5, b=0.75) with the Dutch Snowball stemmer."""

    def __init__(self, documents: dict[str, str]):
        import snowballstemmer
        from rank_bm25 import BM25Okapi

        self._stemmer = snowballstemmer.stemmer("dutch")
        self.keys = list(documents)
        self._bm25 = BM25Okapi([self.tokens(documents[key]) for key in self.keys])

    def tokens(self, text: str) -> list[str]:
        found = [word for word in re.findall(r"\w+", fold(text)) if word not in STOP_WORDS]
        return self._stemmer.stemWords(found)

    def rank(self, question: dict, limit: int = CUTOFF_NDCG) -> list[str]:
        scores = self._bm25.get_scores(self.tokens(question["text"]))
        order = sorted(range(len(self.keys)), key=lambda i: -scores[i])
        return [self.keys[i] for i in order[:limit] if scores[i] > 0]


def keyword_search(question: dict, keys_by_id: dict, limit: int = CUTOFF_NDCG) -> list[str]:
    """Today's "Uit de sociale kaart" on the meeting screen (worktables.selectors.services_for):
    the sociale kaart's search with the question's words within its life domains, falling back
    to the life domains alone when the words find nothing."""
    from steunsysteem.directory.search import SearchParams, search_services

    domains = tuple(question.get("life_domains", ()))
    found = list(
        search_services(
            SearchParams(text=question["text"], life_domains=domains)
        ).services.values_list("id", flat=True)[:limit]
    )
    if not found and domains:
        found = list(
            search_services(SearchParams(life_domains=domains)).services.values_list(
                "id", flat=True
            )[:limit]
        )
    return [keys_by_id.get(found_id, str(found_id)) for found_id in found]


def find_matcher():
    """The matcher's ``match_services``, or None when it is not on the path."""
    for module in ("steunsysteem.matching.services", "steunsysteem.matching.selectors"):
        try:
            imported = __import__(module, fromlist=["match_services"])
        except ImportError:
            continue
        if hasattr(imported, "match_services"):
            return imported.match_services
    return None


def matcher_arguments(match_services, question: dict, limit: int = CUTOFF_NDCG) -> dict:
    """The question's fields that the matcher accepts (postcode as PC4, as people give it)."""
    accepted = inspect.signature(match_services).parameters
    arguments = {"text": question["text"], "limit": limit}
    optional = {
        "life_domains": tuple(question.get("life_domains", ())),
        "postcode": question.get("postcode"),
        "wishes_and_limits": question.get("wishes_and_limits", ""),
        "readiness": question.get("readiness"),
        "language": question.get("language"),
    }
    for name, value in optional.items():
        if name in accepted and value not in (None, "", ()):
            arguments[name] = value
    return arguments


def model_alone(keys_by_id: dict, not_active: set[str]):
    """A diagnostic: active services by the cosine of the matcher's own vectors alone (no
    words, domains or fit), to tell the model's part from the combination's."""
    from steunsysteem.matching import embedder, index

    def rank(question: dict, limit: int = CUTOFF_NDCG) -> list[str]:
        matrix = index.current_matrix()
        scores = matrix.scores(embedder.get_embedder().embed_queries([question["text"]])[0])
        order = sorted(range(len(matrix.ids)), key=lambda i: -scores[i])
        keys = (keys_by_id.get(matrix.ids[i], str(matrix.ids[i])) for i in order)
        return [key for key in keys if key not in not_active][:limit]

    return rank


def build_matcher_index() -> tuple[float, str]:
    """Build the matcher's embedding index the way an operator would; returns (seconds, how)."""
    from django.core.management import call_command, get_commands

    from steunsysteem.matching.models import ServiceEmbedding

    ServiceEmbedding.objects.all().delete()  # a build from nothing, as after a new install
    started = time.perf_counter()
    for function in (
        "steunsysteem.matching.index:refresh_all",
        "steunsysteem.matching.index:rebuild_embeddings",
        "steunsysteem.matching.index:rebuild_index",
        "steunsysteem.matching.services:rebuild_embeddings",
        "steunsysteem.matching.embeddings:rebuild_embeddings",
    ):
        module, name = function.split(":")
        try:
            imported = __import__(module, fromlist=[name])
        except ImportError:
            continue
        if hasattr(imported, name):
            embedded = getattr(imported, name)()
            return time.perf_counter() - started, f"{module}.{name}() → {embedded}"
    for command in ("rebuild_embeddings", "rebuild_match_index", "match_index", "embed_services"):
        if command in get_commands():
            call_command(command, verbosity=0)
            return time.perf_counter() - started, f"manage.py {command}"
    raise SystemExit(
        "Cannot find the matcher's index builder: add its name to build_matcher_index()."
    )


class ComposedPassages:
    """The matcher's own model for questions; for a service's text, the normalised mean of the
    model's vectors of its sentences, each sentence embedded once.

    Used only for the latency run at sizes where embedding every synthetic service would take
    hours on this machine (about 0.1 s per passage on 2 shared cores). The synthetic directory
    is made of about 500 distinct sentences (names, stock sentences, life domains), so the
    index gets vectors of the real model's geometry, while the index build still goes through
    the matcher's own code (texts, hashes, batches, database rows)."""

    def __init__(self, real):
        import numpy

        self._np, self._real, self._cache = numpy, real, {}
        self.name, self.dim = f"{real.name}+composed-sentences", real.dim
        self.model_passages = 0

    def __getattr__(self, name):  # whatever else the matcher asks of its model
        return getattr(self._real, name)

    def embed_queries(self, texts):
        return self._real.embed_queries(texts)

    def embed_passages(self, texts):
        np = self._np
        parts = [[part for part in re.split(r"\.\s+|\.$", text) if part.strip()] for text in texts]
        new = list(dict.fromkeys(p for found in parts for p in found if p not in self._cache))
        if new:
            self._cache.update(zip(new, self._real.embed_passages(new), strict=True))
            self.model_passages += len(new)
        rows = np.stack([np.mean([self._cache[p] for p in found], axis=0) for found in parts])
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


@contextlib.contextmanager
def embedding_paused(matcher_present: bool):
    """The matcher embeds every service the lexical index reindexes: keep that out of the
    lexical timings and out of the demo load, and time the embedding index on its own."""
    if not matcher_present:
        yield
        return
    from steunsysteem.matching import embedder, index

    model = embedder.get_embedder()
    embedder.set_embedder(None)
    try:
        yield
    finally:
        embedder.set_embedder(model)
        index.forget_matrix()


def compose_passages() -> ComposedPassages:
    from steunsysteem.matching import embedder, index

    composed = ComposedPassages(embedder.get_embedder())
    embedder.set_embedder(composed)
    index.forget_matrix()
    return composed


# ---------------------------------------------------------------------------------------------
# Setup


def code_version(function) -> str:
    """The commit of the checkout the matcher was imported from, and whether it had changes."""
    folder = Path(inspect.getfile(function)).parent
    git = ["git", "-C", str(folder)]
    try:
        commit = subprocess.run(
            [*git, "log", "-1", "--format=%h %ad", "--date=format:%Y-%m-%d %H:%M"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changes = subprocess.run(
            [*git, "status", "--porcelain", "--", "."], capture_output=True, text=True, check=True
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        return f"{folder} (not a git checkout)"
    dirty = f", plus {len(changes)} uncommitted files" if changes else ""
    return f"{folder}, commit {commit}{dirty}"


def setup_django(path: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunsysteem.conf.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


# ---------------------------------------------------------------------------------------------
# Quality on the demo sociale kaart


def quality(question_sets: dict[str, list[dict]]) -> dict:
    """Every system on every set of questions; ``results`` maps set -> system -> scores."""
    from steunsysteem.directory import demo
    from steunsysteem.directory.constants import ServiceStatus
    from steunsysteem.directory.models import Service

    match_services = find_matcher()
    with embedding_paused(match_services is not None):
        demo.load()
    keys = {
        spec["slug"]
        for path in sorted((demo.DATA_DIR / "organizations").glob("*.json"))
        for organization in json.loads(path.read_text("utf-8"))
        for spec in organization["services"]
    }
    keys_by_id = {service_id(key): key for key in keys}
    services = {
        keys_by_id[service.id]: service
        for service in Service.objects.select_related("organization")
    }
    not_active = {
        key for key, service in services.items() if service.status != ServiceStatus.ACTIVE
    }
    bm25 = BM25Baseline(
        {
            key: f"{service.name} {service.organization.name} {service.description}"
            for key, service in services.items()
            if key not in not_active  # the baseline skips what nobody can go to
        }
    )
    systems = {
        "BM25 (Dutch stemmer)": bm25.rank,
        "keyword search (today)": lambda question: keyword_search(question, keys_by_id),
    }
    notes = {}
    if match_services is None:
        notes["matcher"] = "not found on the path: run with PYTHONPATH pointing at its src/"
    else:
        seconds, how = build_matcher_index()
        notes["matcher index"] = f"{how}: {seconds:.1f} s for {len(services)} services"
        semantic = set()

        def matcher(question: dict) -> list[str]:
            result = match_services(**matcher_arguments(match_services, question))
            semantic.add(bool(getattr(result, "semantic", False)))
            return [
                keys_by_id.get(match.service.id, str(match.service.id)) for match in result.matches
            ]

        systems["matcher"] = matcher
        systems["matcher's model alone"] = model_alone(keys_by_id, not_active)
        notes["matcher code"] = code_version(match_services)
    results = {
        name: evaluate(systems, questions, not_active) for name, questions in question_sets.items()
    }
    if match_services is not None:
        notes["matcher semantic"] = (
            "yes"
            if semantic == {True}
            else "NO (lexical fallback)"
            if semantic == {False}
            else "mixed"
        )
    names = {key: service.name for key, service in services.items()}
    return {"results": results, "notes": notes, "names": names, "not_active": sorted(not_active)}


def evaluate(systems: dict, questions: list[dict], not_active: set[str]) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for system, rank in systems.items():
        rows = []
        for question in questions:
            started = time.perf_counter()
            ranked = rank(question)
            elapsed_ms = (time.perf_counter() - started) * 1000
            relevant = question["relevant"]
            forbidden = set(question.get("must_not", ()))
            rows.append(
                {
                    "id": question["id"],
                    "ranked": ranked,
                    "recall@5": recall_at(ranked, relevant),
                    "ndcg@10": ndcg_at(ranked, relevant),
                    "closed": [key for key in ranked if key in not_active],
                    "ineligible": [key for key in ranked if key in forbidden],
                    "ms": elapsed_ms,
                }
            )
        results[system] = {
            "recall@5": statistics.mean(row["recall@5"] for row in rows),
            "ndcg@10": statistics.mean(row["ndcg@10"] for row in rows),
            "rows": rows,
        }
    return results


def print_side_by_side(report: dict, question_sets: dict[str, list[dict]]) -> None:
    """One line per system and set: recall@5, nDCG@10, their ratio to BM25, violations."""
    print("\n== Side by side (closed / ineligible: questions with one in the first 10)")
    print(
        f"{'set':14} {'system':26} {'recall@5':>8} {'× BM25':>6} {'nDCG@10':>8} {'× BM25':>6}"
        f" {'closed':>6} {'ineligible':>10}"
    )
    for name, questions in question_sets.items():
        results = report["results"][name]
        base = results["BM25 (Dutch stemmer)"]
        label = f"{name} ({len(questions)})"
        for system, result in results.items():
            closed = sum(1 for row in result["rows"] if row["closed"])
            ineligible = sum(1 for row in result["rows"] if row["ineligible"])
            print(
                f"{label:14} {system:26} {result['recall@5']:8.3f}"
                f" {result['recall@5'] / base['recall@5']:6.2f} {result['ndcg@10']:8.3f}"
                f" {result['ndcg@10'] / base['ndcg@10']:6.2f} {closed:6} {ineligible:10}"
            )
            label = ""


def print_quality(report: dict, questions: list[dict], name: str = "tuned") -> None:
    results, names = report["results"][name], report["names"]
    base = results["BM25 (Dutch stemmer)"]
    closed = len(report["not_active"])
    print(
        f"\n== Quality, {name} set: {len(questions)} questions, {len(names)} demo services "
        f"({closed} inactive or temporarily closed)"
    )
    for note, text in report["notes"].items():
        print(f"{note}: {text}")
    header = f"{'system':26} {'recall@5':>9} {'× BM25':>7} {'nDCG@10':>8} {'× BM25':>7}"
    print(header + f" {'closed':>7} {'ineligible':>10}")
    for system, result in results.items():
        closed = sum(1 for row in result["rows"] if row["closed"])
        ineligible = sum(1 for row in result["rows"] if row["ineligible"])
        print(
            f"{system:26} {result['recall@5']:9.3f} {result['recall@5'] / base['recall@5']:7.2f} "
            f"{result['ndcg@10']:8.3f} {result['ndcg@10'] / base['ndcg@10']:7.2f} "
            f"{closed:7} {ineligible:10}"
        )
    print("(closed / ineligible: questions with such a service among the first 10 suggestions)")
    groups = {
        "by participants": lambda question: question["by"] == "participant",
        "by professionals": lambda question: question["by"] == "professional",
        "with English": lambda question: bool(ENGLISH.search(question["text"])),
    }
    by_id = {question["id"]: question for question in questions}
    for group, belongs in groups.items():
        ids = {question["id"] for question in questions if belongs(question)}
        scores = ", ".join(
            f"{system} {statistics.mean(row['ndcg@10'] for row in rows if row['id'] in ids):.3f}"
            for system, rows in ((system, result["rows"]) for system, result in results.items())
        )
        print(f"nDCG@10 of the {len(ids)} questions {group}: {scores}")
    for system, result in results.items():
        for row in result["rows"]:
            for kind in ("closed", "ineligible"):
                for key in row[kind]:
                    place = row["ranked"].index(key) + 1
                    print(
                        f"  violation, {system}: {row['id']} → #{place} "
                        f"{names.get(key, key)} ({kind})"
                    )
    if "matcher" not in results:
        return
    timings = [row["ms"] for row in results["matcher"]["rows"]]
    print(
        f"matcher on the demo: p50 {statistics.median(timings):.0f} ms, "
        f"p95 {percentile(timings, 0.95):.0f} ms per question"
    )
    rows = sorted(results["matcher"]["rows"], key=lambda row: (row["ndcg@10"], row["recall@5"]))
    print(f"\n== The matcher's 10 worst questions of the {name} set (nDCG@10, then recall@5)")
    bm25_rows = {row["id"]: row for row in base["rows"]}
    alone = {row["id"]: row for row in results.get("matcher's model alone", {"rows": []})["rows"]}
    for row in rows[:10]:
        question = by_id[row["id"]]
        best = [key for key, grade in question["relevant"].items() if grade == 2]
        first = row["ranked"][0] if row["ranked"] else None
        grade = question["relevant"].get(first, 0) if first else None
        print(
            f"- {row['id']} (nDCG {row['ndcg@10']:.2f}, recall@5 {row['recall@5']:.2f}; "
            f"BM25 {bm25_rows[row['id']]['ndcg@10']:.2f}, model alone "
            f"{alone[row['id']]['ndcg@10'] if row['id'] in alone else float('nan'):.2f}):"
            f" «{question['text']}»\n"
            f"    ranked first: {names.get(first, first) if first else '(nothing)'}"
            f" [grade {grade}]; just right: {', '.join(names[key] for key in best) or '-'}"
        )


# ---------------------------------------------------------------------------------------------
# Latency at scale (one child process per size)


def latency_child(size: int, seed: int, reuse: bool, real_up_to: int) -> dict:
    sys.path.insert(0, str(HERE))
    from run_search_bench import generate  # the same synthetic directory as the search bench

    path = OUTPUT / f"match-{size}.sqlite3"
    reused = reuse and path.exists()
    if not reused:
        path.unlink(missing_ok=True)
    setup_django(path)
    from steunsysteem.directory.models import PostcodeArea, Service
    from steunsysteem.directory.search import rebuild_index

    timings: dict = {"size": size, "reused": reused}
    match_services = find_matcher()
    if not reused:
        with embedding_paused(match_services is not None):
            started = time.perf_counter()
            generate(size, seed)
            timings["generate_s"] = time.perf_counter() - started
            started = time.perf_counter()
            rebuild_index()
            timings["lexical_index_s"] = time.perf_counter() - started
    codes = list(PostcodeArea.objects.values_list("code", flat=True))
    timings["services"] = Service.objects.count()
    if match_services is None:
        return {**timings, "error": "matcher not on the path"}
    composed = compose_passages() if size > real_up_to else None
    rss_before = rss_mb()
    timings["embedding_index_s"], timings["embedding_index_how"] = build_matcher_index()
    if composed is not None:
        timings["embedding_index_how"] += (
            f", passages composed of {composed.model_passages} sentence vectors"
        )
    timings["rss_mb"] = (rss_before, rss_mb())
    rng = random.Random(seed)
    questions = load_questions()
    semantic = set()
    match_services(**matcher_arguments(match_services, questions[0]))  # warm-up: loads the model
    latencies, model_ms, cpu_ms = [], [], []
    model = __import__("steunsysteem.matching.embedder", fromlist=["x"]).get_embedder()
    for question in questions:
        started = time.perf_counter()
        model.embed_queries([question["text"]])
        model_ms.append((time.perf_counter() - started) * 1000)
        arguments = matcher_arguments(match_services, question)
        if "postcode" in arguments:  # the demo's PC4 codes do not exist in the synthetic land
            arguments["postcode"] = rng.choice(codes)
        started, cpu = time.perf_counter(), time.process_time()
        result = match_services(**arguments)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu_ms.append((time.process_time() - cpu) * 1000)
        semantic.add(bool(getattr(result, "semantic", False)))
    timings.update(
        queries=len(latencies),
        p50_ms=statistics.median(latencies),
        p95_ms=percentile(latencies, 0.95),
        max_ms=max(latencies),
        cpu_p50_ms=statistics.median(cpu_ms),
        cpu_p95_ms=percentile(cpu_ms, 0.95),
        load_average=os.getloadavg(),
        model_p50_ms=statistics.median(model_ms),
        model_p95_ms=percentile(model_ms, 0.95),
        semantic=sorted(semantic),
    )
    return timings


def latency(sizes: list[int], seed: int, reuse: bool, real_up_to: int) -> list[dict]:
    rows = []
    for size in sizes:
        command = [sys.executable, __file__, "--latency-child", str(size), "--seed", str(seed)]
        command += ["--real-embeddings-up-to", str(real_up_to)]
        if reuse:
            command.append("--reuse")
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
            rows.append({"size": size, "error": f"child exited {done.returncode}"})
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return rows


def print_latency(rows: list[dict]) -> None:
    print("\n== Matcher latency (one match per question, after a warm-up)")
    for row in rows:
        if "error" in row:
            print(f"{row['size']:>9,} services: {row['error']}")
            continue
        built = (
            "directory and lexical index reused"
            if row["reused"]
            else f"generated {row['generate_s']:.0f} s, "
            f"lexical index {row['lexical_index_s']:.0f} s"
        )
        print(
            f"{row['services']:>9,} services: p50 {row['p50_ms']:.1f} ms, "
            f"p95 {row['p95_ms']:.1f} ms,"
            f" max {row['max_ms']:.1f} ms over {row['queries']} questions (the query's"
            f" embedding alone: p50 {row['model_p50_ms']:.1f}, p95 {row['model_p95_ms']:.1f} ms;"
            f" CPU time: p50 {row['cpu_p50_ms']:.1f}, p95 {row['cpu_p95_ms']:.1f} ms;"
            f" load average {row['load_average'][0]:.1f});"
            f" embedding index "
            f"{row['embedding_index_s']:.1f} s ({row['embedding_index_how']}, RSS "
            f"{row['rss_mb'][0]:.0f} → {row['rss_mb'][1]:.0f} MB); {built}; "
            f"semantic: {row['semantic']}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="latency sizes; empty for none")
    parser.add_argument("--seed", type=int, default=20250301)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the synthetic databases of the last run (embeddings are rebuilt)",
    )
    parser.add_argument(
        "--real-embeddings-up-to",
        type=int,
        default=10_000,
        help="above this size, service vectors are composed of sentence vectors (ComposedPassages)",
    )
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--latency-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUTPUT.mkdir(exist_ok=True)
    if args.latency_child:
        child = latency_child(args.latency_child, args.seed, args.reuse, args.real_embeddings_up_to)
        (OUTPUT / f"match-latency-{args.latency_child}.json").write_text(json.dumps(child))
        print(json.dumps(child))
        return
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Python {platform.python_version()} on {platform.machine()}, load average {load}")
    question_sets = {name: load_questions(path) for name, path in QUESTION_SETS.items()}
    path = OUTPUT / "match-demo.sqlite3"
    path.unlink(missing_ok=True)
    setup_django(path)
    report = quality(question_sets)
    for name, questions in question_sets.items():
        print_quality(report, questions, name)
    print_side_by_side(report, question_sets)
    rows = {
        name: {system: result["rows"] for system, result in results.items()}
        for name, results in report["results"].items()
    }
    (OUTPUT / "match_quality.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    sizes = [] if args.quality_only else [int(size) for size in args.sizes.split(",") if size]
    if sizes:
        print_latency(latency(sizes, args.seed, args.reuse, args.real_embeddings_up_to))
    print(f"\nload average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
