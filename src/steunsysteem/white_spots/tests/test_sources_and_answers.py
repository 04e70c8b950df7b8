"""A signal can also come from outside the werktafels: a coordinator raises it by hand and
says where it comes from. The municipality answers a signal it was sent, in the app: what it
will do and by when. The coordinator reads that answer. Each step is dated, attributed and in
the audit trail; a signal holds no personal data."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import DistrictFactory, UserFactory
from steunsysteem.white_spots import services
from steunsysteem.white_spots.models import Signal

from .factories import SignalFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SOON = timezone.localdate() + dt.timedelta(days=90)


@pytest.fixture
def ruud():
    return UserFactory(username="ruud", email="ruud@partistad.nl", coordinator=True)


@pytest.fixture
def coordinator(ruud):
    return sign_in(Client(), ruud)


@pytest.fixture
def beleid():
    return UserFactory(username="beleid", policy_officer=True)


@pytest.fixture
def policy_officer(beleid):
    return sign_in(Client(), beleid)


def audit_of(signal):
    return list(
        AuditEntry.objects.filter(object_type="white_spots.signal", object_id=str(signal.pk))
        .order_by("sequence")
        .values_list("action", "actor_username", "fields")
    )


# Raised by hand -------------------------------------------------------------------------------


def raise_signal(client, **data):
    url = reverse("signals:raise")
    token = form_token_for(client, url)
    fields = {
        "source": "client_council",
        "source_description": "Cliëntenraad GGZ Partistad, vergadering van 3 maart",
        "life_domain": "meeting",
        "district": "",
        "title": "Geen inloop in het weekend",
        "missing": "Een plek om in het weekend binnen te lopen.",
        "form_token": token,
    }
    return client.post(url, {**fields, **data}, follow=True)


def test_a_coordinator_raises_a_signal_by_hand_and_its_source_is_recorded(coordinator, ruud):
    district = DistrictFactory(name="Vlietzoom")

    response = raise_signal(coordinator, district=district.pk)

    signal = Signal.objects.get()
    assert (signal.source, signal.source_description) == (
        "client_council",
        "Cliëntenraad GGZ Partistad, vergadering van 3 maart",
    )
    assert (signal.status, signal.district, signal.life_domain) == ("raised", district, "meeting")
    assert (signal.question_count, signal.first_on, signal.monthly_counts) == (0, None, [])
    assert (signal.events.get().status, signal.events.get().by) == ("raised", ruud)
    assert audit_of(signal) == [(AuditAction.CREATE, "ruud", [])]
    page = response.content.decode()
    assert "A client council: Cliëntenraad GGZ Partistad, vergadering van 3 maart" in page
    assert "It is not based on counted questions." in page
    assert 'id="evidence"' not in page  # no table of question counts


def test_a_signal_by_hand_says_where_it_comes_from(coordinator):
    response = raise_signal(coordinator, source_description="  ")

    assert response.context["form"].errors["source_description"] == [
        "Say which consultation, steunpunt or council it comes from."
    ]
    assert not Signal.objects.exists()
    with pytest.raises(services.SignalError):
        services.signal_raise(
            life_domain="meeting",
            district=None,
            title="Iets ontbreekt",
            missing="Iets",
            source="questions",  # only the detection raises from the questions
            source_description="Eigen telling",
            by=UserFactory(coordinator=True),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SignalFactory(by_hand=True, source_description="")


def test_a_signal_by_hand_is_sent_like_any_other(coordinator):
    raise_signal(coordinator)
    signal = Signal.objects.get()

    coordinator.post(reverse("signals:send", args=[signal.pk]))

    signal.refresh_from_db()
    assert signal.status == "sent"


def test_the_signals_page_links_the_coordinator_to_raising_one(coordinator, policy_officer):
    assert reverse("signals:raise") in coordinator.get(reverse("signals:list")).content.decode()
    assert reverse("signals:raise") not in (
        policy_officer.get(reverse("signals:list")).content.decode()
    )


def test_only_coordinators_raise_a_signal(policy_officer):
    professional = sign_in(Client(), UserFactory(professional=True))
    for client in (policy_officer, professional):
        assert client.get(reverse("signals:raise")).status_code == 403
        assert client.post(reverse("signals:raise"), {"title": "x"}).status_code == 403
    assert not Signal.objects.exists()


# The municipality's answer --------------------------------------------------------------------


def respond(client, signal, **data):
    url = reverse("signals:detail", args=[signal.pk])
    token = form_token_for(client, url)
    fields = {
        "response": "We openen in het voorjaar een inloop op zaterdag in De Schakel.",
        "due_on": SOON.isoformat(),
        "form_token": token,
    }
    return client.post(reverse("signals:respond", args=[signal.pk]), {**fields, **data})


def sent_by(coordinator_user):
    signal = SignalFactory(missing="Een uitgaansavond.")
    services.signal_send(signal=signal, by=coordinator_user)
    return signal


def test_the_policy_officer_answers_and_the_coordinator_reads_it(
    policy_officer, beleid, coordinator, ruud
):
    signal = sent_by(ruud)

    response = respond(policy_officer, signal)

    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == "responded"
    assert signal.response == "We openen in het voorjaar een inloop op zaterdag in De Schakel."
    assert (signal.response_due_on, signal.responded_by) == (SOON, beleid)
    assert audit_of(signal)[-1] == (
        AuditAction.UPDATE,
        "beleid",
        ["responded_at", "responded_by", "response", "response_due_on", "status"],
    )
    page = coordinator.get(reverse("signals:detail", args=[signal.pk])).content.decode()
    assert "Answer of the municipality" in page
    assert "We openen in het voorjaar een inloop op zaterdag in De Schakel." in page
    assert SOON.strftime("%Y") in page
    assert "Answered by the municipality" in page
    listing = coordinator.get(reverse("signals:list")).content.decode()
    assert "Answered by the municipality" in listing  # still open: the new offer comes next


def test_whoever_sent_the_signal_is_told_there_is_an_answer_and_no_more(
    policy_officer, ruud, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://steunsysteem.partistad.nl"
    signal = sent_by(ruud)

    with django_capture_on_commit_callbacks(execute=True):
        respond(policy_officer, signal)

    [message] = mail.outbox
    assert message.to == ["ruud@partistad.nl"]
    assert f"https://steunsysteem.partistad.nl/signalen/{signal.pk}/" in message.body
    assert "De Schakel" not in message.body and signal.title not in message.body


def test_a_policy_officer_cannot_answer_a_signal_that_was_not_sent_to_the_municipality(
    policy_officer, beleid
):
    for status in ("raised", "answered", "dismissed"):
        signal = SignalFactory(status=status, district=DistrictFactory())
        response = policy_officer.post(
            reverse("signals:respond", args=[signal.pk]),
            {"response": "Wij doen iets.", "due_on": SOON.isoformat()},
        )
        assert response.status_code == 403, status
        with pytest.raises(services.SignalTransitionError):
            services.signal_respond(
                signal=signal, response="Wij doen iets.", due_on=SOON, by=beleid
            )
        signal.refresh_from_db()
        assert (signal.status, signal.response) == (status, "")


def test_only_the_municipality_answers_a_signal(coordinator, ruud):
    signal = sent_by(ruud)
    professional = sign_in(Client(), UserFactory(professional=True))

    for client in (coordinator, professional):
        response = client.post(
            reverse("signals:respond", args=[signal.pk]),
            {"response": "Wij doen iets.", "due_on": SOON.isoformat()},
        )
        assert response.status_code == 403

    signal.refresh_from_db()
    assert signal.status == "sent"


def test_an_answer_says_what_and_by_when_and_the_date_is_not_past(policy_officer, ruud):
    signal = sent_by(ruud)

    empty = respond(policy_officer, signal, response=" ", due_on="")
    past = respond(policy_officer, signal, due_on=(timezone.localdate() - dt.timedelta(days=1)))

    assert empty.context["respond_form"].errors == {
        "response": ["Say what the municipality will do."],
        "due_on": ["Say by when."],
    }
    assert "The date has already passed." in past.content.decode()
    signal.refresh_from_db()
    assert (signal.status, signal.response, signal.response_due_on) == ("sent", "", None)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignalFactory(status="responded", response="", district=DistrictFactory())


def test_the_policy_officer_may_correct_the_answer_and_both_stay_in_the_history(
    policy_officer, ruud
):
    signal = sent_by(ruud)
    respond(policy_officer, signal)

    respond(policy_officer, signal, response="Het wordt een inloop op zondag.")

    signal.refresh_from_db()
    assert signal.response == "Het wordt een inloop op zondag."
    notes = list(signal.events.filter(status="responded").values_list("note", flat=True))
    assert notes == [
        "We openen in het voorjaar een inloop op zaterdag in De Schakel.",
        "Het wordt een inloop op zondag.",
    ]


def test_after_the_answer_the_coordinator_marks_the_new_offer(coordinator, ruud):
    signal = SignalFactory(responded=True)

    coordinator.post(reverse("signals:answer", args=[signal.pk]))

    signal.refresh_from_db()
    assert signal.status == "answered"
    assert signal.response  # the municipality's answer stays with it
