"""Roll approved values up to the region.

Counts are summed; percentages are the ratio of sums (Σ numerators ÷ Σ denominators),
never an average of percentages. Only approved values count. Each aggregate records how
many organizations reported and how many were expected. Writing uses one upsert per
batch, so running a roll-up twice, or two at once, leaves the same rows.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from measures.models import (
    Aggregate,
    Aggregation,
    DataValue,
    Indicator,
    ScopeType,
    SubmissionStatus,
)

_UPDATE_FIELDS = ["numerator", "denominator", "value", "reported", "expected", "computed_at"]
_UNIQUE_FIELDS = ["indicator", "period_type", "period_start", "scope_type", "scope_key"]


def _approved_values():
    return DataValue.objects.filter(
        submission__status=SubmissionStatus.APPROVED, value__isnull=False
    )


def _region_rows(values):
    return (
        values.values("indicator_id", "submission__period_type", "submission__period_start")
        .annotate(
            num=Sum("numerator"),
            den=Sum("denominator"),
            total=Sum("value"),
            reported=Count("submission__organization_id", distinct=True),
        )
        .order_by()
    )


def _expected_counts(indicator_ids) -> dict[int, int]:
    through = Indicator.reporting_organizations.through
    return dict(
        through.objects.filter(indicator_id__in=indicator_ids)
        .values("indicator_id")
        .annotate(n=Count("organization_id"))
        .values_list("indicator_id", "n")
    )


def _aggregate_from_row(row, aggregation: str, expected: int) -> Aggregate:
    if aggregation == Aggregation.RATIO:
        numerator, denominator = row["num"], row["den"]
        value = (
            (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.0001"))
            if denominator
            else None
        )
    else:
        numerator, denominator, value = None, None, row["total"]
    return Aggregate(
        indicator_id=row["indicator_id"],
        period_type=row["submission__period_type"],
        period_start=row["submission__period_start"],
        scope_type=ScopeType.REGION,
        scope_key="",
        numerator=numerator,
        denominator=denominator,
        value=value,
        reported=row["reported"],
        expected=expected,
    )


def _upsert(aggregates: list[Aggregate]) -> None:
    Aggregate.objects.bulk_create(
        aggregates,
        update_conflicts=True,
        unique_fields=_UNIQUE_FIELDS,
        update_fields=_UPDATE_FIELDS,
        batch_size=1000,
    )


@transaction.atomic
def rollup(indicator_id: int, period_type: str, period_start: date) -> Aggregate | None:
    """Recompute one indicator's regional figure for one period."""
    indicator = Indicator.objects.get(pk=indicator_id)
    rows = list(
        _region_rows(
            _approved_values().filter(
                indicator_id=indicator_id,
                submission__period_type=period_type,
                submission__period_start=period_start,
            )
        )
    )
    if not rows:
        Aggregate.objects.filter(
            indicator_id=indicator_id, period_type=period_type, period_start=period_start
        ).delete()
        return None
    expected = _expected_counts([indicator_id]).get(indicator_id, 0)
    aggregate = _aggregate_from_row(rows[0], indicator.aggregation, expected)
    _upsert([aggregate])
    return aggregate


@transaction.atomic
def rebuild_all() -> int:
    """Recompute every aggregate from the approved values; drop those left without data."""
    started = timezone.now()
    aggregations = dict(Indicator.objects.values_list("id", "aggregation"))
    expected = _expected_counts(list(aggregations))
    aggregates = [
        _aggregate_from_row(
            row, aggregations[row["indicator_id"]], expected.get(row["indicator_id"], 0)
        )
        for row in _region_rows(_approved_values())
    ]
    _upsert(aggregates)
    # Every row written above has a fresh computed_at; older rows lost their data.
    Aggregate.objects.filter(computed_at__lt=started).delete()
    return len(aggregates)
