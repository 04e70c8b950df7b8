"""Janny links her professional's account to a member of her network by e-mail address.

The form never tells whether an address has an account: the answer is the same either way,
and only an account holder gets a mail to confirm. Until they confirm, nothing is linked and
Janny sees the link as waiting."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.accounts.constants import AuditAction
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks.models import NetworkMember
from steunsysteem.participants.tests.factories import ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FATIMA = "fatima@wijkteam.example.nl"


@pytest.fixture
def mails():
    mail.outbox.clear()
    return mail.outbox


@pytest.fixture(autouse=True)
def committed(django_capture_on_commit_callbacks, monkeypatch):
    """Every request commits as in production: what waits for the commit (the mail) runs."""
    from django.test import Client

    request = Client.request

    def committing(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(self, **kwargs)

    monkeypatch.setattr(Client, "request", committing)


@pytest.fixture
def janny():
    return ParticipantFactory(name="Janny de Vries", with_account=True)


@pytest.fixture
def fatima():
    return UserFactory(professional=True, email=FATIMA)


def add_member(client, janny, email, name="Mijn hulpverlener"):
    return client.post(
        reverse("networks:member_add", args=[janny.pk]),
        {
            "name": name,
            "relation": "professional",
            "circle": "middle",
            "account_email": email,
            "contact_frequency": "weekly",
        },
        follow=True,
    )


def link_in(message) -> str:
    return re.search(r"https?://\S+(/netwerk/koppelen/\S+/)", message.body).group(1)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    client, janny, fatima, mails
):
    sign_in(client, janny.user)

    with_account = add_member(client, janny, FATIMA.upper())
    without_account = add_member(client, janny, "niemand@example.org")

    assert with_account.status_code == without_account.status_code == 200
    assert with_account.redirect_chain == without_account.redirect_chain
    said = [
        [str(m) for m in response.context["messages"]]
        for response in (with_account, without_account)
    ]
    assert (
        said[0]
        == said[1]
        == [
            "Mijn hulpverlener is in the network now. If this address belongs to an account, that"
            " person gets a message to confirm the link."
        ]
    )
    # The network page and the edit page show both the same way: waiting.
    assert without_account.content.decode().count("Account link waits for confirmation") == 2
    for member in NetworkMember.objects.all():
        page = client.get(reverse("networks:member_edit", args=[janny.pk, member.pk]))
        assert "Waiting for confirmation since" in page.content.decode()
    # Only the account holder got a mail.
    assert [message.to for message in mails] == [[FATIMA]]


def test_nothing_is_linked_until_the_account_holder_confirms(client, janny, fatima, mails):
    sign_in(client, janny.user)
    add_member(client, janny, FATIMA)
    member = NetworkMember.objects.get()
    consent_link = f"{reverse('participants:consent_create', args=[janny.pk])}?lid={member.pk}"

    assert member.user is None and member.link_email == FATIMA
    assert (
        consent_link
        not in client.get(reverse("networks:network", args=[janny.pk])).content.decode()
    )

    client.logout()
    sign_in(client, fatima)
    confirm_page = client.get(link_in(mails[0]))
    assert confirm_page.status_code == 200
    assert "Mijn hulpverlener" in confirm_page.content.decode()
    assert "Janny" not in confirm_page.content.decode()
    member.refresh_from_db()
    assert member.user is None

    client.post(link_in(mails[0]))

    member.refresh_from_db()
    assert (member.user, member.link_email, member.link_token_hash) == (fatima, "", "")
    confirmed = AuditEntry.objects.filter(action=AuditAction.UPDATE, actor_user_id=fatima.pk).get()
    assert confirmed.object_id == str(janny.pk) and "network.user" in confirmed.fields
    client.logout()
    sign_in(client, janny.user)
    network_page = client.get(reverse("networks:network", args=[janny.pk])).content.decode()
    assert consent_link in network_page and "waits for confirmation" not in network_page


def test_the_mail_holds_a_link_and_no_names(client, janny, fatima, mails):
    sign_in(client, janny.user)

    add_member(client, janny, FATIMA, name="Fatima van het wijkteam")

    [message] = mails
    assert "/netwerk/koppelen/" in message.body
    for private in ("Janny", "Vries", "Fatima van het wijkteam"):
        assert private not in message.body and private not in message.subject


def test_the_link_works_only_for_the_account_it_was_sent_to(client, janny, fatima, mails):
    sign_in(client, janny.user)
    add_member(client, janny, FATIMA)
    link = link_in(mails[0])
    client.logout()

    someone_else = UserFactory(professional=True)
    sign_in(client, someone_else)
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert client.get("/netwerk/koppelen/verzonnen/").status_code == 404

    assert NetworkMember.objects.get().user is None


def test_a_link_not_confirmed_within_fourteen_days_no_longer_works(client, janny, fatima, mails):
    sign_in(client, janny.user)
    with freeze_time(timezone.now() - dt.timedelta(days=15)):
        add_member(client, janny, FATIMA)
    client.logout()
    sign_in(client, fatima)

    assert client.post(link_in(mails[0])).status_code == 404

    member = NetworkMember.objects.get()
    assert member.user is None and member.link_expired and not member.link_pending
    client.logout()
    sign_in(client, janny.user)
    page = client.get(reverse("networks:member_edit", args=[janny.pk, member.pk]))
    assert "Not confirmed within 14 days" in page.content.decode()


def test_an_address_of_an_account_that_cannot_be_linked_gets_no_mail(client, janny, mails):
    mark = ParticipantFactory(with_account=True).user
    sign_in(client, janny.user)

    add_member(client, janny, mark.email)

    assert mails == []


def test_the_same_address_again_sends_no_second_mail_and_emptying_it_takes_the_link_away(
    client, janny, fatima, mails
):
    sign_in(client, janny.user)
    add_member(client, janny, FATIMA)
    member = NetworkMember.objects.get()
    url = reverse("networks:member_edit", args=[janny.pk, member.pk])
    values = {
        "name": member.name,
        "relation": "professional",
        "circle": "outer",
        "contact_frequency": "weekly",
    }

    client.post(url, {**values, "account_email": FATIMA, "version": 1})
    assert len(mails) == 1

    client.post(url, {**values, "account_email": "", "version": 2})
    member.refresh_from_db()
    assert (member.user, member.link_email, member.link_requested_at) == (None, "", None)
    assert client.get(link_in(mails[0])).status_code == 404
