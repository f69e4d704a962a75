"""Funding alignment: which funding streams serve the common agenda, and how much of the money.

The rule (``SHARE_RULE``, also written on the page): for a chosen calendar year, take every
funding stream active in it (its period from "from" to "until" touches the year) with its
whole amount; the aligned share is the amount of those linked to at least one goal or
strategy divided by the amount of all of them. By goal: a stream counts under a goal when it
is linked to the goal or to one of the goal's strategies; a stream serving two goals counts
under each, so the goals' amounts may add up to more than the aligned amount.

Everyone signed in reads it, funders included; backbone staff record and edit the streams.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy

from agenda.models import Goal
from funding.models import FundingStream

SHARE_RULE = gettext_lazy(
    "Aligned share = the amount of the streams linked to at least one goal or strategy of the "
    "agenda ÷ the amount of all streams, counting every stream active at any time in the year "
    "(its period touches the year) with its whole amount. Under each goal: the streams linked "
    "to the goal or to one of its strategies; a stream that serves two goals counts under both."
)

ZERO = Decimal("0.00")


# Access -----------------------------------------------------------------------------------


# Writes -----------------------------------------------------------------------------------


# The share --------------------------------------------------------------------------------


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole``, to one decimal place; None when whole is 0."""
    if not whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def active_in(stream: FundingStream, year: int) -> bool:
    return stream.start <= datetime.date(year, 12, 31) and stream.end >= datetime.date(year, 1, 1)


@dataclass
class StreamRow:
    stream: FundingStream
    goals: list[Goal]
    strategies: list  # the Strategy rows it is linked to

    @property
    def aligned(self) -> bool:
        return bool(self.goals or self.strategies)


@dataclass
class GoalShare:
    goal: Goal
    amount: Decimal
    streams: int
    percent: Decimal | None


@dataclass
class Alignment:
    year: int
    total: Decimal
    aligned: Decimal
    share: Decimal | None  # aligned ÷ total as a fraction, exact
    percent: Decimal | None
    rows: list[StreamRow]  # the streams active in the year
    by_goal: list[GoalShare]
    others: list[StreamRow] = field(default_factory=list)  # streams not active in the year

    @property
    def unaligned(self) -> list[StreamRow]:
        return [row for row in self.rows if not row.aligned]

    @property
    def unaligned_amount(self) -> Decimal:
        return sum((row.stream.amount for row in self.unaligned), ZERO)


def streams():
    """Every stream with its organizations, goals and strategies: three queries in all."""
    return FundingStream.objects.select_related("funder", "recipient").prefetch_related(
        "goals", "strategies"
    )


def years(rows=None) -> list[int]:
    """The years some stream is active in, newest first (this year when there are none)."""
    rows = list(streams()) if rows is None else rows
    if not rows:
        return [timezone.localdate().year]
    first = min(s.start.year for s in rows)
    last = max(s.end.year for s in rows)
    return list(range(last, first - 1, -1))


def default_year(available: list[int]) -> int:
    this_year = timezone.localdate().year
    return this_year if this_year in available else available[0]


def alignment(year: int, all_streams=None) -> Alignment:
    """The aligned share of the funding active in ``year``, in total and by goal."""
    all_streams = list(streams()) if all_streams is None else all_streams
    goals = list(Goal.objects.order_by("order", "pk"))
    rows, others = [], []
    for stream in all_streams:
        row = StreamRow(stream, list(stream.goals.all()), list(stream.strategies.all()))
        (rows if active_in(stream, year) else others).append(row)
    total = sum((row.stream.amount for row in rows), ZERO)
    aligned = sum((row.stream.amount for row in rows if row.aligned), ZERO)
    by_goal = []
    for goal in goals:
        serving = [
            row
            for row in rows
            if any(g.pk == goal.pk for g in row.goals)
            or any(s.goal_id == goal.pk for s in row.strategies)
        ]
        amount = sum((row.stream.amount for row in serving), ZERO)
        by_goal.append(GoalShare(goal, amount, len(serving), percent(amount, total)))
    return Alignment(
        year=year,
        total=total,
        aligned=aligned,
        share=(aligned / total) if total else None,
        percent=percent(aligned, total),
        rows=rows,
        by_goal=by_goal,
        others=others,
    )
