"""Test helpers for forms that count once (``core.form_tokens``).

``form_token_for(client, url)`` opens the form page as a browser would and returns the
token it renders; ``post_in_parallel`` sends the same POST from several threads at once,
each with its own database connection, signed in with the same session (PostgreSQL only:
SQLite's test database cannot take parallel writes).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from steunsysteem.core.form_tokens import FIELD_NAME

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writes need PostgreSQL"
)


def form_token_for(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    token = response.context["form_token"]
    assert f'name="{FIELD_NAME}" value="{token}"' in response.content.decode()
    return token


def post_in_parallel(client: Client, url: str, data: dict, *, times: int = 5) -> list:
    """POST ``data`` to ``url`` ``times`` times at the same moment; the responses."""
    start = threading.Barrier(times)
    responses: list = [None] * times
    errors: list[BaseException] = []

    def post(index: int) -> None:
        browser = Client()
        browser.cookies.load({name: morsel.value for name, morsel in client.cookies.items()})
        try:
            start.wait()
            responses[index] = browser.post(url, data)
        except BaseException as error:  # reported in the test's own thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(index,)) for index in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return responses
