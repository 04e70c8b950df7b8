"""Two people change the same member of Janny's network: the one who saves last does not
silently overwrite the other. Their save is refused with what to do, and nothing is written."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.constants import AuditAction, ConsentScope
from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.tests.factories import UserFactory
from steunsysteem.networks import services
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HENK = {"name": "Henk", "relation": "family", "circle": "middle", "contact_frequency": "monthly"}


@pytest.fixture
def janny():
    return ParticipantFactory(name="Janny", with_account=True)


@pytest.fixture
def henk(janny):
    return NetworkMemberFactory(participant=janny, **HENK)


@pytest.fixture
def fatima(janny):
    fatima = UserFactory(professional=True)
    ConsentGrantFactory(participant=janny, grantee_user=fatima, scope=ConsentScope.NETWORK)
    return fatima


def edit_url(henk):
    return reverse("networks:member_edit", args=[henk.participant_id, henk.pk])


def test_the_form_carries_the_version_it_was_opened_at(client, janny, henk):
    sign_in(client, janny.user)

    page = client.get(edit_url(henk)).content.decode()

    assert 'name="version" value="1"' in page
    assert '<label class="utrecht-form-label" for="id_version">' not in page


def test_a_save_on_a_page_opened_before_someone_elses_change_is_refused(
    client, janny, henk, fatima
):
    # Janny opened the page at version 1; meanwhile Fatima moved Henk to the inner circle.
    services.network_member_update(member=henk, by=fatima, circle="inner", version=1)
    sign_in(client, janny.user)
    updates_before = AuditEntry.objects.filter(action=AuditAction.UPDATE).count()

    response = client.post(
        edit_url(henk), {**HENK, "circle": "outer", "gives_back_note": "Ik kook", "version": 1}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this person after you opened this page" in page
    assert "reload the page" in page
    henk.refresh_from_db()
    assert (henk.circle, henk.gives_back_note, henk.version) == ("inner", "", 2)
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE).count() == updates_before
    # Her own changes are shown again, next to what is saved now.
    form = response.context["form"]
    assert (form["circle"].value(), form["gives_back_note"].value()) == ("outer", "Ik kook")
    assert ("How close", "Very close") in response.context["saved_now"]
    assert 'name="version" value="2"' in page


def test_saving_again_after_seeing_both_is_a_choice_that_counts(client, janny, henk, fatima):
    services.network_member_update(member=henk, by=fatima, circle="inner", version=1)
    sign_in(client, janny.user)
    refused = client.post(edit_url(henk), {**HENK, "circle": "outer", "version": 1})

    saved = client.post(edit_url(henk), refused.context["form"].data)

    assert saved.status_code == 302
    henk.refresh_from_db()
    assert (henk.circle, henk.version) == ("outer", 3)


def test_a_form_without_its_version_is_refused_and_nothing_is_written(client, janny, henk):
    sign_in(client, janny.user)

    response = client.post(edit_url(henk), {**HENK, "circle": "outer"})

    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    henk.refresh_from_db()
    assert (henk.circle, henk.version) == ("middle", 1)


def test_every_saved_change_raises_the_version_and_a_save_without_changes_does_not(janny, henk):
    services.network_member_update(member=henk, by=janny.user, circle="inner", version=1)
    services.network_member_update(member=henk, by=janny.user, circle="inner", version=2)
    henk.refresh_from_db()
    assert henk.version == 2

    with pytest.raises(services.NetworkMemberChanged):
        services.network_member_update(member=henk, by=janny.user, circle="outer", version=1)
    henk.refresh_from_db()
    assert henk.circle == "inner"
