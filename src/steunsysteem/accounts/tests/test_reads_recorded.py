"""Pages that show something of several people record a read for each of them, and the
administrator's look into the audit trail is itself recorded (issue 9, finding 6).

The participant list and "Mijn acties" write one entry per person shown, with what the
showing rested on, so that each person finds it in their own "Wie keek er". A search of the
trail is recorded as having happened, never with its words: they may be a name.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts import selectors
from steunsysteem.accounts.audit import audit_record, verify_audit_chain
from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables import services as worktable_services
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def reads_by(user):
    return AuditEntry.objects.filter(actor_user_id=user.pk, action=AuditAction.READ)


class TestTheParticipantList:
    def test_each_listed_participant_gets_a_read_with_its_basis(self, client):
        organization = OrganizationFactory()
        professional = UserFactory(professional=True, organizations=[organization])
        janny = ParticipantFactory(name="Janny", with_account=True)
        nuray = ParticipantFactory(name="Nuray")
        mark = ParticipantFactory(name="Mark")
        own_grant = ConsentGrantFactory(participant=janny, grantee_user=professional)
        organization_grant = ConsentGrantFactory(
            participant=nuray,
            grantee_user=None,
            grantee_organization=organization,
            scope=ConsentScope.NETWORK,
            recorded_by=professional,
        )
        emergency = emergency_access_start(participant=mark, by=professional, reason="Dringend")
        stranger = ParticipantFactory(name="Onbekend")
        sign_in(client, professional)

        response = client.get(reverse("participants:list"))

        assert response.status_code == 200
        reads = reads_by(professional).filter(object_type="participants.participant")
        assert {(entry.object_id, entry.legal_basis) for entry in reads} == {
            (str(janny.pk), f"consent:{own_grant.pk}"),
            (str(nuray.pk), f"consent:{organization_grant.pk}"),
            (str(mark.pk), f"emergency:{emergency.pk}"),
        }
        assert all(entry.fields == ["district", "name"] for entry in reads)
        assert not AuditEntry.objects.filter(object_id=str(stranger.pk)).exists()
        assert verify_audit_chain().intact

    def test_the_participant_sees_the_list_read_in_who_looked(self, client):
        professional = UserFactory(professional=True, first_name="Piet", last_name="Post")
        janny = ParticipantFactory(name="Janny", with_account=True)
        ConsentGrantFactory(participant=janny, grantee_user=professional)
        sign_in(client, professional)
        client.get(reverse("participants:list"))

        (row,) = selectors.access_log(janny)

        assert (row.who, row.action, row.basis) == ("Piet Post", "Read", "consent")
        assert set(row.fields) == {"name", "district"}

    def test_an_empty_list_records_nothing(self, client):
        professional = UserFactory(professional=True)
        sign_in(client, professional)

        client.get(reverse("participants:list"))

        assert not reads_by(professional).exists()


class TestMyActions:
    @pytest.fixture
    def table(self):
        chair = UserFactory(username="ruud", coordinator=True)
        member = UserFactory(username="fatima", professional=True)
        return WorktableFactory(name="Werktafel Vlietzoom", members=[chair, member])

    def action_for(self, table, owner, what):
        chair = table.members.get(username="ruud")
        janny = ParticipantFactory(with_account=True)
        ConsentGrantFactory(
            participant=janny,
            grantee_user=None,
            grantee_worktable=table,
            scope=ConsentScope.QUESTIONS,
            recorded_by=chair,
        )
        question = question_submit(
            participant=janny, text="Zingen", life_domains=[], worktable=table, by=janny.user
        )
        start = timezone.now() + dt.timedelta(days=7)
        meeting = worktable_services.meeting_plan(
            worktable=table,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            location="De Schakel",
            by=chair,
        )
        worktable_services.agenda_build(meeting=meeting, by=chair)
        item = meeting.agenda.get(question=question)
        return worktable_services.action_add(
            item=item,
            owner=owner,
            what=what,
            due_on=timezone.localdate() + dt.timedelta(days=3),
            by=chair,
        )

    def test_each_action_shown_is_a_read_of_that_persons_question(self, client, table):
        fatima = table.members.get(username="fatima")
        ruud = table.members.get(username="ruud")
        mine = self.action_for(table, fatima, "Bel het koor")
        theirs = self.action_for(table, ruud, "Zoek een maatje")
        sign_in(client, fatima)

        page = client.get(reverse("worktables:my_actions"))

        assert "Bel het koor" in page.content.decode()
        (entry,) = reads_by(fatima)
        assert entry.object_id == str(mine.question.participant_id)
        assert entry.legal_basis == f"action:{mine.pk}"
        assert entry.fields == ["questions.action", "questions.case_number"]
        assert not reads_by(fatima).filter(object_id=str(theirs.question.participant_id)).exists()
        row = selectors.access_log(mine.question.participant)[0]
        assert row.basis == "an action the werktafel gave them"


class TestTheAdministratorReadsTheTrail:
    @pytest.fixture
    def entry(self):
        professional = UserFactory(username="hulpverlener", professional=True)
        return audit_record(
            actor=professional,
            action=AuditAction.READ,
            obj=ParticipantFactory(name="Janny de Vries"),
        )

    def test_a_search_is_recorded_without_its_words(self, admin_client, admin_user, entry):
        admin_client.get(
            reverse("admin:accounts_auditentry_changelist"),
            {"q": "Janny de Vries", "action__exact": "read"},
        )

        (read,) = reads_by(admin_user)
        assert read.object_type == "accounts.auditentry"
        assert read.object_id == ""
        assert read.fields == ["action", "search"]
        assert "Janny" not in str(AuditEntry.objects.values_list())

    def test_looking_at_the_list_is_recorded(self, admin_client, admin_user, entry):
        admin_client.get(reverse("admin:accounts_auditentry_changelist"), {"p": "1", "o": "2"})

        (read,) = reads_by(admin_user)
        assert read.fields == []

    def test_opening_an_entry_is_recorded(self, admin_client, admin_user, entry):
        admin_client.get(reverse("admin:accounts_auditentry_change", args=[entry.pk]))

        (read,) = reads_by(admin_user)
        assert (read.object_type, read.object_id) == ("accounts.auditentry", str(entry.pk))

    def test_an_entry_that_does_not_exist_records_no_read(self, admin_client, admin_user):
        admin_client.get(reverse("admin:accounts_auditentry_change", args=[999]))

        assert not reads_by(admin_user).exists()
