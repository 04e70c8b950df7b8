"""Ask both sides of running buddy matches "how is it going?" after 6 weeks and 3 months."""

from django.core.management.base import BaseCommand

from steunsysteem.buddies.services import check_ins_ask


class Command(BaseCommand):
    help = (
        "Ask both sides of every running buddy match 'how is it going?' once 6 weeks and once"
        " 3 months after its start: a question on their page and a mail without content. Each"
        " is asked once. Run it once a day."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Asked {check_ins_ask()} check-in(s).")
