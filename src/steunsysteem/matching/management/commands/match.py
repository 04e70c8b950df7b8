import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from steunsysteem.matching.selectors import MAX_LIMIT, match_services


class Command(BaseCommand):
    help = 'Offers of the sociale kaart that fit a question: steunsysteem match "<vraag>".'

    def add_arguments(self, parser):
        parser.add_argument("question", help="The question, in the person's own words.")
        parser.add_argument("--postcode", default=None, help="Home postcode, e.g. 3901AB.")
        parser.add_argument("--limit", type=int, default=10, help=f"At most {MAX_LIMIT}.")
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print a JSON array: service_id (HSDS id), name, score, reasons; best first.",
        )

    def handle(self, *args, question: str, postcode, limit: int, json: bool, **options):
        if not question.strip():
            raise CommandError('Give the question to match, e.g. match "ik wil wandelen".')
        if not 1 <= limit <= MAX_LIMIT:
            raise CommandError(f"--limit must be between 1 and {MAX_LIMIT}.")
        with translation.override("nl"):
            result = match_services(text=question, postcode=postcode, limit=limit)
            rows = [
                {
                    "service_id": str(match.service.pk),
                    "name": match.service.name,
                    "organization": match.service.organization.name
                    if match.service.organization
                    else "",
                    "score": match.score,
                    "reasons": match.reasons,
                }
                for match in result.matches
            ]
        if not result.semantic:
            self.stderr.write("The matching model is missing: matched on words only.")
        if result.postcode_unknown:
            self.stderr.write("That postcode is unknown: distance was left out.")
        if json:
            self.stdout.write(_dumps(rows))
            return
        for number, row in enumerate(rows, start=1):
            reasons = "; ".join(row["reasons"])
            self.stdout.write(f"{number}. {row['name']} ({row['score']:.3f}) {reasons}")


def _dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)
