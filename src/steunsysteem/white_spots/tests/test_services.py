"""The coordinator describes a signal, sends it to the municipality, and closes it: answered
by a new offer or dismissed. Every step is dated, attributed and in the audit trail."""

import pytest

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.directory.tests.factories import ServiceFactory, UserFactory
from steunsysteem.white_spots import services
from steunsysteem.white_spots.services import SignalError, SignalTransitionError

from .factories import SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(username="kees", coordinator=True)


def audit_of(signal):
    return list(
        AuditEntry.objects.filter(object_type="white_spots.signal", object_id=str(signal.pk))
        .order_by("sequence")
        .values_list("action", "actor_username", "fields")
    )


def test_a_coordinator_describes_and_sends_a_signal(coordinator):
    signal = SignalFactory()

    services.signal_describe(
        signal=signal,
        title="Een uitgaansavond ontbreekt",
        missing="Een uitgaansavond voor mensen met een GGZ-achtergrond.",
        by=coordinator,
    )
    signal = services.signal_send(signal=signal, by=coordinator)

    assert signal.status == "sent" and signal.sent_at is not None
    event = signal.events.get()
    assert (event.status, event.by) == ("sent", coordinator)
    assert audit_of(signal) == [
        (AuditAction.UPDATE, "kees", ["missing", "title"]),
        (AuditAction.UPDATE, "kees", ["sent_at", "status"]),
    ]


def test_a_signal_is_not_sent_before_it_says_what_is_missing(coordinator):
    signal = SignalFactory(missing="")

    with pytest.raises(SignalError, match="Beschrijf eerst wat er ontbreekt"):
        services.signal_send(signal=signal, by=coordinator)

    signal.refresh_from_db()
    assert signal.status == "raised" and audit_of(signal) == []


def test_a_sent_signal_is_answered_by_a_new_offer_on_the_sociale_kaart(coordinator):
    signal = SignalFactory(sent=True)
    evening = ServiceFactory(name="Uitgaansavond De Schakel")

    signal = services.signal_answer(signal=signal, service=evening, by=coordinator)

    assert (signal.status, signal.answered_by_service) == ("answered", evening)
    assert signal.answered_at is not None
    assert audit_of(signal)[-1][2] == ["answered_at", "answered_by_service", "status"]


def test_a_signal_can_be_answered_without_a_service_on_the_kaart(coordinator):
    signal = services.signal_answer(signal=SignalFactory(), by=coordinator)

    assert signal.status == "answered" and signal.answered_by_service is None


def test_dismissing_needs_a_reason_that_is_kept_in_the_history(coordinator):
    signal = SignalFactory()

    with pytest.raises(SignalError):
        services.signal_dismiss(signal=signal, by=coordinator, reason="  ")
    signal = services.signal_dismiss(
        signal=signal, by=coordinator, reason="Het aanbod is er al, alleen niet bekend."
    )

    assert signal.status == "dismissed" and signal.dismissed_at is not None
    assert signal.events.get().note == "Het aanbod is er al, alleen niet bekend."


@pytest.mark.parametrize(
    "status, step",
    [
        ("sent", "send"),
        ("answered", "send"),
        ("answered", "answer"),
        ("answered", "dismiss"),
        ("dismissed", "answer"),
        ("dismissed", "send"),
        ("sent", "describe"),
    ],
)
def test_a_closed_or_sent_signal_refuses_steps_that_no_longer_fit(coordinator, status, step):
    signal = SignalFactory(status=status, missing="Iets.")
    calls = {
        "send": lambda: services.signal_send(signal=signal, by=coordinator),
        "answer": lambda: services.signal_answer(signal=signal, by=coordinator),
        "dismiss": lambda: services.signal_dismiss(signal=signal, by=coordinator, reason="Nee."),
        "describe": lambda: services.signal_describe(
            signal=signal, title="Anders", missing="Anders", by=coordinator
        ),
    }

    with pytest.raises(SignalTransitionError):
        calls[step]()

    signal.refresh_from_db()
    assert signal.status == status and not signal.events.exists()
