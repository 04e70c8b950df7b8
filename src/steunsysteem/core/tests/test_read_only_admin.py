"""The new models of maatjes, telephone circles and kwartiermaken are in the admin read only:
the administrator lists and opens them, but cannot add, change or delete (every write goes
through the services, which audit it), and sees no names, numbers or notes."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.buddies.tests.story import KEES_PHONE, MARKS_PHONE, make_story
from steunsysteem.circles.tests.factories import CircleMemberFactory
from steunsysteem.directory.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    model
    for label in ("buddies", "circles", "outreach")
    for model in apps.get_app_config(label).get_models()
]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_new_model_is_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_administrator_may_not_add_change_or_delete(rf, model):
    request = rf.get("/")
    request.user = UserFactory(administrator=True)
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.fixture
def story():
    story = make_story()
    story.both_accept()
    return story


def test_the_administrator_lists_and_opens_a_match_without_contact_details(client, story):
    from steunsysteem.buddies.models import Match, VolunteerProfile

    match = Match.objects.get()
    sign_in(client, UserFactory(administrator=True))
    pages = [
        client.get(_url(Match, "changelist")),
        client.get(_url(Match, "change", match.pk)),
        client.get(_url(VolunteerProfile, "change", story.kees.pk)),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200]
    html = "".join(page.content.decode() for page in pages)
    assert KEES_PHONE not in html
    assert MARKS_PHONE not in html
    assert 'type="submit" value="Save"' not in html


def test_an_add_through_the_admin_is_refused(client):
    from steunsysteem.circles.models import Circle

    sign_in(client, UserFactory(administrator=True))
    assert client.get(_url(Circle, "add")).status_code == 403
    response = client.post(_url(Circle, "add"), {"name": "Via admin"})
    assert response.status_code == 403
    assert not Circle.objects.filter(name="Via admin").exists()


def test_a_change_or_delete_through_the_admin_is_refused(client):
    from steunsysteem.circles.models import CircleMember

    member = CircleMemberFactory(first_name="Bep", phone="06-99998888")
    position = member.position
    sign_in(client, UserFactory(administrator=True))
    page = client.get(_url(CircleMember, "change", member.pk))
    assert page.status_code == 200
    assert "06-99998888" not in page.content.decode()
    client.post(_url(CircleMember, "change", member.pk), {"position": 9, "phone": "06-1"})
    assert client.post(_url(CircleMember, "delete", member.pk), {"post": "yes"}).status_code == 403
    member.refresh_from_db()
    assert (member.position, member.phone, member.left_at) == (position, "06-99998888", None)


def test_a_coordinator_does_not_reach_these_admin_pages(client):
    from steunsysteem.circles.models import Circle

    sign_in(client, UserFactory(coordinator=True))
    response = client.get(_url(Circle, "changelist"))
    assert response.status_code in (302, 403)
