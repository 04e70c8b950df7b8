"""Print the audit trail's head, for the operator to keep outside the database."""

from django.core.management.base import BaseCommand

from steunsysteem.accounts.audit import audit_trail_head


class Command(BaseCommand):
    help = (
        "Print the newest audit trail entry as SEQUENCE:HASH. Keep these lines outside the "
        "database and its backups (another machine, a log service, paper); "
        "'verify_audit_trail --head SEQUENCE:HASH' later proves the trail still reaches that "
        "entry unchanged, so removing the newest entries is caught."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(audit_trail_head()))
