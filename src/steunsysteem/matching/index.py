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
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from tqdm import tqdm

from steunsysteem.directory.models import Attribute, Service
from steunsysteem.directory.vocabularies import LIFE_DOMAINS

from .embedder import Embedder, get_embedder
from .models import MatchIndexState, ServiceEmbedding

BATCH_SIZE = 64
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
    """What the model reads of a service: name, description, who it is for, its domains."""
    parts = [
        service.name,
        service.alternate_name,
        service.description,
        service.eligibility_description,
        ", ".join(sorted(domains)),
    ]
    return ". ".join(part.strip() for part in parts if part and part.strip())[:MAX_TEXT_CHARS]


def text_hash(embedder: Embedder, text: str) -> str:
    return hashlib.sha256(f"{embedder.name}\n{text}".encode()).hexdigest()


def _services():
    return Service.objects.only(
        "id", "name", "alternate_name", "description", "eligibility_description"
    )


def _next_version(*, rebuild: bool = False) -> int:
    state, _ = MatchIndexState.objects.select_for_update().get_or_create(pk=1)
    changes = {"version": F("version") + 1}
    if rebuild:
        changes["generation"] = uuid.uuid4()
    MatchIndexState.objects.filter(pk=1).update(**changes)
    return state.version + 1


def _embed_batch(embedder: Embedder, services: list[Service], version: int) -> int:
    """Embed the services whose text changed; returns how many were embedded."""
    domains = _domain_names(service.id for service in services)
    texts = {service.id: passage_text(service, domains.get(service.id, [])) for service in services}
    hashes = {service_id: text_hash(embedder, text) for service_id, text in texts.items()}
    known = dict(
        ServiceEmbedding.objects.filter(service_id__in=list(texts)).values_list(
            "service_id", "text_hash"
        )
    )
    changed = [service_id for service_id in texts if known.get(service_id) != hashes[service_id]]
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
        return _embed_batch(embedder, services, version)


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


@dataclass
class Matrix:
    """All service vectors of this process: row i of ``vectors`` belongs to ``ids[i]``."""

    generation: uuid.UUID | None = None
    version: int = -1
    dim: int = 0
    ids: list = field(default_factory=list)
    rows: dict = field(default_factory=dict)
    vectors: object = None

    def scores(self, query) -> object:
        return self.vectors[: len(self.ids)] @ query


_matrix = Matrix()
_matrix_lock = threading.Lock()


def _load_rows(matrix: Matrix, rows: list[tuple], np) -> None:
    for service_id, vector in rows:
        values = np.frombuffer(bytes(vector), dtype=np.float32)
        if matrix.dim == 0:
            matrix.dim = values.shape[0]
        if values.shape[0] != matrix.dim:
            continue
        position = matrix.rows.get(service_id)
        if position is None:
            position = len(matrix.ids)
            if matrix.vectors is None or position >= matrix.vectors.shape[0]:
                grown = np.zeros((max(1024, position * 2), matrix.dim), dtype=np.float32)
                if matrix.vectors is not None:
                    grown[:position] = matrix.vectors[:position]
                matrix.vectors = grown
            matrix.ids.append(service_id)
            matrix.rows[service_id] = position
        matrix.vectors[position] = values


def current_matrix() -> Matrix | None:
    """This process's matrix, brought up to date with the index (None without a model)."""
    global _matrix
    if get_embedder() is None:
        return None
    import numpy as np

    state = MatchIndexState.objects.filter(pk=1).values_list("generation", "version").first()
    # No state row yet: nothing was ever indexed in this database.
    generation, version = state or (None, 0)
    matrix = _matrix
    if (matrix.generation, matrix.version) == (generation, version):
        return matrix
    with _matrix_lock:
        matrix = _matrix
        full = matrix.generation != generation
        if full:
            matrix = Matrix(generation=generation)
        rows = ServiceEmbedding.objects.all()
        if not full:
            rows = rows.filter(version__gt=matrix.version)
        _load_rows(matrix, list(rows.values_list("service_id", "vector").iterator(2000)), np)
        matrix.version = version
        _matrix = matrix
    return matrix


def forget_matrix() -> None:
    """Drop this process's matrix (tests; after switching the model)."""
    global _matrix
    with _matrix_lock:
        _matrix = Matrix()


def warm_up() -> int:
    """Load the model and this process's matrix now (at start-up, or before measuring), so
    no request pays for it; returns the number of services in the matrix."""
    matrix = current_matrix()
    return len(matrix.ids) if matrix is not None else 0
