"""A professional or a participant asks a question; the matcher suggests fitting offers."""

import pytest
from django.utils import translation

from steunsysteem.directory.constants import LifeDomain, ServiceStatus
from steunsysteem.directory.tests.factories import DistrictFactory, PostcodeAreaFactory
from steunsysteem.matching.selectors import match_services

from .helpers import indexed, names, offer, reasons_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize("semantic", [True, False])
def test_inactive_defunct_and_temporarily_closed_offers_are_never_suggested(
    semantic, without_model_if_lexical
):
    offer("Wandelgroep Oost", "Samen wandelen in het park.")
    offer("Wandelclub", "Wandelen op zaterdag.", status=ServiceStatus.TEMPORARILY_CLOSED)
    offer("Wandelmaatjes", "Wandelen met een maatje.", status=ServiceStatus.INACTIVE)
    offer("Wandeltocht", "Wandelen door de wijk.", status=ServiceStatus.DEFUNCT)
    indexed()

    result = match_services(text="ik wil graag wandelen", limit=10)

    assert result.semantic is semantic
    assert names(result) == ["Wandelgroep Oost"]


@pytest.fixture
def without_model_if_lexical(request):
    if not request.getfixturevalue("semantic"):
        request.getfixturevalue("without_model")


def test_meaning_finds_an_offer_that_shares_no_word_with_the_question():
    offer("Houtwerkplaats De Krul", "Houtbewerking voor beginners.")
    offer("Formulierenhulp", "Hulp bij brieven en formulieren.")
    indexed()

    result = match_services(text="ik zou weer iets met mijn handen willen doen")

    assert result.semantic
    assert names(result)[0] == "Houtwerkplaats De Krul"


def test_without_the_model_matching_works_on_words_and_says_so(without_model):
    offer("Houtwerkplaats De Krul", "Houtbewerking voor beginners.")
    offer("Schilderclub", "Samen schilderen met je handen.")
    indexed()

    result = match_services(text="iets met mijn handen doen")

    assert result.semantic is False
    assert names(result) == ["Schilderclub"]


def test_someone_who_is_orienting_sees_low_threshold_offers_without_referral_first():
    offer(
        "Schilderatelier",
        "Schilderen en tekenen in het atelier.",
        eligibility_description="Met een Wmo-indicatie voor dagbesteding.",
    )
    offer(
        "Inloop De Kamer",
        "Schilderen en tekenen in de buurtkamer.",
        access=("low_threshold",),
        application_process="Je kunt gewoon binnenlopen. Aanmelden hoeft niet.",
    )
    indexed()

    ready = match_services(text="schilderen in een atelier", readiness="ready")
    orienting = match_services(text="schilderen in een atelier", readiness="orienting")

    assert names(ready) == ["Schilderatelier", "Inloop De Kamer"]
    assert names(orienting) == ["Inloop De Kamer", "Schilderatelier"]
    assert "laagdrempelig: je kunt gewoon binnenlopen" in reasons_of(orienting, "Inloop De Kamer")
    assert "zonder indicatie" in reasons_of(orienting, "Inloop De Kamer")
    assert "zonder indicatie" not in reasons_of(orienting, "Schilderatelier")


def test_the_nearest_offer_comes_first_with_its_distance_from_home():
    PostcodeAreaFactory(code="3901", latitude=52.0, longitude=5.0)
    offer("Koor Noord", "Samen zingen in een koor.", at=(52.0108, 5.0))  # 1.2 km north
    offer("Koor Zuid", "Samen zingen in een koor.", at=(51.9, 5.0))  # 11 km south
    indexed()

    result = match_services(text="zingen in een koor", postcode="3901 AB")

    assert names(result) == ["Koor Noord", "Koor Zuid"]
    assert "dichtbij (1,2 km)" in reasons_of(result, "Koor Noord")
    assert "op 11,1 km" in reasons_of(result, "Koor Zuid")


def test_without_a_known_postcode_offers_in_the_persons_district_come_first():
    home, elsewhere = DistrictFactory(slug="oost"), DistrictFactory(slug="west")
    offer("Koor West", "Samen zingen in een koor.", district=elsewhere)
    offer("Koor Oost", "Samen zingen in een koor.", district=home)
    indexed()

    result = match_services(text="zingen in een koor", district=home)
    by_slug = match_services(text="zingen in een koor", postcode="0000", district="oost")

    assert names(result) == ["Koor Oost", "Koor West"]
    assert "in je wijk" in reasons_of(result, "Koor Oost")
    assert names(by_slug) == ["Koor Oost", "Koor West"]
    assert by_slug.postcode_unknown


def test_an_offer_on_a_day_and_time_that_fits_comes_first_and_says_when():
    sing = "Samen zingen in een koor."
    offer("Koor De Lijster", sing, days="MO", opens="13:30", closes="15:30")
    offer("Koor De Merel", sing, days="TU", opens="13:30", closes="15:30")
    offer("Koor De Vink", sing, days="TU", opens="19:00", closes="21:00")
    indexed()

    afternoon = match_services(text="zingen in een koor", wishes_and_limits="Liefst dinsdagmiddag.")
    not_monday = match_services(text="zingen in een koor, maandag kan ik niet")

    assert names(afternoon)[0] == "Koor De Merel"
    assert "op dinsdagmiddag" in reasons_of(afternoon, "Koor De Merel")
    assert not any("dinsdag" in reason for reason in reasons_of(afternoon, "Koor De Vink"))
    assert names(not_monday)[-1] == "Koor De Lijster"
    assert "op dinsdag" in reasons_of(not_monday, "Koor De Vink")


def test_an_offer_the_person_is_too_young_or_too_old_for_is_not_suggested():
    offer("Seniorensoos", "Samen koffie drinken en kaarten.", minimum_age=65)
    offer("Jongerensoos", "Samen koffie drinken en kaarten.", maximum_age=27)
    indexed()

    young = match_services(text="samen kaarten en koffie drinken. Ik ben 23 jaar.")
    old = match_services(text="samen kaarten en koffie drinken", wishes_and_limits="Ik ben 70")
    unknown = match_services(text="samen kaarten en koffie drinken")

    assert names(young) == ["Jongerensoos"]
    assert names(old) == ["Seniorensoos"]
    assert sorted(names(unknown)) == ["Jongerensoos", "Seniorensoos"]


def test_without_an_indicatie_offers_that_need_one_are_not_suggested():
    offer(
        "Dagbesteding De Werf",
        "Werken met hout in de werkplaats.",
        eligibility_description="Met een Wmo-indicatie voor dagbesteding.",
    )
    offer("Buurtwerkplaats", "Werken met hout in de werkplaats.")
    indexed()

    without = match_services(text="werken met hout", wishes_and_limits="Ik heb geen indicatie.")
    with_one = match_services(text="werken met hout")

    assert names(without) == ["Buurtwerkplaats"]
    assert sorted(names(with_one)) == ["Buurtwerkplaats", "Dagbesteding De Werf"]


def test_costs_language_wheelchair_and_places_count():
    offer("Taalcafé", "Nederlands oefenen in een groep.", cost="3.00")
    offer("Taalmaatje", "Nederlands oefenen met een maatje.", cost="0", languages=("nl", "en"))
    indexed()

    free = match_services(text="nederlands oefenen", wishes_and_limits="Het moet gratis zijn.")
    english = match_services(text="nederlands oefenen", language="en")

    assert names(free) == ["Taalmaatje", "Taalcafé"]
    assert "gratis" in reasons_of(free, "Taalmaatje")
    assert "gratis" not in reasons_of(free, "Taalcafé")
    assert names(english)[0] == "Taalmaatje"
    assert "ook in het Engels" in reasons_of(english, "Taalmaatje")


def test_a_wheelchair_user_sees_accessible_offers_first():
    offer("Zwemmen A", "Zwemmen in het zwembad.")
    offer("Zwemmen B", "Zwemmen in het zwembad.", access=("wheelchair",))
    indexed()

    result = match_services(text="zwemmen", wishes_and_limits="Ik zit in een rolstoel.")

    assert names(result) == ["Zwemmen B", "Zwemmen A"]
    assert "rolstoeltoegankelijk" in reasons_of(result, "Zwemmen B")


def test_a_full_offer_comes_last_and_free_places_are_named():
    offer("Moestuin A", "Samen tuinieren in de moestuin.", places_available=0)
    offer("Moestuin B", "Samen tuinieren in de moestuin.", places_available=3)
    indexed()

    result = match_services(text="tuinieren")

    assert names(result) == ["Moestuin B", "Moestuin A"]
    assert "nog 3 plekken vrij" in reasons_of(result, "Moestuin B")
    assert "nu geen plek vrij" in reasons_of(result, "Moestuin A")


def test_the_questions_life_domains_weigh_in_and_find_offers_when_words_find_none():
    offer("Sportmaatje", "Samen bewegen.", life_domains=[LifeDomain.SPORT])
    offer("Kookclub", "Samen koken.", life_domains=[LifeDomain.MEETING])
    indexed()

    result = match_services(text="", life_domains=["sport"])

    assert names(result) == ["Sportmaatje"]


def test_the_reasons_name_the_words_that_fit():
    offer("Muziekgroep", "Samen muziek maken met gitaar en drums.", cost="0")
    indexed()

    result = match_services(text="ik wil graag muziek maken")

    assert reasons_of(result, "Muziekgroep") == [
        "gratis",
        "zonder indicatie",
        "past bij: muziek, maken",
    ]


def test_a_typo_that_meaning_and_words_miss_is_found_by_the_kaarts_own_search():
    offer("Koor De Lijster", "Samen zingen in een koor.")
    offer("Schaakclub", "Samen schaken.")
    indexed()

    result = match_services(text="koorr")

    assert result.semantic
    assert names(result) == ["Koor De Lijster"]
