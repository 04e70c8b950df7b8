"""An upgrade on a busy PostgreSQL database stops rather than holding up the site while it
waits for a table lock."""

from __future__ import annotations

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def lock_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        return cursor.fetchone()[0]


def other_connection():
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_migrate_waits_only_as_long_as_configured_for_a_lock(settings):
    settings.MIGRATION_LOCK_TIMEOUT = 7

    call_command("migrate", verbosity=0)

    assert lock_timeout() == "7s"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_a_table_held_by_someone_else_stops_the_migration_instead_of_queueing(settings):
    settings.MIGRATION_LOCK_TIMEOUT = 1
    call_command("migrate", verbosity=0)

    with other_connection() as someone_else:
        someone_else.execute("LOCK TABLE directory_service IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(OperationalError, match="lock timeout"):
            with connection.cursor() as cursor:
                # Without the lock timeout this would wait until the statement timeout.
                cursor.execute("SET LOCAL statement_timeout = '10s'")
                cursor.execute("ALTER TABLE directory_service ADD COLUMN never_added text")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_zero_lets_a_migration_wait_as_postgresql_does_by_default(settings):
    settings.MIGRATION_LOCK_TIMEOUT = 0

    call_command("migrate", verbosity=0)

    assert lock_timeout() == "0"


def test_migrate_runs_on_sqlite_and_postgresql_alike(settings):
    call_command("migrate", verbosity=0)  # nothing left to apply; no error on either
