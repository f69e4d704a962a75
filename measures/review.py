"""What a reviewer reads beside Approve and Return: for each indicator of a report, the
value as readers will see it, the organization's approved figure of the period before and
of the same period a year earlier, the region's figure for the period (what is approved so
far, through the publication layer), the change, and the flags. A fixed number of queries."""

from dataclasses import dataclass, field
from decimal import Decimal

from measures import figures, publication
from measures.models import (
    DataValue,
    Indicator,
    SubmissionStatus,
)
from measures.periods import Period


@dataclass
class ReviewRow:
    indicator: Indicator
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    previous: Decimal | None
    year_earlier: Decimal | None
    region: publication.Figure | None
    warnings: list[str] = field(default_factory=list)

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class ReviewContext:
    period: Period
    previous: Period
    year_earlier: Period | None  # None when it is the period before (yearly periods)
    rows: list[ReviewRow]


def review_context(report, values, indicators, warnings: dict[int, list[str]]) -> ReviewContext:
    period = report.period
    before = period.previous()
    a_year_ago = period.year_earlier()
    periods = {before.start, a_year_ago.start}
    approved = {}
    for indicator_id, start, value in DataValue.objects.filter(
        submission__organization=report.organization,
        submission__period_type=period.type,
        submission__period_start__in=periods,
        submission__status=SubmissionStatus.APPROVED,
        category=None,
    ).values_list("indicator_id", "submission__period_start", "value"):
        approved[(indicator_id, start)] = value
    indicators = list(indicators)
    region = publication.region_totals(indicators, period, publication.Audience.dashboard(True))
    totals = {v.indicator_id: v for v in values if v.category_id is None}
    rows = []
    for indicator in indicators:
        total = totals.get(indicator.pk)
        previous = approved.get((indicator.pk, before.start))
        flags = list(warnings.get(indicator.pk, []))
        if total is not None and (moved := figures.outlier(indicator, total.value, previous)):
            flags.insert(0, moved)
        rows.append(
            ReviewRow(
                indicator=indicator,
                value=total.value if total else None,
                numerator=total.numerator if total else None,
                denominator=total.denominator if total else None,
                previous=previous,
                year_earlier=approved.get((indicator.pk, a_year_ago.start)),
                region=region.get(indicator.pk),
                warnings=flags,
            )
        )
    return ReviewContext(
        period=period,
        previous=before,
        year_earlier=None if a_year_ago == before else a_year_ago,
        rows=rows,
    )
