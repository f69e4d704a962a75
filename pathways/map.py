"""The layout of a pathway map: its steps in five columns by stage, and the arrows between them.

The map is HTML, not a picture: a CSS grid (``.map-grid`` in ``app.css``) of five stage columns
that share their rows (``subgrid``), every row as tall as the tallest (``1fr``). So the card in
column ``c``, row ``r`` has a position known as a fraction of the grid, whatever the width of the
screen or paper and however much text a card holds:

* x: columns are ``COLUMN`` per cent wide with ``GAP`` per cent between them (``column-gap`` in
  ``app.css`` must be the same ``GAP``);
* y: row ``r`` spans ``r / rows`` to ``(r + 1) / rows`` of the height of the step rows, and its
  card is centred in it (equal top and bottom margins).

The arrow layer is one ``<svg>`` over the step rows whose ``<line>`` coordinates are those
percentages: it lines up without JavaScript and without inline styles (the Content-Security-Policy
forbids them). Arrows run in the gaps between columns and between rows, never across a card, with
an arrowhead at the edge of the card they point to. They are decoration for sighted readers
(``aria-hidden``): every link is also written on its cards ("Leads to", "Requires") and in the list
view.

A map with more than ``MAX_ROWS`` steps in one stage lets its columns flow freely and draws no
arrows (``app.css`` has a grid class for each row count up to ``MAX_ROWS``); on paper, arrows are
drawn only while the map fits on one page (``PRINT_ROWS``), since a page break would move the
cards under them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from pathways.models import (
    STAGE_ORDER,
    Audience,
    LinkKind,
    Pathway,
    Stage,
    Step,
    StepKind,
    StepLink,
)

COLUMNS = len(Stage.values)
GAP = 4.0  # per cent of the map's width between two columns: `.map-grid { column-gap: 4% }`
COLUMN = (100 - GAP * (COLUMNS - 1)) / COLUMNS
MAX_ROWS = 12
PRINT_ROWS = 3
# Arrows sharing a gap are spread across it, in per cent of the map's width.
LANE_OFFSETS = (0.0, -1.0, 1.0, -1.6, 1.6)
ARROW_COLOURS = {  # at least 3:1 against white; the dash tells them apart without colour
    LinkKind.PRECEDES: ("#0b5394", ""),
    LinkKind.PREREQUISITE: ("#8a4b00", "6 4"),
}


@dataclass
class Card:
    """One step, where it sits on the map, and what it says beside the model's own fields."""

    step: Step
    column: int
    row: int
    leads_to: list[Step] = field(default_factory=list)
    requires: list[Step] = field(default_factory=list)

    @property
    def entry_for(self) -> list[str]:
        """``["youth"]``, ``["adult"]`` or both: whom this step is an entry point for."""
        if not self.step.entry_point:
            return []
        return {
            Audience.YOUTH: ["youth"],
            Audience.ADULT: ["adult"],
            Audience.BOTH: ["youth", "adult"],
        }.get(self.step.audience, [])

    @property
    def grades(self) -> str:
        return grade_range(self.step.min_grade, self.step.max_grade)

    @property
    def ages(self) -> str:
        return age_range(self.step.min_age, self.step.max_age)

    @property
    def wage(self) -> str:
        """The occupation's median wage, on a job step; empty on any other step."""
        occupation = self.step.occupation
        if self.step.kind != StepKind.JOB or occupation is None:
            return ""
        return dollars(occupation.median_wage)


@dataclass
class Column:
    stage: str
    label: str
    number: int
    cards: list[Card]


@dataclass
class PathwayMap:
    columns: list[Column]
    rows: int
    arrows: SafeString  # the arrow layer, or empty
    links: int

    @property
    def cards(self) -> list[Card]:
        return [card for column in self.columns for card in column.cards]

    @property
    def grid_class(self) -> str:
        """The grid's classes: its row count (or free flow) and whether arrows print."""
        if not 0 < self.rows <= MAX_ROWS:
            return "map-rows-free"
        printing = " map-print-arrows" if self.rows <= PRINT_ROWS else ""
        return f"map-rows-{self.rows}{printing}"


def build_map(pathway: Pathway, *, public: bool = False) -> PathwayMap:
    """The map of ``pathway``: two queries, whatever the number of steps and links; three
    for the public, who also read what each credential stacks into."""
    steps = Step.objects.filter(pathway=pathway).select_related(
        "provider", "program__provider", "credential", "occupation"
    )
    if public:
        steps = steps.prefetch_related("credential__stacks_into")
    steps = list(steps.order_by("order", "pk"))
    links = list(
        StepLink.objects.filter(from_step__pathway=pathway)
        .order_by("pk")
        .values_list("from_step_id", "to_step_id", "kind")
    )
    return layout(steps, links)


def layout(steps: list[Step], links: list[tuple[int, int, str]]) -> PathwayMap:
    """Place ``steps`` (already in their order) by stage and join them by ``links``."""
    columns = [
        Column(stage=value, label=label, number=n + 1, cards=[])
        for n, (value, label) in enumerate(Stage.choices)
    ]
    cards: dict[int, Card] = {}
    for step in steps:
        column = columns[STAGE_ORDER[step.stage]]
        card = Card(step=step, column=column.number - 1, row=len(column.cards))
        column.cards.append(card)
        cards[step.pk] = card
    drawn = []
    for from_id, to_id, kind in links:
        source, target = cards.get(from_id), cards.get(to_id)
        if source is None or target is None:
            continue
        if kind == LinkKind.PREREQUISITE:
            target.requires.append(source.step)
        else:
            source.leads_to.append(target.step)
        drawn.append((source, target, kind))
    rows = max(len(column.cards) for column in columns)
    arrows = _svg(drawn, rows, cards.values()) if drawn and rows <= MAX_ROWS else mark_safe("")
    return PathwayMap(columns=columns, rows=rows, arrows=arrows, links=len(drawn))


# Geometry, in per cent of the step rows' width (x) and height (y).


def left(column: int) -> float:
    return column * (COLUMN + GAP)


def right(column: int) -> float:
    return left(column) + COLUMN


def gap_before(column: int) -> float:
    """The middle of the gap on the left of ``column`` (1 to 4)."""
    return left(column) - GAP / 2


def middle(row: int, rows: int) -> float:
    return (row + 0.5) * 100 / rows


def boundary(line: int, rows: int) -> float:
    """Row line ``line``: 0 is the top of the first row, ``rows`` the bottom of the last."""
    return line * 100 / rows


def route(
    source: Card,
    target: Card,
    rows: int,
    occupied: set[tuple[int, int]],
    lane_x: Callable[[int], float],
) -> list[tuple[float, float]]:
    """The corners of the arrow from ``source`` to ``target``; ``lane_x(n)`` is the x at
    which it runs down the gap on the left of column ``n``.

    Forward: out of the source's right edge, into the target's left edge. Backward: out of the
    left edge, into the right edge. Within one stage: out and back in on the same side, through
    the gap beside the column (the right one, or the left one for the last column). From the
    gap beside the source to the gap beside the target, an arrow crosses the columns in between
    along the line between two rows, so it never runs under a card; on the same row with no
    card in between, it goes straight across.
    """
    a, b = source.column, target.column
    ya, yb = middle(source.row, rows), middle(target.row, rows)
    if b > a:
        x_out, lane_out, lane_in, x_in = right(a), a + 1, b, left(b)
    elif b < a:
        x_out, lane_out, lane_in, x_in = left(a), a, b + 1, right(b)
    elif a < COLUMNS - 1:
        x_out, lane_out, lane_in, x_in = right(a), a + 1, a + 1, right(a)
    else:
        x_out, lane_out, lane_in, x_in = left(a), a, a, left(a)
    between = range(min(a, b) + 1, max(a, b))
    if ya == yb and a != b and all((c, source.row) not in occupied for c in between):
        return [(x_out, ya), (x_in, yb)]
    if lane_out == lane_in:
        x = lane_x(lane_out)
        return [(x_out, ya), (x, ya), (x, yb), (x_in, yb)]
    y = boundary(source.row + 1 if target.row >= source.row else source.row, rows)
    x1, x2 = lane_x(lane_out), lane_x(lane_in)
    return [(x_out, ya), (x1, ya), (x1, y), (x2, y), (x2, yb), (x_in, yb)]


def _svg(drawn: list[tuple[Card, Card, str]], rows: int, cards: Iterable[Card]) -> SafeString:
    occupied = {(card.column, card.row) for card in cards}
    used: dict[int, int] = {}  # lane → arrows already in it

    def lane_x(lane: int) -> float:
        n = used.get(lane, 0)
        used[lane] = n + 1
        return gap_before(lane) + LANE_OFFSETS[n % len(LANE_OFFSETS)]

    out = [
        _arrow(route(source, target, rows, occupied, lane_x), kind, source, target)
        for source, target, kind in drawn
    ]
    return mark_safe(  # noqa: S308 - every text in `out` went through escape()
        '<svg xmlns="http://www.w3.org/2000/svg" class="map-arrows" aria-hidden="true" '
        'focusable="false" overflow="visible">'
        f"<defs>{_marker(LinkKind.PRECEDES)}{_marker(LinkKind.PREREQUISITE)}</defs>"
        f"{''.join(out)}</svg>"
    )


def _marker(kind: str) -> str:
    colour = ARROW_COLOURS[kind][0]
    fill = colour if kind == LinkKind.PRECEDES else "#ffffff"  # solid, or hollow for "requires"
    return (
        f'<marker id="map-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
        f'<path d="M1 1 L9 5 L1 9 z" fill="{fill}" stroke="{colour}" stroke-width="1.5"/></marker>'
    )


def _arrow(points, kind: str, source: Card, target: Card) -> str:
    """Lines through ``points`` (per cent), the last one ending in an arrowhead."""
    colour, dash = ARROW_COLOURS[kind]
    dash = f' stroke-dasharray="{dash}"' if dash else ""
    pairs = [(p, q) for p, q in pairwise(points) if p != q]
    lines = []
    for n, ((x1, y1), (x2, y2)) in enumerate(pairs):
        end = f' marker-end="url(#map-arrow-{kind})"' if n == len(pairs) - 1 else ""
        lines.append(
            f'<line x1="{_pc(x1)}" y1="{_pc(y1)}" x2="{_pc(x2)}" y2="{_pc(y2)}" '
            f'stroke="{colour}" stroke-width="2"{dash}{end}/>'
        )
    label = escape(f"{source.step.title} → {target.step.title}")
    return (
        f'<g class="map-arrow map-arrow-{kind}" data-from="{source.step.pk}" '
        f'data-to="{target.step.pk}"><title>{label}</title>{"".join(lines)}</g>'
    )


def _pc(number: float) -> str:
    return f"{number:.2f}".rstrip("0").rstrip(".") + "%"


# Words for a card.


def _grade(n: int) -> str:
    return gettext("K") if n == 0 else str(n)


def grade_range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low is not None and high is not None:
        if low == high:
            return gettext("Grade %(grade)s") % {"grade": _grade(low)}
        return gettext("Grades %(low)s–%(high)s") % {"low": _grade(low), "high": _grade(high)}
    if low is not None:
        return gettext("Grade %(grade)s and up") % {"grade": _grade(low)}
    return gettext("Up to grade %(grade)s") % {"grade": _grade(high)}


def age_range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low is not None and high is not None:
        if low == high:
            return gettext("Age %(age)s") % {"age": low}
        return gettext("Ages %(low)s–%(high)s") % {"low": low, "high": high}
    if low is not None:
        return gettext("Age %(age)s and over") % {"age": low}
    return gettext("Up to age %(age)s") % {"age": high}


def dollars(amount) -> str:
    """``$52,000``; empty when the amount is not known."""
    if amount is None:
        return ""
    return gettext("$%(amount)s") % {"amount": number_format(amount, 0, force_grouping=True)}
