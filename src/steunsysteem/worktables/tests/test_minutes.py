"""Minutes identify nobody, reach the mailing list through the outbox, and are archived as
PDF; planning a meeting mails an invitation for the calendar."""

import datetime as dt
import subprocess

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.directory.tests.factories import DistrictFactory, OrganizationFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables import services
from steunsysteem.worktables.models import MailingListEntry, MeetingMinutes
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


SECRETS = [
    "Janny",
    "de Vries",
    "janny@example.nl",
    "Ik wil zingen in een koor",
    "Samen naar de open repetitie",
    "Bel mevrouw over het koor",
]


@pytest.fixture
def held_meeting(django_capture_on_commit_callbacks):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    ruud = UserFactory(username="ruud", coordinator=True, email="ruud@steunsysteem.example.nl")
    fatima = UserFactory(
        username="fatima",
        professional=True,
        email="fatima@wijkteam.example.nl",
        organizations=[wijkteam],
    )
    table = WorktableFactory(district=DistrictFactory(), members=[ruud, fatima])
    MailingListEntry.objects.create(worktable=table, email="wmo@partistad.example.nl")
    janny = ParticipantFactory(
        name="Janny de Vries",
        district=table.district,
        contact_detail="janny@example.nl",
        with_account=True,
    )
    ConsentGrantFactory(
        participant=janny, grantee_user=None, grantee_worktable=table, scope=ConsentScope.QUESTIONS
    )
    question_submit(
        participant=janny,
        text="Ik wil zingen in een koor.",
        life_domains=["culture"],
        worktable=table,
        by=janny.user,
    )
    start = timezone.now() + dt.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = services.meeting_plan(
            worktable=table,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location="De Schakel",
            by=ruud,
        )
    services.agenda_build(meeting=meeting, by=ruud)
    item = meeting.agenda.get()
    services.agenda_item_record(item=item, proposal="Samen naar de open repetitie.", by=ruud)
    services.action_add(
        item=item,
        owner=fatima,
        what="Bel mevrouw over het koor",
        due_on=timezone.localdate() + dt.timedelta(days=7),
        by=ruud,
    )
    services.meeting_close(meeting=meeting, by=ruud)
    mail.outbox.clear()
    return meeting, ruud


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "verslag.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_minutes_name_no_one_in_the_text_the_pdf_or_the_mails(
    held_meeting, tmp_path, django_capture_on_commit_callbacks
):
    meeting, ruud = held_meeting

    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.minutes_approve(meeting=meeting, by=ruud)

    case = meeting.agenda.get().question.case_number
    pdf = pdf_text(bytes(minutes.pdf), tmp_path)
    assert case in minutes.text and case in pdf
    assert "Sociaal Wijkteam" in minutes.text  # who acts, as an organisation
    assert sorted(m.to[0] for m in mail.outbox) == [
        "fatima@wijkteam.example.nl",
        "ruud@steunsysteem.example.nl",
        "wmo@partistad.example.nl",
    ]
    for message in mail.outbox:
        assert len(message.to) == 1
        attachment_name, attachment, _mimetype = message.attachments[0]
        assert attachment_name.endswith(".pdf")
        everything = " ".join([message.subject, message.body, pdf_text(attachment, tmp_path)])
        assert not [secret for secret in SECRETS if secret in everything]
    assert not [secret for secret in SECRETS if secret in minutes.text + pdf]


def test_minutes_are_approved_once_and_only_after_the_meeting_is_closed(held_meeting):
    meeting, ruud = held_meeting
    services.minutes_approve(meeting=meeting, by=ruud)

    with pytest.raises(services.MeetingError, match="already"):
        services.minutes_approve(meeting=meeting, by=ruud)
    assert MeetingMinutes.objects.count() == 1


def test_planning_a_meeting_mails_everyone_at_the_table_a_calendar_invitation(
    django_capture_on_commit_callbacks,
):
    ruud = UserFactory(coordinator=True, email="ruud@steunsysteem.example.nl")
    table = WorktableFactory(name="Werktafel Oosterhof", members=[ruud])
    start = timezone.now() + dt.timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_plan(
            worktable=table,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location="Wijkcentrum",
            by=ruud,
        )

    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Werktafel Oosterhof"
    assert event.decoded("DTSTART") == start.replace(microsecond=0).astimezone(
        event.decoded("DTSTART").tzinfo
    )


def test_an_organisation_name_with_control_characters_still_gives_a_pdf(tmp_path):
    from steunsysteem.worktables.minutes import Minutes, MinutesAction, MinutesItem, minutes_pdf

    name = "Sociaal\x01 Wijkteam\x7f\x00\ud800"
    minutes = Minutes(
        worktable="Werktafel\x1b Noord",
        district="Noord",
        starts_at=timezone.now(),
        location="De Schakel\x0c",
        organizations_present=[name],
        items=[
            MinutesItem(
                case_number="V-2026-0001",
                kind="Nieuwe vraag",
                life_domains=["Ontmoeting"],
                status="Besproken",
                organizations_suggested=[name],
                actions=[MinutesAction(organization=name, due_on=dt.date(2026, 5, 1), done=False)],
            )
        ],
    )

    text = pdf_text(minutes_pdf(minutes), tmp_path)

    assert "Sociaal Wijkteam" in text and "Werktafel Noord" in text
