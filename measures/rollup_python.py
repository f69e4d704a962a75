"""The portable roll-up engine: the same rows as the SQL one, computed in Python (SQLite, the
embedded quick start). Tests compare the two engines."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from measures.models import (
    Aggregate,
    Aggregation,
    DataValue,
    Indicator,
    SubmissionStatus,
)
from measures.periods import Period
from measures.rollup_window import Window, scopes_of
from partners.models import Organization

FOUR_PLACES = Decimal("0.0001")


def _round(number: Decimal) -> Decimal:
    return number.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def _contribution(indicator: Indicator, numerator, denominator, value):
    if indicator.aggregation == Aggregation.SUM:
        return value, None
    if indicator.aggregation == Aggregation.MEAN:
        return value * denominator, denominator
    return numerator, denominator


def _longer_periods(indicator: Indicator, period: Period) -> list[Period]:
    return [Period.containing(kind, period.start) for kind in indicator.rolled_up_period_types]


def expected_counts(indicator_ids=None) -> dict[tuple[int, str, str], int]:
    """How many organizations are expected to report, per indicator and scope."""
    through = Indicator.reporting_organizations.through.objects.all()
    if indicator_ids is not None:
        through = through.filter(indicator_id__in=indicator_ids)
    orgs = {o["id"]: o for o in Organization.objects.values("id", "slug", "county", "sector_type")}
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    for indicator_id, org_id in through.values_list("indicator_id", "organization_id"):
        for scope in scopes_of(orgs[org_id]):
            counts[(indicator_id, *scope)] += 1
    return counts


def write_python(window: Window) -> int:
    indicators = Indicator.objects.in_bulk(
        None if window.indicator_ids is None else list(window.indicator_ids)
    )
    values = DataValue.objects.filter(submission__status=SubmissionStatus.APPROVED).exclude(
        value=None
    )
    if window.indicator_ids is not None:
        values = values.filter(
            indicator_id__in=window.indicator_ids,
            submission__period_type=window.period_type,
            submission__period_start__range=(window.start, window.end),
        )
    orgs = {o["id"]: o for o in Organization.objects.values("id", "slug", "county", "sector_type")}
    sums: dict[tuple, list] = {}
    rows = values.values_list(
        "indicator_id",
        "submission__organization_id",
        "submission__period_type",
        "submission__period_start",
        "category__dimension__code",
        "category__code",
        "numerator",
        "denominator",
        "value",
    )
    for ind_id, org_id, ptype, pstart, dim, cat, numerator, denominator, value in rows.iterator(
        chunk_size=5000
    ):
        indicator = indicators[ind_id]
        num, den = _contribution(indicator, numerator, denominator, value)
        period = Period(ptype, pstart)
        periods = [period]
        if not indicator.stock:
            periods += _longer_periods(indicator, period)
        for scope_type, scope_key in scopes_of(orgs[org_id]):
            for p in periods:
                key = (ind_id, scope_type, scope_key, p.type, p.start, dim or "", cat or "")
                cell = sums.setdefault(key, [Decimal(0), None, set()])
                cell[0] += num
                if den is not None:
                    cell[1] = (cell[1] or Decimal(0)) + den
                cell[2].add(org_id)

    expected = expected_counts(list(indicators))
    now = timezone.now()
    aggregates = []
    for (ind_id, scope_type, scope_key, ptype, pstart, dim, cat), (
        num,
        den,
        reporters,
    ) in sums.items():
        indicator = indicators[ind_id]
        summed = indicator.aggregation == Aggregation.SUM
        aggregates.append(
            Aggregate(
                indicator_id=ind_id,
                scope_type=scope_type,
                scope_key=scope_key,
                period_type=ptype,
                period_start=pstart,
                dimension_code=dim,
                category_code=cat,
                numerator=None if summed else num,
                denominator=den,
                value=num if summed else _ratio(indicator, num, den),
                reported=len(reporters),
                expected=expected.get((ind_id, scope_type, scope_key), 0),
                computed_at=now,
            )
        )
    aggregates += _stock_periods(indicators, aggregates)
    if window.indicator_ids is not None:
        aggregates = [a for a in aggregates if (a.period_type, a.period_start) in window.keys]
    if window.scopes:
        aggregates = [a for a in aggregates if (a.scope_type, a.scope_key) in window.scopes]
    Aggregate.objects.bulk_create(aggregates, batch_size=2000)
    return len(aggregates)


def _ratio(indicator: Indicator, numerator: Decimal, denominator: Decimal | None):
    if not denominator:
        return None
    scale = indicator.scale if indicator.is_share else Decimal(1)
    return _round(numerator * scale / denominator)


def _stock_periods(indicators, base: list[Aggregate]) -> list[Aggregate]:
    """A stock's quarter or year takes the figure of its latest period with data."""
    latest: dict[tuple, Aggregate] = {}
    for aggregate in base:
        indicator = indicators[aggregate.indicator_id]
        if not (indicator.stock and aggregate.period_type == indicator.period_type):
            continue
        for longer in _longer_periods(indicator, aggregate.period):
            key = (
                aggregate.indicator_id,
                aggregate.scope_type,
                aggregate.scope_key,
                longer.type,
                longer.start,
                aggregate.dimension_code,
                aggregate.category_code,
            )
            if key not in latest or latest[key].period_start < aggregate.period_start:
                latest[key] = aggregate
    return [
        Aggregate(
            indicator_id=a.indicator_id,
            scope_type=a.scope_type,
            scope_key=a.scope_key,
            period_type=key[3],
            period_start=key[4],
            dimension_code=a.dimension_code,
            category_code=a.category_code,
            numerator=a.numerator,
            denominator=a.denominator,
            value=a.value,
            reported=a.reported,
            expected=a.expected,
            computed_at=a.computed_at,
        )
        for key, a in latest.items()
    ]
