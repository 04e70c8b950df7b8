"""The person at the table: after the agenda is built the chair invites, per question, the
person (with someone they bring) and the suggested organisations for a time slot; records
who was there; and adds the offers and a tip that came up. The minutes list only who was
there and the tips, and still name no one."""

import datetime as dt
import subprocess

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.search import rebuild_index
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.participants.constants import ContactRoute
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables import services
from steunsysteem.worktables.constants import InvitationKind
from steunsysteem.worktables.models import (
    AgendaItemTips,
    Attendance,
    Invitation,
    MailingListEntry,
    MeetingMinutes,
)
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

QUESTION = "Ik zoek iemand om een potje mee te kaarten."
PROPOSAL = "Samen naar de kaartmiddag in De Schakel, Fatima gaat mee."
SECRETS = ["Mark", "Jansen", "mark@example.nl", "potje mee te kaarten", "kaartmiddag", "Anja"]


class Table:
    """Werktafel Vlietzoom with its chair Ruud and Fatima of the wijkteam, a meeting from
    14:00 to 16:00 whose agenda holds Mark's question, and two suggested organisations."""

    def __init__(self, contact_route=ContactRoute.EMAIL):
        self.wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
        self.woonstichting = OrganizationFactory(name="Woonstichting Partistad")
        self.buurthuis = OrganizationFactory(
            name="Buurthuis De Schakel", email="info@deschakel.example.nl"
        )
        self.geen_adres = OrganizationFactory(name="Kaartclub Harten Troef")
        self.ruud = UserFactory(
            username="ruud", coordinator=True, email="ruud@steunsysteem.example.nl"
        )
        self.fatima = UserFactory(
            username="fatima",
            professional=True,
            email="fatima@wijkteam.example.nl",
            organizations=[self.wijkteam],
        )
        self.kees = UserFactory(
            username="kees",
            professional=True,
            email="kees@woonstichting.example.nl",
            organizations=[self.woonstichting],
        )
        self.worktable = WorktableFactory(
            name="Werktafel Vlietzoom",
            district=DistrictFactory(),
            members=[self.ruud, self.fatima, self.kees],
        )
        MailingListEntry.objects.create(worktable=self.worktable, email="wmo@partistad.example.nl")
        self.mark = ParticipantFactory(
            name="Mark Jansen",
            district=self.worktable.district,
            contact_route=contact_route,
            contact_detail="mark@example.nl",
            with_account=True,
        )
        self.grant = ConsentGrantFactory(
            participant=self.mark,
            grantee_user=None,
            grantee_worktable=self.worktable,
            scope=ConsentScope.QUESTIONS,
        )
        self.question = question_submit(
            participant=self.mark,
            text=QUESTION,
            life_domains=["meeting"],
            worktable=self.worktable,
            by=self.mark.user,
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
        services.agenda_build(meeting=self.meeting, by=self.ruud)
        self.item = self.meeting.agenda.get()
        self.item.suggested_organization_ids = [
            str(self.buurthuis.pk),
            str(self.geen_adres.pk),
        ]
        self.item.save()

    def slot(self, start="14:20", end="14:40"):
        day = timezone.localdate(self.meeting.starts_at)

        def at(text):
            return timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(text)))

        return {"starts_at": at(start), "ends_at": at(end)}

    def invite(self, **kwargs):
        values = {"person": True, **self.slot(), **kwargs}
        return services.invitations_send(item=self.item, by=self.ruud, **values)


@pytest.fixture
def table():
    return Table()


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def event_of(message):
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    return event


def ics_text(message) -> str:
    content = message.attachments[0][1]
    return content if isinstance(content, str) else content.decode()


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "verslag.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# Invitations ----------------------------------------------------------------------------------


def test_a_guest_and_an_organisation_get_only_the_time_and_place_and_a_calendar_slot(
    table, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        invitations = table.invite(
            guest_name="Anja Jansen",
            guest_email="anja@example.nl",
            organizations=[table.buurthuis],
        )

    assert sorted(i.kind for i in invitations) == ["guest", "organization", "person"]
    assert all(i.sent_at is not None for i in invitations)
    slot = table.slot()
    for address in ["anja@example.nl", "info@deschakel.example.nl"]:
        (message,) = mails_to(address)
        event = event_of(message)
        assert event.decoded("DTSTART") == slot["starts_at"]
        assert event.decoded("DTEND") == slot["ends_at"]
        assert str(event["SUMMARY"]) == "Werktafel Vlietzoom"
        assert str(event["LOCATION"]) == "Wijkcentrum De Vliet"
        everything = " ".join([message.subject, message.body, ics_text(message)])
        assert "Werktafel Vlietzoom" in message.body and "14:20" in message.body
        assert "Wijkcentrum De Vliet" in message.body
        assert table.question.case_number not in everything
        assert "your question" not in everything
        assert not [secret for secret in SECRETS if secret in everything]
    (to_mark,) = mails_to("mark@example.nl")
    assert "It is about your question." in to_mark.body
    assert event_of(to_mark).decoded("DTSTART") == slot["starts_at"]
    assert table.question.case_number not in to_mark.body + to_mark.subject
    assert not [secret for secret in SECRETS if secret in to_mark.body + to_mark.subject]


def test_the_person_is_invited_only_with_their_consent_to_the_table(
    table, django_capture_on_commit_callbacks
):
    ConsentGrant.objects.filter(pk=table.grant.pk).update(withdrawn_at=timezone.now())
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.MeetingError, match="consent"):
            table.invite()
        with pytest.raises(services.MeetingError, match="consent"):
            table.invite(person=False, guest_name="Anja", guest_email="anja@example.nl")

    assert not Invitation.objects.exists() and mail.outbox == []
    # The organisations may still be invited: their mail says nothing about the person.
    with django_capture_on_commit_callbacks(execute=True):
        table.invite(person=False, organizations=[table.buurthuis])
    assert [m.to for m in mail.outbox] == [["info@deschakel.example.nl"]]


def test_the_time_slot_lies_within_the_meeting(table):
    for start, end in [("13:50", "14:10"), ("15:50", "16:10"), ("14:40", "14:20")]:
        with pytest.raises(services.MeetingError, match="14:00 to 16:00"):
            table.invite(**table.slot(start, end))
    assert not Invitation.objects.exists()


def test_a_guest_comes_along_with_the_person_and_needs_a_name_and_an_address(table):
    with pytest.raises(services.MeetingError, match="Invite the person too"):
        table.invite(person=False, guest_name="Anja", guest_email="anja@example.nl")
    with pytest.raises(services.MeetingError, match="name and their e-mail"):
        table.invite(guest_name="Anja")
    with pytest.raises(services.MeetingError, match="not valid"):
        table.invite(guest_name="Anja", guest_email="anja at home")
    assert not Invitation.objects.exists()

    table.invite()
    table.invite(person=False, guest_name="Anja", guest_email="anja@example.nl")
    assert Invitation.objects.filter(kind=InvitationKind.GUEST).count() == 1


def test_only_suggested_organisations_with_an_address_are_invited_and_each_once(table):
    with pytest.raises(services.MeetingError, match="no e-mail address"):
        table.invite(person=False, organizations=[table.geen_adres])
    other = OrganizationFactory(name="Elders", email="elders@example.nl")
    with pytest.raises(services.MeetingError, match="suggested"):
        table.invite(person=False, organizations=[other])

    table.invite(organizations=[table.buurthuis])
    with pytest.raises(services.MeetingError, match="invited already"):
        table.invite(person=False, organizations=[table.buurthuis])
    with pytest.raises(services.MeetingError, match="invited already"):
        table.invite()
    assert Invitation.objects.count() == 2


def test_without_an_email_address_the_person_agreed_to_the_invitation_waits_for_the_contact_person(
    django_capture_on_commit_callbacks,
):
    table = Table(contact_route=ContactRoute.VIA_PROFESSIONAL)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        (invitation,) = table.invite()

    assert invitation.kind == InvitationKind.PERSON and invitation.sent_at is None
    assert mail.outbox == []


def test_the_person_on_their_own_account_gets_it_at_the_account_address(
    django_capture_on_commit_callbacks,
):
    table = Table(contact_route=ContactRoute.PORTAL)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        table.invite()

    assert [m.to for m in mail.outbox] == [[table.mark.user.email]]


def test_a_closed_meeting_sends_no_more_invitations(table):
    services.meeting_close(meeting=table.meeting, by=table.ruud)

    with pytest.raises(services.MeetingError, match="closed"):
        table.invite()


def test_inviting_is_in_the_audit_trail_for_the_meeting_and_the_person(table):
    table.invite(organizations=[table.buurthuis])

    meeting_entry = AuditEntry.objects.get(object_id=str(table.meeting.pk), fields=["invitations"])
    assert meeting_entry.action == AuditAction.CREATE
    person_entry = AuditEntry.objects.get(
        object_id=str(table.mark.pk), fields=["contact_detail", "worktables.invitation"]
    )
    assert person_entry.actor_user_id == table.ruud.pk


# Attendance -----------------------------------------------------------------------------------


def test_the_minutes_list_only_the_organisations_of_those_who_were_there(table):
    person, guest, buurthuis = sorted(
        table.invite(
            guest_name="Anja", guest_email="anja@example.nl", organizations=[table.buurthuis]
        ),
        key=lambda i: ["person", "guest", "organization"].index(i.kind),
    )
    services.meeting_close(meeting=table.meeting, by=table.ruud)

    services.attendance_record(
        meeting=table.meeting,
        present_members=[table.ruud, table.fatima],
        present_invitations=[person, buurthuis],
        by=table.ruud,
    )

    minutes = services.minutes_approve(meeting=table.meeting, by=table.ruud)
    (present_line,) = [
        line for line in minutes.text.splitlines() if line.startswith("Organisations")
    ]
    assert "Sociaal Wijkteam" in present_line and "Buurthuis De Schakel" in present_line
    assert "Woonstichting" not in minutes.text  # Kees was not there
    assert "The person concerned was there." in minutes.text
    assert "someone they brought" not in minutes.text  # Anja did not come
    assert Attendance.objects.filter(meeting=table.meeting).count() == 6  # 3 members, 3 invited
    assert Attendance.objects.filter(meeting=table.meeting, present=True).count() == 4


def test_the_minutes_say_so_when_nobody_recorded_who_was_there(table):
    services.meeting_close(meeting=table.meeting, by=table.ruud)

    minutes = services.minutes_approve(meeting=table.meeting, by=table.ruud)

    assert "Who was there was not recorded." in minutes.text
    assert "Sociaal Wijkteam" not in minutes.text and "Woonstichting" not in minutes.text


def test_attendance_is_only_of_this_tables_members_and_this_meetings_invitations(table):
    outsider = UserFactory(professional=True)
    with pytest.raises(services.MeetingError, match="sits at this werktafel"):
        services.attendance_record(
            meeting=table.meeting, present_members=[outsider], present_invitations=[], by=table.ruud
        )
    assert not Attendance.objects.exists()


# Tips -----------------------------------------------------------------------------------------


@pytest.fixture
def card_club():
    service = ServiceFactory(
        name="Kaartmiddag voor iedereen",
        description="Klaverjassen en een potje kaarten, elke dinsdag.",
        life_domains=["meeting"],
        organization=OrganizationFactory(name="Buurthuis Oost"),
    )
    rebuild_index()
    return service


def test_the_tips_appear_in_the_minutes_and_nothing_identifying_does(
    table, card_club, tmp_path, django_capture_on_commit_callbacks
):
    (person,) = table.invite(guest_name="", guest_email="")
    services.agenda_item_record(item=table.item, proposal=PROPOSAL, by=table.ruud)
    services.agenda_item_tips_set(
        item=table.item,
        services=[card_club],
        text="Veel buurthuizen hebben een kaartclub; vraag ernaar.",
        by=table.ruud,
    )
    services.meeting_close(meeting=table.meeting, by=table.ruud)
    services.attendance_record(
        meeting=table.meeting,
        present_members=[table.ruud],
        present_invitations=[person],
        by=table.ruud,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.minutes_approve(meeting=table.meeting, by=table.ruud)

    pdf = pdf_text(bytes(minutes.pdf), tmp_path)
    url = f"/sociale-kaart/dienst/{card_club.pk}/"
    for text in [minutes.text, pdf]:
        assert "Kaartmiddag voor iedereen" in text
        assert "Veel buurthuizen hebben een kaartclub" in text
    assert url in minutes.text
    assert mail.outbox
    for message in mail.outbox:
        everything = " ".join(
            [message.subject, message.body, pdf_text(message.attachments[0][1], tmp_path)]
        )
        assert "Veel buurthuizen hebben een kaartclub" in everything
        assert not [
            secret
            for secret in SECRETS
            if secret in everything.replace("Kaartmiddag voor iedereen", "")
        ]
    assert not [
        secret
        for secret in SECRETS
        if secret in (minutes.text + pdf).replace("Kaartmiddag voor iedereen", "")
    ]


def test_a_tip_that_names_the_person_or_their_guest_is_refused(table):
    table.invite(guest_name="Anja Bakker", guest_email="anja@example.nl")

    for text in ["Mark zoekt een kaartclub.", "Tip van anja: de buurtkamer."]:
        with pytest.raises(services.MeetingError, match="Leave names out"):
            services.agenda_item_tips_set(item=table.item, services=[], text=text, by=table.ruud)
    assert not AgendaItemTips.objects.exists()


def test_the_offers_come_from_the_fitting_services_on_the_meeting_screen(table, card_club):
    elsewhere = ServiceFactory(name="Taalcafé", life_domains=["education"])

    with pytest.raises(services.MeetingError, match="services shown"):
        services.agenda_item_tips_set(item=table.item, services=[elsewhere], text="", by=table.ruud)

    tips = services.agenda_item_tips_set(
        item=table.item, services=[card_club], text="", by=table.ruud
    )
    assert list(tips.services.all()) == [card_club]
    assert AuditEntry.objects.filter(
        object_id=str(table.meeting.pk), fields=["agenda.tips"]
    ).exists()


def test_after_approval_attendance_and_tips_no_longer_change(table):
    services.meeting_close(meeting=table.meeting, by=table.ruud)
    services.minutes_approve(meeting=table.meeting, by=table.ruud)

    with pytest.raises(services.MeetingError, match="approved already"):
        services.attendance_record(
            meeting=table.meeting,
            present_members=[table.ruud],
            present_invitations=[],
            by=table.ruud,
        )
    with pytest.raises(services.MeetingError, match="approved already"):
        services.agenda_item_tips_set(item=table.item, services=[], text="Tip", by=table.ruud)
    assert not Attendance.objects.exists() and not AgendaItemTips.objects.exists()


# The pages ------------------------------------------------------------------------------------


def invite_url(table):
    return reverse("worktables:agenda_item_invite", args=[table.meeting.pk, table.item.pk])


def invite_data(table, token="", **extra):
    prefix = f"item-{table.item.pk}"
    return {
        f"{prefix}-starts_at": "14:20",
        f"{prefix}-ends_at": "14:40",
        f"{prefix}-invitees": ["person", f"organization-{table.buurthuis.pk}"],
        f"{prefix}-guest_name": "Anja",
        f"{prefix}-guest_email": "anja@example.nl",
        "form_token": token,
        **extra,
    }


def meeting_page_token(client, table):
    response = client.get(reverse("worktables:meeting", args=[table.meeting.pk]))
    assert response.status_code == 200
    (entry,) = response.context["planning"]
    return entry["form_token"]


def test_the_chair_invites_from_the_meeting_page_once_per_form(
    client, table, django_capture_on_commit_callbacks
):
    sign_in(client, table.ruud)
    token = meeting_page_token(client, table)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(invite_url(table), invite_data(table, token))
        again = client.post(invite_url(table), invite_data(table, token))

    assert first.status_code == 302 and again.status_code == 302
    assert Invitation.objects.count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anja@example.nl",
        "info@deschakel.example.nl",
        "mark@example.nl",
    ]
    page = client.get(reverse("worktables:meeting", args=[table.meeting.pk]))
    html = page.content.decode()
    assert "Someone the person brings" in html and "Anja" not in html
    assert "Mark" not in html and QUESTION not in html


def test_a_slot_outside_the_meeting_is_shown_on_the_form_and_nothing_is_sent(
    client, table, django_capture_on_commit_callbacks
):
    sign_in(client, table.ruud)
    token = meeting_page_token(client, table)
    data = invite_data(table, token, **{f"item-{table.item.pk}-ends_at": "16:30"})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(table), data)

    assert response.status_code == 200
    assert (
        "Choose a time slot within the meeting, from 14:00 to 16:00." in response.content.decode()
    )
    assert not Invitation.objects.exists() and mail.outbox == []


def test_the_chair_records_attendance_and_tips_from_the_pages(client, table, card_club):
    (person,) = table.invite()
    sign_in(client, table.ruud)

    response = client.post(
        reverse("worktables:attendance_record", args=[table.meeting.pk]),
        {"members": [table.ruud.pk, table.kees.pk], "invitations": [person.pk]},
    )
    assert response.status_code == 302
    assert set(Attendance.objects.filter(present=True).values_list("member", "invitation")) == {
        (table.ruud.pk, None),
        (table.kees.pk, None),
        (None, person.pk),
    }

    response = client.post(
        reverse("worktables:agenda_item_tips", args=[table.meeting.pk, table.item.pk]),
        {"services": [card_club.pk], "text": "Vraag naar de kaartclub."},
    )
    assert response.status_code == 302
    tips = AgendaItemTips.objects.get()
    assert tips.text == "Vraag naar de kaartclub." and list(tips.services.all()) == [card_club]
    page = client.get(reverse("worktables:minutes", args=[table.meeting.pk]))
    assert "Vraag naar de kaartclub." in page.content.decode()


def test_only_the_chair_invites_records_attendance_and_adds_tips(client, table):
    elsewhere = UserFactory(coordinator=True)
    WorktableFactory(members=[elsewhere])
    officer = UserFactory(policy_officer=True)
    urls = [
        invite_url(table),
        reverse("worktables:attendance_record", args=[table.meeting.pk]),
        reverse("worktables:agenda_item_tips", args=[table.meeting.pk, table.item.pk]),
    ]
    data = {
        **invite_data(table),
        "members": [table.fatima.pk],
        "text": "Een tip",
    }
    for user in [table.fatima, elsewhere, officer]:
        client.logout()
        sign_in(client, user)
        for url in urls:
            assert client.post(url, data).status_code == 403, (user.username, url)
        page = client.get(reverse("worktables:meeting", args=[table.meeting.pk]))
        assert "attendance_form" not in (page.context or {}) or page.status_code == 403
    assert not Invitation.objects.exists()
    assert not Attendance.objects.exists() and not AgendaItemTips.objects.exists()


def test_the_minutes_sent_are_the_ones_the_chair_checked(
    client, table, django_capture_on_commit_callbacks
):
    services.meeting_close(meeting=table.meeting, by=table.ruud)
    sign_in(client, table.ruud)
    url = reverse("worktables:minutes", args=[table.meeting.pk])
    checked = client.get(url).context["checked"]
    # Meanwhile someone changes the tip the chair did not read yet.
    services.agenda_item_tips_set(
        item=table.item, services=[], text="Een tip die nog niemand las.", by=table.ruud
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"checked": checked}, follow=True)

    assert "The minutes changed since you read them." in response.content.decode()
    assert not MeetingMinutes.objects.exists() and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"checked": response.context["checked"]})
    assert "Een tip die nog niemand las." in MeetingMinutes.objects.get().text
