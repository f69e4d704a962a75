"""Data-quality checks on stored values: breakdowns that do not add up to their total."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    DateField,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Abs, Coalesce, Lag
from django.utils.translation import gettext as _

from measures.figures import OUTLIER_RELATIVE, OUTLIER_SHARE_POINTS, display, outlier
from measures.models import (
    SCALE,
    SHARE_UNITS,
    Aggregation,
    DataValue,
    Indicator,
    Submission,
    SubmissionStatus,
)
from measures.periods import Period
from partners.models import Organization


def _parts_sum(indicator: Indicator, values: list[DataValue]) -> list[tuple[str, Decimal]]:
    """What must add up: the value of a count, the numerator and denominator of a share."""
    if indicator.is_share:
        return [
            (_("numerator"), sum((v.numerator or 0) for v in values)),
            (_("denominator"), sum((v.denominator or 0) for v in values)),
        ]
    return [(_("value"), sum((v.value or 0) for v in values))]


def breakdown_warnings(values) -> dict[int, list[str]]:
    """indicator id → messages, for summable indicators whose categories of a complete
    breakdown (``Dimension.complete``) are filled in but do not add up to the total.
    ``values`` carry indicator and category__dimension (select_related)."""
    by_indicator: dict[int, list[DataValue]] = defaultdict(list)
    for value in values:
        by_indicator[value.indicator_id].append(value)
    warnings: dict[int, list[str]] = {}
    for indicator_id, rows in by_indicator.items():
        indicator = rows[0].indicator
        total = next((v for v in rows if v.category_id is None), None)
        if total is None or total.value is None or not indicator.summable:
            continue
        by_dimension: dict = defaultdict(list)
        for row in rows:
            # A partial breakdown (not ``complete``) need not add up.
            if (
                row.category_id is not None
                and row.value is not None
                and row.category.dimension.complete
            ):
                by_dimension[row.category.dimension].append(row)
        for dimension, members in sorted(by_dimension.items(), key=lambda i: i[0].order):
            for (label, got), (_part, want) in zip(
                _parts_sum(indicator, members), _parts_sum(indicator, [total]), strict=True
            ):
                if got != want:
                    warnings.setdefault(indicator_id, []).append(
                        mismatch_message(dimension.name, label, got, want)
                    )
    return warnings


def mismatch_message(dimension: str, part: str, got: Decimal, want: Decimal) -> str:
    return _(
        "%(dimension)s: the categories' %(part)s adds up to %(got)s, but the total is %(want)s."
    ) % {
        "dimension": dimension,
        "part": part,
        "got": f"{Decimal(got).normalize():f}",
        "want": f"{Decimal(want).normalize():f}",
    }


# --- Flags for the backbone console: a bounded look at the recent periods ----------------

FLAG_LIMIT = 50
# Reports still under review: flags are for them; an approved report is settled.
UNDER_REVIEW = (SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED)


@dataclass
class Flag:
    organization: Organization
    period: Period
    indicator: Indicator | None
    message: str
    note: str = ""


@dataclass
class Flags:
    items: list[Flag]
    more: bool  # more flags than shown


def _decimal() -> DecimalField:
    return DecimalField(max_digits=24, decimal_places=4)


def _submission_ids(period_type: str, starts, statuses) -> list[int]:
    """The reports of a window, looked up first so that their values are read through the
    submission index rather than by scanning every value (one query)."""
    return list(
        Submission.objects.filter(
            period_type=period_type, period_start__in=list(starts), status__in=statuses
        )
        .order_by()
        .values_list("pk", flat=True)
    )


def outlier_flags(period_type: str, starts, *, limit: int = FLAG_LIMIT) -> Flags:
    """Totals of submitted or approved reports in the given periods that move a lot against
    the organization's approved total of the period before (``figures.outlier``). Two
    queries: the database finds the candidates, ``outlier`` has the last word."""
    periods = [Period(period_type, start) for start in starts]
    if not periods:
        return Flags([], False)
    handed_in = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)
    ids = _submission_ids(period_type, [min(periods).previous().start, *starts], handed_in)
    # Each total beside the one of the same organization and indicator just before it.
    line = {
        "partition_by": [F("submission__organization_id"), F("indicator_id")],
        "order_by": F("submission__period_start").asc(),
    }
    expected_previous = Case(
        *[When(submission__period_start=p.start, then=Value(p.previous().start)) for p in periods],
        output_field=DateField(),
    )
    share_points = Case(
        *[
            When(indicator__unit=unit, then=Value(OUTLIER_SHARE_POINTS * scale / 100))
            for unit, scale in SCALE.items()
        ],
        output_field=_decimal(),
    )
    share = Q(indicator__unit__in=SHARE_UNITS)
    far = (share & Q(change__gt=share_points)) | (
        ~share
        & (
            (Q(previous=0) & ~Q(value=0))
            | Q(
                previous__gt=0,
                change__gt=ExpressionWrapper(
                    F("previous") * Value(OUTLIER_RELATIVE), output_field=_decimal()
                ),
            )
        )
    )
    rows = (
        DataValue.objects.filter(submission_id__in=ids, category=None, value__isnull=False)
        .annotate(
            previous=Window(Lag("value"), **line),
            previous_start=Window(Lag("submission__period_start"), **line),
            previous_status=Window(Lag("submission__status"), **line),
            expected_previous=expected_previous,
            change=Abs(F("value") - F("previous"), output_field=_decimal()),
            # 1 while the report is under review. A window over the row alone, so that the
            # filter on it applies after Lag has seen every row (approved reports are the
            # reviewers' settled judgement and are not flagged again).
            under_review=Window(
                Max(
                    Case(
                        When(submission__status__in=UNDER_REVIEW, then=Value(1)),
                        default=Value(0),
                    )
                ),
                partition_by=[F("pk")],
            ),
        )
        .filter(
            previous_status=SubmissionStatus.APPROVED,
            previous_start=F("expected_previous"),
            under_review=1,
        )
        .filter(far)
        .select_related("indicator", "submission__organization")
        .only(
            "value",
            "note",
            "indicator__code",
            "indicator__name",
            "indicator__unit",
            "indicator__aggregation",
            "submission__period_type",
            "submission__period_start",
            "submission__organization__name",
            "submission__organization__slug",
        )
        .order_by("-submission__period_start", "submission__organization__name", "indicator__name")
    )[: limit + 1]
    flags = []
    for row in rows:
        if not outlier(row.indicator, row.value, row.previous):
            continue
        period = row.submission.period
        flags.append(
            Flag(
                row.submission.organization,
                period,
                row.indicator,
                _("%(value)s, against %(previous)s in %(period)s.")
                % {
                    "value": display(row.indicator, row.value),
                    "previous": display(row.indicator, row.previous),
                    "period": period.previous().label,
                },
                row.note,
            )
        )
    return Flags(flags[:limit], len(flags) > limit)


def breakdown_flags(period_type: str, starts, *, limit: int = FLAG_LIMIT) -> Flags:
    """Breakdowns whose categories do not add up to their total, in the reports handed to
    the backbone for the given periods (the rule of ``breakdown_warnings``). One query: the
    database sums each breakdown and compares it with its total; the comparison is made
    again here, with the words of the report page."""
    total = DataValue.objects.filter(
        submission=OuterRef("submission"), indicator=OuterRef("indicator"), category=None
    )
    zero = Value(Decimal(0))

    def total_of(part):
        return Coalesce(
            Subquery(total.values(part)[:1], output_field=_decimal()), zero, output_field=_decimal()
        )

    def parts_of(part):
        return Coalesce(Sum(part), zero, output_field=_decimal())

    summed = Q(indicator__aggregation=Aggregation.SUM)
    ratio = Q(indicator__aggregation=Aggregation.RATIO)
    groups = (
        DataValue.objects.filter(
            summed | ratio,
            Exists(total.filter(value__isnull=False)),
            category__isnull=False,
            category__dimension__complete=True,
            value__isnull=False,
            submission__period_type=period_type,
            submission__period_start__in=list(starts),
            submission__status__in=UNDER_REVIEW,
        )
        .values(
            "submission_id",
            "submission__period_start",
            "submission__organization_id",
            "submission__organization__name",
            "submission__organization__slug",
            "indicator_id",
            "indicator__code",
            "indicator__name",
            "indicator__aggregation",
            "category__dimension__name",
            "category__dimension__order",
        )
        .annotate(
            parts_value=parts_of("value"),
            parts_numerator=parts_of("numerator"),
            parts_denominator=parts_of("denominator"),
            total_value=total_of("value"),
            total_numerator=total_of("numerator"),
            total_denominator=total_of("denominator"),
        )
        .filter(
            (summed & ~Q(parts_value=F("total_value")))
            | (
                ratio
                & (
                    ~Q(parts_numerator=F("total_numerator"))
                    | ~Q(parts_denominator=F("total_denominator"))
                )
            )
        )
        .order_by(
            "-submission__period_start",
            "submission__organization__name",
            "indicator__name",
            "category__dimension__order",
            "category__dimension__name",
        )
    )[: limit + 1]
    flags = []
    for row in groups:
        if row["indicator__aggregation"] == Aggregation.SUM:
            pairs = [(_("value"), row["parts_value"], row["total_value"])]
        else:
            pairs = [
                (_("numerator"), row["parts_numerator"], row["total_numerator"]),
                (_("denominator"), row["parts_denominator"], row["total_denominator"]),
            ]
        messages = [
            mismatch_message(row["category__dimension__name"], label, got, want)
            for label, got, want in pairs
            if got != want
        ]
        if not messages:
            continue
        organization = Organization(
            pk=row["submission__organization_id"],
            name=row["submission__organization__name"],
            slug=row["submission__organization__slug"],
        )
        indicator = Indicator(
            pk=row["indicator_id"], code=row["indicator__code"], name=row["indicator__name"]
        )
        period = Period(period_type, row["submission__period_start"])
        flags.append(Flag(organization, period, indicator, " ".join(messages)))
    return Flags(flags[:limit], len(flags) > limit)
