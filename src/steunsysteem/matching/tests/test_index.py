"""The matcher's index follows every change of the sociale kaart."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from steunsysteem.directory import services
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.models import Service
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.matching.models import ServiceEmbedding
from steunsysteem.matching.selectors import match_services

from .helpers import indexed, names, offer

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).parents[2] / "directory" / "tests" / "hsds_examples"


def test_an_approved_change_by_an_editor_is_matched_on_its_new_meaning(
    django_capture_on_commit_callbacks,
):
    organization = OrganizationFactory()
    editor = UserFactory(editor=True, organizations=[organization])
    coordinator = UserFactory(coordinator=True)
    service = offer("De Werkplaats", "Koffie drinken.", organization=organization)
    indexed()
    assert names(match_services(text="iets met mijn handen doen")) != ["De Werkplaats"]
    values = {**services.service_snapshot(service), "description": "Houtbewerking en klussen."}
    request = services.change_request_submit_update(service=service, values=values, by=editor)

    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_approve(change_request=request, by=coordinator)

    assert names(match_services(text="iets met mijn handen doen")) == ["De Werkplaats"]


def test_a_new_service_approved_by_a_coordinator_is_matched(django_capture_on_commit_callbacks):
    organization = OrganizationFactory()
    editor = UserFactory(editor=True, organizations=[organization])
    request = services.change_request_submit_create(
        organization=organization,
        values={"name": "Pottenbakken", "description": "Werken met klei."},
        by=editor,
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_approve(change_request=request, by=UserFactory(coordinator=True))

    assert names(match_services(text="iets met mijn handen")) == ["Pottenbakken"]


def test_an_hsds_import_is_embedded_and_matched(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_hsds", str(EXAMPLES / "service_full.json"), "--no-progress",
                     stdout=io.StringIO(), stderr=io.StringIO())  # fmt: skip

    imported = Service.objects.get()
    assert ServiceEmbedding.objects.filter(service=imported).exists()
    assert imported in [match.service for match in match_services(text=imported.name).matches]


def test_an_admin_edit_is_embedded_after_it_is_saved(django_capture_on_commit_callbacks, model):
    service = offer("Buurtkamer", "Koffie drinken.")
    indexed()
    service.description = "Samen knutselen."

    with django_capture_on_commit_callbacks(execute=True):
        service.save()

    assert names(match_services(text="iets met mijn handen")) == ["Buurtkamer"]


def test_a_closed_service_drops_out_as_soon_as_it_closes(django_capture_on_commit_callbacks):
    service = offer("Knutselclub", "Samen knutselen.")
    indexed()
    assert names(match_services(text="knutselen")) == ["Knutselclub"]

    with django_capture_on_commit_callbacks(execute=True):
        Service.objects.filter(pk=service.pk).update(status=ServiceStatus.TEMPORARILY_CLOSED)

    assert match_services(text="knutselen").matches == []


def test_only_services_whose_text_changed_are_embedded_again(model):
    offer("Knutselclub", "Samen knutselen.")
    offer("Klusdienst", "Vrijwilligers klussen bij je thuis.")
    indexed()
    assert model.passages_embedded == 2

    indexed()
    Service.objects.filter(name="Klusdienst").update(description="Klussen in huis.")
    indexed()

    assert model.passages_embedded == 3


def test_the_rebuild_command_embeds_the_kaart():
    offer("Knutselclub", "Samen knutselen.")
    stdout = io.StringIO()

    call_command("rebuild_match_index", "--force", stdout=stdout)

    assert "Embedded 1 services; 1 are in the matching index." in stdout.getvalue()
    assert names(match_services(text="iets met mijn handen")) == ["Knutselclub"]


def test_the_rebuild_command_says_so_when_the_model_is_missing(without_model):
    with pytest.raises(CommandError, match="cannot be loaded: matching works on words only"):
        call_command("rebuild_match_index")


def test_the_match_command_prints_json_best_first_with_the_hsds_id():
    closed = offer("Knutselcafé", "Knutselen.", status=ServiceStatus.TEMPORARILY_CLOSED)
    near = offer("Knutselclub", "Samen knutselen en klussen.", cost="0")
    other = offer("Klusdienst", "Klussen bij je thuis.")
    indexed()
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command("match", "knutselen en klussen", "--limit", "5", "--json",
                 stdout=stdout, stderr=stderr)  # fmt: skip

    rows = json.loads(stdout.getvalue())
    assert [row["service_id"] for row in rows] == [str(near.pk), str(other.pk)]
    assert rows[0]["name"] == "Knutselclub"
    assert rows[0]["score"] > rows[1]["score"]
    assert "gratis" in rows[0]["reasons"]
    assert str(closed.pk) not in stdout.getvalue()
    assert stderr.getvalue() == ""


def test_the_match_command_says_when_it_matched_on_words_only(without_model):
    offer("Knutselclub", "Samen knutselen.")
    indexed()
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command("match", "knutselen", "--json", stdout=stdout, stderr=stderr)

    assert [row["name"] for row in json.loads(stdout.getvalue())] == ["Knutselclub"]
    assert "matched on words only" in stderr.getvalue()


def test_the_match_command_refuses_a_limit_out_of_range():
    with pytest.raises(CommandError, match="--limit must be between 1 and 50"):
        call_command("match", "knutselen", "--limit", "0")
