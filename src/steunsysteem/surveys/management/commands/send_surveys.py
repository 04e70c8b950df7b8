from django.core.management.base import BaseCommand

from steunsysteem.surveys.services import surveys_send


class Command(BaseCommand):
    help = (
        "Send the survey invitations that are due: to participants whose question closed, and"
        " once a year to werktafel members. Safe to run daily: nobody is invited twice."
    )

    def handle(self, *args, **options):
        result = surveys_send()
        self.stdout.write(
            f"{result.participants} deelnemer(s) en {result.members} werktafellid(en) uitgenodigd."
        )
