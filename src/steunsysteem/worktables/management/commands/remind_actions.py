"""Remind owners of werktafel actions that are due or overdue, once per due date."""

from django.core.management.base import BaseCommand

from steunsysteem.worktables.notifications import action_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail each owner of open werktafel actions that are due today or overdue one"
        " reminder with the number of them and a link to 'Mijn acties'. Each action is"
        " reminded once per due date. Run it once a day."
    )

    def handle(self, *args, **options):
        sent = action_reminders_send()
        self.stdout.write(f"Sent {sent} reminder(s).")
