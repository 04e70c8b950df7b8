"""The chair keeps the table's members and mailing list up to date, not only an
administrator in the admin. A seat opens what participants shared with the table, so every
change of one is on the member's account in the audit trail, as the admin records it; the
table always keeps a chair; nobody else can make these changes."""

import pytest
from django.urls import reverse

from steunsysteem.accounts.models import AuditEntry
from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory.tests.factories import OrganizationFactory, UserFactory
from steunsysteem.worktables import services
from steunsysteem.worktables.constants import WorktableRole
from steunsysteem.worktables.models import MailingListEntry, WorktableMembership
from steunsysteem.worktables.tests.factories import WorktableFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def wijkteam():
    return OrganizationFactory(name="Sociaal Wijkteam")


@pytest.fixture
def ruud(wijkteam):
    return UserFactory(
        username="ruud", first_name="Ruud", coordinator=True, organizations=[wijkteam]
    )


@pytest.fixture
def table(ruud):
    table = WorktableFactory(name="Werktafel Vlietzoom")
    WorktableMembership.objects.create(worktable=table, user=ruud, role=WorktableRole.CHAIR)
    return table


@pytest.fixture
def fatima(table, wijkteam):
    """A professional who already sits at the table."""
    fatima = UserFactory(
        username="fatima", first_name="Fatima", professional=True, organizations=[wijkteam]
    )
    table.members.add(fatima)
    return fatima


def account_entries(user):
    return AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk))


def table_entries(table):
    return AuditEntry.objects.filter(object_type="worktables.worktable", object_id=str(table.pk))


def membership(table, user):
    return WorktableMembership.objects.get(worktable=table, user=user)


def seat(client, table, **data):
    url = reverse("worktables:members", args=[table.pk])
    token = form_token_for(client, url)
    return client.post(url, {"role": "core", **data, "form_token": token}, follow=True)


def add_address(client, table, email):
    url = reverse("worktables:mailing_list", args=[table.pk])
    token = form_token_for(client, url)
    return client.post(url, {"email": email, "form_token": token}, follow=True)


# Seating someone ------------------------------------------------------------------------------


def test_the_chair_seats_a_colleague_from_the_list_and_it_is_on_their_account(
    client, table, ruud, fatima, wijkteam
):
    kees = UserFactory(
        username="kees", first_name="Kees", professional=True, organizations=[wijkteam]
    )
    sign_in(client, ruud)

    response = seat(client, table, account=kees.pk, role="occasional")

    assert "Kees now sits at the table." in response.content.decode()
    assert membership(table, kees).role == WorktableRole.OCCASIONAL
    entry = account_entries(kees).get()
    assert (entry.action, entry.fields, entry.actor_user_id) == ("update", ["worktables"], ruud.pk)


def test_the_list_holds_only_professionals_and_coordinators_of_the_organisations_at_the_table(
    client, table, ruud, fatima, wijkteam
):
    colleague = UserFactory(username="kees", professional=True, organizations=[wijkteam])
    UserFactory(username="elsewhere", professional=True, organizations=[OrganizationFactory()])
    UserFactory(username="maatje", volunteer=True, organizations=[wijkteam])
    UserFactory(username="janny", organizations=[wijkteam])  # a participant
    UserFactory(username="gone", professional=True, organizations=[wijkteam], is_active=False)
    sign_in(client, ruud)

    response = client.get(reverse("worktables:members", args=[table.pk]))

    offered = list(response.context["form"].fields["account"].queryset)
    assert offered == [colleague]  # not Fatima: she sits at the table already


def test_the_chair_finds_someone_of_another_organisation_by_their_exact_address(
    client, table, ruud
):
    woonstede = OrganizationFactory(name="Woonstede")
    ahmed = UserFactory(
        username="ahmed",
        email="a.yilmaz@woonstede.nl",
        professional=True,
        organizations=[woonstede],
    )
    sign_in(client, ruud)

    seat(client, table, search="  A.Yilmaz@Woonstede.nl ")

    assert membership(table, ahmed).role == WorktableRole.CORE
    assert account_entries(ahmed).get().fields == ["worktables"]


def test_the_search_tells_nothing_about_participants(client, table, ruud):
    UserFactory(username="janny", email="janny@example.org")  # a participant
    UserFactory(username="henk", email="henk@example.org", relative=True)
    sign_in(client, ruud)

    answers = set()
    for text in ("janny@example.org", "janny", "henk@example.org", "nobody@example.org"):
        response = seat(client, table, search=text)
        answers.add(str(response.context["form"].errors["search"]))

    assert len(answers) == 1
    assert "We found no professional or coordinator" in answers.pop()
    assert table.members.count() == 1
    assert not AuditEntry.objects.filter(object_type="accounts.user").exists()


def test_only_professionals_and_coordinators_can_get_a_seat(table, ruud):
    for role in ("volunteer", "relative", "policy_officer", "editor", "administrator"):
        user = UserFactory(**{role: True})
        with pytest.raises(services.MembershipError):
            services.worktable_member_add(worktable=table, user=user, role="core", by=ruud)
    participant = UserFactory()
    with pytest.raises(services.MembershipError):
        services.worktable_member_add(worktable=table, user=participant, role="core", by=ruud)
    assert table.members.count() == 1


def test_only_a_coordinator_can_be_chair(client, table, ruud, wijkteam):
    kees = UserFactory(username="kees", professional=True, organizations=[wijkteam])
    sign_in(client, ruud)

    response = seat(client, table, account=kees.pk, role="chair")

    assert "Only a coordinator can chair a werktafel." in response.content.decode()
    assert not table.members.filter(pk=kees.pk).exists()


def test_someone_already_at_the_table_is_not_seated_twice(client, table, ruud, fatima):
    sign_in(client, ruud)

    response = seat(client, table, search="fatima")

    assert "Fatima already sits at this werktafel." in response.content.decode()
    assert not account_entries(fatima).exists()


def test_a_double_click_seats_someone_once(client, table, ruud, wijkteam):
    kees = UserFactory(username="kees", professional=True, organizations=[wijkteam])
    sign_in(client, ruud)
    url = reverse("worktables:members", args=[table.pk])
    data = {"account": kees.pk, "role": "core", "form_token": form_token_for(client, url)}

    client.post(url, data)
    second = client.post(url, data, follow=True)

    assert "already sent" in second.content.decode()
    assert account_entries(kees).count() == 1


# Changing a role, taking someone off ---------------------------------------------------------


def test_the_chair_changes_a_members_role_and_it_is_on_their_account(client, table, ruud, fatima):
    sign_in(client, ruud)

    client.post(
        reverse("worktables:member_role", args=[table.pk, membership(table, fatima).pk]),
        {"role": "occasional"},
    )

    assert membership(table, fatima).role == WorktableRole.OCCASIONAL
    entry = account_entries(fatima).get()
    assert (entry.fields, entry.actor_user_id) == (["worktables"], ruud.pk)


def test_the_chair_takes_someone_off_and_the_table_closes_for_them(client, table, ruud, fatima):
    sign_in(client, ruud)

    response = client.post(
        reverse("worktables:member_remove", args=[table.pk, membership(table, fatima).pk]),
        follow=True,
    )

    assert "Fatima no longer sits at the table." in response.content.decode()
    assert not table.members.filter(pk=fatima.pk).exists()
    entry = account_entries(fatima).get()
    assert (entry.fields, entry.actor_user_id) == (["worktables"], ruud.pk)
    client.logout()
    sign_in(client, fatima)
    assert client.get(reverse("worktables:detail", args=[table.pk])).status_code == 403


def test_the_last_chair_cannot_be_taken_off_or_made_an_ordinary_member(client, table, ruud):
    sign_in(client, ruud)
    chair = membership(table, ruud)

    removed = client.post(
        reverse("worktables:member_remove", args=[table.pk, chair.pk]), follow=True
    )
    changed = client.post(
        reverse("worktables:member_role", args=[table.pk, chair.pk]), {"role": "core"}, follow=True
    )

    for response in (removed, changed):
        assert "A werktafel needs a chair. First make someone else chair" in (
            response.content.decode()
        )
    assert membership(table, ruud).role == WorktableRole.CHAIR
    assert not account_entries(ruud).exists()


def test_with_a_second_chair_the_first_may_step_down(client, table, ruud, wijkteam):
    anna = UserFactory(username="anna", coordinator=True, organizations=[wijkteam])
    WorktableMembership.objects.create(worktable=table, user=anna, role=WorktableRole.CHAIR)
    sign_in(client, ruud)

    response = client.post(
        reverse("worktables:member_remove", args=[table.pk, membership(table, ruud).pk])
    )

    assert response.status_code == 302
    assert list(table.members.all()) == [anna]
    with pytest.raises(services.MembershipError):
        services.worktable_member_remove(membership=membership(table, anna), by=anna)


# The mailing list -----------------------------------------------------------------------------


def test_the_chair_adds_and_removes_a_mailing_list_address_and_both_are_audited(
    client, table, ruud
):
    sign_in(client, ruud)

    response = add_address(client, table, "Team-Noord@Woonstede.nl")

    assert "The address is on the mailing list." in response.content.decode()
    entry = MailingListEntry.objects.get(worktable=table)
    assert entry.email == "team-noord@woonstede.nl"
    client.post(reverse("worktables:mailing_list_remove", args=[table.pk, entry.pk]))
    assert not MailingListEntry.objects.exists()
    audited = list(table_entries(table).order_by("sequence").values_list("action", "fields"))
    assert audited == [("create", ["mailing_list"]), ("delete", ["mailing_list"])]
    assert "woonstede" not in str(list(AuditEntry.objects.values_list()))


def test_an_address_already_on_the_list_is_refused_with_a_clear_message(client, table, ruud):
    MailingListEntry.objects.create(worktable=table, email="team-noord@woonstede.nl")
    sign_in(client, ruud)

    response = add_address(client, table, "TEAM-NOORD@woonstede.nl")

    assert response.context["form"].errors["email"] == [
        "team-noord@woonstede.nl is already on the mailing list."
    ]
    assert MailingListEntry.objects.count() == 1
    assert not table_entries(table).exists()


def test_an_address_of_someone_at_the_table_is_not_added_again(client, table, ruud, fatima):
    sign_in(client, ruud)

    response = add_address(client, table, fatima.email)

    assert "they get the minutes already" in str(response.context["form"].errors["email"])
    assert not MailingListEntry.objects.exists()


def test_an_invalid_address_is_refused(client, table, ruud):
    sign_in(client, ruud)

    response = add_address(client, table, "team-noord at woonstede")

    assert response.context["form"].errors["email"] == ["Fill in a valid e-mail address."]
    assert not MailingListEntry.objects.exists()


# Who may -------------------------------------------------------------------------------------


def manage_urls(table, membership_pk, entry_pk):
    return [
        ("get", reverse("worktables:members", args=[table.pk])),
        ("post", reverse("worktables:members", args=[table.pk])),
        ("post", reverse("worktables:member_role", args=[table.pk, membership_pk])),
        ("post", reverse("worktables:member_remove", args=[table.pk, membership_pk])),
        ("get", reverse("worktables:mailing_list", args=[table.pk])),
        ("post", reverse("worktables:mailing_list", args=[table.pk])),
        ("post", reverse("worktables:mailing_list_remove", args=[table.pk, entry_pk])),
    ]


@pytest.mark.parametrize("who", ["member_not_chair", "coordinator_elsewhere", "policy_officer"])
def test_nobody_but_the_chair_changes_members_or_the_mailing_list(client, table, ruud, fatima, who):
    other_table = WorktableFactory(members=[UserFactory(username="anna", coordinator=True)])
    user = {
        "member_not_chair": fatima,
        "coordinator_elsewhere": other_table.members.get(),
        "policy_officer": UserFactory(username="beleid", policy_officer=True),
    }[who]
    entry = MailingListEntry.objects.create(worktable=table, email="team@woonstede.nl")
    sign_in(client, user)

    for method, url in manage_urls(table, membership(table, fatima).pk, entry.pk):
        data = {"role": "chair", "email": "x@example.org", "account": user.pk}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code == 403, (method, url)

    assert membership(table, fatima).role == WorktableRole.CORE
    assert MailingListEntry.objects.get().email == "team@woonstede.nl"
    assert not AuditEntry.objects.filter(action__in=["create", "update", "delete"]).exists()


def test_the_werktafel_page_links_the_chair_to_members_and_mailing_list(
    client, table, ruud, fatima
):
    members_url = reverse("worktables:members", args=[table.pk])
    sign_in(client, ruud)
    assert members_url in client.get(reverse("worktables:detail", args=[table.pk])).content.decode()
    client.logout()
    sign_in(client, fatima)
    page = client.get(reverse("worktables:detail", args=[table.pk])).content.decode()
    assert members_url not in page


def test_a_role_the_table_does_not_know_is_refused(table, ruud, fatima):
    with pytest.raises(services.MembershipError):
        services.worktable_member_role_change(
            membership=membership(table, fatima), role="observer", by=ruud
        )
    assert membership(table, fatima).role == WorktableRole.CORE
