"""A small stand-in for the sentence-embedding model, so tests decide what is "alike".

Words are stemmed and mapped to a concept (``CONCEPTS``); each concept is one dimension.
Two texts are alike when they share concepts, even without sharing a word: that is what the
real model does for meaning, made predictable.
"""

from __future__ import annotations

import hashlib

import numpy as np

from steunsysteem.directory.search.text import stem, words

DIM = 256
CONCEPTS = {
    # "doing something with my hands" and woodwork, pottery, crafts are alike in meaning
    "hand": "craft", "houtbewerk": "craft", "houtwerkplaats": "craft", "pottenbak": "craft",
    "knut": "craft", "klus": "craft",
    "eenzaam": "lonely", "lonely": "lonely", "alleen": "lonely", "ontmoet": "lonely",
}  # fmt: skip


def _dimension(concept: str) -> int:
    return int(hashlib.md5(concept.encode()).hexdigest(), 16) % DIM


class FakeEmbedder:
    name = "fake-concepts-1"
    dim = DIM
    min_similarity = 0.3

    def __init__(self) -> None:
        self.passages_embedded = 0

    def _embed(self, texts):
        vectors = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in words(text):
                term = stem(word)
                vectors[row, _dimension(CONCEPTS.get(term, CONCEPTS.get(word, term)))] += 1.0
            vectors[row, DIM - 1] += 0.01  # never all zero
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def embed_queries(self, texts):
        return self._embed(list(texts))

    def embed_passages(self, texts):
        self.passages_embedded += len(texts)
        return self._embed(list(texts))
