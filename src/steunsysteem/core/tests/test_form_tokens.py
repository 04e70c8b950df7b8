"""Forms that count once: the same form sent twice (a double click, a reload, five parallel
POSTs) writes once, and every repeat lands on the page the first one led to."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.utils import timezone
from freezegun import freeze_time

from steunsysteem.core import form_tokens
from steunsysteem.core.models import SpentFormToken
from steunsysteem.directory.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def user():
    return UserFactory(professional=True)


def post(user, token):
    request = RequestFactory().post("/formulier/", {form_tokens.FIELD_NAME: token})
    request.user = user
    return request


def new_token(user, purpose="question:1"):
    request = RequestFactory().get("/formulier/")
    request.user = user
    return form_tokens.form_token(request, purpose)


def test_the_same_form_sent_twice_writes_once_and_both_go_to_the_same_page(user):
    token = new_token(user)
    writes = []

    def write():
        writes.append(1)
        return f"/vragen/{len(writes)}/"

    first = form_tokens.submit_once(post(user, token), purpose="question:1", write=write)
    again = form_tokens.submit_once(post(user, token), purpose="question:1", write=write)

    assert writes == [1]
    assert first == form_tokens.Sent(redirect_to="/vragen/1/", first=True)
    assert again == form_tokens.Sent(redirect_to="/vragen/1/", first=False)


def test_a_new_page_gives_a_new_token_so_a_second_question_is_possible(user):
    writes = []
    for _ in range(2):
        form_tokens.submit_once(
            post(user, new_token(user)), purpose="question:1", write=lambda: writes.append(1) or "/"
        )

    assert len(writes) == 2


def test_a_failed_write_spends_nothing_so_the_corrected_form_can_be_sent(user):
    token = new_token(user)

    def refused():
        SpentFormToken.objects.create(nonce="written-inside", spent_at=timezone.now())
        raise ValueError("form error")

    with pytest.raises(ValueError):
        form_tokens.submit_once(post(user, token), purpose="question:1", write=refused)

    assert not SpentFormToken.objects.exists()
    sent = form_tokens.submit_once(post(user, token), purpose="question:1", write=lambda: "/ok/")
    assert sent.first


@pytest.mark.parametrize(
    "token_of",
    [
        pytest.param(lambda user: "", id="missing"),
        pytest.param(lambda user: new_token(user) + "x", id="changed"),
        pytest.param(lambda user: new_token(UserFactory()), id="another user's"),
        pytest.param(lambda user: new_token(user, purpose="question:2"), id="another form's"),
    ],
)
def test_a_token_that_is_not_this_users_for_this_form_is_refused_and_nothing_is_written(
    user, token_of
):
    writes = []
    with pytest.raises(form_tokens.FormTokenError):
        form_tokens.submit_once(
            post(user, token_of(user)), purpose="question:1", write=lambda: writes.append(1)
        )

    assert writes == [] and not SpentFormToken.objects.exists()


def test_a_form_left_open_too_long_asks_to_send_again_with_a_fresh_token(user):
    with freeze_time(timezone.now() - form_tokens.MAX_AGE - dt.timedelta(minutes=1)):
        old = new_token(user)

    with pytest.raises(form_tokens.FormTokenError) as refused:
        form_tokens.submit_once(post(user, old), purpose="question:1", write=lambda: "/")

    assert "send the form again" in str(refused.value)
    fresh = form_tokens.form_token(post(user, old), "question:1")
    assert fresh != old
    assert form_tokens.submit_once(post(user, fresh), purpose="question:1", write=lambda: "/")


def test_a_form_shown_again_with_an_error_keeps_its_token(user):
    token = new_token(user)

    assert form_tokens.form_token(post(user, token), "question:1") == token


def test_spent_tokens_are_removed_once_they_could_no_longer_be_sent(
    user, django_capture_on_commit_callbacks
):
    with freeze_time(timezone.now() - form_tokens.MAX_AGE - dt.timedelta(minutes=1)):
        form_tokens.submit_once(
            post(user, new_token(user)), purpose="question:1", write=lambda: "/"
        )
    recent = new_token(user)

    with django_capture_on_commit_callbacks(execute=True):
        form_tokens.submit_once(post(user, recent), purpose="question:1", write=lambda: "/")

    assert SpentFormToken.objects.count() == 1


class _Refused(Exception):
    """A domain error of the kind a service raises."""


def _empty_form():
    from django import forms

    form = forms.Form(data={})
    form.is_valid()
    return form


def test_a_form_page_sends_once_and_gets_the_sent_form_back(user):
    token = new_token(user)
    form = _empty_form()

    sent = form_tokens.submit_form_once(
        post(user, token), form, purpose="question:1", write=lambda: "/ok/", errors=(_Refused,)
    )

    assert sent == form_tokens.Sent(redirect_to="/ok/", first=True)
    assert not form.errors


def test_a_domain_error_on_a_form_page_becomes_a_form_error_and_spends_nothing(user):
    token = new_token(user)
    form = _empty_form()

    def refused():
        raise _Refused("This person already has that question.")

    sent = form_tokens.submit_form_once(
        post(user, token), form, purpose="question:1", write=refused, errors=(_Refused,)
    )

    assert sent is None
    assert form.non_field_errors() == ["This person already has that question."]
    assert not SpentFormToken.objects.exists()


def test_a_token_that_no_longer_counts_becomes_a_form_error_too(user):
    form = _empty_form()

    sent = form_tokens.submit_form_once(
        post(user, ""), form, purpose="question:1", write=lambda: "/ok/"
    )

    assert sent is None
    assert form.non_field_errors() == [str(form_tokens.FormTokenError())]


def test_an_error_the_page_did_not_name_is_not_swallowed(user):
    def broken():
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        form_tokens.submit_form_once(
            post(user, new_token(user)), _empty_form(), purpose="question:1", write=broken
        )
