"""Mutually reinforcing activities: who may record what, every write, and the matrix.

Partners (members and leads) record their own organization's commitments under the agenda's
strategies and post their progress; backbone staff may record a commitment for any
organization. Everyone signed in reads the commitments and the matrix; funders read only.

The matrix puts the agenda's strategies (rows, grouped by goal) against organizations
(columns) and flags, by the rules in ``GAP_RULE`` and ``OVERLAP_RULE``:

* a **gap**: a strategy under which no organization has a commitment that is planned or
  under way;
* an **overlap**: a strategy with such commitments from three or more organizations, or two
  or more organizations with such commitments for the same audience (the "for whom" text,
  compared without regard to case, spacing or punctuation).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy

from activities.models import Commitment, CommitmentStatus
from agenda.models import Goal, Strategy
from partners.models import Organization, SectorType

# The statuses that count as "working on it" for gaps and overlaps.
LIVE = frozenset({CommitmentStatus.PLANNED, CommitmentStatus.ACTIVE})
OVERLAP_ORGANIZATIONS = 3

GAP_RULE = gettext_lazy(
    "Gap: no organization has a commitment under the strategy that is planned or under way "
    "(done and paused commitments do not count)."
)
OVERLAP_RULE = gettext_lazy(
    "Overlap: three or more organizations have commitments under the strategy that are planned "
    "or under way, or two or more organizations have such commitments for the same audience "
    "(the “for whom” text, compared without regard to capitals, spaces or punctuation)."
)


# Access -----------------------------------------------------------------------------------


# Writes -----------------------------------------------------------------------------------


# The matrix -------------------------------------------------------------------------------


def audience_key(text: str) -> str:
    """The "for whom" text as compared for overlaps: lower case, letters and digits only."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


@dataclass
class Cell:
    organization: Organization
    commitments: list[Commitment] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.commitments)


@dataclass
class SharedAudience:
    audience: str
    organizations: list[Organization]


@dataclass
class Row:
    strategy: Strategy
    cells: list[Cell]
    live_organizations: list[Organization]
    shared_audiences: list[SharedAudience]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def gap(self) -> bool:
        return not self.live_organizations

    @property
    def crowded(self) -> bool:
        return len(self.live_organizations) >= OVERLAP_ORGANIZATIONS

    @property
    def overlap(self) -> bool:
        return self.crowded or bool(self.shared_audiences)


@dataclass
class GoalRows:
    goal: Goal
    rows: list[Row]


@dataclass
class Matrix:
    organizations: list[Organization]
    goals: list[GoalRows]
    show_all: bool

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.goals for row in group.rows]

    @property
    def width(self) -> int:
        """Columns in the table: the strategy, its flags, then one per organization."""
        return len(self.organizations) + 2

    @property
    def gaps(self) -> list[Row]:
        return [row for row in self.rows if row.gap]

    @property
    def overlaps(self) -> list[Row]:
        return [row for row in self.rows if row.overlap]


def partner_organizations():
    """The partners proper: every organization but the backbone and funders."""
    return Organization.objects.exclude(
        sector_type__in=[SectorType.BACKBONE, SectorType.FUNDER]
    ).order_by("name")


def build_matrix(*, show_all: bool = False) -> Matrix:
    """Strategies × organizations in a fixed number of queries, whatever the data."""
    goals = list(Goal.objects.prefetch_related("strategies").order_by("order", "pk"))
    commitments = list(
        Commitment.objects.select_related("organization").order_by("organization__name", "title")
    )
    organizations = {c.organization_id: c.organization for c in commitments}
    if show_all:
        organizations.update({o.pk: o for o in partner_organizations()})
    columns = sorted(organizations.values(), key=lambda o: (o.name.casefold(), o.pk))
    by_cell: dict[tuple[int, int], list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        by_cell[(commitment.strategy_id, commitment.organization_id)].append(commitment)
    groups = []
    for goal in goals:
        rows = []
        for strategy in goal.strategies.all():
            cells = [Cell(org, by_cell.get((strategy.pk, org.pk), [])) for org in columns]
            rows.append(_row(strategy, cells))
        groups.append(GoalRows(goal, rows))
    return Matrix(organizations=columns, goals=groups, show_all=show_all)


def _row(strategy: Strategy, cells: list[Cell]) -> Row:
    live = [c for cell in cells for c in cell.commitments if c.status in LIVE]
    organizations = list({c.organization_id: c.organization for c in live}.values())
    audiences: dict[str, dict[int, Commitment]] = defaultdict(dict)
    for commitment in live:
        audiences[audience_key(commitment.audience)].setdefault(
            commitment.organization_id, commitment
        )
    shared = [
        SharedAudience(
            audience=next(iter(by_org.values())).audience,
            organizations=[c.organization for c in by_org.values()],
        )
        for key, by_org in sorted(audiences.items())
        if key and len(by_org) >= 2
    ]
    return Row(strategy, cells, organizations, shared)


def commitment_counts() -> dict[int, int]:
    """How many commitments each strategy has, in one query."""
    return dict(Commitment.objects.values_list("strategy").annotate(n=Count("id")).order_by())
