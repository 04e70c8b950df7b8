"""The consent pages: recording consent for someone (not under emergency access, not longer
than the maximum, for oneself only with a second yes), the person's page "Wie mag wat zien"
with every grant and a yes or no for what waits, and a form that offers people to choose
from instead of telling whether a typed e-mail address has an account."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import AuditEntry, ConsentGrant
from steunsysteem.accounts.services import emergency_access_start
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PROFILE, NETWORK = ConsentScope.PROFILE, ConsentScope.NETWORK


@pytest.fixture
def ggz():
    return OrganizationFactory(name="GGZ Partistad")


@pytest.fixture
def fatima(ggz):
    return UserFactory(
        username="fatima",
        first_name="Fatima",
        last_name="Yilmaz",
        professional=True,
        organizations=[ggz],
    )


@pytest.fixture
def janny(ggz):
    """Janny has an account and shares her basic details with the GGZ."""
    janny = ParticipantFactory(
        name="Janny de Vries", user=UserFactory(username="janny", first_name="Janny")
    )
    ConsentGrantFactory(participant=janny, grantee_user=None, grantee_organization=ggz)
    return janny


def consent_form(participant) -> str:
    return reverse("participants:consent_create", args=[participant.pk])


def in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def post_consent(client, participant, **fields):
    data = {
        "grantee_kind": "user",
        "scopes": [NETWORK],
        "ends_on": in_days(30),
        "source": "spoken",
        **fields,
    }
    url = consent_form(participant)
    # Someone refused the form gets no token: the POST must be refused all the same.
    form_page = client.get(url)
    token = form_token_for(client, url) if form_page.status_code == 200 else ""
    return client.post(url, {**data, "form_token": token})


def test_emergency_access_opens_no_consent_page_and_no_consent_form(client):
    mark = ParticipantFactory(name="Mark")
    professional = UserFactory(professional=True)
    emergency_access_start(participant=mark, by=professional, reason="In crisis, onbereikbaar.")
    sign_in(client, professional)

    assert client.get(reverse("participants:detail", args=[mark.pk])).status_code == 200
    assert client.get(consent_form(mark)).status_code == 403
    assert post_consent(client, mark, grantee_user=professional.pk).status_code == 403
    assert client.get(reverse("participants:consent", args=[mark.pk])).status_code == 403
    assert not ConsentGrant.objects.exists()


def test_the_form_names_the_latest_end_date_and_refuses_9999_12_31(client, janny):
    sign_in(client, janny.user)
    latest = timezone.localdate() + dt.timedelta(days=365)
    latest_words = f"{latest.day} {latest:%B} {latest.year}"

    form = client.get(consent_form(janny)).context["form"]
    assert latest_words in form.fields["ends_on"].help_text
    assert form.fields["ends_on"].widget.attrs["max"] == latest.isoformat()

    response = post_consent(
        client,
        janny,
        grantee_kind="organization",
        grantee_organization=OrganizationFactory().pk,
        ends_on="9999-12-31",
    )

    assert response.status_code == 200
    assert f"choose {latest_words} or earlier" in str(response.context["form"].errors)
    assert not ConsentGrant.objects.filter(scope=NETWORK).exists()


def test_registering_someone_refuses_an_end_date_beyond_the_maximum(client, fatima):
    sign_in(client, fatima)

    response = client.post(
        reverse("participants:register"),
        {
            "name": "Nuray",
            "preferred_language": "tr",
            "contact_route": "phone",
            "consent_to": "me",
            "scopes": [PROFILE],
            "ends_on": "9999-12-31",
            "source": "spoken",
        },
    )

    assert response.status_code == 200
    assert "at most 365 days" in str(response.context["form"].errors)
    assert not ConsentGrant.objects.exists()


def test_fatima_records_network_consent_for_herself_and_it_waits_for_janny(client, fatima, janny):
    sign_in(client, fatima)
    network = reverse("networks:network", args=[janny.pk])

    response = post_consent(client, janny, grantee_user=fatima.pk)

    assert response.status_code == 302
    grant = ConsentGrant.objects.get(scope=NETWORK)
    assert grant.is_awaiting_confirmation
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("counts only once the person has said yes" in m for m in messages), messages
    assert client.get(network).status_code == 403
    confirm = reverse("participants:consent_confirm", args=[janny.pk, grant.pk])
    assert client.post(confirm).status_code == 403

    client.logout()
    sign_in(client, janny.user)
    details = client.get(reverse("participants:detail", args=[janny.pk])).content.decode()
    assert 'id="consent-waiting"' in details
    page = client.get(reverse("participants:consent", args=[janny.pk]))
    assert [waiting.pk for waiting in page.context["waiting"]] == [grant.pk]
    html = page.content.decode()
    assert 'id="waiting-consent"' in html and "recorded by Fatima Yilmaz" in html
    assert "Said to a professional in a conversation" in html
    assert client.post(confirm).status_code == 302

    client.logout()
    sign_in(client, fatima)
    assert client.get(network).status_code == 200


def test_janny_says_no_and_the_grant_is_listed_as_declined(client, fatima, janny):
    grant = ConsentGrantFactory(
        participant=janny,
        grantee_user=fatima,
        scope=NETWORK,
        awaiting_confirmation=True,
    )
    sign_in(client, janny.user)

    response = client.post(reverse("participants:consent_decline", args=[janny.pk, grant.pk]))

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.was_declined
    page = client.get(reverse("participants:consent", args=[janny.pk]))
    assert list(page.context["past"]) == [grant]
    assert "declined on" in page.content.decode()


def test_without_an_account_a_colleague_gives_the_second_yes_on_the_consent_page(
    client, fatima, ggz
):
    mark = ParticipantFactory(name="Mark")
    ConsentGrantFactory(participant=mark, grantee_user=None, grantee_organization=ggz)
    colleague = UserFactory(professional=True, organizations=[ggz])
    sign_in(client, fatima)
    post_consent(client, mark, grantee_user=fatima.pk)
    grant = ConsentGrant.objects.get(scope=NETWORK)
    confirm = reverse("participants:consent_confirm", args=[mark.pk, grant.pk])
    assert client.post(confirm).status_code == 403
    client.logout()

    sign_in(client, colleague)
    details = client.get(reverse("participants:detail", args=[mark.pk])).content.decode()
    assert 'id="consent-waiting"' in details
    page = client.get(reverse("participants:consent", args=[mark.pk]))
    assert page.context["answerable"] == {grant.pk}
    assert confirm in page.content.decode()
    assert client.post(confirm).status_code == 302

    grant.refresh_from_db()
    assert grant.confirmed_by == colleague
    assert AuditEntry.objects.filter(
        object_type="accounts.consentgrant",
        object_id=str(grant.pk),
        fields=["confirmed_at"],
        actor_user_id=colleague.pk,
    ).exists()


def test_every_grant_is_on_janny_s_page(client, fatima, janny):
    waiting = ConsentGrantFactory(
        participant=janny, grantee_user=fatima, scope=NETWORK, awaiting_confirmation=True
    )
    withdrawn = ConsentGrantFactory(participant=janny, scope=ConsentScope.NOTES, withdrawn=True)
    ended = ConsentGrantFactory(participant=janny, scope=ConsentScope.QUESTIONS, expired=True)
    sign_in(client, janny.user)

    page = client.get(reverse("participants:consent", args=[janny.pk])).context

    assert list(page["waiting"]) == [waiting]
    assert [grant.grantee_organization for grant in page["current"]] == [
        janny.consent_grants.get(scope=PROFILE).grantee_organization
    ]
    assert set(page["past"]) == {withdrawn, ended}


# The form offers people; it never looks up a typed address -------------------------------------


def test_the_form_offers_the_network_s_accounts_former_grantees_and_no_one_else(
    client, fatima, janny
):
    buddy = UserFactory(volunteer=True, first_name="Kees")
    NetworkMemberFactory(participant=janny, user=buddy)
    former = ConsentGrantFactory(participant=janny, expired=True).grantee_user
    UserFactory(professional=True, first_name="Onbekend")
    sign_in(client, janny.user)

    form = client.get(consent_form(janny)).context["form"]

    assert set(form.fields["grantee_user"].queryset) == {buddy, former}
    assert "grantee_email" not in form.fields


def test_a_professional_is_offered_herself_but_not_the_network_she_may_not_see(
    client, fatima, janny
):
    NetworkMemberFactory(participant=janny, user=UserFactory(volunteer=True))
    sign_in(client, fatima)

    form = client.get(consent_form(janny)).context["form"]

    assert list(form.fields["grantee_user"].queryset) == [fatima]


@pytest.mark.parametrize("who", ["existing account", "no such account", "typed address"])
def test_someone_not_in_the_list_is_refused_with_the_same_words(client, janny, who):
    outsider = UserFactory(professional=True, email="kees@example.org")
    sign_in(client, janny.user)
    fields = {
        "existing account": {"grantee_user": outsider.pk},
        "no such account": {"grantee_user": outsider.pk + 1000},
        "typed address": {"grantee_user": "", "grantee_email": "kees@example.org"},
    }[who]

    response = post_consent(client, janny, **fields)

    assert response.status_code == 200
    assert response.context["form"].errors["grantee_user"] == ["Choose a person from the list."]
    assert not ConsentGrant.objects.filter(scope=NETWORK).exists()


def test_what_may_this_member_see_preselects_their_organisation(client, janny):
    wijkteam = OrganizationFactory(name="Sociaal Wijkteam")
    member = NetworkMemberFactory(participant=janny, organization=wijkteam, professional=True)
    sign_in(client, janny.user)

    form = client.get(f"{consent_form(janny)}?lid={member.pk}").context["form"]

    assert form.initial == {"grantee_kind": "organization", "grantee_organization": wijkteam}


def test_sending_the_consent_form_twice_records_the_consent_once(client, ggz):
    janny = ParticipantFactory(name="Janny de Vries", with_account=True)
    henk = UserFactory(relative=True, first_name="Henk")
    ConsentGrantFactory(participant=janny, grantee_user=henk, expired=True)
    sign_in(client, janny.user)
    url = consent_form(janny)
    data = {
        "grantee_kind": "user",
        "grantee_user": henk.pk,
        "scopes": [NETWORK],
        "ends_on": in_days(30),
        "form_token": form_token_for(client, url),
    }

    first = client.post(url, data)
    again = client.post(url, data, follow=True)

    assert ConsentGrant.objects.filter(grantee_user=henk, scope=NETWORK).count() == 1
    assert again.redirect_chain == [(first.headers["Location"], 302)]
    assert "This was already sent" in again.content.decode()


# Consent that exists already is not recorded twice by accident


def test_consent_the_grantee_already_has_is_named_and_needs_a_tick_to_renew(client, janny, ggz):
    sign_in(client, janny.user)
    data = {"grantee_kind": "organization", "grantee_organization": ggz.pk, "scopes": [PROFILE]}

    refused = post_consent(client, janny, **data)

    assert refused.status_code == 200
    message = str(refused.context["form"].errors["renew"])
    assert "GGZ Partistad may already see this" in message and "Basic details (" in message
    assert 'type="checkbox" name="renew"' in refused.content.decode()
    assert ConsentGrant.objects.filter(grantee_organization=ggz).count() == 1

    renewed = post_consent(client, janny, **data, renew="on")

    assert renewed.status_code == 302
    assert ConsentGrant.objects.filter(grantee_organization=ggz).count() == 2


def test_the_renew_box_stays_hidden_when_there_is_nothing_to_renew(client, janny, ggz):
    sign_in(client, janny.user)

    page = client.get(consent_form(janny)).content.decode()

    assert 'type="hidden" name="renew"' in page and 'type="checkbox" name="renew"' not in page


def test_a_new_part_for_the_same_grantee_needs_no_tick(client, janny, ggz):
    sign_in(client, janny.user)

    response = post_consent(
        client, janny, grantee_kind="organization", grantee_organization=ggz.pk, scopes=[NETWORK]
    )

    assert response.status_code == 302
    assert ConsentGrant.objects.filter(grantee_organization=ggz, scope=NETWORK).count() == 1


def test_consent_to_a_colleague_of_an_organisation_with_consent_is_no_duplicate(
    client, janny, ggz, fatima
):
    """Fatima works at the GGZ, which has consent; consent to Fatima herself is new."""
    ConsentGrantFactory(participant=janny, grantee_user=fatima, expired=True)
    sign_in(client, janny.user)
    response = post_consent(client, janny, grantee_user=fatima.pk, scopes=[PROFILE])
    assert response.status_code == 302
