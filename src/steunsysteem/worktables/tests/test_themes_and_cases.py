"""A table also discusses a theme, and a case about no registered person ("who at the
municipality is the right person for ...", or a case without identifying data). Ruud, the
chair, puts them on the agenda; the table records what it agreed, tips and actions; the
organisations suggested by life domains are invited, nobody as "the person"; the minutes list
them by title, never with a case's description; only the table's members read that."""

import datetime as dt
import subprocess

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.form_tokens import ALREADY_SENT, FIELD_NAME
from steunsysteem.directory.search import rebuild_index
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.worktables import services
from steunsysteem.worktables.constants import AgendaItemKind, MeetingStatus
from steunsysteem.worktables.minutes import meeting_minutes, minutes_text
from steunsysteem.worktables.models import (
    Action,
    AgendaItem,
    AgendaItemTips,
    Invitation,
    Meeting,
    MeetingMinutes,
)
from steunsysteem.worktables.notifications import action_reminders_send
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

THEME = "Eenzaamheid onder mantelzorgers"
THEME_TEXT = "Meerdere organisaties zien mantelzorgers die er alleen voor staan."
CASE = "Wie bij de gemeente gaat over schulden bij jongeren?"
CASE_TEXT = "Een jongere van 19 met schulden bij drie instanties wil hulp bij het ordenen."
AGREED = "De gemeente stuurt de naam van de schuldhulpcoach."


class Table:
    """Werktafel Vlietzoom: Ruud chairs, Fatima of the wijkteam sits at it. The Geldwinkel
    has a money service (with an address), the Buurthuis a meeting service. A meeting next
    week with nothing on its agenda yet."""

    def __init__(self):
        self.geldwinkel = OrganizationFactory(name="Geldwinkel", email="info@geldwinkel.example")
        self.buurthuis = OrganizationFactory(name="Buurthuis De Schakel")
        self.money = ServiceFactory(
            name="Schuldhulp op afspraak", organization=self.geldwinkel, life_domains=["money"]
        )
        ServiceFactory(name="Koffieochtend", organization=self.buurthuis, life_domains=["meeting"])
        rebuild_index()
        self.ruud = UserFactory(username="ruud", coordinator=True)
        self.fatima = UserFactory(username="fatima", professional=True)
        self.worktable = WorktableFactory(
            name="Werktafel Vlietzoom",
            district=DistrictFactory(),
            members=[self.ruud, self.fatima],
        )
        start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
        start += dt.timedelta(days=7)
        self.meeting = services.meeting_plan(
            worktable=self.worktable,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location="Wijkcentrum De Vliet",
            by=self.ruud,
        )

    def add(self, kind=AgendaItemKind.CASE, title=CASE, description=CASE_TEXT, domains=("money",)):
        return services.agenda_item_add(
            meeting=self.meeting,
            kind=kind,
            title=title,
            description=description,
            life_domains=list(domains),
            by=self.ruud,
        )

    def theme(self):
        return self.add(AgendaItemKind.THEME, THEME, THEME_TEXT, ["meeting"])

    def slot(self):
        return {
            "starts_at": self.meeting.starts_at + dt.timedelta(minutes=20),
            "ends_at": self.meeting.starts_at + dt.timedelta(minutes=40),
        }

    def item_url(self, item, name="agenda_item"):
        return reverse(f"worktables:{name}", args=[self.meeting.pk, item.pk])


@pytest.fixture
def table():
    return Table()


def meeting_audits(meeting, action=None):
    entries = AuditEntry.objects.filter(object_type="worktables.meeting", object_id=str(meeting.pk))
    return entries.filter(action=action) if action else entries


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "verslag.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def participant_audits():
    return AuditEntry.objects.filter(object_type="participants.participant")


# The database keeps kind and question consistent --------------------------------------------


def test_a_theme_or_case_names_no_question_and_has_a_title(table):
    question_item = AgendaItem(meeting=table.meeting, kind=AgendaItemKind.NEW, position=1)
    theme_without_title = AgendaItem(meeting=table.meeting, kind=AgendaItemKind.THEME, position=1)
    for invalid in (question_item, theme_without_title):
        with pytest.raises(IntegrityError), transaction.atomic():
            invalid.save()


def test_a_question_item_has_no_title_or_description_and_a_theme_no_question(table):
    from steunsysteem.questions.tests.loop import make_loop

    loop = make_loop()
    question = loop.question()
    for values in (
        {"kind": AgendaItemKind.NEW, "question": question, "title": THEME},
        {"kind": AgendaItemKind.FOLLOW_UP, "question": question, "description": CASE_TEXT},
        {"kind": AgendaItemKind.THEME, "question": question, "title": THEME},
        {"kind": AgendaItemKind.CASE, "question": question, "title": CASE},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            AgendaItem.objects.create(meeting=table.meeting, position=9, **values)


def test_an_action_belongs_to_a_question_or_an_agenda_item(table):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(owner=table.fatima, what="Bellen", due_on=timezone.localdate())


# Adding and removing -----------------------------------------------------------------------


def test_the_chair_adds_a_case_at_the_end_with_organisations_by_life_domain_and_audited(table):
    theme = table.theme()
    case = table.add()

    assert (theme.position, case.position) == (1, 2)
    assert case.question is None and case.kind == "case"
    assert case.suggested_organization_ids == [str(table.geldwinkel.pk)]
    assert theme.suggested_organization_ids == [str(table.buurthuis.pk)]
    entries = meeting_audits(table.meeting, AuditAction.CREATE).filter(fields=["agenda"])
    assert entries.count() == 2
    assert all(entry.actor_user_id == table.ruud.pk for entry in entries)
    # The trail says the agenda changed; what the item is about stays out of it.
    trail = " ".join(str(vars(entry)) for entry in AuditEntry.objects.all())
    assert CASE not in trail and CASE_TEXT not in trail and THEME not in trail


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": "   "}, "Give the item a short title."),
        ({"title": "x" * 121}, "Keep the title under 120 characters."),
        ({"description": "x" * 1001}, "Keep the description under 1000 characters."),
        ({"kind": AgendaItemKind.NEW}, "Choose a theme or a case without a participant."),
        ({"domains": ["astrology"]}, "Choose life domains from the list."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_adds_nothing(table, values, message):
    with pytest.raises(services.MeetingError, match=message):
        table.add(**values)
    assert not table.meeting.agenda.exists()


def test_nothing_is_added_to_a_closed_meeting(table):
    services.meeting_close(meeting=table.meeting, by=table.ruud)

    with pytest.raises(services.MeetingError, match="This meeting is closed."):
        table.add()
    assert not table.meeting.agenda.exists()


def test_the_chair_adds_an_item_from_the_meeting_page_once_for_a_double_click(client, table):
    sign_in(client, table.ruud)
    url = reverse("worktables:meeting", args=[table.meeting.pk])
    page = client.get(url)
    token = page.context["add_form_token"]
    assert 'id="add-item"' in page.content.decode()
    data = {
        FIELD_NAME: token,
        "new-item-kind": "theme",
        "new-item-title": THEME,
        "new-item-description": THEME_TEXT,
        "new-item-life_domains": ["meeting"],
    }

    add_url = reverse("worktables:agenda_item_add", args=[table.meeting.pk])
    first = client.post(add_url, data, follow=True).content.decode()
    again = client.post(add_url, data, follow=True).content.decode()

    item = table.meeting.agenda.get()
    assert (item.kind, item.title, item.life_domains) == ("theme", THEME, ["meeting"])
    assert "The item is on the agenda." in first and f"Theme: {THEME}" in first
    assert str(ALREADY_SENT) in again and "The item is on the agenda." not in again


def test_a_form_with_an_empty_title_says_so_and_adds_nothing(client, table):
    sign_in(client, table.ruud)
    token = client.get(reverse("worktables:meeting", args=[table.meeting.pk])).context[
        "add_form_token"
    ]

    response = client.post(
        reverse("worktables:agenda_item_add", args=[table.meeting.pk]),
        {FIELD_NAME: token, "new-item-kind": "case", "new-item-title": ""},
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not table.meeting.agenda.exists()


def test_a_member_who_does_not_run_the_table_cannot_add_an_item(client, table):
    sign_in(client, table.fatima)

    response = client.post(
        reverse("worktables:agenda_item_add", args=[table.meeting.pk]),
        {"new-item-kind": "case", "new-item-title": CASE},
    )

    assert response.status_code == 403
    assert not table.meeting.agenda.exists()
    assert (
        "add_form" not in client.get(reverse("worktables:meeting", args=[table.meeting.pk])).context
    )


def test_the_chair_takes_a_case_off_the_agenda_for_good_and_it_is_audited(client, table):
    item = table.add()
    sign_in(client, table.ruud)

    response = client.post(table.item_url(item, "agenda_item_remove"), follow=True)

    assert "The item is off the agenda." in response.content.decode()
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert meeting_audits(table.meeting, AuditAction.UPDATE).filter(fields=["agenda"]).exists()
    # Building the agenda does not bring it back.
    services.agenda_build(meeting=table.meeting, by=table.ruud)
    assert not table.meeting.agenda.exists()


def test_a_discussed_case_or_one_with_actions_stays_on_the_agenda(table):
    discussed, with_action = table.add(), table.theme()
    services.agenda_item_record(item=discussed, proposal=AGREED, by=table.ruud)
    services.action_add(
        item=with_action,
        owner=table.fatima,
        what="Overzicht maken",
        due_on=timezone.localdate(),
        by=table.ruud,
    )

    with pytest.raises(services.MeetingError, match="This item was discussed already."):
        services.agenda_item_remove(item=discussed, by=table.ruud)
    with pytest.raises(services.MeetingError, match="Actions were agreed for this item"):
        services.agenda_item_remove(item=with_action, by=table.ruud)
    assert table.meeting.agenda.count() == 2


def test_a_deleted_meeting_takes_a_themes_actions_along_and_keeps_a_questions(table):
    from steunsysteem.questions.tests.loop import make_loop

    loop_question = make_loop().question()
    theme = table.theme()
    theme_action = services.action_add(
        item=theme, owner=table.fatima, what="Overzicht", due_on=timezone.localdate(), by=table.ruud
    )
    question_action = Action.objects.create(
        question=loop_question,
        agenda_item=AgendaItem.objects.create(
            meeting=table.meeting, question=loop_question, kind="new", position=5
        ),
        owner=table.fatima,
        what="Bellen",
        due_on=timezone.localdate(),
    )

    Meeting.objects.filter(pk=table.meeting.pk).delete()

    assert not Action.objects.filter(pk=theme_action.pk).exists()
    question_action.refresh_from_db()
    assert question_action.agenda_item is None and question_action.question == loop_question


# The meeting screen ------------------------------------------------------------------------


def test_the_table_reads_the_case_marked_as_not_about_a_participant_without_a_read_of_anyone(
    client, table
):
    item = table.add()
    for member in (table.ruud, table.fatima):
        sign_in(client, member)
        page = client.get(table.item_url(item))
        content = page.content.decode()
        assert page.status_code == 200
        assert f"Case without a participant: {CASE}" in content
        assert "Not about a registered participant." in content
        assert CASE_TEXT in content
        assert "Money and paperwork" in content
        assert "Geldwinkel" in content and "Schuldhulp op afspraak" in content
    assert not participant_audits().exists()


@pytest.mark.parametrize("who", ["other_table", "policy_officer", "participant", "professional"])
def test_who_is_not_at_the_table_never_reads_a_cases_description(client, table, who):
    item = table.add()
    outsider = {
        "other_table": lambda: WorktableFactory(
            members=[UserFactory(username="els", coordinator=True)]
        ).members.get(),
        "policy_officer": lambda: UserFactory(username="piet", policy_officer=True),
        "participant": lambda: ParticipantFactory(with_account=True).user,
        "professional": lambda: UserFactory(username="karin", professional=True),
    }[who]()
    sign_in(client, outsider)

    for url in (
        table.item_url(item),
        reverse("worktables:meeting", args=[table.meeting.pk]),
        reverse("worktables:minutes", args=[table.meeting.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert CASE_TEXT not in response.content.decode()


def test_recording_what_the_table_agreed_moves_no_question_and_tells_nobody(
    client, table, django_capture_on_commit_callbacks
):
    item = table.add()
    sign_in(client, table.ruud)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            table.item_url(item, "agenda_item_proposal"), {"proposal": AGREED}, follow=True
        )

    item.refresh_from_db()
    assert "What the table agreed is saved." in response.content.decode()
    assert item.proposal == AGREED and item.discussed_at is not None
    assert Meeting.objects.get(pk=table.meeting.pk).status == MeetingStatus.RUNNING
    assert meeting_audits(table.meeting).filter(fields=["agenda.discussion"]).exists()
    assert not participant_audits().exists()
    assert mail.outbox == []


def test_a_case_has_no_status_to_change(client, table):
    item = table.add()
    sign_in(client, table.ruud)

    page = client.get(table.item_url(item)).content.decode()
    response = client.post(table.item_url(item, "agenda_item_status"), {"to": "answered"})

    assert "Where the question stands" not in page
    assert response.status_code == 302
    with pytest.raises(services.MeetingError):
        services.agenda_item_status_change(item=item, to="answered", by=table.ruud)


def test_an_action_for_a_theme_is_the_items_own_audited_on_the_meeting(
    client, table, django_capture_on_commit_callbacks
):
    item = table.theme()
    sign_in(client, table.ruud)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            table.item_url(item, "agenda_item_action"),
            {"owner": table.fatima.pk, "what": "Overzicht maken", "due_on": "2099-01-01"},
        )

    action = Action.objects.get()
    assert (action.question, action.agenda_item) == (None, item)
    entry = meeting_audits(table.meeting, AuditAction.CREATE).get(fields=["agenda.action"])
    assert entry.actor_user_id == table.ruud.pk
    assert "Overzicht maken" in client.get(table.item_url(item)).content.decode()
    (message,) = mail.outbox
    assert THEME not in message.subject + message.body
    assert "Overzicht maken" not in message.body


def test_tips_for_a_theme_come_from_its_life_domains(client, table):
    item = table.add()
    sign_in(client, table.ruud)

    client.post(
        table.item_url(item, "agenda_item_tips"),
        {"services": [table.money.pk], "text": "Het spreekuur is ook zonder afspraak."},
    )

    tips = AgendaItemTips.objects.get(agenda_item=item)
    assert list(tips.services.all()) == [table.money]
    assert meeting_audits(table.meeting).filter(fields=["agenda.tips"]).exists()


# Invitations -------------------------------------------------------------------------------


def test_the_suggested_organisations_are_invited_and_nobody_as_the_person(
    client, table, django_capture_on_commit_callbacks
):
    item = table.add()
    sign_in(client, table.ruud)
    page = client.get(reverse("worktables:meeting", args=[table.meeting.pk])).content.decode()
    assert "Not about a registered participant: you invite the organisations only." in page
    assert "The person concerned" not in page
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        (invitation,) = services.invitations_send(
            item=item, organizations=[table.geldwinkel], person=False, by=table.ruud, **table.slot()
        )

    assert invitation.kind == "organization"
    (message,) = mail.outbox
    everything = message.subject + message.body + str(message.attachments)
    assert CASE not in everything and CASE_TEXT not in everything


def test_inviting_the_person_or_a_guest_for_a_case_is_refused_and_stores_nothing(table):
    item = table.add()
    for values in (
        {"person": True},
        {"person": True, "guest_name": "Anja", "guest_email": "anja@example.nl"},
    ):
        with pytest.raises(services.MeetingError, match="not about a registered participant"):
            services.invitations_send(item=item, by=table.ruud, **table.slot(), **values)
    assert not Invitation.objects.exists()


def test_who_was_there_lists_an_organisation_invited_for_a_theme(client, table):
    item = table.add()
    (invitation,) = services.invitations_send(
        item=item, organizations=[table.geldwinkel], person=False, by=table.ruud, **table.slot()
    )
    sign_in(client, table.ruud)

    page = client.get(reverse("worktables:meeting", args=[table.meeting.pk])).content.decode()
    services.attendance_record(
        meeting=table.meeting,
        present_members=[table.ruud],
        present_invitations=[invitation],
        by=table.ruud,
    )

    assert f"Case without a participant: {CASE}: Geldwinkel" in page
    assert not participant_audits().exists()
    assert "Geldwinkel" in minutes_text(meeting_minutes(table.meeting)).split("\n\n")[0]


# The minutes, "Mijn acties" and reminders ----------------------------------------------------


def test_the_minutes_list_a_theme_and_a_case_by_title_without_the_description(
    client, table, django_capture_on_commit_callbacks, tmp_path
):
    table.theme()
    case = table.add()
    services.agenda_item_record(item=case, proposal=AGREED, by=table.ruud)
    services.agenda_item_tips_set(
        item=case, services=[table.money], text="Het spreekuur is open.", by=table.ruud
    )
    services.action_add(
        item=case, owner=table.fatima, what="Bellen", due_on=timezone.localdate(), by=table.ruud
    )
    services.meeting_close(meeting=table.meeting, by=table.ruud)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        archived = services.minutes_approve(meeting=table.meeting, by=table.ruud)

    text = archived.text
    assert f"Theme: {THEME} - Meeting people" in text
    assert f"Case without a participant: {CASE} - Money and paperwork" in text
    assert "Status: Discussed" in text and "Status: Not discussed yet" in text
    assert "Schuldhulp op afspraak (Geldwinkel)" in text and "Het spreekuur is open." in text
    assert mail.outbox
    for private in (CASE_TEXT, THEME_TEXT, AGREED, "Bellen"):
        assert private not in text
        assert all(private not in message.body for message in mail.outbox)
    pdf = pdf_text(bytes(MeetingMinutes.objects.get().pdf), tmp_path)
    assert THEME in pdf and "Case without a participant" in pdf
    assert CASE_TEXT not in pdf and THEME_TEXT not in pdf and AGREED not in pdf
    sign_in(client, table.fatima)
    page = client.get(reverse("worktables:minutes", args=[table.meeting.pk])).content.decode()
    assert THEME in page and CASE_TEXT not in page


def test_my_actions_names_the_theme_and_reads_no_one(client, table):
    item = table.theme()
    action = services.action_add(
        item=item,
        owner=table.fatima,
        what="Overzicht maken",
        due_on=timezone.localdate(),
        by=table.ruud,
    )
    sign_in(client, table.fatima)

    page = client.get(reverse("worktables:my_actions")).content.decode()
    client.post(reverse("worktables:action_complete", args=[action.pk]))

    assert f"Theme: {THEME}, by" in page and "Overzicht maken" in page
    assert not participant_audits().exists()
    action.refresh_from_db()
    assert action.done_at is not None
    entry = meeting_audits(table.meeting, AuditAction.UPDATE).get(fields=["agenda.action"])
    assert entry.actor_user_id == table.fatima.pk


def test_an_action_for_a_case_is_reminded_without_its_title(
    table, django_capture_on_commit_callbacks
):
    item = table.add()
    services.action_add(
        item=item,
        owner=table.fatima,
        what="Bellen",
        due_on=timezone.localdate() + dt.timedelta(days=1),
        by=table.ruud,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_actions", stdout=open("/dev/null", "w"))  # noqa: SIM115
        sent = action_reminders_send(today=timezone.localdate() + dt.timedelta(days=1))

    assert sent == 1
    (message,) = mail.outbox
    assert message.to == [table.fatima.email]
    assert CASE not in message.body and "Bellen" not in message.body
