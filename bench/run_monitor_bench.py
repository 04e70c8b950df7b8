"""Benchmark the monitor at national scale on PostgreSQL: the dashboard's figures and the
evaluation report with 1,000,000 questions and 100,000 participants, against a ten times
smaller baseline in the same run.

    bash -c 'export PG_TEST_PORT=54346; source bin/postgres-test-server; \
        DATABASE_URL=$TEST_DATABASE_URL .venv/bin/python bench/run_monitor_bench.py'
    ... run_monitor_bench.py --questions 100000        # a quicker run (and its 10,000 baseline)

Each size gets a database of its own on that server (``bench_monitor_<n>``), migrated, with
a template row per table made through the ORM and then copied in SQL (``INSERT ... SELECT
... FROM generate_series``): participants over 20 districts (a quarter counted in the target
group), questions over four years, 20 werktafels (a tenth without one), 50 referring
organisations, every status, outcome, life-domain pair and waiting time; and half as many
follow-up actions. Then it times ``selectors.monitor`` (what the dashboard computes), the
rendered dashboard page, and ``report_pdf`` (the same figures plus WeasyPrint), each the best
of three, and prints the SQL time of the slowest query.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

DISTRICTS = 20
WORKTABLES = 20
ORGANISATIONS = 50


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunsysteem.conf.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _columns(model, overrides: dict[str, str]) -> tuple[str, str]:
    """The column list of ``model`` (without an integer primary key) and, per column, the
    override expression or the template's value ``t.<column>``."""
    names, values = [], []
    for field in model._meta.concrete_fields:
        column = field.column
        if field.primary_key and column not in overrides:
            continue
        names.append(f'"{column}"')
        values.append(overrides.get(column, f't."{column}"'))
    return ", ".join(names), ", ".join(values)


def copy_rows(
    model, template_pk, count: int, overrides: dict[str, str], joins: str = "", where: str = ""
) -> None:
    """``count`` copies of the template row, each column from its override (an SQL
    expression of ``g``, 1..count) or as in the template."""
    from django.db import connection

    table = model._meta.db_table
    names, values = _columns(model, overrides)
    sql = (
        f"INSERT INTO {table} ({names}) SELECT {values}"
        f" FROM generate_series(1, {count}) AS g"
        f" CROSS JOIN (SELECT * FROM {table} WHERE {model._meta.pk.column} = %s) AS t"
        f" {joins} {('WHERE ' + where) if where else ''}"
    )
    sql = sql.replace("%", "%%").replace("= %%s) AS t", "= %s) AS t")
    with connection.cursor() as cursor:
        cursor.execute(sql, [template_pk])


def generate(questions: int) -> None:
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from steunsysteem.accounts.constants import Role
    from steunsysteem.directory.models import District, Organization
    from steunsysteem.directory.tests.factories import UserFactory
    from steunsysteem.participants.models import Participant
    from steunsysteem.questions.models import Question
    from steunsysteem.worktables.models import Action, Worktable

    participants = questions // 10
    with transaction.atomic():
        districts = [
            District.objects.create(
                name=f"Wijk {n}",
                slug=f"wijk-{n}",
                municipality="Benchstad",
                population=40_000 + n * 1000,
                term_id=__import__("uuid").uuid4(),
            )
            for n in range(DISTRICTS)
        ]
        for n in range(ORGANISATIONS):
            Organization.objects.create(name=f"Organisatie {n}", description="Bench")
        for n in range(WORKTABLES):
            Worktable.objects.create(name=f"Werktafel {n}", district=districts[n % DISTRICTS])
        owner = UserFactory(username="bench", coordinator=True)
        template = Participant.objects.create(name="Deelnemer", district=districts[0])
        copy_rows(
            Participant,
            template.pk,
            participants - 1,
            {
                "id": "gen_random_uuid()",
                "district_id": f"d.ids[1 + g % {DISTRICTS}]",
                "created_at": "now() - (g % 1460) * interval '1 day'",
                "target_group": "CASE WHEN g % 4 = 0 THEN 'EPA' ELSE '' END",
                "age_band": "CASE WHEN g % 4 = 0 THEN '27_44' ELSE '' END",
                "target_group_consented_on": "CASE WHEN g % 4 = 0 THEN current_date END",
                "name": "'Deelnemer ' || g",
            },
            joins="CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM directory_district) d",
        )
        question = Question.objects.create(
            participant=template,
            text="Ik zoek iets",
            submitted_at=timezone.now() - dt.timedelta(days=10),
            submitted_by_role=Role.PARTICIPANT,
        )
        submitted = "now() - (g % 1460) * interval '1 day' - (g % 24) * interval '1 hour'"
        status = (
            "(ARRAY['new','on_agenda','discussed','proposal_made','in_progress','answered',"
            "'answered','answered','closed_no_offer','withdrawn'])[1 + g % 10]"
        )
        domains = (
            "(ARRAY['meeting','daytime_activity','volunteering','work','education','housing',"
            "'money','sport','culture','meaning','relationships','health'])"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE bench_ids AS SELECT"
                " (SELECT array_agg(id ORDER BY id) FROM worktables_worktable) AS tables,"
                " (SELECT array_agg(id) FROM directory_organization) AS orgs"
            )
            # Participants by number (an array of 100,000 ids would be unpacked per row).
            cursor.execute(
                "CREATE TEMP TABLE bench_participant AS SELECT"
                " row_number() OVER (ORDER BY id) - 1 AS n, id FROM participants_participant"
            )
            cursor.execute("CREATE INDEX ON bench_participant (n)")
            cursor.execute("ANALYZE bench_participant")
        copy_rows(
            Question,
            question.pk,
            questions - 1,
            {
                "participant_id": "p.id",
                "worktable_id": "CASE WHEN g % 10 = 0 THEN NULL"
                f" ELSE b.tables[1 + g % {WORKTABLES}] END",
                "submitted_at": submitted,
                "status": status,
                "outcome": f"CASE WHEN {status} = 'answered' THEN"
                " (ARRAY['joined','referred','network','other'])[1 + g % 4] ELSE '' END",
                "closed_reason": f"CASE WHEN {status} = 'closed_no_offer'"
                " THEN 'no_offer' ELSE '' END",
                "first_proposal_at": f"CASE WHEN g % 3 = 0 THEN NULL ELSE {submitted}"
                " + (g % 70) * interval '1 day' END",
                "submitted_by_role": "(ARRAY['participant','relative','professional'])[1 + g % 3]",
                "referrer_organization_id": "CASE WHEN g % 3 = 2 THEN"
                f" b.orgs[1 + g % {ORGANISATIONS}] END",
                "life_domains": f"to_jsonb(ARRAY[{domains}[1 + g % 12],"
                f" {domains}[1 + (g / 12) % 12]])",
            },
            joins=f"CROSS JOIN bench_ids b JOIN bench_participant p ON p.n = g % {participants}",
        )
        action = Action.objects.create(
            question=question, owner=owner, what="Bellen", due_on=timezone.localdate()
        )
        first = Question.objects.order_by("pk").values_list("pk", flat=True).first()
        copy_rows(
            Action,
            action.pk,
            questions // 2 - 1,
            {
                "question_id": f"{first} + (g * 2) % {questions}",
                "due_on": "current_date - (g % 1460)",
                "done_at": "CASE WHEN g % 3 = 0 THEN NULL ELSE"
                " (current_date - (g % 1460) + (g % 9 - 4)) + time '12:00' END",
                "agenda_item_id": "NULL",
            },
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def best_of(function, times: int = 3) -> float:
    found = []
    for _ in range(times):
        start = time.perf_counter()
        function()
        found.append(time.perf_counter() - start)
    return min(found)


def measure(label: str) -> dict:
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from steunsysteem.directory.tests.factories import UserFactory
    from steunsysteem.monitor import selectors
    from steunsysteem.monitor.counting import Scope
    from steunsysteem.monitor.periods import Period
    from steunsysteem.monitor.report import report_pdf
    from steunsysteem.participants.models import Participant
    from steunsysteem.questions.models import Question

    scope = Scope(Period(2026, 2))
    cpu = time.process_time()
    selector_time = best_of(lambda: selectors.monitor(scope))
    with CaptureQueriesContext(connection) as queries:
        selectors.monitor(scope)
    count = len(queries.captured_queries)
    slowest = max(float(query["time"]) for query in queries.captured_queries)
    officer = UserFactory(username=f"beleid-{label}", policy_officer=True)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(officer)

    def page() -> None:
        assert client.get("/monitor/?period=2026H2").status_code == 200

    page_time = best_of(page)
    report_time = best_of(lambda: report_pdf(scope), times=2)
    reset_queries()
    return {
        "questions": Question.objects.count(),
        "participants": Participant.objects.count(),
        "selectors": selector_time,
        "page": page_time,
        "report": report_time,
        "queries": count,
        "slowest": slowest,
        "cpu": time.process_time() - cpu,
    }


def child(size: int, base: str) -> None:
    name = f"bench_monitor_{size}"
    create_database(base, name)
    setup_django(database_url(base, name))
    start = time.perf_counter()
    generate(size)
    made = time.perf_counter() - start
    figures = measure(str(size))
    figures["generate"] = made
    print(
        "| {questions:,} | {participants:,} | {generate:.0f} s | {selectors:.2f} s |"
        " {page:.2f} s | {report:.2f} s | {queries} | {slowest:.2f} s | {cpu:.0f} s |".format(
            **figures
        ),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1_000_000)
    parser.add_argument("--child", type=int, default=0)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Run with DATABASE_URL pointing at a PostgreSQL server (see the docstring).")
    if args.child:
        child(args.child, base)
        return
    import subprocess

    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print(
        "| questions | participants | generate | selectors | page | report (PDF) | queries"
        " | slowest query | CPU (all timing) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in (args.questions // 10, args.questions):
        subprocess.run([sys.executable, __file__, "--child", str(size)], check=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
