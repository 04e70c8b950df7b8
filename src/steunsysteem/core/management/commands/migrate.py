"""Django's ``migrate``, which on PostgreSQL waits at most ``MIGRATION_LOCK_TIMEOUT`` seconds
for a lock.

A migration that alters a table needs a lock on it. While it waits for one (a long report is
still reading the table), every request that touches the table queues behind it: the site
stands still. With a lock timeout the migration stops instead, its transaction rolls back and
nothing is half done; the operator runs the upgrade again at a quieter moment.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.commands.migrate import Command as DjangoMigrateCommand
from django.db import connections


class Command(DjangoMigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor == "postgresql":
            seconds = max(settings.MIGRATION_LOCK_TIMEOUT, 0)  # 0: wait for ever
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, false)", [f"{seconds}s"])
        return super().handle(*args, **options)
