"""Notes of conversations (vraagverheldering): Janny and Fatima write down what was asked
and the question behind the question; Janny reads every note about her. Others read them
only with Janny's consent for notes, never through emergency access; a relative or a
volunteer with that consent reads and writes none; an editor, a policy officer and an
administrator never see a note. Every read and write is in the audit trail, never the text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import AuditAction, AuditResult, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.notes import services
from steunsysteem.notes.models import Note
from steunsysteem.notes.tests.factories import NoteFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.participants.views.base import participant_links
from steunsysteem.questions.services import question_submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ASKED = "Janny vraagt of er een koor is waar ze mee kan zingen."
BEHIND = "Ze zoekt een plek waar ze erbij hoort."
CHOIR = "Ik wil zingen in een koor."


@pytest.fixture
def janny():
    return ParticipantFactory(
        name="Janny",
        user=UserFactory(username="janny", first_name="Janny", last_name="de Vries"),
    )


@pytest.fixture
def fatima(janny):
    """A professional with Janny's consent for her basic details, questions and notes."""
    fatima = UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Yilmaz",
        professional=True,
        organizations=[OrganizationFactory(name="Sociaal Wijkteam")],
    )
    for scope in (ConsentScope.PROFILE, ConsentScope.QUESTIONS, ConsentScope.NOTES):
        ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=scope)
    return fatima


def list_url(participant) -> str:
    return reverse("notes:list", args=[participant.pk])


def write_url(participant) -> str:
    return reverse("notes:write", args=[participant.pk])


def write(client, participant, **data):
    url = data.pop("url", None) or write_url(participant)
    fields = {"held_on": timezone.localdate().isoformat(), "asked": ASKED, **data}
    return client.post(url, {**fields, "form_token": form_token_for(client, url)})


def link_keys(user, participant) -> list[str]:
    return [link.key for link in participant_links(user, participant)]


# Who writes and who reads ---------------------------------------------------------------------


def test_janny_writes_a_note_about_herself_and_reads_it_on_my_notes(client, janny):
    sign_in(client, janny.user)

    response = write(client, janny, asked="Ik wil zingen.", question_behind="Ik wil erbij horen.")

    assert response.headers["Location"] == list_url(janny)
    note = Note.objects.get()
    assert (note.written_by, note.written_by_role) == (janny.user, "participant")
    page = client.get(list_url(janny))
    content = page.content.decode()
    assert (
        "My notes" in content and "Ik wil zingen." in content and "Ik wil erbij horen." in content
    )
    assert "Written by Janny de Vries (participant)" in content
    assert "notes" in link_keys(janny.user, janny)


def test_a_professional_with_consent_for_notes_writes_and_reads_them(client, janny, fatima):
    sign_in(client, fatima)

    write(client, janny, question_behind=BEHIND)

    note = Note.objects.get()
    assert (note.asked, note.question_behind) == (ASKED, BEHIND)
    assert (note.written_by, note.written_by_role, note.participant) == (
        fatima,
        "professional",
        janny,
    )
    content = client.get(list_url(janny)).content.decode()
    assert ASKED in content and BEHIND in content
    assert "Written by Fatima Yilmaz (professional, Sociaal Wijkteam)" in content


def test_the_list_shows_the_newest_note_first_with_who_wrote_it_and_when(client, janny, fatima):
    NoteFactory(
        participant=janny,
        written_by=fatima,
        asked="Eerste gesprek",
        written_at=timezone.now() - dt.timedelta(days=9),
    )
    NoteFactory(participant=janny, by_the_person=True, asked="Tweede gesprek")
    sign_in(client, janny.user)

    response = client.get(list_url(janny))

    content = response.content.decode()
    assert content.index("Tweede gesprek") < content.index("Eerste gesprek")
    assert [note.asked for note in response.context["notes"]] == [
        "Tweede gesprek",
        "Eerste gesprek",
    ]
    assert "Fatima Yilmaz" in content and "Janny de Vries" in content


CONSENT_THAT_DOES_NOT_OPEN_NOTES = {
    "only basic details": {"scope": ConsentScope.PROFILE},
    "notes, withdrawn": {"scope": ConsentScope.NOTES, "withdrawn": True},
    "notes, ended": {"scope": ConsentScope.NOTES, "expired": True},
    "notes, waiting for Janny's yes": {"scope": ConsentScope.NOTES, "awaiting_confirmation": True},
}


@pytest.mark.parametrize("consent", sorted(CONSENT_THAT_DOES_NOT_OPEN_NOTES))
def test_without_consent_for_notes_in_force_a_professional_sees_and_writes_none(
    client, janny, consent
):
    professional = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=professional)  # basic details
    ConsentGrantFactory(participant=janny, grantee_user=professional, scope=ConsentScope.QUESTIONS)
    ConsentGrantFactory(
        participant=janny, grantee_user=professional, **CONSENT_THAT_DOES_NOT_OPEN_NOTES[consent]
    )
    question_submit(participant=janny, text=CHOIR, life_domains=[], by=janny.user)
    NoteFactory(participant=janny, by_the_person=True, asked=ASKED, question_behind=BEHIND)
    sign_in(client, professional)

    assert client.get(list_url(janny)).status_code == 403
    assert client.get(write_url(janny)).status_code == 403
    assert client.post(write_url(janny), {"asked": "x"}).status_code == 403
    assert Note.objects.count() == 1
    assert "notes" not in link_keys(professional, janny)
    # Nothing of a note on the pages the professional may open.
    for url in (
        reverse("participants:detail", args=[janny.pk]),
        reverse("questions:list", args=[janny.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert ASKED not in content and BEHIND not in content
        assert list_url(janny) not in content
    refused = AuditEntry.objects.filter(action=AuditAction.ACCESS_DENIED, fields=["notes"])
    assert refused.filter(actor_user_id=professional.pk, object_id=str(janny.pk)).exists()


def test_emergency_access_opens_basic_details_but_never_notes(client, janny):
    NoteFactory(participant=janny, by_the_person=True, asked=ASKED)
    professional = UserFactory(professional=True)
    emergency_access_start(participant=janny, by=professional, reason="Niet bereikbaar.")
    sign_in(client, professional)

    assert permissions.participant_access(professional, janny, ConsentScope.PROFILE).allowed
    assert not permissions.participant_access(professional, janny, ConsentScope.NOTES).allowed
    assert not permissions.can_write_note(professional, janny)
    detail = client.get(reverse("participants:detail", args=[janny.pk]))
    assert detail.status_code == 200 and ASKED not in detail.content.decode()
    assert "notes" not in link_keys(professional, janny)
    assert client.get(list_url(janny)).status_code == 403
    assert client.get(write_url(janny)).status_code == 403
    with pytest.raises(services.NoteError):
        services.note_write(
            participant=janny, by=professional, held_on=timezone.localdate(), asked="x"
        )
    assert Note.objects.count() == 1


@pytest.mark.parametrize("role", ["relative", "volunteer"])
def test_a_relative_or_volunteer_with_consent_for_notes_reads_them_and_writes_none(
    client, janny, role
):
    NoteFactory(participant=janny, by_the_person=True, asked=ASKED)
    someone = UserFactory(**{role: True})
    ConsentGrantFactory(participant=janny, grantee_user=someone, scope=ConsentScope.NOTES)
    sign_in(client, someone)

    response = client.get(list_url(janny))

    assert response.status_code == 200 and ASKED in response.content.decode()
    assert "notes" in link_keys(someone, janny)
    assert write_url(janny) not in response.content.decode()
    assert client.get(write_url(janny)).status_code == 403
    assert client.post(write_url(janny), {"asked": "x"}).status_code == 403
    with pytest.raises(services.NoteError):
        services.note_write(participant=janny, by=someone, held_on=timezone.localdate(), asked="x")
    assert Note.objects.count() == 1


@pytest.mark.parametrize("role", ["editor", "policy_officer", "administrator"])
def test_an_editor_a_policy_officer_and_an_administrator_never_see_a_note(client, janny, role):
    NoteFactory(participant=janny, by_the_person=True, asked=ASKED)
    organization = OrganizationFactory()
    someone = UserFactory(**{role: True}, organizations=[organization])
    ConsentGrantFactory(participant=janny, grantee_user=someone, scope=ConsentScope.NOTES)
    ConsentGrantFactory(
        participant=janny,
        grantee_user=None,
        grantee_organization=organization,
        scope=ConsentScope.NOTES,
    )
    sign_in(client, someone)

    assert not permissions.can_read_notes(someone, janny)
    assert not permissions.can_write_note(someone, janny)
    assert client.get(list_url(janny)).status_code == 403
    assert client.get(write_url(janny)).status_code == 403


def test_notes_are_not_in_the_admin():
    assert Note not in admin.site._registry


def test_a_werktafel_with_consent_for_notes_opens_them_to_its_members(client, janny):
    from steunsysteem.worktables.tests.factories import WorktableFactory

    coordinator = UserFactory(coordinator=True)
    table = WorktableFactory(members=[coordinator])
    ConsentGrantFactory(
        participant=janny, grantee_user=None, grantee_worktable=table, scope=ConsentScope.NOTES
    )

    assert permissions.can_read_notes(coordinator, janny)
    assert permissions.can_write_note(coordinator, janny)


# The audit trail ------------------------------------------------------------------------------


def test_reads_and_writes_are_in_the_trail_with_their_basis_and_never_the_text(
    client, janny, fatima
):
    notes_grant = janny.consent_grants.get(grantee_user=fatima, scope=ConsentScope.NOTES)
    sign_in(client, fatima)

    write(client, janny, question_behind=BEHIND)
    client.get(list_url(janny))

    created = AuditEntry.objects.get(action=AuditAction.CREATE, actor_user_id=fatima.pk)
    assert created.fields == ["notes.asked", "notes.question_behind"]
    assert (created.object_id, created.legal_basis) == (str(janny.pk), f"consent:{notes_grant.pk}")
    read = AuditEntry.objects.filter(
        action=AuditAction.READ, actor_user_id=fatima.pk, fields=["notes"]
    )
    assert read.filter(result=AuditResult.ALLOWED, legal_basis=f"consent:{notes_grant.pk}").exists()
    for entry in AuditEntry.objects.all():
        text = " ".join(str(value) for value in entry.__dict__.values())
        assert ASKED not in text and BEHIND not in text
    # Janny sees in words, in "Wie keek er", that Fatima wrote and read her notes.
    client.logout()
    sign_in(client, janny.user)
    log = client.get(reverse("participants:access_log", args=[janny.pk])).content.decode()
    assert "notes of conversations" in log


# A record: corrections, never changes ---------------------------------------------------------


def test_a_note_is_never_changed_janny_corrects_it_with_a_new_note(client, janny, fatima):
    original = NoteFactory(participant=janny, written_by=fatima, asked=ASKED)
    sign_in(client, janny.user)
    url = reverse("notes:correct", args=[janny.pk, original.pk])
    assert ASKED in client.get(url).content.decode()  # she sees what she corrects

    response = write(client, janny, url=url, asked="Ik wil ook zangles.")

    assert response.headers["Location"] == list_url(janny)
    original.refresh_from_db()
    assert original.asked == ASKED and original.corrects is None
    correction = Note.objects.exclude(pk=original.pk).get()
    assert (correction.corrects, correction.written_by) == (original, janny.user)
    content = client.get(list_url(janny)).content.decode()
    assert (
        "This corrects the note of" in content and "There is a correction of this note" in content
    )
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert entry.fields == ["notes.asked", "notes.corrects"]


def test_a_note_about_someone_else_cannot_be_corrected_here(client, janny, fatima):
    mark = ParticipantFactory(name="Mark")
    ConsentGrantFactory(participant=mark, grantee_user=fatima, scope=ConsentScope.NOTES)
    marks_note = NoteFactory(participant=mark, written_by=fatima, asked="Over Mark")
    sign_in(client, fatima)

    url = reverse("notes:correct", args=[janny.pk, marks_note.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"asked": "x", "held_on": "2026-01-01"}).status_code == 404
    with pytest.raises(services.NoteError):
        services.note_write(
            participant=janny,
            by=fatima,
            held_on=timezone.localdate(),
            asked="x",
            corrects=marks_note,
        )
    assert Note.objects.count() == 1


# Bad input -------------------------------------------------------------------------------------


def test_what_was_asked_is_needed_and_the_conversation_is_not_in_the_future(client, janny, fatima):
    sign_in(client, fatima)

    empty = write(client, janny, asked="   ")
    tomorrow = write(
        client, janny, held_on=(timezone.localdate() + dt.timedelta(days=1)).isoformat()
    )

    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    assert "The conversation cannot be in the future." in tomorrow.content.decode()
    assert not Note.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()
    with pytest.raises(services.NoteError, match="what was asked"):
        services.note_write(participant=janny, by=fatima, held_on=timezone.localdate(), asked=" ")


def test_the_form_counts_once(client, janny, fatima):
    sign_in(client, fatima)
    url = write_url(janny)
    data = {
        "held_on": timezone.localdate().isoformat(),
        "asked": ASKED,
        "form_token": form_token_for(client, url),
    }

    first = client.post(url, data)
    again = client.post(url, data, follow=True)

    assert first.status_code == again.redirect_chain[0][1] == 302
    assert Note.objects.count() == 1
    assert "already sent" in again.content.decode()


# About one of the person's questions -----------------------------------------------------------


def test_a_note_about_a_question_names_it_to_whoever_may_see_the_questions(client, janny, fatima):
    question = question_submit(participant=janny, text=CHOIR, life_domains=[], by=janny.user)
    sign_in(client, fatima)
    form = client.get(write_url(janny))
    assert "question" in form.context["form"].fields and CHOIR in form.content.decode()

    write(client, janny, question=question.pk)

    assert Note.objects.get().question == question
    content = client.get(list_url(janny)).content.decode()
    assert "About the question" in content and CHOIR in content
    question_read = AuditEntry.objects.filter(
        action=AuditAction.READ, actor_user_id=fatima.pk, fields=["questions.text"]
    )
    assert question_read.count() == 3  # the form twice (once to send it) and the list


def test_without_consent_for_questions_a_note_keeps_the_question_to_itself(client, janny):
    question = question_submit(participant=janny, text=CHOIR, life_domains=[], by=janny.user)
    NoteFactory(participant=janny, by_the_person=True, asked=ASKED, question=question)
    professional = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=professional, scope=ConsentScope.NOTES)
    sign_in(client, professional)

    form = client.get(write_url(janny))
    page = client.get(list_url(janny))

    assert "question" not in form.context["form"].fields
    assert CHOIR not in form.content.decode()
    assert ASKED in page.content.decode() and CHOIR not in page.content.decode()
    assert not AuditEntry.objects.filter(fields=["questions.text"]).exists()
    with pytest.raises(services.NoteError):
        services.note_write(
            participant=janny,
            by=professional,
            held_on=timezone.localdate(),
            asked="x",
            question=question,
        )


def test_a_question_of_someone_else_is_refused(janny, fatima):
    mark = ParticipantFactory(name="Mark", with_account=True)
    marks_question = question_submit(
        participant=mark, text="Kaarten", life_domains=[], by=mark.user
    )

    with pytest.raises(services.NoteError, match="this person's questions"):
        services.note_write(
            participant=janny,
            by=fatima,
            held_on=timezone.localdate(),
            asked="x",
            question=marks_question,
        )
    assert not Note.objects.exists()
