"""The whole question loop in one go, in the browser, as the people who live it:

Fatima, from the wijkteam, registers Mark, who would like "iemand om een potje mee te
kaarten", with his consent for the werktafel of his district, brings in his question and
invites him to an account of his own. Ruud, the coordinator, plans the werktafel: the agenda
holds Mark's question, Mark is invited for his time slot and comes with his sister. The table
makes a proposal and gives Anouk an action. Mark reads the proposal on his own page and says
yes. The minutes name no one but carry the tip; Anouk is reminded of her action; at the next
meeting the question closes answered, and Fatima is told. Janny finds her own question from
her own page, and a question that reaches no table is visible as such. Axe on every page.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from steunsysteem.accounts.tests.two_factor import give_totp_device, sign_in_in_browser
from steunsysteem.directory.models import Taxonomy, TaxonomyTerm
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.directory.vocabularies import install_vocabularies
from steunsysteem.participants.models import Participant
from steunsysteem.participants.tests.factories import ParticipantFactory
from steunsysteem.questions.constants import QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.questions.services import question_submit
from steunsysteem.worktables.models import MailingListEntry
from steunsysteem.worktables.tests.factories import WorktableFactory

PASSWORD = "een-lang-wachtwoord"  # the factory's password
MARKS_PASSWORD = "klaverjassen-op-dinsdag"
SHOTS = Path("/tmp/shots")
CARDS = "Ik zoek iemand om een potje mee te kaarten. Alleen ga ik niet zo snel ergens heen."
PROPOSAL = "Samen met je zus naar de kaartmiddag van De Harten Vrouw, op dinsdag."
TIP = "Kaartclubs zoeken vaak nieuwe spelers: bel gerust vooraf."


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"loop-{name}.png"), full_page=True)


def sign_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def path_in(message) -> str:
    """The link in a mail, as a path on the test server (the mail names SITE_URL)."""
    (link,) = re.findall(r"https?://\S+", message.body)
    return "/" + link.split("/", 3)[3]


def plan_a_meeting(page, *, days_ahead: int) -> None:
    day = timezone.localtime() + dt.timedelta(days=days_ahead)
    page.fill("#id_starts_at", day.strftime("%Y-%m-%dT14:00"))
    page.fill("#id_ends_at", day.strftime("%Y-%m-%dT16:00"))
    page.fill("#id_location", "Buurthuis De Schakel")
    page.get_by_role("button", name="Plannen").click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_whole_loop_from_registration_to_an_answered_question(page, assert_accessible):
    # Transactional tests empty every table afterwards, the vocabularies of migration 0002 too.
    install_vocabularies(Taxonomy, TaxonomyTerm)
    vlietzoom = DistrictFactory(name="Vlietzoom")
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    fatima = UserFactory(
        username="fatima", first_name="Fatima", professional=True, organizations=[wijkteam]
    )
    ruud = UserFactory(username="ruud", first_name="Ruud", coordinator=True)
    anouk = UserFactory(username="anouk", first_name="Anouk", professional=True)
    for user in (fatima, ruud):
        give_totp_device(user)
    table = WorktableFactory(name="Werktafel Vlietzoom", district=vlietzoom, members=[ruud, anouk])
    MailingListEntry.objects.create(worktable=table, email="netwerk@partistad.example.nl")
    harten = OrganizationFactory(name="Kaartclub De Harten Vrouw", email="info@hartenvrouw.example")
    club = ServiceFactory(
        name="Kaartmiddag De Harten Vrouw",
        description="Elke dinsdagmiddag klaverjassen en rikken in het buurthuis.",
        organization=harten,
        life_domains=["meeting"],
    )
    janny = ParticipantFactory(
        name="Janny", district=vlietzoom, user=UserFactory(username="janny", first_name="Janny")
    )
    hair = question_submit(
        participant=janny,
        text="Ik wil een kappersopleiding doen.",
        life_domains=["education"],
        worktable=None,
        by=janny.user,
    )

    # 1. Fatima registers Mark, with his consent for the werktafel of his district.
    page.goto("/deelnemers/nieuw/")
    sign_in_in_browser(page, "fatima")
    page.wait_for_url("**/deelnemers/nieuw/")
    page.fill("#id_name", "Mark Visser")
    page.select_option("#id_district", label="Vlietzoom")
    page.select_option("#id_contact_route", "email")
    page.fill("#id_contact_detail", "mark@example.nl")
    page.get_by_label("Sociaal Wijkteam").check()
    page.get_by_label("Vragen en wat ermee gebeurt").check()
    page.get_by_label("Ja: Werktafel Vlietzoom (wijk Vlietzoom)").check()
    page.get_by_label("Gezegd tegen een hulpverlener in een gesprek").check()
    assert_accessible(page)
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("h1")).to_have_text("Mark Visser")
    assert_accessible(page)
    mark = Participant.objects.get(name="Mark Visser")

    # 2. She brings in his question; the form says which table takes it up.
    menu = page.get_by_role("navigation", name="Over deze persoon")
    menu.get_by_role("link", name="Vragen").click()
    page.click("#ask-question")
    expect(page.get_by_label("Werktafel Vlietzoom (wijk Vlietzoom)")).to_be_checked()
    assert_accessible(page)
    page.fill("#id_text", CARDS)
    page.get_by_label("Ontmoeting", exact=True).check()
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Gaat naar Werktafel Vlietzoom.")
    assert_accessible(page)
    question = Question.objects.get(participant=mark)
    assert question.worktable == table and question.submitted_by == fatima

    # 3. And invites him to an account of his own, at the address he gave.
    mail.outbox.clear()
    menu.get_by_role("link", name="Gegevens").click()
    page.get_by_role("link", name="Uitnodigen voor een eigen account").click()
    expect(page.locator("main")).to_contain_text("mark@example.nl")
    assert_accessible(page)
    shot(page, "own-account")
    page.click("#send-own-account-invitation")
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("mark@example.nl")
    (own_account_mail,) = mail.outbox
    assert own_account_mail.to == ["mark@example.nl"] and "Mark" not in own_account_mail.body
    sign_out(page)

    # 4. Ruud plans the werktafel; he sees how many questions reach no table, nothing more.
    page.goto("/werktafels/")
    sign_in_in_browser(page, "ruud")
    page.goto("/werktafels/")
    expect(page.locator("#unshared")).to_contain_text("Vlietzoom: 1 vraag")
    expect(page.locator("#unshared")).not_to_contain_text("Janny")
    assert_accessible(page)
    page.get_by_role("link", name="Werktafel Vlietzoom").click()
    plan_a_meeting(page, days_ahead=1)
    page.click("#build-agenda")
    expect(page.locator("#agenda")).to_contain_text(question.case_number)
    assert_accessible(page)
    meeting = table.meetings.get()
    item = meeting.agenda.get()

    # 5. Mark is invited for his slot and comes with his sister; the card club is invited.
    mail.outbox.clear()
    prefix = f"#id_item-{item.pk}"
    page.fill(f"{prefix}-starts_at", "14:20")
    page.fill(f"{prefix}-ends_at", "14:40")
    page.get_by_label("De persoon zelf").check()
    page.get_by_label("Kaartclub De Harten Vrouw").check()
    page.fill(f"{prefix}-guest_name", "Ilse")
    page.fill(f"{prefix}-guest_email", "ilse@example.nl")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.locator("[role=status]")).to_contain_text("3 uitnodigingen")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ilse@example.nl",
        "info@hartenvrouw.example",
        "mark@example.nl",
    ]
    for message in mail.outbox:
        assert not [s for s in ("Mark", "kaarten", question.case_number) if s in message.body]
    assert_accessible(page)

    # 6. At the table: a proposal, an action for Anouk due today, and a tip for the minutes.
    page.get_by_role("link", name=f"Vraag {question.case_number}").first.click()
    expect(page.locator("#question-text")).to_have_text(CARDS)
    expect(page.locator("#suggested-services")).to_contain_text(club.name)
    assert_accessible(page)
    page.fill("#id_proposal", PROPOSAL)
    page.click("#save-proposal")
    expect(page.locator("[role=status]")).to_contain_text("opgeslagen")
    page.select_option("#id_owner", str(anouk.pk))
    page.fill("#id_what", "De kaartclub bellen over een eerste middag")
    page.fill("#id_due_on", timezone.localdate().isoformat())
    page.click("#add-action")
    expect(page.locator("#actions")).to_contain_text("De kaartclub bellen")
    page.locator("#tips ~ form").get_by_label(club.name, exact=False).check()
    page.fill("#id_text", TIP)
    page.click("#save-tips")
    expect(page.locator("[role=status]")).to_contain_text("tips")
    assert_accessible(page)
    shot(page, "at-the-table")

    # Who was there: Ruud, Mark with his sister, and the card club.
    page.get_by_role("link", name="Agenda").first.click()
    page.get_by_label("Ruud").check()
    page.get_by_label(f"Vraag {question.case_number}: de persoon zelf").check()
    page.get_by_label(f"Vraag {question.case_number}: iemand die de persoon meeneemt").check()
    page.get_by_label(f"Vraag {question.case_number}: Kaartclub De Harten Vrouw").check()
    page.click("#save-attendance")
    expect(page.locator("[role=status]")).to_contain_text("Opgeslagen wie er was")
    page.click("#close-meeting")
    assert_accessible(page)
    page.click("#confirm-close")
    expect(page.locator("main")).to_contain_text("Afgesloten")
    assert_accessible(page)

    # 7. The minutes name no one, but carry the tip to the mailing list.
    mail.outbox.clear()
    page.click("#minutes-link")
    minutes_text = page.locator("#minutes-text")
    expect(minutes_text).to_contain_text(question.case_number)
    expect(minutes_text).to_contain_text(TIP)
    expect(minutes_text).to_contain_text(f"/sociale-kaart/dienst/{club.pk}/")
    for secret in ("Mark", "Ilse", "Fatima", "potje mee te kaarten", PROPOSAL):
        expect(minutes_text).not_to_contain_text(secret)
    assert_accessible(page)
    page.click("#approve-minutes")
    expect(page.locator("#minutes-status")).to_be_visible()
    to_the_list = [m for m in mail.outbox if m.to == ["netwerk@partistad.example.nl"]]
    assert len(to_the_list) == 1 and TIP in to_the_list[0].body
    assert not [s for s in ("Mark", "Ilse", "kaarten") if s in to_the_list[0].body]
    sign_out(page)

    # 8. Mark makes his account with Fatima's link, reads the proposal and says yes.
    page.goto(path_in(own_account_mail))
    page.fill("#id_username", "mark")
    page.fill("#id_password1", MARKS_PASSWORD)
    page.fill("#id_password2", MARKS_PASSWORD)
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("account", re.IGNORECASE)).click()
    expect(page.locator(".utrecht-alert--ok")).to_contain_text("Dit is je eigen pagina")
    expect(page.locator("h1")).to_have_text("Mijn gegevens")
    assert_accessible(page)
    page.get_by_role("navigation", name="Over deze persoon").get_by_role(
        "link", name="Mijn vragen"
    ).click()
    page.get_by_role("link", name="Wat er met deze vraag gebeurt").click()
    expect(page.locator("#proposal")).to_contain_text(PROPOSAL)
    expect(page.locator("#actions")).to_contain_text("De kaartclub bellen")
    assert_accessible(page)
    page.get_by_role("button", name="Dit wil ik").click()
    expect(page.locator("#answer")).to_contain_text("Dit wil ik")
    assert_accessible(page)
    shot(page, "mark-says-yes")
    sign_out(page)

    # 9. Anouk is reminded of her action, which is due today; the mail names no one.
    mail.outbox.clear()
    call_command("remind_actions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (reminder,) = mail.outbox
    assert reminder.to == [anouk.email] and "/mijn-acties/" in reminder.body
    assert not [s for s in ("Mark", "kaart", question.case_number) if s in reminder.body]

    # 10. Next meeting: Mark's yes is on the agenda; the question closes answered.
    mail.outbox.clear()
    # A code counts once; in real life the next meeting is weeks later, not seconds.
    TOTPDevice.objects.filter(user=ruud).update(last_t=-1)
    page.goto(f"/werktafels/{table.pk}/")
    sign_in_in_browser(page, "ruud")
    page.goto(f"/werktafels/{table.pk}/")
    plan_a_meeting(page, days_ahead=28)
    page.click("#build-agenda")
    expect(page.locator("#agenda")).to_contain_text(question.case_number)
    page.get_by_role("link", name=f"Vraag {question.case_number}").first.click()
    expect(page.locator("#proposal-answer")).to_contain_text("dit wil ik")
    page.check(f"input[name=to][value={QuestionStatus.DISCUSSED}]")
    page.click("#change-status")
    expect(page.locator("[role=status]")).to_be_visible()
    page.get_by_label(re.compile("^Beantwoord: ")).check()
    page.select_option("#id_outcome", "joined")
    page.click("#change-status")
    expect(page.locator("[role=status]")).to_be_visible()
    assert_accessible(page)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    told = [m for m in mail.outbox if m.to == [fatima.email]]
    assert len(told) == 1 and "kaarten" not in told[0].body and "Mark" not in told[0].body
    sign_out(page)

    # 11. Janny finds her own question from her own page; it is visibly not at any table.
    page.goto("/")
    page.get_by_role("link", name="Inloggen").first.click()
    page.fill("#id_username", "janny")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Mijn pagina").first.click()
    page.get_by_role("navigation", name="Over deze persoon").get_by_role(
        "link", name="Mijn vragen"
    ).click()
    expect(page.locator(f"#question-{hair.pk}")).to_contain_text("kappersopleiding")
    expect(page.locator(f"#question-{hair.pk} [data-sharing=no_table]")).to_contain_text(
        "Er is geen werktafel gekozen."
    )
    assert_accessible(page)
    shot(page, "janny-finds-her-question")
