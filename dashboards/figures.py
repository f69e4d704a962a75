"""The figures behind the agenda dashboard and the indicator pages, read from the aggregates.

Everything here reads rolled-up figures (never raw values), passes them through suppression
for the audience, and is cached until the next roll-up (measures/cache.py). The audience is
"all" (backbone staff, who see every figure) or "outside" (everyone else, and the public):
region-level pages show the network's figures, never one organization's.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from agenda import versions
from agenda.models import Agenda, Goal
from measures import publication
from measures import status as status_rules
from measures.cache import cached
from measures.models import Indicator, ScopeType, Target
from measures.periods import Period
from measures.publication import Audience, Figure

SPARK_PERIODS = 12


@dataclass
class Series:
    """An indicator's region-wide figures of one period type, with its baseline and targets."""

    indicator: Indicator
    period_type: str
    cells: list[Figure]
    baseline: tuple[Period, Decimal] | None
    targets: list[tuple[Period, Decimal]]
    progress: status_rules.Progress = field(init=False)

    def __post_init__(self):
        self.progress = status_rules.assess(
            self.indicator, self.points(), self.baseline, self.targets
        )

    def points(self) -> list[tuple[Period, Decimal | None]]:
        """The figures judged against the targets: never a provisional period's."""
        return [(c.period, c.value) for c in self.cells if not c.provisional]

    @property
    def latest(self) -> Figure | None:
        """The headline: the latest complete period, never a provisional one."""
        return next((c for c in reversed(self.cells) if not c.provisional), None)

    @property
    def provisional(self) -> Figure | None:
        """A period after the headline whose reports are not all in yet."""
        latest = self.latest
        after = [c for c in self.cells if latest is None or c.period > latest.period]
        return after[-1] if after else None

    def target_for(self, period: Period) -> Decimal | None:
        return next((v for p, v in self.targets if p == period), None)

    def targets_after(self, period: Period | None) -> list[tuple[Period, Decimal]]:
        """Targets for periods after the last figure: the way still to go."""
        return [(p, v) for p, v in self.targets if period is None or p > period]


@dataclass
class GoalFigures:
    goal: Goal
    series: list[Series]


def audience_key(everything: bool) -> str:
    return Audience.dashboard(everything).cache_key


def series_period_type(indicator: Indicator, targets: list[Target]) -> str:
    """The baseline and targets set the time line; without them, the indicator's own periods."""
    return targets[0].period_type if targets else indicator.period_type


def _cutoff(period_type: str, today: date, count: int) -> date:
    period = Period.containing(period_type, today)
    for _i in range(count):
        period = period.previous()
    return period.start


def _targets_by_indicator(indicators) -> dict[int, list[Target]]:
    result: dict[int, list[Target]] = {i.pk: [] for i in indicators}
    for target in Target.objects.filter(indicator__in=indicators):
        result[target.indicator_id].append(target)
    return result


def region_series(indicators: list[Indicator], *, everything: bool, periods: int) -> list[Series]:
    """Each indicator's latest ``periods`` region totals (one query for all of them)."""
    if not indicators:
        return []
    targets = _targets_by_indicator(indicators)
    today = timezone.localdate()
    wanted = Q(pk__in=[])
    for indicator in indicators:
        ptype = series_period_type(indicator, targets[indicator.pk])
        wanted |= Q(
            indicator_id=indicator.pk,
            period_type=ptype,
            period_start__gte=_cutoff(ptype, today, periods),
        )
    audience = Audience.dashboard(everything)
    rules = publication.Publication.load()
    rows: dict[int, list] = {i.pk: [] for i in indicators}
    for aggregate in (
        publication.restrict(audience, own_slugs=[])
        .filter(scope_type=ScopeType.REGION, scope_key="", dimension_code="")
        .filter(wanted)
        .order_by("period_start")
    ):
        rows[aggregate.indicator_id].append(aggregate)
    return [
        make_series(
            indicator, rows[indicator.pk], targets[indicator.pk], everything=everything, rules=rules
        )
        for indicator in indicators
    ]


def make_series(
    indicator, aggregates, targets: list[Target], *, everything: bool, rules=None
) -> Series:
    baseline = next(((t.period, t.value) for t in targets if t.kind == Target.Kind.BASELINE), None)
    goals = sorted((t.period, t.value) for t in targets if t.kind == Target.Kind.TARGET)
    return Series(
        indicator=indicator,
        period_type=series_period_type(indicator, targets),
        cells=publication.publish(
            indicator, aggregates, Audience.dashboard(everything), publication=rules, own_slugs=[]
        ),
        baseline=baseline,
        targets=goals,
    )


def agenda_figures(*, everything: bool, level: str = "") -> dict:
    """The agenda with each goal's indicators and their latest figures (cached)."""

    def compute():
        agenda = Agenda.load()
        goals = list(Goal.objects.prefetch_related("strategies", "indicators"))
        indicators = {i.pk: i for goal in goals for i in goal.indicators.all()}
        others = [i for i in Indicator.objects.filter(goals__isnull=True) if i.pk not in indicators]
        everyone = [*indicators.values(), *others]
        chosen = [i for i in everyone if not level or i.level == level]
        by_indicator = {
            s.indicator.pk: s
            for s in region_series(
                sorted(chosen, key=lambda i: i.name), everything=everything, periods=SPARK_PERIODS
            )
        }
        return {
            "agenda": agenda,
            "goals": [
                GoalFigures(
                    goal,
                    [
                        by_indicator[i.pk]
                        for i in sorted(goal.indicators.all(), key=lambda i: i.name)
                        if i.pk in by_indicator
                    ],
                )
                for goal in goals
            ],
            "others": [
                by_indicator[i.pk]
                for i in sorted(others, key=lambda i: i.name)
                if i.pk in by_indicator
            ],
            "level": level,
        }

    return cached(
        ("agenda", audience_key(everything), level, timezone.localdate()),
        compute,
        extra=versions.stamp(),
    )


# The indicator page -------------------------------------------------------------------


@dataclass
class IndicatorView:
    """What the indicator page shows for one choice of filters."""

    series: Series
    scope_type: str
    scope_key: str
    trend: list[Figure]
    period: Period | None
    categories: dict[str, list[Figure]]
    scopes: dict[str, list[Figure]]
    min_organizations: int = 3


def indicator_view(
    indicator: Indicator,
    *,
    everything: bool,
    period_type: str,
    start: Period | None,
    end: Period | None,
    scope_type: str,
    scope_key: str,
    dimension_code: str,
) -> IndicatorView:
    def compute():
        audience = Audience.dashboard(everything)
        stored = publication.restrict(audience, own_slugs=[])
        settings = publication.Publication.load()

        def publish(rows):
            return publication.publish(
                indicator, rows, audience, publication=settings, own_slugs=[]
            )

        targets = list(Target.objects.filter(indicator=indicator))
        in_range = Q(period_type=period_type)
        if start:
            in_range &= Q(period_start__gte=start.start)
        if end:
            in_range &= Q(period_start__lte=end.start)
        trend_rows = list(
            stored.filter(
                in_range,
                indicator=indicator,
                scope_type=scope_type,
                scope_key=scope_key,
                dimension_code="",
            ).order_by("period_start")
        )
        same_line = series_period_type(indicator, targets) == period_type
        series = make_series(
            indicator,
            trend_rows if scope_type == ScopeType.REGION else [],
            [t for t in targets if same_line],
            everything=everything,
            rules=settings,
        )
        trend = publish(trend_rows)
        period = trend_rows[-1].period if trend_rows else None
        categories: dict[str, list[Figure]] = {}
        scopes: dict[str, list[Figure]] = {}
        if period is not None:
            same_period = Q(indicator=indicator, period_type=period.type, period_start=period.start)
            breakdown = list(
                stored.filter(same_period, scope_type=scope_type, scope_key=scope_key)
                .filter(Q(dimension_code="") | Q(dimension_code=dimension_code))
                .order_by("category_code")
            )
            for cell in publish(breakdown):
                if cell.dimension_code:
                    categories.setdefault(cell.dimension_code, []).append(cell)
            by_scope = stored.filter(
                same_period,
                scope_type__in=[ScopeType.COUNTY, ScopeType.ORG_TYPE],
                dimension_code="",
            ).order_by("scope_type", "scope_key")
            for cell in publish(by_scope):
                scopes.setdefault(cell.scope_type, []).append(cell)
        return IndicatorView(
            series=series,
            scope_type=scope_type,
            scope_key=scope_key,
            trend=trend,
            period=period,
            categories=categories,
            scopes=scopes,
            min_organizations=settings.min_organizations,
        )

    return cached(
        (
            "indicator",
            indicator.pk,
            indicator.updated_at,
            audience_key(everything),
            period_type,
            start,
            end,
            scope_type,
            scope_key,
            dimension_code,
        ),
        compute,
        extra=versions.stamp(),
    )
