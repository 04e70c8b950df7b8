"""The signals pages: the coordinator sees every signal with exact numbers and acts on it; the
policy officer (the municipality) sees what was sent, with small numbers shown as "< 5"."""

import datetime as dt

import pytest
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.white_spots.models import Signal

from .factories import SignalFactory
from .test_detection import NOW, ask

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dutch")]


@pytest.fixture
def coordinator(client):
    return sign_in(client, UserFactory(coordinator=True))


@pytest.fixture
def policy_officer(client):
    return sign_in(client, UserFactory(policy_officer=True))


def test_the_policy_officer_sees_sent_signals_with_small_counts_suppressed(policy_officer):
    sent = SignalFactory(sent=True, title="Uitgaansavond ontbreekt", question_count=3)
    SignalFactory(title="Nog niet verstuurd")

    page = policy_officer.get(reverse("signals:list")).content.decode()

    assert "Uitgaansavond ontbreekt" in page and "Nog niet verstuurd" not in page
    assert "&lt; 5" in page and ">3<" not in page
    assert "Zoek nu naar nieuwe signalen" not in page
    detail = policy_officer.get(reverse("signals:detail", args=[sent.pk])).content.decode()
    assert "&lt; 5 vragen kregen geen passend aanbod" in detail
    assert "Zet op verstuurd" not in detail and "Afsluiten" not in detail


def test_the_policy_officer_sees_months_not_days(policy_officer):
    signal = SignalFactory(sent=True)

    detail = policy_officer.get(reverse("signals:detail", args=[signal.pk])).content.decode()

    assert f" {signal.first_on:%Y}" in detail
    assert f">{signal.first_on.day} " not in detail


def test_the_policy_officer_sees_large_counts_as_they_are(policy_officer):
    signal = SignalFactory(sent=True, question_count=7)
    signal.monthly_counts = [[f"{signal.first_on:%Y-%m}", 4], [f"{signal.last_on:%Y-%m}", 3]]
    signal.save()

    detail = policy_officer.get(reverse("signals:detail", args=[signal.pk])).content.decode()

    assert "7 vragen kregen geen passend aanbod" in detail
    assert "&lt; 5" not in detail  # the two months are one period of 7


def test_the_policy_officer_cannot_subtract_a_small_month_from_the_total(policy_officer):
    """Six questions, one in each of six months: the months are one period of six."""
    first = dt.date(2026, 1, 12)
    months = [f"2026-{month:02d}" for month in range(1, 7)]
    signal = SignalFactory(
        sent=True,
        question_count=6,
        first_on=first,
        last_on=dt.date(2026, 6, 2),
        monthly_counts=[[month, 1] for month in months],
    )

    detail = policy_officer.get(reverse("signals:detail", args=[signal.pk])).content.decode()

    assert "6 vragen kregen geen passend aanbod" in detail
    assert "&lt; 5" not in detail
    assert "januari 2026 tot en met juni 2026" in detail
    assert detail.count('<td class="utrecht-table__cell">') == 1


def test_the_policy_officer_cannot_open_a_signal_that_was_not_sent(policy_officer):
    signal = SignalFactory()

    assert policy_officer.get(reverse("signals:detail", args=[signal.pk])).status_code == 403


def test_the_coordinator_sees_exact_counts_and_looks_for_signals_now(coordinator):
    district = DistrictFactory(name="Oosterhof")
    for days_ago in (3, 2, 1):
        ask(district, days_ago=days_ago, domains=("work",), submitted_by=None)

    response = coordinator.post(reverse("signals:detect"), follow=True)

    page = response.content.decode()
    assert "1 nieuw signaal." in page
    assert "Geen passend aanbod voor &#x27;Werk&#x27; in Oosterhof" in page
    signal = Signal.objects.get()
    detail = coordinator.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert "3 vragen kregen geen passend aanbod" in detail
    assert "Zet op verstuurd" in detail
    assert signal.events.get().by is not None


def test_the_coordinator_filters_by_status(coordinator):
    SignalFactory(title="Open signaal")
    SignalFactory(title="Afgesloten signaal", status="dismissed")

    open_page = coordinator.get(reverse("signals:list")).content.decode()
    closed_page = coordinator.get(reverse("signals:list"), {"status": "dismissed"}).content.decode()

    assert "Open signaal" in open_page and "Afgesloten signaal" not in open_page
    assert "Afgesloten signaal" in closed_page and "Open signaal" not in closed_page


def test_the_coordinator_sends_answers_and_sees_the_history(coordinator):
    signal = SignalFactory(missing="Een uitgaansavond.")

    coordinator.post(reverse("signals:send", args=[signal.pk]))
    response = coordinator.post(reverse("signals:answer", args=[signal.pk]), follow=True)

    page = response.content.decode()
    assert "Het signaal is opgelost. Mooi!" in page
    assert "Verstuurd naar de gemeente" in page and "Opgelost met nieuw aanbod" in page
    signal.refresh_from_db()
    assert signal.status == "answered"


def test_a_wrong_step_is_explained_not_an_error_page(coordinator):
    signal = SignalFactory(status="dismissed")

    response = coordinator.post(reverse("signals:send", args=[signal.pk]), follow=True)

    assert response.status_code == 200
    assert "Die stap kan nu niet" in response.content.decode()


def test_dismissing_without_a_reason_asks_for_one(coordinator):
    signal = SignalFactory()

    response = coordinator.post(reverse("signals:dismiss", args=[signal.pk]), follow=True)

    assert "Schrijf op waarom je het signaal afsluit." in response.content.decode()
    signal.refresh_from_db()
    assert signal.status == "raised"


def test_the_menu_shows_signals_to_coordinators_and_policy_officers_only(client):
    for user, shown in [
        (UserFactory(coordinator=True), True),
        (UserFactory(policy_officer=True), True),
        (UserFactory(professional=True), False),
        (UserFactory(administrator=True), False),
    ]:
        sign_in(client, user)
        page = client.get(reverse("directory:search")).content.decode()
        assert (f'href="{reverse("signals:list")}"' in page) is shown, user.role
        client.logout()


assert NOW  # the detection tests' fixed moment is shared, not needed here


def test_only_the_coordinator_sees_how_many_of_the_questions_still_wait(client, settings):
    """How many questions still wait is an exact small count: the municipality sees the
    rule that made them count, not the number."""
    settings.SIGNAL_OPEN_WAITING_WEEKS = 12
    signal = SignalFactory(sent=True, question_count=6, waiting_count=2)
    url = reverse("signals:detail", args=[signal.pk])

    sign_in(client, UserFactory(coordinator=True))
    coordinator_page = client.get(url).content.decode()
    client.logout()
    sign_in(client, UserFactory(policy_officer=True))
    municipality_page = client.get(url).content.decode()

    assert "2 daarvan wachten nog." in coordinator_page
    for page in (coordinator_page, municipality_page):
        assert "al meer dan 12 weken wacht op een voorstel van de werktafel" in page
    assert "daarvan wacht" not in municipality_page
