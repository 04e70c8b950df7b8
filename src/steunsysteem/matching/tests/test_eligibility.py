"""The matcher never suggests an offer the person cannot go to, when the question says so:
one test per rule (closed and inactive ones are in ``test_ranking``)."""

import pytest
from django.utils import translation

from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.matching.selectors import match_services

from .helpers import indexed, names, offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize("semantic", [True, False])
def test_closed_and_inactive_offers_stay_out_whatever_the_question_asks(semantic, request):
    if not semantic:
        request.getfixturevalue("without_model")
    offer(
        "Jeu de boules",
        "Jeu de boules spelen op het plein.",
        status=ServiceStatus.TEMPORARILY_CLOSED,
    )
    offer("Boules in het park", "Jeu de boules in het park.", status=ServiceStatus.INACTIVE)
    offer("Jeu de boules Oost", "Jeu de boules met de buurt.", status=ServiceStatus.DEFUNCT)
    offer("Petanque", "Jeu de boules in de wijk.")
    indexed()

    result = match_services(text="jeu de boules", readiness="orienting", limit=50)

    assert names(result) == ["Petanque"]


def test_a_man_is_not_offered_a_group_for_women():
    offer("Vrouwencafé", "Samen koffie drinken en praten.")
    offer("Wandelgroep voor vrouwen", "Samen wandelen en praten.")
    offer("Buurtkamer", "Samen koffie drinken en praten.")
    indexed()

    man = match_services(text="ik ben een man en wil graag praten en koffie drinken")
    client = match_services(text="Meneer Jansen (63) wil graag praten en koffie drinken.")
    unknown = match_services(text="ik wil graag praten en koffie drinken")

    assert names(man) == ["Buurtkamer"]
    assert names(client) == ["Buurtkamer"]
    assert "Vrouwencafé" in names(unknown)


def test_a_woman_is_not_offered_a_group_for_men():
    offer("Mannenavond", "Samen darten en praten.")
    offer("Buurtavond", "Samen darten en praten.")
    indexed()

    result = match_services(text="Mevrouw wil graag darten en praten.")

    assert names(result) == ["Buurtavond"]


def test_the_age_written_as_a_professional_writes_it_counts():
    offer("Bewegen voor 55-plussers", "Gymnastiek met muziek.", minimum_age=55)
    offer("Sportgroep", "Gymnastiek met muziek.")
    indexed()

    in_brackets = match_services(text="Meneer (45) wil gymnastiek met muziek.")
    with_van = match_services(text="Jongen van 24 zoekt gymnastiek met muziek.")
    with_is = match_services(text="Meneer is 38 en wil gymnastiek met muziek.")
    old = match_services(text="Mevrouw (70) wil gymnastiek met muziek.")

    assert names(in_brackets) == ["Sportgroep"]
    assert names(with_van) == ["Sportgroep"]
    assert names(with_is) == ["Sportgroep"]
    assert sorted(names(old)) == ["Bewegen voor 55-plussers", "Sportgroep"]


def test_an_age_range_in_the_offers_own_words_counts():
    offer("Groep voor jonge naasten", "Ben je tussen 16 en 27 jaar? Samen praten en dingen doen.")
    offer("Praatgroep", "Samen praten en dingen doen.")
    indexed()

    result = match_services(text="ik ben 40 en wil samen praten en dingen doen")

    assert names(result) == ["Praatgroep"]


def test_a_relatives_age_is_not_the_askers_but_a_parent_is_older_than_their_child():
    offer("Jongerengroep", "Samen praten. Ben je tussen 16 en 27 jaar?")
    offer("Oudergroep", "Samen praten over je kind.")
    indexed()

    mother = match_services(text="Zoon (22) is ziek. Moeder wil samen praten over haar kind.")
    young = match_services(text="mijn moeder is 60. ik ben 19 en wil samen praten.")

    assert "Jongerengroep" not in names(mother)
    assert "Jongerengroep" in names(young)


def test_without_an_indicatie_offers_whose_own_words_ask_for_one_stay_out_whatever_the_tags():
    offer(
        "Creatieve dagbesteding",
        "Dagbesteding in het atelier.",
        access=("no_referral",),  # inherited from the organisation
        eligibility_description="Met een Wmo-indicatie voor dagbesteding.",
    )
    offer("Open atelier", "Schilderen in het atelier.")
    indexed()

    result = match_services(text="Hij zoekt iets in een atelier. Hij heeft geen indicatie.")

    assert names(result) == ["Open atelier"]


def test_someone_not_in_treatment_is_not_offered_a_training_for_clients_only():
    offer(
        "Groepstraining angst",
        "Leren omgaan met angst en paniek.",
        eligibility_description="Alleen voor cliënten van GGZ Partistad.",
    )
    offer("Lotgenotengroep angst", "Praten over angst en paniek.")
    indexed()

    result = match_services(text="paniek en angst. ik ben niet in behandeling")
    in_treatment = match_services(text="paniek en angst")

    assert names(result) == ["Lotgenotengroep angst"]
    assert "Groepstraining angst" in names(in_treatment)


def test_someone_born_here_is_not_offered_dutch_as_a_second_language():
    offer(
        "Nederlands als tweede taal",
        "Lessen voor wie een andere moedertaal heeft. Lezen en schrijven.",
    )
    offer("Taalhuis", "Beter leren lezen en schrijven.")
    indexed()

    born_here = match_services(text="ik ben hier geboren maar kan niet goed lezen en schrijven")
    newcomer = match_services(text="ik kan niet goed lezen en schrijven")

    assert names(born_here) == ["Taalhuis"]
    assert "Nederlands als tweede taal" in names(newcomer)


def test_a_question_in_dutch_gets_no_offer_only_in_another_language():
    offer("Gespreksgroep eenzaamheid", "Praten over eenzaamheid.", languages=("tr",))
    offer("Koffieochtend", "Praten over eenzaamheid.", languages=("nl", "tr"))
    offer("Praatgroep", "Praten over eenzaamheid.")
    indexed()

    dutch = match_services(text="ik voel me eenzaam en wil graag praten over eenzaamheid")
    turkish = match_services(text="praten over eenzaamheid", language="tr")

    assert sorted(names(dutch)) == ["Koffieochtend", "Praatgroep"]
    assert names(turkish)[0] in {"Gespreksgroep eenzaamheid", "Koffieochtend"}
    assert "Gespreksgroep eenzaamheid" in names(turkish)


def test_a_question_too_short_to_tell_its_language_keeps_other_languages_but_lower():
    offer("Groep Oost", "Praten over eenzaamheid.", languages=("tr",))
    offer("Groep West", "Praten over eenzaamheid.")
    indexed()

    result = match_services(text="eenzaamheid")

    assert names(result) == ["Groep West", "Groep Oost"]


def test_a_question_about_a_relatives_illness_finds_groups_for_relatives_first():
    offer("Lotgenotengroep", "Een groep voor mensen die bipolair zijn.")
    offer("Naastengroep", "Een groep voor naasten van mensen die bipolair zijn.")
    offer("Praatgroep", "Praten over eenzaamheid.")  # the kaart has more than these two
    offer("Wandelgroep", "Samen wandelen in het park.")
    indexed()

    relative = match_services(text="mijn moeder is bipolair, ik zoek een groep")
    person = match_services(text="ik ben bipolair en zoek een groep")

    assert names(relative)[0] == "Naastengroep"
    assert names(person)[0] == "Lotgenotengroep"


def test_someone_who_wants_to_look_around_first_gets_places_to_drop_in_first():
    offer(
        "Cursus koffie zetten",
        "Koffie drinken en kletsen in een cursus.",
        application_process="Je meldt je aan. Daarna volgt een kennismakingsgesprek.",
    )
    offer(
        "Inloop De Vonk",
        "Koffie drinken en kletsen in een cursus.",
        application_process="Je kunt gewoon binnenlopen. Aanmelden hoeft niet.",
    )
    indexed()

    looking = match_services(text="ik wil eerst eens rondkijken, koffie drinken en kletsen")
    ready = match_services(text="koffie drinken en kletsen", readiness="ready")

    assert names(looking)[0] == "Inloop De Vonk"
    assert "laagdrempelig: je kunt gewoon binnenlopen" in looking.matches[0].reasons
    assert "laagdrempelig: je kunt gewoon binnenlopen" not in ready.matches[0].reasons
