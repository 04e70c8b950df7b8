"""Each process keeps the whole index in memory (vectors and facts); a match reads only that
snapshot and one query for the services it shows, and a change is seen at the next match."""

import pytest
from django.utils import translation

from steunsysteem.directory.models import Service
from steunsysteem.matching.index import current_matrix
from steunsysteem.matching.selectors import match_services

from .helpers import indexed, names, offer, reasons_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


# (With fewer than ten fitting services the kaart's own word search is asked too: see
# test_ranking's typo test.)
def _kaart(count: int) -> None:
    for number in range(count):
        offer(f"Koor {number}", "Samen zingen in een koor.", days="TU", cost="0", at=(52.0, 5.0))
    indexed()


@pytest.mark.parametrize("size", [12, 40])
def test_a_match_asks_the_database_the_same_few_things_whatever_the_number_of_candidates(
    size, django_assert_num_queries
):
    _kaart(size)
    match_services(text="zingen in een koor")  # this process loads its snapshot once

    # The index version, then the services shown (with their organisation).
    with django_assert_num_queries(2):
        result = match_services(text="zingen in een koor", wishes_and_limits="op dinsdag", limit=3)

    assert len(result.matches) == 3
    assert "op dinsdag" in result.matches[0].reasons


def test_a_change_that_keeps_the_text_reaches_the_facts_at_the_next_match(
    django_capture_on_commit_callbacks,
):
    service = offer("Moestuin", "Samen tuinieren in de moestuin.", places_available=4)
    indexed()
    assert "nog 4 plekken vrij" in reasons_of(match_services(text="tuinieren"), "Moestuin")

    with django_capture_on_commit_callbacks(execute=True):
        service.places_available = 0
        service.save()

    assert "nu geen plek vrij" in reasons_of(match_services(text="tuinieren"), "Moestuin")


def test_a_change_builds_a_new_snapshot_and_leaves_the_one_in_use_alone(
    django_capture_on_commit_callbacks,
):
    service = offer("Moestuin", "Samen tuinieren in de moestuin.", places_available=4)
    indexed()
    in_use = current_matrix()

    with django_capture_on_commit_callbacks(execute=True):
        service.places_available = 0
        service.save()
    fresh = current_matrix()

    assert fresh is not in_use
    assert in_use.facts[service.pk].places_available == 4
    assert fresh.facts[service.pk].places_available == 0
    assert current_matrix() is fresh  # unchanged index: the same snapshot, nothing read


def test_a_closed_service_is_not_shown_even_before_the_snapshot_knows():
    service = offer("Knutselclub", "Samen knutselen.")
    indexed()
    assert names(match_services(text="knutselen")) == ["Knutselclub"]

    Service.objects.filter(pk=service.pk).update(status="temporarily closed")  # no signal

    assert match_services(text="knutselen").matches == []


def test_a_large_kaart_is_searched_in_two_steps_with_the_same_best_services():
    import numpy as np

    from steunsysteem.matching.index import PROJECTED_DIM, Snapshot

    rng = np.random.default_rng(7)
    # Vectors like a model's: a few shared directions and a little noise (e5's vectors of
    # real services lose nothing in this search); all of length 1.
    themes = rng.normal(size=(40, 384))
    vectors = themes[rng.integers(0, 40, 25_000)] + 0.2 * rng.normal(size=(25_000, 384))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    snapshot = Snapshot()
    snapshot.ids = list(range(len(vectors)))
    snapshot.vectors = vectors
    snapshot.project(np)
    assert snapshot.reduced.shape == (25_000, PROJECTED_DIM)

    found = []
    for query in vectors[:20] + 0.3 * rng.normal(size=(20, 384)).astype(np.float32):
        query = query / np.linalg.norm(query)
        rows, similarities = snapshot.nearest(query, 300)
        exact = set(np.argsort(-(vectors @ query))[:300].tolist())
        found.append(len(exact & set(rows.tolist())) / 300)
        assert np.allclose(similarities, vectors[rows] @ query, atol=1e-5)

    assert min(found) >= 0.95


def test_a_small_kaart_is_searched_exactly():
    import numpy as np

    from steunsysteem.matching.index import Snapshot

    vectors = np.eye(8, dtype=np.float32)
    snapshot = Snapshot()
    snapshot.ids = list("abcdefgh")
    snapshot.vectors = vectors
    snapshot.project(np)

    rows, similarities = snapshot.nearest(vectors[2], 3)

    assert snapshot.reduced is None
    assert 2 in rows.tolist() and max(similarities) == 1.0
