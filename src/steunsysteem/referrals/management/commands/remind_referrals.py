"""Remind referrers of stalled referrals and ask "gaat het nog?" three months after a start."""

from django.core.management.base import BaseCommand

from steunsysteem.referrals.services import referral_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the professional who referred when the receiving organisation has not answered"
        " within REFERRAL_ANSWER_DAYS, or has not marked a start after the planned"
        " introduction; and, three months after a start, ask the referrer and the person (if"
        " they want mail) 'gaat het nog?'. Each is sent once. Run it once a day."
    )

    def handle(self, *args, **options):
        run = referral_reminders_send()
        self.stdout.write(
            f"Sent {run.no_answer} reminder(s) of a missing answer, {run.no_start} of a missing"
            f" start, {run.check_in} 'gaat het nog?' mail(s)."
        )
