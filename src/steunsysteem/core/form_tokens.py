"""Forms that count once: a repeated or parallel POST of the same form writes only once.

A page that creates something (a question, a participant, a meeting with its invitations)
renders a one-time token; ``submit_once`` spends it in the same transaction as the write.
The spent token is a row with a unique key (``SpentFormToken``), so of five parallel POSTs
one writes; the others wait for it, find the token spent, and go to the same page with the
calm message ``ALREADY_SENT``. A write that fails (a form error) spends nothing. Tokens are
signed for one user and one purpose and count for ``MAX_AGE``; spent ones older than that
are removed after each send, as an older token is refused anyway.

How a view adopts it (e.g. the consent form):
1. Render ``{% include "core/forms/_form_token.html" %}`` inside the ``<form>`` with
   ``"form_token": form_token(request, purpose)`` in the context (``purpose`` names the form
   and its object, e.g. ``f"consent:{participant.pk}"``).
2. On a valid POST: ``sent = submit_form_once(request, form, purpose=..., write=...,
   errors=(services.SomeError,))``, where ``write`` calls the service and returns the URL to
   go to; a domain error or a ``FormTokenError`` becomes a form error and ``sent`` is None
   (render the form again). ``submit_once`` is the same without a form.
3. ``return sent.redirect(request, thanks=_("..."))``: it says ``thanks`` only the first
   time, ``ALREADY_SENT`` after a repeat (a view whose message depends on what was written
   checks ``sent.first`` itself). Tests post the token from ``form_token_for``
   (``core/tests``).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SpentFormToken

FIELD_NAME = "form_token"
MAX_AGE = dt.timedelta(hours=24)
_SALT = "steunsysteem.core.form_tokens"

ALREADY_SENT = _("This was already sent, and it is kept only once. Nothing was sent twice.")


class FormTokenError(Exception):
    """The form's token is missing, not this user's or this form's, or too old."""

    def __init__(self):
        super().__init__(
            _(
                "This form was open for a long time, or it could not be checked. Nothing was"
                " sent yet. Your answers are still filled in: check them and send the form"
                " again."
            )
        )


@dataclass(frozen=True)
class Sent:
    redirect_to: str
    first: bool
    """False when this POST repeated a form that was already sent."""

    def redirect(self, request: HttpRequest, *, thanks: str) -> HttpResponseRedirect:
        """Go where the form leads, saying ``thanks`` only when this POST wrote it."""
        if self.first:
            messages.success(request, thanks)
        else:
            messages.info(request, ALREADY_SENT)
        return redirect(self.redirect_to)


def form_token(request: HttpRequest, purpose: str) -> str:
    """The token for a form: the one just posted if it still counts, else a new one.

    Re-showing a form with errors keeps its token, so a double click on the corrected form
    still writes once.
    """
    posted = request.POST.get(FIELD_NAME, "") if request.method == "POST" else ""
    if posted:
        try:
            _nonce(posted, request=request, purpose=purpose)
        except FormTokenError:
            pass
        else:
            return posted
    return signing.dumps(
        {"n": secrets.token_urlsafe(24), "u": str(request.user.pk), "p": purpose}, salt=_SALT
    )


def _nonce(token: str, *, request: HttpRequest, purpose: str) -> str:
    try:
        data = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature as error:
        raise FormTokenError() from error
    if not isinstance(data, dict) or data.get("u") != str(request.user.pk):
        raise FormTokenError()
    if data.get("p") != purpose or not data.get("n"):
        raise FormTokenError()
    return data["n"]


def already_sent(request: HttpRequest, *, purpose: str) -> Sent | None:
    """The earlier send of this very form when the posted token is spent already, else None.
    For forms that compare with what exists (a duplicate warning): a repeated POST then goes
    where the first one went instead of warning about its own first write."""
    try:
        nonce = _nonce(request.POST.get(FIELD_NAME, ""), request=request, purpose=purpose)
    except FormTokenError:
        return None
    spent = SpentFormToken.objects.filter(nonce=nonce).first()
    if spent is None:
        return None
    return Sent(redirect_to=spent.redirect_to, first=False)


def submit_once(request: HttpRequest, *, purpose: str, write: Callable[[], str]) -> Sent:
    """Run ``write`` (which returns the URL to go to) once per token, in one transaction.

    Raises ``FormTokenError`` without writing when the posted token does not count; any
    error ``write`` raises rolls back and leaves the token unspent.
    """
    nonce = _nonce(request.POST.get(FIELD_NAME, ""), request=request, purpose=purpose)
    with transaction.atomic():
        try:
            with transaction.atomic():
                spent = SpentFormToken.objects.create(
                    nonce=nonce, spent_at=timezone.now(), redirect_to=""
                )
        except IntegrityError:
            # Another POST of this form got there first (and on PostgreSQL has committed).
            first = SpentFormToken.objects.filter(nonce=nonce).first()
            if first is None:
                raise FormTokenError() from None
            return Sent(redirect_to=first.redirect_to, first=False)
        spent.redirect_to = write()
        spent.save(update_fields=["redirect_to"])
        transaction.on_commit(_remove_old_tokens)
    return Sent(redirect_to=spent.redirect_to, first=True)


def submit_form_once(
    request: HttpRequest,
    form: BaseForm,
    *,
    purpose: str,
    write: Callable[[], str],
    errors: tuple[type[Exception], ...] = (),
) -> Sent | None:
    """``submit_once`` for a form page: a domain error from ``write`` (one of ``errors``) or a
    token that no longer counts becomes an error on the whole form, and the answer is None
    (show the form again, with its answers). Otherwise the ``Sent`` to redirect with."""
    try:
        return submit_once(request, purpose=purpose, write=write)
    except (*errors, FormTokenError) as error:
        form.add_error(None, str(error))
        return None


def _remove_old_tokens() -> None:
    SpentFormToken.objects.filter(spent_at__lt=timezone.now() - MAX_AGE).delete()
