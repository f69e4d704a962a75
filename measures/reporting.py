"""What each organization has to report, and what is waiting for review."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import Indicator, Submission, SubmissionStatus
from measures.periods import Period, PeriodType
from partners.models import Organization


@dataclass
class DueReport:
    organization: Organization
    period: Period
    submission: Submission | None
    due: date | None = None
    today: date | None = None

    @property
    def is_overdue(self) -> bool:
        return (
            self.due is not None
            and self.today is not None
            and self.today > self.due
            and (self.submission is None or self.submission.is_editable)
        )


def organization_reports(reports_from: date | None, period: Period) -> bool:
    """An organization reports for periods that begin on or after its first reporting day."""
    return reports_from is None or period.start >= reports_from


@dataclass(frozen=True)
class FirstPeriod:
    """From when an organization's indicators of one period type are due: the earliest of
    their first periods (``None`` when one of them has none: due from the start)."""

    start: date | None

    def covers(self, period: Period) -> bool:
        return self.start is None or period.start >= self.start


def first_period_annotations(prefix: str) -> dict:
    return {
        "first": Min(f"{prefix}first_period_start"),
        "open": Count("pk", filter=Q(**{f"{prefix}first_period_start__isnull": True})),
    }


def is_due(row, organization: Organization, period: Period) -> bool:
    """Whether a report is due for this period: not before the indicators' first period,
    nor before the organization's first reporting day. ``row`` carries ``first`` and
    ``open`` (``first_period_annotations``)."""
    first = FirstPeriod(None if row["open"] else row["first"])
    return first.covers(period) and organization_reports(organization.reports_from, period)


def reports_due(organization_ids, today: date) -> list[DueReport]:
    """For each organization: the last closed period of every kind it reports, unless already
    submitted or approved, or before its first period (``is_due``), and every draft or
    returned submission. Three queries in all."""
    organization_ids = list(organization_ids)
    # The grace period of a report is the longest of its indicators'.
    rows = {
        (row["organization_id"], row["indicator__period_type"]): row
        for row in Indicator.reporting_organizations.through.objects.filter(
            organization_id__in=organization_ids
        )
        .values("organization_id", "indicator__period_type")
        .annotate(grace=Max("indicator__grace_days"), **first_period_annotations("indicator__"))
    }
    grace = {key: row["grace"] for key, row in rows.items()}
    pairs = set(grace)
    # Only the submissions that matter here, however many periods lie behind: each pair's
    # last closed period, and whatever is still being written.
    wanted = Q(status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED])
    for org_id, period_type in pairs:
        period = Period.last_closed(period_type, today)
        wanted |= Q(organization_id=org_id, period_type=period.type, period_start=period.start)
    submissions = {
        (s.organization_id, s.period_type, s.period_start): s
        for s in Submission.objects.filter(
            wanted, organization_id__in=organization_ids
        ).select_related("organization")
    }
    organizations = {s.organization_id: s.organization for s in submissions.values()}
    missing = {org_id for org_id, _ in pairs} - organizations.keys()
    if missing:
        organizations.update(Organization.objects.in_bulk(missing))
    due: dict[tuple, DueReport] = {}
    for org_id, period_type in pairs:
        period = Period.last_closed(period_type, today)
        key = (org_id, period.type, period.start)
        submission = submissions.get(key)
        if submission is None and not is_due(
            rows[(org_id, period_type)], organizations[org_id], period
        ):
            continue
        if submission is None or submission.is_editable:
            due[key] = DueReport(
                organizations[org_id],
                period,
                submission,
                period.end + timedelta(days=grace[(org_id, period_type)]),
                today,
            )
    for key, submission in submissions.items():
        if submission.is_editable and key not in due:
            days = grace.get((submission.organization_id, submission.period_type), 0)
            due[key] = DueReport(
                submission.organization,
                submission.period,
                submission,
                submission.period.end + timedelta(days=days),
                today,
            )
    return sorted(due.values(), key=lambda d: (d.organization.name, d.period.start, d.period.type))


# --- The backbone console: who has reported what, period by period ----------------------

CONSOLE_PERIODS = 6


class CellState:
    """Where one organization's report for one period stands. ``overdue`` is not a state of
    the submission but of the calendar: anything not yet handed in once the due date passed."""

    NOT_STARTED = "not-started"
    OVERDUE = "overdue"
    NOT_EXPECTED = "not-expected"


CELL_LABELS = {
    CellState.NOT_STARTED: _("Not started"),
    CellState.NOT_EXPECTED: _("Not expected"),
    CellState.OVERDUE: _("Overdue"),
    **dict(SubmissionStatus.choices),
}
# Handed in: the partner's part is done.
HANDED_IN = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED})


@dataclass
class MatrixCell:
    organization: Organization
    period: Period
    submission: Submission | None
    due: date
    today: date
    # False before the indicators' first period or the organization's first reporting day.
    expected: bool = True

    @property
    def state(self) -> str:
        if self.submission:
            return self.submission.status
        return CellState.NOT_STARTED if self.expected else CellState.NOT_EXPECTED

    @property
    def is_overdue(self) -> bool:
        return self.expected and self.today > self.due and self.state not in HANDED_IN

    @property
    def status(self) -> str:
        """What the cell shows: overdue wins over the state behind it."""
        return CellState.OVERDUE if self.is_overdue else self.state

    @property
    def label(self) -> str:
        return CELL_LABELS[self.status]

    @property
    def state_label(self) -> str:
        return CELL_LABELS[self.state]

    @property
    def submitted_on(self) -> date | None:
        if self.submission is None or self.submission.submitted_at is None:
            return None
        return timezone.localdate(self.submission.submitted_at)

    @property
    def days_late(self) -> int:
        """Days past due: when handed in, or until today if still not."""
        if self.state in HANDED_IN and self.submitted_on is not None:
            return max((self.submitted_on - self.due).days, 0)
        return max((self.today - self.due).days, 0)

    @property
    def is_late(self) -> bool:
        """Handed in after its due date, or not handed in and past it."""
        if self.is_overdue:
            return True
        return (
            self.state in HANDED_IN
            and self.submitted_on is not None
            and self.submitted_on > self.due
        )


@dataclass
class PeriodSummary:
    period: Period
    approved: int
    expected: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.approved / self.expected) if self.expected else None


@dataclass
class Completeness:
    period_type: str
    periods: list[Period]  # oldest first
    rows: list[tuple[Organization, list[MatrixCell]]]
    summary: list[PeriodSummary]

    @property
    def cells(self):
        return (cell for _organization, cells in self.rows for cell in cells)

    def late(self) -> list[MatrixCell]:
        """Late reports, the latest period first."""
        return sorted(
            (cell for cell in self.cells if cell.is_late),
            key=lambda c: (-c.period.start.toordinal(), c.organization.name),
        )


def most_used_period_type() -> str:
    """The period type most indicators use (ties go to the shorter period); one query."""
    counts = dict(Indicator.objects.values_list("period_type").annotate(n=Count("pk")).order_by())
    if not counts:
        return PeriodType.YEAR
    order = list(PeriodType.values)
    return max(counts, key=lambda kind: (counts[kind], -order.index(kind)))


def recent_periods(period_type: str, today: date, count: int = CONSOLE_PERIODS) -> list[Period]:
    """The last ``count`` closed periods of a type, oldest first."""
    periods = [Period.last_closed(period_type, today)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]


def completeness(period_type: str, today: date, count: int = CONSOLE_PERIODS) -> Completeness:
    """Every organization expected to report indicators of this period type × the last
    ``count`` closed periods: where each report stands. Two queries, however many
    organizations and periods.

    A report is due at the end of its period plus the longest grace period of the
    organization's indicators of that type (as in ``reports_due``)."""
    periods = recent_periods(period_type, today, count)
    expected = (
        Organization.objects.filter(reported_indicators__period_type=period_type)
        .annotate(
            grace=Max("reported_indicators__grace_days"),
            indicator_count=Count("reported_indicators"),
            **first_period_annotations("reported_indicators__"),
        )
        .only("id", "name", "slug", "reports_from")
        .order_by("name")
    )
    submissions = {
        (s.organization_id, s.period_start): s
        for s in Submission.objects.filter(
            period_type=period_type,
            period_start__in=[p.start for p in periods],
            organization__in=Indicator.reporting_organizations.through.objects.filter(
                indicator__period_type=period_type
            ).values("organization_id"),
        )
        .order_by()
        .only(
            "id",
            "organization_id",
            "period_type",
            "period_start",
            "status",
            "submitted_at",
            "review_comment",
        )
    }
    rows = []
    for organization in expected:
        cells = [
            MatrixCell(
                organization,
                period,
                submissions.get((organization.pk, period.start)),
                period.end + timedelta(days=organization.grace),
                today,
                is_due(
                    {"first": organization.first, "open": organization.open}, organization, period
                ),
            )
            for period in periods
        ]
        rows.append((organization, cells))
    # Only the periods in which someone is expected to report (or has reported).
    keep = [
        i
        for i in range(len(periods))
        if any(cells[i].expected or cells[i].submission for _o, cells in rows)
    ]
    periods = [periods[i] for i in keep]
    rows = [(organization, [cells[i] for i in keep]) for organization, cells in rows]
    summary = [
        PeriodSummary(
            period,
            sum(
                1
                for _o, cells in rows
                if cells[i].expected and cells[i].state == SubmissionStatus.APPROVED
            ),
            sum(1 for _o, cells in rows if cells[i].expected),
        )
        for i, period in enumerate(periods)
    ]
    return Completeness(period_type, periods, rows, summary)


def returned_submissions(organization_ids):
    """Submissions sent back to these organizations, with the reviewer's comment; one query."""
    return (
        Submission.objects.filter(
            organization_id__in=list(organization_ids), status=SubmissionStatus.RETURNED
        )
        .select_related("organization", "reviewed_by")
        .order_by("-reviewed_at", "organization__name")
    )
