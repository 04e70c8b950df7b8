"""In the browser: a coordinator prepares and runs a werktafel meeting and closes it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.tests.factories import DistrictFactory, ServiceFactory, UserFactory
from steunsysteem.directory.vocabularies import install_vocabularies
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables.models import Action, MailingListEntry
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
    janny = ParticipantFactory(name="Janny", district=table.district, with_account=True)
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
    ServiceFactory(name="Zanggroep De Lijsters", life_domains=["culture"])
    start = timezone.now() + dt.timedelta(days=1)
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
    page.get_by_role("link", name=f"Vraag {question.case_number}").click()
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
    assert_accessible(page)

    page.get_by_role("link", name="Agenda").first.click()
    expect(page.locator("#agenda")).to_contain_text("Voorstel gedaan")
    page.click("#close-meeting")
    expect(page.locator("main")).to_contain_text("Afgesloten")

    meeting.refresh_from_db()
    question.refresh_from_db()
    assert meeting.status == "closed"
    assert question.status == "proposal_made"
    assert Action.objects.get().owner == fatima

    # The chair checks the minutes and sends them to the mailing list.
    mail.outbox.clear()
    page.click("#minutes-link")
    expect(page.locator("#minutes-text")).to_contain_text(question.case_number)
    expect(page.locator("#minutes-text")).not_to_contain_text("koor")
    assert_accessible(page)
    page.click("#approve-minutes")
    expect(page.locator("#minutes-status")).to_be_visible()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["wmo@partistad.example.nl", ruud.email, fatima.email]
    )
    assert all("Janny" not in m.body and "koor" not in m.body for m in mail.outbox)

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
