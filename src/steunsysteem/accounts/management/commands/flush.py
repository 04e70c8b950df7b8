"""Django's ``flush``, able to empty the audit trail on SQLite as it can on PostgreSQL.

The database refuses to delete audit entries one by one (triggers; see migrations 0003 and
0011). Emptying the whole database stays the operator's deliberate reset: PostgreSQL's flush
uses TRUNCATE, which the trigger lets through; SQLite's uses DELETE, so here the DELETE
trigger is lifted for the flush only and put back afterwards, exactly as it was. Django's
test framework flushes between transactional tests through this command too.
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

DELETE_TRIGGER = "accounts_auditentry_no_delete"


class Command(DjangoFlush):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                [DELETE_TRIGGER],
            )
            row = cursor.fetchone()
        if row is None:
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER {DELETE_TRIGGER}")
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute(row[0])
