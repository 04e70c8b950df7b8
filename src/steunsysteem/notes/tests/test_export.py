"""Notes in the AVG download: Janny's own download holds every note about her, in the JSON
and in the readable PDF. A copy someone makes for her recorded request holds the notes only
when her consent for notes opens them to that person."""

from __future__ import annotations

import json
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.notes.tests.factories import NoteFactory
from steunsysteem.participants.constants import RequestChannel, RightsRequestKind
from steunsysteem.participants.export import rights_request_export
from steunsysteem.participants.services import rights_request_record
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit

pytestmark = pytest.mark.django_db

ASKED = "Janny vraagt naar een koor in de wijk."
BEHIND = "Ze zoekt mensen bij wie ze erbij hoort."
CORRECTION = "Ik wil ook zangles, zodat ik durf."
CHOIR = "Ik wil zingen in een koor."


@pytest.fixture
def janny():
    janny = ParticipantFactory(name="Janny", user=UserFactory(username="janny"))
    fatima = UserFactory(
        username="fatima", first_name="Fatima", last_name="Yilmaz", professional=True
    )
    ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=ConsentScope.QUESTIONS)
    question = question_submit(participant=janny, text=CHOIR, life_domains=[], by=janny.user)
    first = NoteFactory(
        participant=janny, written_by=fatima, asked=ASKED, question_behind=BEHIND, question=question
    )
    NoteFactory(participant=janny, by_the_person=True, asked=CORRECTION, corrects=first)
    return janny


def pdf_text(content: bytes, tmp_path) -> str:
    pdf = tmp_path / "gegevens.pdf"
    pdf.write_bytes(content)
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(out.split())


def test_janny_downloads_every_note_about_her_as_json(client, janny):
    sign_in(client, janny.user)

    data = json.loads(client.get(reverse("participants:export_json", args=[janny.pk])).content)

    assert "notes" in data["parts"]
    correction, first = data["notes"]
    assert (first["asked"], first["question_behind"]) == (ASKED, BEHIND)
    assert first["about_question"] == janny.questions.get().case_number
    assert (first["written_by"], first["written_by_role"]) == ("Fatima Yilmaz", "professional")
    assert first["held_on"] and first["written_at"] and first["corrects"] is None
    assert correction["asked"] == CORRECTION
    assert correction["corrects"]["written_by"] == "Fatima Yilmaz"


def test_janny_reads_every_note_in_the_pdf(client, janny, tmp_path):
    sign_in(client, janny.user)

    response = client.get(reverse("participants:export_pdf", args=[janny.pk]))

    text = pdf_text(response.content, tmp_path)
    for expected in (
        "Notities van gesprekken",
        ASKED,
        BEHIND,
        CORRECTION,
        "Correctie, gesprek van",
        "Fatima Yilmaz (hulpverlener)",
        f"Vraag {janny.questions.get().case_number}",
    ):
        assert expected in text, expected


def record_copy_request(participant, by):
    return rights_request_record(
        participant=participant,
        kind=RightsRequestKind.DOWNLOAD,
        asked_on=timezone.localdate(),
        channel=RequestChannel.IN_PERSON,
        by=by,
    )


def test_a_copy_made_by_a_professional_with_consent_for_notes_holds_them(client, janny, tmp_path):
    professional = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=professional)
    ConsentGrantFactory(participant=janny, grantee_user=professional, scope=ConsentScope.NOTES)
    copy_request = record_copy_request(janny, professional)
    sign_in(client, professional)

    data = rights_request_export(rights_request=copy_request, by=professional, file_format="json")
    pdf = client.get(
        reverse("participants:rights_request_export_pdf", args=[janny.pk, copy_request.pk])
    )

    assert data["parts"] == ["record", "notes"]
    assert {note["asked"] for note in data["notes"]} == {ASKED, CORRECTION}
    # Without consent for her questions, the copy does not say which question a note is about.
    assert all(note["about_question"] == "" for note in data["notes"])
    assert CHOIR not in json.dumps(data, ensure_ascii=False, default=str)
    text = pdf_text(pdf.content, tmp_path)
    assert ASKED in text and BEHIND in text
    assert "Vraag " not in text


def test_a_copy_made_without_consent_for_notes_holds_none(client, janny, tmp_path):
    organization = OrganizationFactory()
    professional = UserFactory(professional=True, organizations=[organization])
    ConsentGrantFactory(participant=janny, grantee_user=None, grantee_organization=organization)
    ConsentGrantFactory(
        participant=janny, grantee_user=professional, scope=ConsentScope.NOTES, withdrawn=True
    )
    copy_request = record_copy_request(janny, professional)
    sign_in(client, professional)

    data = json.loads(
        client.get(
            reverse("participants:rights_request_export_json", args=[janny.pk, copy_request.pk])
        ).content
    )
    pdf = client.get(
        reverse("participants:rights_request_export_pdf", args=[janny.pk, copy_request.pk])
    )

    assert data["parts"] == ["record"] and "notes" not in data
    body = json.dumps(data, ensure_ascii=False)
    assert ASKED not in body and CORRECTION not in body
    text = pdf_text(pdf.content, tmp_path)
    assert ASKED not in text and "Notities van gesprekken" not in text


def test_my_rights_says_that_notes_are_kept_and_that_erasing_takes_them(client, janny):
    sign_in(client, janny.user)

    rights = client.get(reverse("participants:my_data", args=[janny.pk])).content.decode()
    erase = client.get(reverse("participants:erase", args=[janny.pk])).content.decode()

    assert "Notities van gesprekken over je vragen" in rights
    assert "Elke notitie van een gesprek, ook de correcties." in erase
