"""The embedding index of the sociale kaart, and the in-memory matrix each process searches.

Every change of a service ends in ``refresh_services`` (one or a few services: editor
approvals, admin edits) or ``refresh_all`` (imports, ``steunsysteem rebuild_match_index``).
Only services whose text changed are embedded again (the text hash says so). Each write bumps
``MatchIndexState.version``; ``current_matrix()`` compares it (one small query) and loads only
the rows written since, so a request never loads the whole index unless the process is new.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from tqdm import tqdm

from steunsysteem.core import heap
from steunsysteem.directory.models import Attribute, Service
from steunsysteem.directory.vocabularies import LIFE_DOMAINS

from .embedder import Embedder, get_embedder
from .facts import read_facts
from .lexical import compound_parts
from .models import MatchIndexState, ServiceEmbedding

BATCH_SIZE = 64
# From this many services on, a match first searches the vectors projected on their main
# directions (PROJECTED_DIM of them), then the PREFILTER x candidates by their full vectors.
PROJECT_ABOVE = 20_000
PROJECTED_DIM = 128
PREFILTER = 4
MAX_TEXT_CHARS = 1500


def _domain_names(service_ids: Iterable) -> dict[uuid.UUID, list[str]]:
    names = {LIFE_DOMAINS.term_id(code): name for code, name in LIFE_DOMAINS.dutch_names.items()}
    found: dict[uuid.UUID, list[str]] = {}
    for link_id, term_id in Attribute.objects.filter(
        link_entity="service", link_id__in=list(service_ids), taxonomy_term_id__in=list(names)
    ).values_list("link_id", "taxonomy_term_id"):
        found.setdefault(link_id, []).append(names[term_id])
    return found


def passage_text(service: Service, domains: list[str]) -> str:
    """What the model reads of a service: name, description, who it is for, how to start
    (walk in, call first, via a counsellor) and its life domains."""
    parts = [
        service.name,
        service.alternate_name,
        service.description,
        service.eligibility_description,
        service.application_process,
        ", ".join(sorted(domains)),
    ]
    text = ". ".join(part.strip().rstrip(".") for part in parts if part and part.strip())
    return text[:MAX_TEXT_CHARS]


def text_hash(embedder: Embedder, text: str) -> str:
    return hashlib.sha256(f"{embedder.name}\n{text}".encode()).hexdigest()


def _services():
    return Service.objects.only(
        "id",
        "name",
        "alternate_name",
        "description",
        "eligibility_description",
        "application_process",
    )


def _next_version(*, rebuild: bool = False) -> int:
    state, _ = MatchIndexState.objects.select_for_update().get_or_create(pk=1)
    changes = {"version": F("version") + 1}
    if rebuild:
        changes["generation"] = uuid.uuid4()
    MatchIndexState.objects.filter(pk=1).update(**changes)
    return state.version + 1


def _embed_batch(
    embedder: Embedder, services: list[Service], version: int, *, touch: bool = False
) -> int:
    """Embed the services whose text changed; returns how many were embedded. ``touch``: mark
    the others as changed too (their facts are read again)."""
    domains = _domain_names(service.id for service in services)
    texts = {service.id: passage_text(service, domains.get(service.id, [])) for service in services}
    hashes = {service_id: text_hash(embedder, text) for service_id, text in texts.items()}
    known = dict(
        ServiceEmbedding.objects.filter(service_id__in=list(texts)).values_list(
            "service_id", "text_hash"
        )
    )
    changed = [service_id for service_id in texts if known.get(service_id) != hashes[service_id]]
    if touch:
        # The text is the same, but status, times, places or costs may not be: the new
        # version tells every process to read these services' facts again.
        same = [service_id for service_id in known if service_id not in changed]
        ServiceEmbedding.objects.filter(service_id__in=same).update(version=version)
    if not changed:
        return 0
    vectors = embedder.embed_passages([texts[service_id] for service_id in changed])
    rows = [
        ServiceEmbedding(
            service_id=service_id,
            vector=vectors[row].astype("float32").tobytes(),
            text_hash=hashes[service_id],
            version=version,
        )
        for row, service_id in enumerate(changed)
    ]
    ServiceEmbedding.objects.filter(service_id__in=changed).delete()
    ServiceEmbedding.objects.bulk_create(rows)
    return len(rows)


def refresh_services(service_ids: Iterable) -> int:
    """Bring the index up to date for these services (after they changed or were deleted)."""
    embedder = get_embedder()
    ids = list(service_ids)
    if embedder is None or not ids:
        return 0
    with transaction.atomic():
        version = _next_version()
        services = list(_services().filter(pk__in=ids))
        return _embed_batch(embedder, services, version, touch=True)


def refresh_all(*, batch_size: int = BATCH_SIZE, progress: bool = False) -> int:
    """Embed every service whose text changed since it was last embedded; returns how many.

    Rows of deleted services go with them (CASCADE); a full rebuild tells every process to
    reload its whole matrix.
    """
    embedder = get_embedder()
    if embedder is None:
        return 0
    embedded = 0
    with transaction.atomic():
        version = _next_version(rebuild=True)
        last_id = None
        with tqdm(total=Service.objects.count(), disable=not progress, unit="service") as bar:
            while True:
                batch = _services().order_by("pk")
                if last_id is not None:
                    batch = batch.filter(pk__gt=last_id)
                services = list(batch[:batch_size])
                if not services:
                    break
                embedded += _embed_batch(embedder, services, version)
                last_id = services[-1].pk
                bar.update(len(services))
    return embedded


class Snapshot:
    """Everything a match reads, in memory: all service vectors as one normalised float32
    matrix (row i belongs to ``ids[i]``), each service's ``Facts`` and the word statistics of
    the whole kaart. A snapshot is never changed once published: a change of the index builds
    a new one and swaps one reference, so a match in another thread keeps reading the old one.
    """

    def __init__(self, generation=None, version: int = -1) -> None:
        self.generation = generation
        self.version = version
        self.dim = 0
        self.ids: list = []
        self.rows: dict = {}
        self.vectors = None
        self.basis = None  # (dim, PROJECTED_DIM): the main directions of the vectors
        self.reduced = None  # the vectors projected on them (large kaarten only)
        self.facts: dict = {}
        self.lexicon = Lexicon()

    def scores(self, query):
        """The cosine similarity of every service to the (normalised) query vector."""
        return self.vectors[: len(self.ids)] @ query

    def nearest(self, query, count: int):
        """(rows, cosine similarities) of the ``count`` services closest to the query, in no
        order. A large kaart is searched in two steps: the vectors projected on their
        ``PROJECTED_DIM`` main directions find ``PREFILTER`` × count candidates (a third of
        the memory to read), whose full vectors then give the exact similarities."""
        import numpy as np

        size = len(self.ids)
        count = min(count, size)
        if self.reduced is None or size <= count * PREFILTER:
            scores = self.scores(query)
            rows = np.argpartition(-scores, count - 1)[:count]
            return rows, scores[rows]
        rough = self.reduced @ (query @ self.basis)
        wide = min(size, count * PREFILTER)
        candidates = np.argpartition(-rough, wide - 1)[:wide]
        exact = self.vectors[candidates] @ query
        best = np.argpartition(-exact, count - 1)[:count]
        return candidates[best], exact[best]

    def project(self, np) -> None:
        """Keep the vectors projected on their main directions, for a kaart this large."""
        size = len(self.ids)
        if size < PROJECT_ABOVE or self.vectors is None:
            self.basis = self.reduced = None
            return
        if self.basis is None:
            # The main directions of a sample (no centring: dot products are what count).
            sample = self.vectors[np.random.default_rng(0).choice(size, 5000, replace=False)]
            _u, _s, directions = np.linalg.svd(sample, full_matrices=False)
            self.basis = np.ascontiguousarray(directions[:PROJECTED_DIM].T, dtype=np.float32)
        self.reduced = self.vectors @ self.basis

    def copy(self, generation, version: int) -> Snapshot:
        other = Snapshot(generation, version)
        other.dim, other.ids, other.rows = self.dim, list(self.ids), dict(self.rows)
        other.vectors = None if self.vectors is None else self.vectors.copy()
        other.basis = self.basis
        other.facts = dict(self.facts)
        other.lexicon = self.lexicon
        return other


Matrix = Snapshot  # the name the benchmark and older callers use


class Lexicon:
    """Word statistics of the whole kaart for BM25: document frequency per stem, the number
    of services and their mean length (in stems)."""

    def __init__(self, facts=()) -> None:
        counts: dict[str, int] = {}
        total = 0
        size = 0
        for item in facts:
            size += 1
            total += len(item.terms)
            for term in set(item.terms):
                counts[term] = counts.get(term, 0) + 1
        self.document_frequency = counts
        self.size = size
        self.mean_length = total / size if size else 1.0
        # A compound stem → the two stems of the kaart it is made of ("handwerkclub").
        known = counts.keys()
        self.parts = {term: parts for term in counts if (parts := compound_parts(term, known))}


_matrix = Snapshot()
_matrix_lock = threading.Lock()


def _load_rows(snapshot: Snapshot, rows: list[tuple], np) -> None:
    fresh: list = []
    for service_id, vector in rows:
        values = np.frombuffer(bytes(vector), dtype=np.float32)
        if snapshot.dim == 0:
            snapshot.dim = values.shape[0]
        if values.shape[0] != snapshot.dim:
            continue
        position = snapshot.rows.get(service_id)
        if position is None:
            position = len(snapshot.ids)
            snapshot.ids.append(service_id)
            snapshot.rows[service_id] = position
            fresh.append(values)
        else:
            snapshot.vectors[position] = values
    if fresh:
        added = np.stack(fresh).astype(np.float32)
        snapshot.vectors = (
            added if snapshot.vectors is None else np.vstack([snapshot.vectors, added])
        )
    snapshot.facts.update(read_facts([service_id for service_id, _vector in rows]))


def current_matrix() -> Snapshot | None:
    """This process's snapshot, brought up to date with the index (None without a model).

    One small query compares the index's (generation, version) with the snapshot's; after a
    change only the rows written since are read, after a full rebuild all of them.
    """
    global _matrix
    if get_embedder() is None:
        return None
    import numpy as np

    state = MatchIndexState.objects.filter(pk=1).values_list("generation", "version").first()
    # No state row yet: nothing was ever indexed in this database.
    generation, version = state or (None, 0)
    snapshot = _matrix
    if (snapshot.generation, snapshot.version) == (generation, version):
        return snapshot
    with _matrix_lock:
        snapshot = _matrix
        if (snapshot.generation, snapshot.version) == (generation, version):
            return snapshot
        full = snapshot.generation != generation
        rows = ServiceEmbedding.objects.all()
        if full:
            snapshot = Snapshot(generation, version)
        else:
            rows = rows.filter(version__gt=snapshot.version)
            snapshot = snapshot.copy(generation, version)
        _load_rows(snapshot, list(rows.values_list("service_id", "vector").iterator(2000)), np)
        if full or snapshot.lexicon.size == 0:
            snapshot.lexicon = Lexicon(snapshot.facts.values())
        snapshot.project(np)
        _matrix = snapshot
        if full:
            # Millions of small objects at a national scale: out of the collector's walks.
            heap.settle()
    return snapshot


def forget_matrix() -> None:
    """Drop this process's snapshot (tests; after switching the model)."""
    global _matrix
    with _matrix_lock:
        _matrix = Snapshot()


def warm_up() -> int:
    """Load the model and this process's snapshot now (at start-up, or before measuring), so
    no request pays for it; returns the number of services in the snapshot."""
    matrix = current_matrix()
    return len(matrix.ids) if matrix is not None else 0
