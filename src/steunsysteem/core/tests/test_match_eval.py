"""The matching benchmark's evaluation sets stay usable: bench/match_eval/questions.toml (the
set the matcher was tuned on) and bench/match_eval/held_out.toml (new questions, graded before
any system ran on them). Every question is well-formed, ids are unique across both sets, and
every service a question names is a service of the demo sociale kaart, found again under the
same id after a reload."""

import json
import tomllib

import pytest
from django.conf import settings

from steunsysteem.core.demo import demo_id
from steunsysteem.directory import demo
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import Service
from steunsysteem.directory.vocabularies import LifeDomain
from steunsysteem.questions.constants import Readiness

EVAL = settings.PROJECT_ROOT / "bench" / "match_eval"
QUESTIONS = EVAL / "questions.toml"
HELD_OUT = EVAL / "held_out.toml"
FIELDS = {
    "id": str,
    "by": str,
    "text": str,
    "life_domains": list,
    "postcode": str,
    "readiness": str,
    "wishes_and_limits": str,
    "language": str,
    "relevant": dict,
    "must_not": list,
    "note": str,
}
REQUIRED = {"id", "by", "text", "relevant"}


def questions(path=QUESTIONS) -> list[dict]:
    return tomllib.loads(path.read_text("utf-8"))["question"]


def all_questions() -> list[dict]:
    return questions(QUESTIONS) + questions(HELD_OUT)


def demo_services() -> dict[str, dict]:
    """The demo's service specs by slug, read from its data files."""
    return {
        spec["slug"]: spec
        for path in sorted((demo.DATA_DIR / "organizations").glob("*.json"))
        for organization in json.loads(path.read_text("utf-8"))
        for spec in organization["services"]
    }


def demo_postcodes() -> set[str]:
    districts = json.loads((demo.DATA_DIR / "districts.json").read_text("utf-8"))["districts"]
    return {code for district in districts for code in district["postcodes"]}


@pytest.mark.parametrize(("path", "at_least"), [(QUESTIONS, 60), (HELD_OUT, 30)])
def test_each_set_has_enough_questions_from_people_and_professionals(path, at_least):
    found = questions(path)

    assert len(found) >= at_least
    writers = {question["by"] for question in found}
    assert writers == {"participant", "professional"}


def test_ids_are_unique_across_both_sets():
    """The held-out set is new questions, not copies of the tuned ones under the same id."""
    found = all_questions()

    assert len({question["id"] for question in found}) == len(found), "ids must be unique"
    texts = [question["text"].strip().lower() for question in found]
    assert len(set(texts)) == len(texts), "a held-out question repeats a tuned one"


@pytest.mark.parametrize("question", all_questions(), ids=lambda question: question["id"])
def test_each_question_is_well_formed(question):
    assert REQUIRED <= set(question), f"missing {REQUIRED - set(question)}"
    for field, value in question.items():
        assert field in FIELDS, f"unknown field {field!r}"
        assert isinstance(value, FIELDS[field]), f"{field} should be a {FIELDS[field].__name__}"
    assert question["text"].strip()
    assert question["relevant"], "a question without relevant services measures nothing"
    assert set(question["relevant"].values()) <= {1, 2}, "grades are 2 (just right) or 1"
    assert set(question.get("life_domains", [])) <= set(LifeDomain.values)
    assert question.get("readiness", Readiness.READY) in Readiness.values
    assert question.get("postcode", "3901") in demo_postcodes(), "a PC4 code of Partistad"
    assert not set(question["relevant"]) & set(question.get("must_not", []))


def test_every_judged_service_is_an_active_demo_service():
    services = demo_services()

    for question in all_questions():
        for key in question["relevant"]:
            assert key in services, f"{question['id']}: no demo service {key!r}"
            status = services[key].get("status", ServiceStatus.ACTIVE)
            assert status == ServiceStatus.ACTIVE, f"{question['id']}: {key} is {status}"
        for key in question.get("must_not", []):
            assert key in services, f"{question['id']}: no demo service {key!r}"


def test_the_set_tests_what_must_never_be_suggested():
    """Without closed services in the demo, the benchmark's check that none is suggested
    would pass on any matcher."""
    closed = {
        slug for slug, spec in demo_services().items() if spec.get("status", "active") != "active"
    }

    assert {ServiceStatus.INACTIVE, ServiceStatus.TEMPORARILY_CLOSED} <= {
        demo_services()[slug]["status"] for slug in closed
    }
    assert sum(1 for question in questions(QUESTIONS) if question.get("must_not")) >= 5
    assert sum(1 for question in questions(HELD_OUT) if question.get("must_not")) >= 5


@pytest.mark.django_db
def test_the_keys_are_the_services_that_the_demo_loads():
    demo.load()
    keys = {
        key
        for question in all_questions()
        for key in [*question["relevant"], *question.get("must_not", [])]
    }

    loaded = set(
        Service.objects.filter(id__in=[demo_id("service", key) for key in keys]).values_list(
            "id", flat=True
        )
    )

    assert loaded == {demo_id("service", key) for key in keys}
