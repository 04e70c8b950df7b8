"""The monitor's read model: the figures and tables the page, the exports and the half-yearly
report show, for one scope (period, district, werktafel). Everything is counted in the
database (``populations``) and passes the small-cell rule (``counting``) before it becomes a
``Shown`` value: a suppressed figure carries no number at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from steunsysteem.directory.constants import LifeDomain
from steunsysteem.directory.models import District, Organization
from steunsysteem.networks.constants import SnapshotOccasion
from steunsysteem.questions.constants import Outcome, QuestionStatus
from steunsysteem.surveys.selectors import satisfaction_summary
from steunsysteem.worktables.models import Worktable

from . import populations
from .constants import PERCENT_INDICATORS, Indicator
from .counting import Counts, Scope, population_total
from .models import CovenantPartner, Target
from .periods import Period


@dataclass(frozen=True)
class Shown:
    """One figure as it leaves the server: a number, or suppressed (no number)."""

    value: int | Decimal | None
    percent: bool = False
    applicable: bool = True

    @property
    def suppressed(self) -> bool:
        return self.applicable and self.value is None

    def __str__(self) -> str:
        if not self.applicable:
            return _("n/a")
        if self.value is None:
            return "–"
        if self.percent:
            return f"{self.value} %"
        return str(self.value)


NOT_APPLICABLE = Shown(None, applicable=False)


def _percent(part: int | None, whole: int | None) -> Shown:
    if part is None or whole is None:
        return Shown(None, percent=True)
    if whole == 0:
        return NOT_APPLICABLE
    return Shown(
        (Decimal(part) * 100 / whole).quantize(Decimal("1"), rounding=ROUND_HALF_UP), percent=True
    )


@dataclass
class Row:
    label: str
    values: list[Shown]
    code: str = ""  # what the row counts, for exports and tests (the label is translated)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    chart_column: int | None = 0  # the column the chart shows; None: no chart


def _whole(partitions: list[Counts], scope: Scope) -> int | None:
    return population_total(scope, partitions)


@dataclass
class Counted:
    """All partitions over the span of a scope's trend, counted once."""

    questions: dict[str, Counts]
    domains: dict[str, Counts]
    participants: dict[str, Counts]
    actions: dict[str, Counts]
    referrals: dict[str, Counts]
    snapshots: dict[str, Counts]
    signals: dict[str, Counts]
    ladder: dict[str, Counts]

    @classmethod
    def over(cls, span: list[Period]) -> Counted:
        counted = cls(
            questions=populations.question_partitions(span),
            domains=populations.question_domain_partitions(span),
            participants=populations.participant_partitions(span),
            actions=populations.action_partitions(span),
            referrals=populations.referral_partitions(span),
            snapshots=populations.snapshot_partitions(span),
            signals=populations.signal_partitions(span),
            ladder=populations.ladder_partitions(span),
        )
        for population, totals in (
            (counted.questions, counted.questions),
            (counted.domains, counted.questions),
            (counted.participants, counted.participants),
            (counted.actions, counted.actions),
            (counted.referrals, counted.referrals),
            (counted.snapshots, counted.snapshots),
            (counted.signals, counted.signals),
            (counted.ladder, counted.ladder),
        ):
            for counts in population.values():
                counts.whole = partial(_whole, list(totals.values()))
        return counted

    # The headline figures -------------------------------------------------------------------

    def questions_total(self, scope: Scope) -> int | None:
        return population_total(scope, self.questions.values())

    def participants_total(self, scope: Scope) -> int | None:
        return population_total(scope, self.participants.values())

    def target_group_questions(self, scope: Scope) -> int | None:
        counts = self.questions["target_group"]
        return counts.figure(scope, counts.categories() - {""})

    def target_group_participants(self, scope: Scope) -> int | None:
        counts = self.participants["target_group"]
        return counts.figure(scope, counts.categories() - {""})

    def first_proposal_within(self, scope: Scope) -> Shown:
        counts = self.questions["proposal"]
        return _percent(counts.figure(scope, {"within"}), counts.figure(scope, {"within", "later"}))

    def actions_on_time(self, scope: Scope) -> Shown:
        counts = self.actions["timeliness"]
        return _percent(
            counts.figure(scope, {"on_time"}),
            counts.figure(scope, {"on_time", "late", "overdue"}),
        )

    def referral_stage(
        self, scope: Scope, stage: str, organization: str | None = None
    ) -> int | None:
        """``organization`` is the receiving organisation's id as the category codes hold it."""
        counts = self.referrals["funnel"]
        wanted = populations.REFERRAL_STAGES[stage]
        categories = {
            category
            for category in counts.categories()
            if category.split(":")[1] in wanted
            and (organization is None or category.split(":")[0] == organization)
        }
        return counts.figure(scope, categories)

    def signal_stage(self, scope: Scope, stage: str) -> int | None:
        return self.signals["stage"].figure(scope, populations.SIGNAL_STAGES[stage])

    def indicator(self, scope: Scope, indicator: str) -> Shown:
        if indicator == Indicator.FIRST_PROPOSAL_WITHIN_6_WEEKS:
            return self.first_proposal_within(scope)
        if indicator == Indicator.ACTIONS_ON_TIME:
            return self.actions_on_time(scope)
        value = {
            Indicator.QUESTIONS: self.questions_total,
            Indicator.TARGET_GROUP_QUESTIONS: self.target_group_questions,
            Indicator.NEW_PARTICIPANTS: self.participants_total,
            Indicator.REFERRALS_STARTED: lambda s: self.referral_stage(s, "started"),
            Indicator.SIGNALS_SENT: lambda s: self.signal_stage(s, "sent"),
        }[Indicator(indicator)](scope)
        return Shown(value)


# The tables ----------------------------------------------------------------------------------


def _n(value: int | None) -> Shown:
    return Shown(value)


def trend_table(counted: Counted, scope: Scope) -> Table:
    table = Table(
        "trend",
        _("Per period"),
        [_("Questions"), _("New participants"), _("Signals raised")],
        note=_("The chosen period and the three before it."),
    )
    for period in scope.period.trend():
        at = scope.with_period(period)
        table.rows.append(
            Row(
                period.code,
                [
                    _n(counted.questions_total(at)),
                    _n(counted.participants_total(at)),
                    _n(counted.signal_stage(at, "raised")),
                ],
                period.code,
            )
        )
    return table


def reach_table(counted: Counted, scope: Scope) -> Table:
    """Per district: participants and questions against the estimated target group
    (inhabitants × the configured prevalence)."""
    prevalence = settings.MONITOR_TARGET_GROUP_PREVALENCE
    table = Table(
        "reach",
        _("Reach per district"),
        [
            _("New participants"),
            _("Of whom in the target group"),
            _("Questions"),
            _("Estimated target group"),
            _("Reach (target group)"),
        ],
        note=_(
            "Estimated target group: inhabitants × %(prevalence)s %%. Reach: new participants in"
            " the target group as a share of that estimate."
        )
        % {"prevalence": prevalence},
        chart_column=2,
    )
    districts = District.objects.order_by("name")
    if scope.district is not None:
        districts = districts.filter(pk=scope.district)
    for district in districts.only("pk", "name", "population"):
        at = Scope(scope.period, district.pk, scope.worktable)
        estimate = int((Decimal(district.population) * prevalence / 100).quantize(Decimal("1")))
        in_group = counted.target_group_participants(at)
        table.rows.append(
            Row(
                district.name,
                [
                    _n(counted.participants_total(at)),
                    _n(in_group),
                    _n(counted.questions_total(at)),
                    Shown(estimate),
                    _percent(in_group, estimate) if estimate else NOT_APPLICABLE,
                ],
                str(district.pk),
            )
        )
    return table


def domain_table(counted: Counted, scope: Scope) -> Table:
    table = Table("domains", _("Questions by life domain"), [_("Questions")])
    table.note = _("A question can name more than one life domain.")
    for domain in LifeDomain:
        table.rows.append(
            Row(
                str(domain.label),
                [_n(_domain_figure(counted.domains[domain.value], scope))],
                domain.value,
            )
        )
    return table


def _domain_figure(counts: Counts, scope: Scope) -> int | None:
    """Shown only when the questions without this domain are safe too, so the total of all
    questions never gives the hidden rest away."""
    if counts.figure(scope, {"no"}) is None:
        return None
    return counts.figure(scope, {"yes"})


def _organisation_names(ids) -> dict[str, str]:
    found = Organization.objects.filter(pk__in=[pk for pk in ids if pk != "None"])
    return {str(pk): name for pk, name in found.values_list("pk", "name")}


def brought_table(counted: Counted, scope: Scope) -> Table:
    counts = counted.questions["brought"]
    table = Table("brought", _("Who brought the questions in"), [_("Questions")])
    for code, label in (
        ("self", _("The person themselves")),
        ("relative", _("A relative")),
        ("professional", _("A professional (no referring organisation named)")),
    ):
        table.rows.append(Row(str(label), [_n(counts.figure(scope, {code}))], code))
    org_ids = [code.split(":", 1)[1] for code in counts.categories() if code.startswith("org:")]
    names = _organisation_names(org_ids)
    for org_id in sorted(org_ids, key=lambda pk: names.get(pk, "")):
        label = _("Referred by %(organisation)s") % {"organisation": names.get(org_id, "?")}
        table.rows.append(
            Row(label, [_n(counts.figure(scope, {f"org:{org_id}"}))], f"org:{org_id}")
        )
    table.rows.append(Row(_("All questions"), [_n(counted.questions_total(scope))], "total"))
    return table


def status_table(counted: Counted, scope: Scope) -> Table:
    counts = counted.questions["status"]
    table = Table("status", _("What happened with the questions"), [_("Questions")])
    rows = [
        ("waiting_without_table", _("Waiting, not with a werktafel")),
        ("open", _("Under way at a werktafel")),
        *(
            (f"answered:{o.value}", _("Answered: %(outcome)s") % {"outcome": o.label})
            for o in Outcome
        ),
        (QuestionStatus.CLOSED_NO_OFFER, _("Closed: no fitting offer yet")),
        (QuestionStatus.WITHDRAWN, _("Withdrawn")),
    ]
    for code, label in rows:
        table.rows.append(Row(str(label), [_n(counts.figure(scope, {code}))], code))
    return table


def proposal_table(counted: Counted, scope: Scope) -> Table:
    counts = counted.questions["proposal"]
    table = Table(
        "first_proposal",
        _("Time to a first proposal"),
        [_("Questions")],
        note=_("Counted from the day the question was brought in."),
    )
    for code, label in (
        ("within", _("Within 6 weeks")),
        ("later", _("After more than 6 weeks")),
        ("none", _("No proposal yet")),
    ):
        table.rows.append(Row(str(label), [_n(counts.figure(scope, {code}))], code))
    table.rows.append(
        Row(_("Share within 6 weeks"), [counted.first_proposal_within(scope)], "share")
    )
    return table


def actions_table(counted: Counted, scope: Scope) -> Table:
    counts = counted.actions["timeliness"]
    table = Table(
        "actions",
        _("Follow-up: actions of the werktafels"),
        [_("Actions")],
        note=_("Actions by the date they were due in the period."),
    )
    for code, label in (
        ("on_time", _("Done on time")),
        ("late", _("Done late")),
        ("overdue", _("Not done, past the date")),
        ("not_due", _("Not due yet")),
    ):
        table.rows.append(Row(str(label), [_n(counts.figure(scope, {code}))], code))
    table.rows.append(Row(_("Share done on time"), [counted.actions_on_time(scope)], "share"))
    return table


STAGE_LABELS = {
    "proposed": gettext_lazy("Proposed"),
    "accepted": gettext_lazy("Accepted"),
    "started": gettext_lazy("Started"),
    "ended_result": gettext_lazy("Ended with a result"),
}


def referral_table(counted: Counted, scope: Scope) -> Table:
    counts = counted.referrals["funnel"]
    stages = list(populations.REFERRAL_STAGES)
    table = Table(
        "referrals",
        _("Warm hand-overs by receiving organisation"),
        [str(STAGE_LABELS[stage]) for stage in stages],
    )
    org_ids = {code.split(":")[0] for code in counts.categories()}
    names = _organisation_names(org_ids)
    for org_id in sorted(org_ids, key=lambda pk: names.get(pk, "")):
        table.rows.append(
            Row(
                names.get(org_id, "?"),
                [_n(counted.referral_stage(scope, stage, org_id)) for stage in stages],
                org_id,
            )
        )
    table.rows.append(
        Row(
            _("All organisations"),
            [_n(counted.referral_stage(scope, s)) for s in stages],
            "total",
        )
    )
    return table


def network_table(counted: Counted, scope: Scope) -> Table:
    counts = counted.snapshots["occasion"]
    table = Table(
        "networks",
        _("Personal networks at the conversations"),
        [_("Network pictures"), _("Average size"), _("Average who get something back")],
    )
    for occasion in SnapshotOccasion:
        number = counts.figure(scope, {occasion.value})
        averages = [Shown(None), Shown(None)]
        if number:
            averages = [
                Shown(
                    (Decimal(counts.total_of(scope, name, {occasion.value})) / number).quantize(
                        Decimal("0.1")
                    )
                )
                for name in ("size", "reciprocal")
            ]
        elif number == 0:
            averages = [NOT_APPLICABLE, NOT_APPLICABLE]
        table.rows.append(Row(str(occasion.label), [_n(number), *averages], occasion.value))
    return table


def ladder_table(counted: Counted, scope: Scope) -> Table:
    """Movement on the participatieladder between the first and latest score in a half-year;
    only people who keep scores (the ladder is optional and belongs to the person)."""
    counts = counted.ladder["movement"]
    table = Table(
        "ladder",
        _("Movement on the participation ladder"),
        [_("People")],
        note=_(
            "Only people who have at least two scores on the participation ladder in a "
            "half-year are counted: the ladder is optional. Their first and latest score in "
            "the half-year are compared. A whole year adds up its two half-years."
        ),
    )
    for move, label in (
        ("up", _("Moved up")),
        ("same", _("Stayed on the same step")),
        ("down", _("Moved down")),
    ):
        table.rows.append(Row(label, [_n(counts.figure(scope, {move}))], move))
    return table


def signal_table(counted: Counted, scope: Scope) -> Table:
    table = Table(
        "signals",
        _("Signals to the municipality"),
        [_("Signals")],
        note=_("Signals raised in the period, and how far they came."),
    )
    for stage, label in (
        ("raised", _("Raised")),
        ("sent", _("Sent to the municipality")),
        ("answered", _("Answered")),
    ):
        table.rows.append(Row(label, [_n(counted.signal_stage(scope, stage))], stage))
    return table


@dataclass
class TargetProgress:
    target: Target
    reached: Shown
    progress: Shown


def target_progress(counted: Counted, period: Period) -> list[TargetProgress]:
    """The covenant targets of the period (and of its year): region-wide figures."""
    codes = {period.code, str(period.year)}
    found = []
    for target in Target.objects.filter(period__in=codes).order_by("period", "indicator"):
        reached = counted.indicator(Scope(Period.parse(target.period)), target.indicator)
        if reached.value is None:
            progress = Shown(None, percent=True)
        else:
            progress = _percent(int(reached.value), int(target.value))
        found.append(TargetProgress(target, reached, progress))
    return found


def _plain(number: Decimal) -> int | Decimal:
    return int(number) if number == number.to_integral_value() else number


def targets_table(progress: list[TargetProgress]) -> Table:
    table = Table(
        "targets", _("Covenant targets"), [_("Target"), _("Reached"), _("Progress")], chart_column=2
    )
    for item in progress:
        target = item.target
        label = f"{target.description or target.get_indicator_display()} ({target.period})"
        percent = target.indicator in PERCENT_INDICATORS
        table.rows.append(
            Row(
                label,
                [Shown(_plain(target.value), percent=percent), item.reached, item.progress],
                f"{target.indicator}:{target.period}",
            )
        )
    return table


def satisfaction_tables(scope: Scope) -> list[Table]:
    """Satisfaction of participants and partner organisations, from the anonymous surveys
    (``surveys.selectors``, suppressed below the threshold there). One table per survey and
    half-year: a year is shown as its two halves, never as one figure, so subtracting a half
    from the year cannot reveal a smaller group. Answers carry no district or werktafel, so
    the figures are the region's whatever else is filtered."""
    tables = []
    for year, half in scope.period.halves:
        period = Period(year, half)
        summaries = satisfaction_summary(
            period_start=period.start, period_end=period.end - dt.timedelta(days=1)
        )
        for summary in summaries:
            table = Table(
                f"satisfaction-{summary.kind}-{period.code}",
                f"{summary.label} ({period.code})",
                [_("Average score (1 to 5)"), _("Agreed (4 or 5)")],
                chart_column=None,
                note=_("%(answered)s answers of %(invited)s invited, for the whole region.")
                % {"answered": _n(summary.answered), "invited": _n(summary.invited)},
            )
            for statement in summary.statements:
                average = statement.average
                table.rows.append(
                    Row(
                        statement.statement,
                        [
                            Shown(Decimal(str(average)) if average is not None else None),
                            Shown(statement.agree_share, percent=True),
                        ],
                    )
                )
            tables.append(table)
    return tables


@dataclass
class Monitor:
    """Everything one scope of the monitor shows."""

    scope: Scope
    tables: list[Table]
    targets: list[TargetProgress]
    satisfaction: list[Table]

    @property
    def district(self) -> District | None:
        return (
            District.objects.filter(pk=self.scope.district).first() if self.scope.district else None
        )

    @property
    def worktable(self) -> Worktable | None:
        if self.scope.worktable is None:
            return None
        return Worktable.objects.filter(pk=self.scope.worktable).first()


def monitor(scope: Scope) -> Monitor:
    span = scope.period.trend()
    years = {Period(scope.period.year)} if scope.period.half else set()
    counted = Counted.over(list(set(span) | years))
    progress = target_progress(counted, scope.period)
    tables = [
        trend_table(counted, scope),
        reach_table(counted, scope),
        domain_table(counted, scope),
        brought_table(counted, scope),
        status_table(counted, scope),
        proposal_table(counted, scope),
        actions_table(counted, scope),
        referral_table(counted, scope),
        network_table(counted, scope),
        signal_table(counted, scope),
        ladder_table(counted, scope),
        targets_table(progress),
    ]
    return Monitor(scope, tables, progress, satisfaction_tables(scope))


def covenant_partners():
    return CovenantPartner.objects.order_by("name").prefetch_related(
        "commitments", "roles", "seats"
    )
