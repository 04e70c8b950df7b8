"""Every question visibly reaches a werktafel, or is visibly "not shared with a werktafel
yet": it names its table, and reaches it only with the person's consent for questions to
that table. Consent is given (or written down) in the same step as the question."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import AuditAction, ConsentScope, ConsentSource
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.accounts.services import consent_withdraw
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    UserFactory,
)
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions import services
from steunsysteem.questions.constants import TableSharing
from steunsysteem.questions.models import Question
from steunsysteem.worktables import selectors
from steunsysteem.worktables import services as worktable_services
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CARDS = "Ik zou graag iemand hebben om een potje mee te kaarten."


@pytest.fixture
def vlietzoom():
    return DistrictFactory(name="Vlietzoom")


@pytest.fixture
def ruud():
    return UserFactory(username="ruud", first_name="Ruud", coordinator=True)


@pytest.fixture
def fatima():
    return UserFactory(
        username="fatima",
        first_name="Fatima",
        professional=True,
        organizations=[OrganizationFactory(name="Sociaal Wijkteam")],
    )


@pytest.fixture
def table(vlietzoom, ruud):
    return WorktableFactory(name="Werktafel Vlietzoom", district=vlietzoom, members=[ruud])


@pytest.fixture
def janny(vlietzoom):
    return ParticipantFactory(name="Janny", district=vlietzoom, with_account=True)


def table_consent(participant, table, **kwargs):
    return ConsentGrantFactory(
        participant=participant,
        grantee_user=None,
        grantee_worktable=table,
        scope=ConsentScope.QUESTIONS,
        **kwargs,
    )


def ask(participant, by, **kwargs):
    return services.question_submit(
        participant=participant, text=CARDS, life_domains=["meeting"], by=by, **kwargs
    )


def meeting_of(table, chair):
    start = timezone.now() + dt.timedelta(days=7)
    return worktable_services.meeting_plan(
        worktable=table,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        location="De Schakel",
        by=chair,
    )


def list_page(client, participant):
    return client.get(reverse("questions:list", args=[participant.pk])).content.decode()


def unshared_counts(client):
    response = client.get(reverse("worktables:list"))
    return {row.district: row.count for row in response.context["unshared"]}, response


# Where a question goes --------------------------------------------------------------------


def test_a_question_without_a_table_is_kept_as_not_shared_on_no_agenda_and_counted(
    client, janny, table, ruud
):
    """Consent for the table alone is not enough: the question has to name it."""
    table_consent(janny, table)
    question = ask(janny, janny.user)

    assert question.worktable is None
    assert permissions.question_table_sharing(question) == TableSharing.NO_TABLE
    assert not selectors.new_questions(table).exists()
    assert worktable_services.agenda_build(meeting=meeting_of(table, ruud), by=ruud) == 0
    sign_in(client, janny.user)
    page = list_page(client, janny)
    assert "Not shared with a werktafel yet." in page and "No werktafel was chosen" in page
    sign_in(client, ruud)
    counts, _ = unshared_counts(client)
    assert counts["Vlietzoom"] == 1


def test_a_question_naming_a_table_without_consent_is_not_shared_and_counted(
    client, janny, table, ruud
):
    question = ask(janny, janny.user, worktable=table)

    assert permissions.question_table_sharing(question) == TableSharing.NO_CONSENT
    assert not permissions.question_reaches_table(question)
    assert not selectors.new_questions(table).exists()
    sign_in(client, janny.user)
    page = list_page(client, janny)
    assert "Not shared with a werktafel yet." in page
    assert "Werktafel Vlietzoom may only see it with consent for questions" in page
    sign_in(client, ruud)
    counts, _ = unshared_counts(client)
    assert counts["Vlietzoom"] == 1


def test_with_table_and_consent_it_reaches_exactly_that_tables_agenda(janny, table, ruud):
    """Janny lets two tables see her questions; each question goes to the one it names."""
    theme = WorktableFactory(name="Werktafel Werk", theme="Werk", members=[ruud])
    table_consent(janny, table)
    table_consent(janny, theme)
    cards = ask(janny, janny.user, worktable=table)
    work = services.question_submit(
        participant=janny,
        text="Ik zoek werk met een vaste collega erbij.",
        life_domains=["work"],
        worktable=theme,
        by=janny.user,
    )

    assert list(selectors.new_questions(table)) == [cards]
    assert list(selectors.new_questions(theme)) == [work]
    meeting = meeting_of(table, ruud)
    assert worktable_services.agenda_build(meeting=meeting, by=ruud) == 1
    assert meeting.agenda.get().question == cards
    assert list(permissions.questions_not_reaching_a_table()) == []


def test_consent_to_another_table_does_not_bring_the_question_there(janny, table, ruud):
    other = WorktableFactory(name="Werktafel Werk", theme="Werk", members=[ruud])
    table_consent(janny, other)
    question = ask(janny, janny.user, worktable=table)

    assert not selectors.new_questions(table).exists()
    assert not selectors.new_questions(other).exists()
    assert permissions.question_table_sharing(question) == TableSharing.NO_CONSENT


def test_withdrawing_the_consent_makes_the_question_not_shared_again(client, janny, table, ruud):
    grant = table_consent(janny, table)
    question = ask(janny, janny.user, worktable=table)
    sign_in(client, janny.user)
    assert "Goes to Werktafel Vlietzoom." in list_page(client, janny)

    consent_withdraw(grant=grant, by=janny.user)

    assert permissions.question_table_sharing(question) == TableSharing.NO_CONSENT
    assert not selectors.new_questions(table).exists()
    page = list_page(client, janny)
    assert "Goes to Werktafel Vlietzoom." not in page
    assert "Not shared with a werktafel yet." in page
    sign_in(client, ruud)
    assert unshared_counts(client)[0]["Vlietzoom"] == 1


def test_a_question_cannot_name_the_table_of_another_district(janny, ruud):
    elsewhere = WorktableFactory(name="Werktafel Oosterhof", district=DistrictFactory())

    with pytest.raises(services.QuestionError, match="district"):
        ask(janny, janny.user, worktable=elsewhere)
    assert not Question.objects.exists()


# Consent in the same step -------------------------------------------------------------------


def test_janny_says_the_table_may_see_her_question_and_a_confirmed_grant_is_recorded(
    client, janny, table, settings
):
    sign_in(client, janny.user)
    url = reverse("questions:submit", args=[janny.pk])
    form = client.get(url).context["form"]
    assert form.fields["worktable"].initial == table.pk, "her district's table by default"

    response = client.post(
        url,
        {
            "text": CARDS,
            "worktable": table.pk,
            "table_consent": ConsentSource.PORTAL,
            "form_token": form_token_for(client, url),
        },
        follow=True,
    )

    grant = ConsentGrant.objects.get(participant=janny, grantee_worktable=table)
    assert grant.scope == ConsentScope.QUESTIONS and grant.source == ConsentSource.PORTAL
    assert grant.confirmed_at is not None
    assert grant.ends_on == timezone.localdate() + dt.timedelta(days=settings.CONSENT_MAX_DAYS)
    question = Question.objects.get()
    assert question.worktable == table
    assert list(selectors.new_questions(table)) == [question]
    page = response.content.decode()
    assert "Thank you, the question is saved. Goes to Werktafel Vlietzoom." in page
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="accounts.consentgrant", object_id=str(grant.pk)
    ).exists()


def test_without_her_yes_the_question_is_saved_and_the_message_says_it_is_not_shared(
    client, janny, table
):
    sign_in(client, janny.user)
    url = reverse("questions:submit", args=[janny.pk])

    response = client.post(
        url,
        {"text": CARDS, "worktable": table.pk, "form_token": form_token_for(client, url)},
        follow=True,
    )

    assert Question.objects.get().worktable == table
    assert not ConsentGrant.objects.exists()
    assert "Not shared with a werktafel yet" in response.content.decode()
    assert "goes to the werktafel of your district" not in response.content.decode()


def test_a_professional_records_consent_for_a_table_she_does_not_sit_at_and_it_counts_at_once(
    client, fatima, table
):
    mark = ParticipantFactory(name="Mark", district=table.district)
    ConsentGrantFactory(participant=mark, grantee_user=fatima)
    ConsentGrantFactory(participant=mark, grantee_user=fatima, scope=ConsentScope.QUESTIONS)
    sign_in(client, fatima)
    url = reverse("questions:submit", args=[mark.pk])

    client.post(
        url,
        {
            "text": CARDS,
            "worktable": table.pk,
            "table_consent": ConsentSource.SPOKEN,
            "form_token": form_token_for(client, url),
        },
    )

    grant = ConsentGrant.objects.get(participant=mark, grantee_worktable=table)
    assert (grant.source, grant.recorded_by) == (ConsentSource.SPOKEN, fatima)
    assert grant.confirmed_at is not None
    assert selectors.new_questions(table).get().participant == mark
    assert "Goes to Werktafel Vlietzoom." in list_page(client, mark)


def test_consent_for_a_table_she_sits_at_waits_for_a_second_yes_and_the_list_says_so(
    client, fatima, table
):
    table.members.add(fatima)
    mark = ParticipantFactory(name="Mark", district=table.district)
    ConsentGrantFactory(participant=mark, grantee_user=fatima)
    ConsentGrantFactory(participant=mark, grantee_user=fatima, scope=ConsentScope.QUESTIONS)
    sign_in(client, fatima)
    url = reverse("questions:submit", args=[mark.pk])

    response = client.post(
        url,
        {
            "text": CARDS,
            "worktable": table.pk,
            "table_consent": ConsentSource.SPOKEN,
            "form_token": form_token_for(client, url),
        },
        follow=True,
    )

    grant = ConsentGrant.objects.get(participant=mark, grantee_worktable=table)
    assert grant.is_awaiting_confirmation
    assert not selectors.new_questions(table).exists()
    page = response.content.decode()
    assert "the consent for Werktafel Vlietzoom waits for a second yes" in page
    assert "a second professional who works with the person confirms it" in page


def test_janny_saying_yes_in_the_form_confirms_the_table_consent_that_waited(
    client, janny, table, fatima
):
    table_consent(janny, table, awaiting_confirmation=True, recorded_by=fatima)
    sign_in(client, janny.user)
    url = reverse("questions:submit", args=[janny.pk])

    client.post(
        url,
        {
            "text": CARDS,
            "worktable": table.pk,
            "table_consent": ConsentSource.PORTAL,
            "form_token": form_token_for(client, url),
        },
    )

    grant = ConsentGrant.objects.get(participant=janny, grantee_worktable=table)
    assert grant.confirmed_by == janny.user
    assert selectors.new_questions(table).exists()


def test_a_relative_cannot_give_the_table_consent_and_the_form_says_who_can(client, janny, table):
    henk = UserFactory(relative=True)
    ConsentGrantFactory(participant=janny, grantee_user=henk, scope=ConsentScope.QUESTIONS)
    sign_in(client, henk)
    url = reverse("questions:submit", args=[janny.pk])

    form_page = client.get(url)
    assert "table_consent" not in form_page.context["form"].fields
    assert "A werktafel sees the question only when Janny allows it" in form_page.content.decode()
    client.post(
        url,
        {
            "text": CARDS,
            "worktable": table.pk,
            "table_consent": ConsentSource.SPOKEN,
            "form_token": form_token_for(client, url),
        },
    )

    assert Question.objects.get().worktable == table
    assert not ConsentGrant.objects.filter(grantee_worktable=table).exists()


def test_consent_without_a_table_is_refused_and_nothing_is_saved(janny):
    with pytest.raises(services.QuestionError, match="Choose the werktafel"):
        ask(janny, janny.user, table_consent_source=ConsentSource.PORTAL)
    assert not Question.objects.exists() and not ConsentGrant.objects.exists()


def test_the_participants_own_consent_cannot_pose_as_recorded_and_changes_nothing(janny, table):
    with pytest.raises(services.QuestionError, match="how the person gave consent"):
        ask(janny, janny.user, worktable=table, table_consent_source=ConsentSource.SPOKEN)
    assert not Question.objects.exists() and not ConsentGrant.objects.exists()


# What coordinators see ------------------------------------------------------------------------


def test_coordinators_see_a_count_per_district_without_content_names_or_links(
    client, janny, table, ruud
):
    ask(janny, janny.user, worktable=table)
    elsewhere = DistrictFactory(name="Oosterhof")
    ask(ParticipantFactory(name="Nuray", district=elsewhere), ruud)
    ask(ParticipantFactory(name="Mark"), ruud)
    sign_in(client, ruud)

    counts, response = unshared_counts(client)

    assert counts == {"Vlietzoom": 1, None: 1}, "only the districts of Ruud's tables"
    page = response.content.decode()
    section = page[
        page.index('id="unshared"') : page.index("</section>", page.index('id="unshared"'))
    ]
    assert "Vlietzoom: 1 question" in section
    assert "People without a district: 1 question" in section
    assert "<a " not in section
    for secret in ("Janny", "Nuray", "Mark", "kaarten"):
        assert secret not in page


def test_a_professional_at_the_table_sees_no_count(client, janny, table, fatima):
    table.members.add(fatima)
    ask(janny, janny.user, worktable=table)
    sign_in(client, fatima)

    response = client.get(reverse("worktables:list"))

    assert response.context["unshared"] == []
    assert 'id="unshared"' not in response.content.decode()


def test_janny_finds_the_werktafel_of_her_question_in_her_download(client, janny, table):
    ask(janny, janny.user, worktable=table)
    sign_in(client, janny.user)

    response = client.get(reverse("participants:export_json", args=[janny.pk]))

    [question] = response.json()["questions"]
    assert question["goes_to_worktable"] == "Werktafel Vlietzoom"
