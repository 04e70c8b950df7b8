"""The ranking query gives the same best matches whichever plan the database runs.

On PostgreSQL a search without filters ranks first and checks only the best candidates for
``public()`` (engine._top_candidates); everywhere else, and with filters, every matching
service is checked. Visitors must not see a difference.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import Service
from steunsysteem.directory.search import SearchParams, engine, index_service, search_services
from steunsysteem.directory.search.vocabulary import current_vocabulary
from steunsysteem.directory.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the candidate plan is PostgreSQL's"
)


def indexed(**kwargs):
    service = ServiceFactory(**kwargs)
    index_service(service)
    return service


def best(text: str, *, filtered: bool) -> list[tuple[object, int]]:
    factors, _ = engine.plan_query(text, current_vocabulary())
    return engine._top_matches(Service.objects.public(), factors, filtered=filtered)


@pytest.fixture
def choirs():
    """Choirs that score alike (ties), differently, and some nobody can go to any more."""
    services = [
        indexed(name=f"Koor {n}", description="Samen zingen in het koor." * (n % 3 + 1))
        for n in range(12)
    ]
    services += [indexed(name="Zangkoor", description="Wij zingen.") for _ in range(3)]
    services += [indexed(name="Buurthuis", description="Met een koor en koffie.")]
    for service in services[::5]:
        Service.objects.filter(pk=service.pk).update(status=ServiceStatus.INACTIVE)
    return services


@pytest.mark.parametrize("text", ["koor", "zingen", "koren zingen", "koorr", "samen koffie"])
def test_the_best_matches_are_the_same_with_and_without_filters(choirs, text):
    assert best(text, filtered=False) == best(text, filtered=True)


@pytest.mark.parametrize("candidates", [1, 2, 5, 50])
def test_ended_services_among_the_best_candidates_do_not_push_others_out(
    choirs, monkeypatch, candidates
):
    monkeypatch.setattr(engine, "MAX_RESULTS", 4)
    monkeypatch.setattr(engine, "CANDIDATES", candidates)
    expected = best("koor zingen", filtered=True)
    assert len(expected) == 4
    assert best("koor zingen", filtered=False) == expected


def test_a_search_with_fewer_matches_than_the_limit_finds_them_all(choirs):
    found = best("koor", filtered=False)
    found_ids = {service_id for service_id, _ in found}
    public = Service.objects.public().filter(search_entries__term="koor")
    assert set(public.values_list("id", flat=True)) <= found_ids
    assert not found_ids & set(
        Service.objects.exclude(id__in=Service.objects.public().values("id")).values_list(
            "id", flat=True
        )
    )


def test_the_public_search_finds_the_same_on_every_plan(choirs, monkeypatch):
    def searched():
        return list(search_services(SearchParams(text="koor")).services.values_list("id"))

    everything = searched()
    monkeypatch.setattr(engine, "CANDIDATES", 1)
    assert searched() == everything


@on_postgresql
def test_postgresql_ranks_an_unfiltered_search_in_one_query(choirs):
    factors, _ = engine.plan_query("koor", current_vocabulary())
    with CaptureQueriesContext(connection) as context:
        engine._top_matches(Service.objects.public(), factors, filtered=False)
    assert len(context.captured_queries) == 1
    assert "OVER ()" in context.captured_queries[0]["sql"]


@on_postgresql
def test_postgresql_runs_the_general_query_when_the_cut_may_have_lost_services(choirs, monkeypatch):
    monkeypatch.setattr(engine, "MAX_RESULTS", 12)
    monkeypatch.setattr(engine, "CANDIDATES", 3)
    factors, _ = engine.plan_query("koor", current_vocabulary())
    with CaptureQueriesContext(connection) as context:
        found = engine._top_matches(Service.objects.public(), factors, filtered=False)
    assert len(context.captured_queries) == 2
    assert len(found) == 12


def test_a_search_with_filters_takes_the_general_ranking(choirs):
    factors, _ = engine.plan_query("koor", current_vocabulary())
    with CaptureQueriesContext(connection) as context:
        engine._top_matches(Service.objects.public(), factors, filtered=True)
    assert "OVER ()" not in context.captured_queries[0]["sql"]


@pytest.mark.parametrize(
    "params",
    [
        SearchParams(text="koor", life_domains=("culture",)),
        SearchParams(text="koor", access_features=("wheelchair",)),
        SearchParams(text="koor", district="noord"),
        SearchParams(text="koor", free_only=True),
        SearchParams(text="koor", at_support_point=True),
        SearchParams(text="koor", weekdays=("MO",)),
        SearchParams(text="koor", postcode="3811", max_distance_km=10),
    ],
)
def test_every_filter_and_a_distance_limit_count_as_narrowing(params):
    assert engine._narrows(params)


@pytest.mark.parametrize(
    "params",
    [SearchParams(text="koor"), SearchParams(text="koor", postcode="3811")],
)
def test_text_alone_or_nearest_first_is_not_narrowing(params):
    assert not engine._narrows(params)


def test_a_text_search_without_filters_still_needs_four_queries(choirs):
    search_services(SearchParams(text="koor"))  # loads the vocabulary cache
    with CaptureQueriesContext(connection) as context:
        result = search_services(SearchParams(text="koor"))
        assert list(result.services[:20])
        assert result.count > 0
    assert len(context.captured_queries) == 4
