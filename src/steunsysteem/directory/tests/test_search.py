"""A visitor searches the sociale kaart in their own words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import Attribute, CostOption
from steunsysteem.directory.search import (
    SearchParams,
    index_service,
    rebuild_index,
    search_services,
)
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    PostcodeAreaFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from steunsysteem.directory.vocabularies import ACCESS_FEATURES

pytestmark = pytest.mark.django_db


def indexed(**kwargs):
    service = ServiceFactory(**kwargs)
    index_service(service)
    return service


def names(text="", **kwargs):
    result = search_services(SearchParams(text=text, **kwargs))
    return [service.name for service in result.services]


@pytest.fixture
def directory():
    """A small sociale kaart like the one in Partistad."""
    return {
        "choir": indexed(
            name="Zanggroep De Lijsters",
            description="Elke week samen zingen in het koor. Iedereen is welkom.",
        ),
        "walk": indexed(name="Wandelgroep Buiten", description="Elke dinsdag een rondje park."),
        "volunteer": indexed(
            name="Vrijwilligerscentrum", description="Wij helpen je vrijwilligerswerk te vinden."
        ),
        "helper": indexed(name="Klusdienst", description="Word vrijwilliger bij de klusdienst."),
        "debt": indexed(name="Schuldhulp Partistad", description="Hulp bij je papieren."),
        "buddy": indexed(
            name="Maatjesproject Samen", description="Een maatje om mee op te trekken."
        ),
        "meal": indexed(
            name="Buurtrestaurant", description="Elke vrijdag samen eten voor weinig geld."
        ),
        "drop_in": indexed(name="Inloophuis De Kroeg", description="Koffie en een praatje."),
    }


@pytest.mark.parametrize("typed", ["koor", "koren", "zingen", "zangkoor", "koorr", "Zanggroep"])
def test_janny_finds_the_choir_however_she_writes_it(directory, typed):
    assert names(typed)[0] == "Zanggroep De Lijsters"


def test_a_typo_gets_a_did_you_mean(directory):
    result = search_services(SearchParams(text="koorr"))
    assert result.corrected_terms == {"koorr": "koor"}


def test_correct_words_are_not_corrected(directory):
    assert search_services(SearchParams(text="koor")).corrected_terms == {}


def test_walking_finds_the_walking_group(directory):
    assert names("wandelen")[0] == "Wandelgroep Buiten"


def test_volunteering_and_volunteer_find_each_other(directory):
    assert {"Vrijwilligerscentrum", "Klusdienst"} <= set(names("vrijwilligerswerk"))
    assert {"Vrijwilligerscentrum", "Klusdienst"} <= set(names("vrijwilliger"))


def test_debts_find_debt_help(directory):
    assert names("schulden")[0] == "Schuldhulp Partistad"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("buddy", "Maatjesproject Samen"),
        ("maaltijd", "Buurtrestaurant"),
        ("ontmoeting", "Inloophuis De Kroeg"),
        ("financiën", "Schuldhulp Partistad"),
        ("choir", "Zanggroep De Lijsters"),
    ],
)
def test_synonyms_find_what_the_visitor_meant(directory, typed, expected):
    assert expected in names(typed)


def test_words_that_match_nothing_find_nothing(directory):
    assert names("paardrijden") == []


def test_a_search_of_only_small_words_lists_everything(directory):
    assert len(names("de het een")) == len(directory)


def test_a_match_in_the_name_ranks_above_one_in_the_description():
    indexed(name="Koffieochtend", description="Na de koffie gaan we samen tekenen.")
    indexed(name="Tekenclub", description="Met koffie erbij.")
    assert names("tekenen") == ["Tekenclub", "Koffieochtend"]


def test_more_matching_words_rank_higher():
    indexed(name="Wandelgroep", description="Samen wandelen.")
    indexed(name="Wandelgroep met hond", description="Samen wandelen met je hond.")
    assert names("wandelen hond")[0] == "Wandelgroep met hond"


def test_the_organisation_name_is_searched_too():
    organization = OrganizationFactory(name="Stichting Kwartiermaken")
    indexed(name="Open atelier", organization=organization)
    assert names("kwartiermaken") == ["Open atelier"]


def test_the_life_domain_is_searched_too():
    indexed(name="Open atelier", life_domains=["culture"])
    assert names("cultuur") == ["Open atelier"]


def test_ended_services_are_not_found_but_temporarily_closed_ones_are():
    indexed(name="Koor Oud", status=ServiceStatus.DEFUNCT)
    indexed(name="Koor Dicht", closed=True)
    assert names("koor") == ["Koor Dicht"]


def test_an_edit_shows_in_search_after_reindexing():
    service = indexed(name="Kookclub")
    service.name = "Breiclub"
    service.save()
    index_service(service)
    assert names("breien") == ["Breiclub"]
    assert names("kookclub") == []


def test_a_new_word_is_known_for_typo_correction_right_after_indexing():
    indexed(name="Klaverjassen in de buurt")
    result = search_services(SearchParams(text="klaverjasen"))
    assert [s.name for s in result.services] == ["Klaverjassen in de buurt"]
    assert result.corrected_terms == {"klaverjasen": "klaverjassen"}


def test_rebuilding_the_index_indexes_every_service():
    ServiceFactory(name="Repaircafé")
    ServiceFactory(name="Taalcafé")
    assert names("repaircafe") == []
    assert rebuild_index(batch_size=1) == 2
    assert names("repaircafé") == ["Repaircafé"]
    assert names("taalcafe") == ["Taalcafé"]


def test_filter_on_life_domain():
    indexed(name="Atelier", life_domains=["culture"])
    indexed(name="Voetbal", life_domains=["sport"])
    indexed(name="Dans", life_domains=["sport", "culture"])
    assert names(life_domains=("culture",)) == ["Atelier", "Dans"]


def with_access(service, *codes):
    for code in codes:
        Attribute.objects.create(
            link_entity="service",
            link_id=service.id,
            taxonomy_term_id=ACCESS_FEATURES.term_id(code),
            link_type="access",
        )
    return service


def test_filter_on_access_features_needs_all_of_them():
    with_access(ServiceFactory(name="Herstelgroep"), "peer_run", "no_referral")
    with_access(ServiceFactory(name="Inloop"), "no_referral")
    assert names(access_features=("no_referral",)) == ["Herstelgroep", "Inloop"]
    assert names(access_features=("peer_run", "no_referral")) == ["Herstelgroep"]


def test_filter_on_district():
    north, south = DistrictFactory(slug="noord"), DistrictFactory(slug="zuid")
    ServiceAtLocationFactory(service__name="Buurthuis Noord", location__district=north)
    ServiceAtLocationFactory(service__name="Buurthuis Zuid", location__district=south)
    ServiceFactory(name="Online")
    assert names(district="noord") == ["Buurthuis Noord"]


def test_filter_free_only():
    CostOption.objects.create(service=ServiceFactory(name="Fitness"), amount=5)
    CostOption.objects.create(service=ServiceFactory(name="Inloop"), amount=0)
    ServiceFactory(name="Wandelen")
    assert names(free_only=True) == ["Inloop", "Wandelen"]


def test_filter_on_weekdays():
    ScheduleFactory(service__name="Dinsdagkoor", byday="TU")
    ScheduleFactory(service__name="Vrijdagavond", freq="MONTHLY", byday="1FR")
    sal = ServiceAtLocationFactory(service__name="Zondagsinloop")
    ScheduleFactory(service=None, service_at_location=sal, byday="SU")
    assert names(weekdays=("TU",)) == ["Dinsdagkoor"]
    assert names(weekdays=("FR", "SU")) == ["Vrijdagavond", "Zondagsinloop"]


def test_filters_combine_with_text():
    north = DistrictFactory(slug="noord")
    choir = indexed(name="Koor Noord", life_domains=["culture"])
    ServiceAtLocationFactory(service=choir, location__district=north)
    ScheduleFactory(service=choir, byday="WE")
    other = indexed(name="Koor Zuid", life_domains=["culture"])
    ScheduleFactory(service=other, byday="WE")
    indexed(name="Koor Noord op maandag", life_domains=["culture"])
    params = dict(life_domains=("culture",), district="noord", weekdays=("WE",), free_only=True)
    assert names("koor", **params) == ["Koor Noord"]


def at(service_name, latitude, longitude):
    service = indexed(name=service_name)
    ServiceAtLocationFactory(
        service=service, location=LocationFactory(latitude=latitude, longitude=longitude)
    )
    return service


@pytest.fixture
def amersfoort_area():
    return PostcodeAreaFactory(code="3811", latitude=52.156, longitude=5.389)


def test_nearest_first_from_a_postcode(amersfoort_area):
    at("Koor Utrecht", 52.090, 5.121)  # ~20 km
    at("Koor Amersfoort", 52.160, 5.390)  # ~0.5 km
    at("Koor Zwolle", 52.516, 6.083)  # ~60 km
    indexed(name="Koor Online")  # no location
    result = search_services(SearchParams(text="koor", postcode="3811 AB"))
    found = list(result.services)
    assert [s.name for s in found] == [
        "Koor Amersfoort",
        "Koor Utrecht",
        "Koor Zwolle",
        "Koor Online",
    ]
    assert found[0].distance_km == pytest.approx(0.5, abs=0.2)
    assert found[1].distance_km == pytest.approx(19.6, abs=1)
    assert found[3].distance_km is None
    assert result.postcode_unknown is False


def test_a_service_is_as_near_as_its_nearest_location(amersfoort_area):
    service = at("Koor op twee plekken", 52.516, 6.083)
    ServiceAtLocationFactory(
        service=service, location=LocationFactory(latitude=52.16, longitude=5.39)
    )
    found = search_services(SearchParams(postcode="3811")).services.get()
    assert found.distance_km < 1


@pytest.mark.parametrize("typed", ["3811AB", "3811 ab", " 3811 "])
def test_postcodes_are_read_however_they_are_written(amersfoort_area, typed):
    at("Koor Amersfoort", 52.160, 5.390)
    result = search_services(SearchParams(postcode=typed))
    assert result.postcode_unknown is False
    assert result.services.get().distance_km < 1


def test_max_distance_leaves_out_what_is_too_far(amersfoort_area):
    at("Koor Utrecht", 52.090, 5.121)
    at("Koor Amersfoort", 52.160, 5.390)
    at("Koor Zwolle", 52.516, 6.083)
    indexed(name="Koor Online")
    result = search_services(SearchParams(postcode="3811", max_distance_km=25))
    assert [s.name for s in result.services] == ["Koor Amersfoort", "Koor Utrecht"]
    assert result.count == 2


@pytest.mark.parametrize("typed", ["9999", "12345", "abc"])
def test_an_unknown_postcode_is_reported_and_does_not_filter(amersfoort_area, typed):
    at("Koor Amersfoort", 52.160, 5.390)
    indexed(name="Koor Online")
    result = search_services(SearchParams(text="koor", postcode=typed, max_distance_km=5))
    assert result.postcode_unknown is True
    assert result.count == 2


def make_directory(size):
    district = DistrictFactory(slug=f"wijk-{size}")
    PostcodeAreaFactory(code="3811", latitude=52.156, longitude=5.389)
    for n in range(size):
        service = indexed(name=f"Koor {n}", life_domains=["culture"])
        ServiceAtLocationFactory(
            service=service,
            location=LocationFactory(latitude=52 + n / 1000, longitude=5.3, district=district),
        )
        ScheduleFactory(service=service, byday="WE")
    return district


def queries_for_a_search(district):
    params = SearchParams(
        text="koren zingen koorr",
        life_domains=("culture",),
        district=district.slug,
        weekdays=("WE",),
        free_only=True,
        postcode="3811 AB",
        max_distance_km=50,
    )
    search_services(params)  # loads the vocabulary cache
    with CaptureQueriesContext(connection) as context:
        result = search_services(params)
        services = list(result.services[:20])
        assert result.count > 0
    assert services
    return len(context.captured_queries)


@pytest.mark.django_db(transaction=False)
def test_the_number_of_queries_does_not_grow_with_the_directory():
    small = queries_for_a_search(make_directory(10))
    large = queries_for_a_search(make_directory(200))
    assert small == large <= 5


def test_the_rebuild_command_indexes_everything(capsys):
    from django.core.management import call_command

    ServiceFactory(name="Fietsgroep")
    call_command("rebuild_search_index", verbosity=0)
    assert names("fietsen") == ["Fietsgroep"]
    assert "Indexed 1 services." in capsys.readouterr().out


def test_a_text_search_keeps_only_the_best_matches(monkeypatch):
    from steunsysteem.directory.search import engine

    monkeypatch.setattr(engine, "MAX_RESULTS", 2)
    indexed(name="Koor", description="Zingen.")
    indexed(name="Koor Noord", description="Zingen in het koor.")
    indexed(name="Buurthuis", description="Met een koor.")
    result = search_services(SearchParams(text="koor"))
    assert [s.name for s in result.services] == ["Koor Noord", "Koor"]
    assert result.count == 2


# Issue 12, point 3: relevance with filters and near-misses.


@pytest.fixture
def weekday_afternoons():
    """Free weekday activities: one choir among services that share letters with its words."""
    choir = indexed(name="Cantorij", description="De cantorij zingt elke donderdag.")
    meaning = indexed(name="Gesprekskring", description="Praten over zingeving en geloof.")
    deal = indexed(name="Huurdersvereniging", description="Samen tot een akkoord komen.")
    tea = indexed(name="Theemiddag", description="Thee en koffie.")
    for service in (choir, meaning, deal, tea):
        ScheduleFactory(service=service, byday="TH")
    return choir


def test_filters_never_bring_in_services_that_match_none_of_the_words(weekday_afternoons):
    weekdays = ("MO", "TU", "WE", "TH", "FR")
    assert names("koor", free_only=True, weekdays=weekdays) == ["Cantorij"]


def test_words_that_only_share_letters_do_not_match():
    indexed(name="Gesprekskring", description="Over zingeving.")
    indexed(name="Huurdersvereniging", description="Tot een akkoord komen.")
    assert names("zingen") == []
    assert names("koor") == []


def test_another_form_of_the_word_counts_as_the_word():
    indexed(name="Cantorij", description="De cantorij zingt. Nieuwe zangers welkom.")
    assert names("zingen") == ["Cantorij"]


def test_a_compound_made_of_the_word_and_another_word_still_matches():
    indexed(name="Breiclub")
    indexed(name="Tekenclub")
    assert names("breien") == ["Breiclub"]


def test_a_typo_inside_a_compound_gets_a_suggestion_and_results(directory):
    result = search_services(SearchParams(text="zangkor"))
    assert result.corrected_terms == {"zangkor": "zangkoor"}
    assert [service.name for service in result.services][0] == "Zanggroep De Lijsters"


def test_a_typo_in_the_first_part_of_a_compound_gets_a_suggestion(directory):
    assert search_services(SearchParams(text="wandlgroep")).corrected_terms == {
        "wandlgroep": "wandelgroep"
    }
