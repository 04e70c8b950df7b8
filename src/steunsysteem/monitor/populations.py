"""What the monitor counts, per population, as units in the database (see ``counting``).

Each function returns the partitions of one population over a span of periods. The
categories are codes; ``selectors`` turns them into the figures and tables that are shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import (
    Case,
    CharField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, ExtractYear

from steunsysteem.accounts.constants import Role
from steunsysteem.directory.constants import LifeDomain
from steunsysteem.networks.models import NetworkSnapshot
from steunsysteem.participants.models import LadderPosition, Participant
from steunsysteem.questions.constants import OPEN_STATUSES, QuestionStatus
from steunsysteem.questions.models import Question
from steunsysteem.referrals.constants import ReferralStatus
from steunsysteem.referrals.models import Referral
from steunsysteem.white_spots.models import Signal
from steunsysteem.worktables.models import Action

from .counting import Counts, count_units, in_span
from .periods import Period

FIRST_PROPOSAL_WEEKS = 6


def _question_units(span: Iterable[Period], fields: dict, categorize) -> Counts:
    return count_units(
        in_span(Question.objects.all(), "submitted_at", span),
        date_field="submitted_at",
        district="participant__district",
        worktable="worktable",
        fields=fields,
        categorize=categorize,
    )


def _brought_by(row: dict) -> str:
    if row["c_org"] is not None:
        return f"org:{row['c_org']}"
    if row["c_role"] == Role.PARTICIPANT:
        return "self"
    if row["c_role"] == Role.RELATIVE:
        return "relative"
    return "professional"


def _status(row: dict) -> str:
    status = row["c_status"]
    if status in OPEN_STATUSES:
        return "open" if row["u_worktable"] is not None else "waiting_without_table"
    if status == QuestionStatus.ANSWERED:
        return f"answered:{row['c_outcome']}"
    return status


def question_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Questions brought in (by submission date): who brought them, what happened, how soon
    a first proposal came, and whether the person is counted in the target group."""
    span = list(span)
    return {
        "brought": _question_units(
            span,
            {"c_role": F("submitted_by_role"), "c_org": F("referrer_organization")},
            _brought_by,
        ),
        "status": _question_units(
            span, {"c_status": F("status"), "c_outcome": F("outcome")}, _status
        ),
        "proposal": _proposal_units(span),
        "target_group": _question_units(
            span, {"c_group": F("participant__target_group")}, lambda row: row["c_group"] or ""
        ),
    }


def _proposal_units(span) -> Counts:
    """How long the person waited for a first proposal: within six weeks, later, or none yet
    (compared as a duration, which works on every database)."""
    waited = ExpressionWrapper(
        F("first_proposal_at") - F("submitted_at"), output_field=DurationField()
    )
    qs = in_span(Question.objects.all(), "submitted_at", span).annotate(waited_for=waited)
    return count_units(
        qs,
        date_field="submitted_at",
        district="participant__district",
        worktable="worktable",
        fields={
            "c_proposal": Case(
                When(first_proposal_at__isnull=True, then=Value("none")),
                When(
                    waited_for__lte=dt.timedelta(weeks=FIRST_PROPOSAL_WEEKS), then=Value("within")
                ),
                default=Value("later"),
                output_field=CharField(),
            )
        },
        categorize=lambda row: row["c_proposal"],
    )


def question_domain_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Per life domain, the questions that name it ("yes") and those that do not ("no"):
    grouped in the database by the list of domains, split per domain from those groups."""
    combined = _question_units(
        span, {"c_domains": F("life_domains")}, lambda row: ",".join(sorted(row["c_domains"] or []))
    )
    found: dict[str, Counts] = {}
    for domain in LifeDomain.values:
        counts = Counts()
        for (year, half, district, worktable, combo), count in combined.units.items():
            answer = "yes" if domain in combo.split(",") else "no"
            unit = (year, half, district, worktable, answer)
            counts.units[unit] = counts.units.get(unit, 0) + count
        found[domain] = counts
    return found


def participant_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Participants registered in the period, by target group and age band (only of those
    who agreed to be counted)."""
    return {
        "target_group": count_units(
            in_span(Participant.objects.all(), "created_at", span),
            date_field="created_at",
            district="district",
            worktable=None,
            fields={"c_group": F("target_group"), "c_age": F("age_band")},
            categorize=lambda row: f"{row['c_group']}|{row['c_age']}" if row["c_group"] else "",
        )
    }


def action_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Follow-up actions by the date they were due: done on time, late, overdue, not due."""
    today = dt.date.today()
    qs = in_span(Action.objects.filter(question__isnull=False), "due_on", span, is_date=True)
    return {
        "timeliness": count_units(
            qs,
            date_field="due_on",
            district="question__participant__district",
            worktable="question__worktable",
            fields={
                "c_state": Case(
                    When(
                        done_at__isnull=False, done_at__date__lte=F("due_on"), then=Value("on_time")
                    ),
                    When(done_at__isnull=False, then=Value("late")),
                    When(due_on__lt=today, then=Value("overdue")),
                    default=Value("not_due"),
                    output_field=CharField(),
                )
            },
            categorize=lambda row: row["c_state"],
        )
    }


REFERRAL_STAGES = {
    "proposed": {"proposed", "declined", "accepted", "started", "ended", "ended_result"},
    "accepted": {"accepted", "started", "ended", "ended_result"},
    "started": {"started", "ended", "ended_result"},
    "ended_result": {"ended_result"},
}


def _referral_bucket(row: dict) -> str:
    status = row["c_status"]
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.INTRODUCTION_PLANNED):
        bucket = "accepted"
    elif status == ReferralStatus.ENDED:
        bucket = "ended_result" if row["c_end"] else "ended"
    else:
        bucket = status
    return f"{row['c_org']}:{bucket}"


def referral_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Warm hand-overs by the date they were made, per receiving organisation and stage."""
    return {
        "funnel": count_units(
            in_span(Referral.objects.all(), "created_at", span),
            date_field="created_at",
            district="question__participant__district",
            worktable="question__worktable",
            fields={
                "c_org": F("organization"),
                "c_status": F("status"),
                "c_end": F("end_outcome"),
            },
            categorize=_referral_bucket,
        )
    }


def snapshot_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Network snapshots by occasion, with the summed size and members who get something
    back (for averages next to a shown count)."""
    return {
        "occasion": count_units(
            in_span(NetworkSnapshot.objects.all(), "taken_at", span),
            date_field="taken_at",
            district="district",
            worktable=None,
            fields={"c_occasion": F("occasion")},
            categorize=lambda row: row["c_occasion"],
            sums={
                "size": Cast(KT("summary__size"), IntegerField()),
                "reciprocal": Cast(KT("summary__reciprocal"), IntegerField()),
            },
        )
    }


SIGNAL_STAGES = {
    "raised": {"raised", "sent", "answered", "dismissed"},
    "sent": {"sent", "answered"},
    "answered": {"answered"},
}


def signal_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Signals by the date they were raised: still raised, sent, answered (by the
    municipality or a new offer), dismissed before sending."""
    return {
        "stage": count_units(
            in_span(Signal.objects.all(), "raised_at", span),
            date_field="raised_at",
            district="district",
            worktable=None,
            fields={
                "c_stage": Case(
                    When(
                        Q(responded_at__isnull=False) | Q(answered_at__isnull=False),
                        then=Value("answered"),
                    ),
                    When(sent_at__isnull=False, then=Value("sent")),
                    When(dismissed_at__isnull=False, then=Value("dismissed")),
                    default=Value("raised"),
                    output_field=CharField(),
                )
            },
            categorize=lambda row: row["c_stage"],
        )
    }


def _half_of(date_field: str) -> Case:
    return Case(
        When(**{f"{date_field}__month__lte": 6}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def ladder_partitions(span: Iterable[Period]) -> dict[str, Counts]:
    """Movement on the participatieladder: per person with at least two scores in a
    half-year, whether the latest step is higher ("up"), the same ("same") or lower ("down")
    than the first in that half-year. Counted in the database from the latest score of each
    person per half-year; people without scores (the ladder is optional) are not in it."""
    same_half = LadderPosition.objects.annotate(
        s_year=ExtractYear("measured_on"), s_half=_half_of("measured_on")
    ).filter(
        participant=OuterRef("participant"), s_year=OuterRef("o_year"), s_half=OuterRef("o_half")
    )
    later = same_half.filter(
        Q(measured_on__gt=OuterRef("measured_on"))
        | Q(measured_on=OuterRef("measured_on"), pk__gt=OuterRef("pk"))
    )
    first = same_half.order_by("measured_on", "pk")
    qs = (
        in_span(LadderPosition.objects.all(), "measured_on", span, is_date=True)
        .annotate(o_year=ExtractYear("measured_on"), o_half=_half_of("measured_on"))
        .annotate(
            first_pk=Subquery(first.values("pk")[:1]),
            first_step=Subquery(first.values("step")[:1]),
        )
        .filter(~Exists(later))
        .exclude(first_pk=F("pk"))
    )
    return {
        "movement": count_units(
            qs,
            date_field="measured_on",
            district="participant__district",
            worktable=None,
            fields={
                "c_move": Case(
                    When(step__gt=F("first_step"), then=Value("up")),
                    When(step__lt=F("first_step"), then=Value("down")),
                    default=Value("same"),
                    output_field=CharField(),
                )
            },
            categorize=lambda row: row["c_move"],
        )
    }
