"""What a roll-up recomputes: its window of indicators, periods and scopes."""

from dataclasses import dataclass
from datetime import date

from measures.models import (
    Indicator,
    ScopeType,
)
from measures.periods import Period
from partners.models import Organization


@dataclass(frozen=True)
class Window:
    """What a roll-up recomputes: one indicator (or all) and a span of base periods."""

    indicator_ids: tuple[int, ...] | None = None  # None: every indicator
    base: Period | None = None  # the period approved
    period_type: str | None = None
    start: date | None = None  # the base periods read: those inside the longest period
    end: date | None = None
    periods: tuple[Period, ...] = ()  # the figures rewritten
    scopes: tuple[tuple[str, str], ...] = ()  # the scopes rewritten; () for every scope
    organization_id: int | None = None  # the organization that reported
    has_stock: bool = False
    stock_ids: tuple[int, ...] = ()  # the stocks among the indicators

    @property
    def keys(self) -> set[tuple[str, date]]:
        return {(p.type, p.start) for p in self.periods}


def window_for(
    indicators: list[Indicator], period: Period, organization: Organization | None = None
) -> Window:
    """An approval touches its period and the quarter and year that contain it; those are
    recomputed from the base periods inside the longest of them. Only the scopes the
    approving organization belongs to can change: the region, its county, its type, itself."""
    touched = {period}
    for indicator in indicators:
        touched.update(Period.containing(k, period.start) for k in indicator.rolled_up_period_types)
    longest = max(touched, key=lambda p: p.end - p.start)
    return Window(
        tuple(sorted(i.pk for i in indicators)),
        period,
        period.type,
        longest.start,
        longest.end,
        tuple(sorted(touched)),
        tuple((str(kind), key) for kind, key in scopes_of(vars(organization)))
        if organization
        else (),
        organization.pk if organization else None,
        any(i.stock for i in indicators),
        tuple(sorted(i.pk for i in indicators if i.stock)),
    )


def scopes_of(org) -> list[tuple[str, str]]:
    return [
        (ScopeType.REGION, ""),
        (ScopeType.COUNTY, org["county"]),
        (ScopeType.ORG_TYPE, org["sector_type"]),
        (ScopeType.ORGANIZATION, org["slug"]),
    ]
