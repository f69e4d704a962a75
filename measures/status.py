"""Whether an indicator is on track: the rule, written once and shown on the dashboards.

An indicator's region-wide figures are compared with its baseline and targets, all of one
period type. The rule:

1. No data: no figure is shown for any period after the baseline (nothing approved yet, or
   the latest figure is suppressed).
2. No target: a baseline or figures exist, but no target has been set.
3. Otherwise take the latest figure after the baseline. Its yardstick is the target for the
   same period; where there is none, the point for that period on the straight line from the
   baseline (or the last earlier target) to the next target; after the last target, the last
   target itself.
4. On track when the figure is at or beyond the yardstick in the indicator's good direction
   (up is good: at or above; down is good: at or below); off track otherwise.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from measures.models import Direction, Indicator
from measures.periods import Period

ON_TRACK = "on-track"
OFF_TRACK = "off-track"
NO_DATA = "no-data"
NO_TARGET = "no-target"

LABELS = {
    ON_TRACK: _("On track"),
    OFF_TRACK: _("Off track"),
    NO_DATA: _("No data"),
    NO_TARGET: _("No target set"),
}

RULE = _(
    "Status compares the latest region-wide figure after the baseline with its yardstick: "
    "the target for the same period or, between targets, the point on a straight line from "
    "the baseline (or the previous target) to the next target; after the last target, the "
    "last target. On track when the figure is at or beyond the yardstick in the indicator's "
    "good direction, off track when it is not, no data when there is no figure to show after "
    "the baseline. A provisional period, whose reports are not all in, is never judged."
)


@dataclass
class Progress:
    status: str
    latest_period: Period | None = None
    latest_value: Decimal | None = None
    yardstick: Decimal | None = None
    baseline_period: Period | None = None
    baseline_value: Decimal | None = None
    change: Decimal | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.status])


def _ordinal(period: Period) -> int:
    return period.start.year * 12 + period.start.month


def yardstick(
    period: Period, baseline: tuple[Period, Decimal] | None, targets: list[tuple[Period, Decimal]]
) -> Decimal | None:
    """The value the indicator should have reached in ``period`` (rule, step 3)."""
    targets = sorted(targets)
    for target_period, value in targets:
        if target_period == period:
            return value
    before = [t for t in targets if t[0] < period]
    after = [t for t in targets if t[0] > period]
    if not after:
        return before[-1][1] if before else None
    start = before[-1] if before else baseline
    if start is None:
        return after[0][1]
    (p0, v0), (p1, v1) = start, after[0]
    share = Decimal(_ordinal(period) - _ordinal(p0)) / Decimal(_ordinal(p1) - _ordinal(p0))
    return v0 + (v1 - v0) * share


def assess(
    indicator: Indicator,
    series: list[tuple[Period, Decimal | None]],
    baseline: tuple[Period, Decimal] | None,
    targets: list[tuple[Period, Decimal]],
) -> Progress:
    """``series`` holds the figures a reader may see, in period order (None when hidden)."""
    after = [
        (period, value)
        for period, value in series
        if value is not None and (baseline is None or period > baseline[0])
    ]
    base_period, base_value = baseline if baseline else (None, None)
    if not after:
        return Progress(NO_DATA, baseline_period=base_period, baseline_value=base_value)
    period, value = after[-1]
    change = value - base_value if base_value is not None else None
    progress = Progress(
        NO_TARGET,
        latest_period=period,
        latest_value=value,
        baseline_period=base_period,
        baseline_value=base_value,
        change=change,
    )
    if not targets:
        return progress
    progress.yardstick = yardstick(period, baseline, targets)
    if indicator.direction == Direction.DOWN:
        good = value <= progress.yardstick
    else:
        good = value >= progress.yardstick
    progress.status = ON_TRACK if good else OFF_TRACK
    return progress
