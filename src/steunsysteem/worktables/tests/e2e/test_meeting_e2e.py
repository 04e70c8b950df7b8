"""In the browser: a coordinator prepares and runs a werktafel meeting and closes it: invites
the person for a slot (with her sister) and a suggested organisation, records who was there,
adds a tip, and approves minutes that list who was there and the tip, naming no one."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.directory.vocabularies import install_vocabularies
from steunsysteem.participants.constants import ContactRoute
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables.models import Action, Attendance, Invitation, MailingListEntry
from steunsysteem.worktables.services import meeting_plan
from steunsysteem.worktables.tests.factories import WorktableFactory


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_runs_a_whole_meeting(page, assert_accessible):
    # Transactional tests empty every table afterwards, the vocabularies of migration 0002 too.
    install_vocabularies(Taxonomy, TaxonomyTerm)
    ruud = UserFactory(username="ruud", first_name="Ruud", coordinator=True)
    fatima = UserFactory(username="fatima", first_name="Fatima", professional=True)
    give_totp_device(ruud)
    table = WorktableFactory(
        name="Werktafel Vlietzoom", district=DistrictFactory(), members=[ruud, fatima]
    )
    MailingListEntry.objects.create(worktable=table, email="wmo@partistad.example.nl")
    janny = ParticipantFactory(
        name="Janny",
        district=table.district,
        contact_route=ContactRoute.EMAIL,
        contact_detail="janny@example.nl",
        with_account=True,
    )
    ConsentGrantFactory(
        participant=janny, grantee_user=None, grantee_worktable=table, scope=ConsentScope.QUESTIONS
    )
    question = question_submit(
        participant=janny,
        text="Ik wil zingen in een koor.",
        life_domains=["culture"],
        worktable=table,
        by=janny.user,
    )
    lijsters = OrganizationFactory(name="Zanggroep De Lijsters", email="info@lijsters.example.nl")
    choir = ServiceFactory(
        name="Zanggroep De Lijsters", organization=lijsters, life_domains=["culture"]
    )
    start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    start += dt.timedelta(days=1)
    meeting = meeting_plan(
        worktable=table,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="De Schakel",
        by=ruud,
    )

    page.goto("/werktafels/")
    sign_in_in_browser(page, "ruud")
    page.goto("/werktafels/")
    assert_accessible(page)
    page.get_by_role("link", name="Werktafel Vlietzoom").click()
    page.locator("#upcoming a").first.click()
    expect(page.locator("#no-agenda")).to_be_visible()
    assert_accessible(page)

    page.click("#build-agenda")
    expect(page.locator("#agenda")).to_contain_text(question.case_number)
    assert_accessible(page)

    # The person at the table: Janny for 14:20-14:40 with her sister, and the choir.
    mail.outbox.clear()
    prefix = f"#id_item-{meeting.agenda.get().pk}"
    page.fill(f"{prefix}-starts_at", "14:20")
    page.fill(f"{prefix}-ends_at", "14:40")
    page.get_by_label("De persoon zelf").check()
    page.get_by_label("Zanggroep De Lijsters").check()
    page.fill(f"{prefix}-guest_name", "Anja")
    page.fill(f"{prefix}-guest_email", "anja@example.nl")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.locator("[role=status]")).to_contain_text("3 uitnodigingen")
    expect(page.locator("main")).to_contain_text("Iemand die de persoon meeneemt: 14:20–14:40")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anja@example.nl",
        "info@lijsters.example.nl",
        "janny@example.nl",
    ]
    for message in mail.outbox:
        assert question.case_number not in message.body and "Janny" not in message.body
        assert "koor" not in message.body and message.attachments[0][0] == "uitnodiging.ics"
    # Everyone who can be invited is: no form left for this question, only who was invited.
    expect(page.locator(f"{prefix}-guest_name")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path="/tmp/shots/meeting-invitations.png", full_page=True)

    page.get_by_role("link", name=f"Vraag {question.case_number}").first.click()
    expect(page.locator("#question-text")).to_have_text("Ik wil zingen in een koor.")
    expect(page.locator("#suggested-services")).to_contain_text("Zanggroep De Lijsters")
    expect(page.locator("main")).not_to_contain_text("Janny")
    assert_accessible(page)

    page.fill("#id_proposal", "Samen naar de open repetitie van De Lijsters.")
    page.click("#save-proposal")
    expect(page.locator("[role=status]")).to_contain_text("opgeslagen")
    page.select_option("#id_owner", str(fatima.pk))
    page.fill("#id_what", "Bel de zanggroep")
    page.fill("#id_due_on", (timezone.localdate() + dt.timedelta(days=14)).isoformat())
    page.click("#add-action")
    expect(page.locator("#actions")).to_contain_text("Bel de zanggroep")

    # A tip for the mailing list: the choir, and a short text without a name.
    page.locator("#tips ~ form").get_by_label("Zanggroep De Lijsters", exact=False).check()
    page.fill("#id_text", "Veel koren hebben een open repetitie: vraag ernaar.")
    page.click("#save-tips")
    expect(page.locator("[role=status]")).to_contain_text("tips")
    assert_accessible(page)
    page.screenshot(path="/tmp/shots/agenda-item-tips.png", full_page=True)

    page.get_by_role("link", name="Agenda").first.click()
    expect(page.locator("#agenda")).to_contain_text("Voorstel gedaan")
    # Who was there: Ruud, Janny with her sister and the choir; Fatima sent her regrets.
    page.get_by_label("Ruud").check()
    page.get_by_label(f"Vraag {question.case_number}: de persoon zelf").check()
    page.get_by_label(f"Vraag {question.case_number}: iemand die de persoon meeneemt").check()
    page.get_by_label(f"Vraag {question.case_number}: Zanggroep De Lijsters").check()
    page.click("#save-attendance")
    expect(page.locator("[role=status]")).to_contain_text("Opgeslagen wie er was")
    assert Attendance.objects.filter(present=True).count() == 4
    assert Invitation.objects.count() == 3
    assert_accessible(page)
    page.click("#close-meeting")
    assert_accessible(page)
    page.click("#confirm-close")
    expect(page.locator("main")).to_contain_text("Afgesloten")

    meeting.refresh_from_db()
    question.refresh_from_db()
    assert meeting.status == "closed"
    assert question.status == "proposal_made"
    assert Action.objects.get().owner == fatima

    # The chair checks the minutes and sends them to the mailing list.
    mail.outbox.clear()
    page.click("#minutes-link")
    minutes_text = page.locator("#minutes-text")
    expect(minutes_text).to_contain_text(question.case_number)
    expect(minutes_text).to_contain_text("Organisaties aan tafel: Zanggroep De Lijsters")
    expect(minutes_text).to_contain_text("De persoon zelf was erbij, met iemand die meekwam.")
    expect(minutes_text).to_contain_text(f"/sociale-kaart/dienst/{choir.pk}/")
    expect(minutes_text).to_contain_text("Veel koren hebben een open repetitie")
    for secret in ["Janny", "Anja", "Ik wil zingen in een koor", "Samen naar de open repetitie"]:
        expect(minutes_text).not_to_contain_text(secret)
    assert_accessible(page)
    page.screenshot(path="/tmp/shots/minutes-preview.png", full_page=True)
    page.click("#approve-minutes")
    expect(page.locator("#minutes-status")).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["wmo@partistad.example.nl", ruud.email, fatima.email]
    )
    for message in mail.outbox:
        assert "Veel koren hebben een open repetitie" in message.body
        assert not [s for s in ["Janny", "Anja", "zingen in een koor"] if s in message.body]

    # Next month's meeting: the agenda brings the question back as a follow-up.
    page.goto(f"/werktafels/{table.pk}/")
    next_month = timezone.localtime() + dt.timedelta(days=28)
    page.fill("#id_starts_at", next_month.strftime("%Y-%m-%dT14:00"))
    page.fill("#id_ends_at", next_month.strftime("%Y-%m-%dT16:00"))
    page.fill("#id_location", "De Schakel")
    page.get_by_role("button", name="Plannen").click()
    page.click("#build-agenda")
    expect(page.locator("#agenda")).to_contain_text("Vervolg")
    expect(page.locator("#agenda")).to_contain_text(question.case_number)
