"""Fixtures of the operator's tests (backup, restore, production mode)."""

import uuid

import pytest
from django.db import connection


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the same kind as the tests' (SQLite file or PostgreSQL
    database, dropped afterwards), and its URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"operator_{uuid.uuid4().hex[:12]}"
    settings = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield (
        f"postgres://{settings['USER']}:{settings.get('PASSWORD') or ''}"
        f"@{settings['HOST']}:{settings['PORT']}/{name}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
