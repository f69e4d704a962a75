"""Small counts of people are hidden from outside readers.

A cell counts people when its indicator does; its count is the value of a count and the
denominator of a share or an average. A count above zero and below the indicator's
threshold (default 10) is suppressed. Where one category of a breakdown is suppressed and
the total is shown, it could be worked out by subtraction, so the smallest other category
is suppressed too (complementary suppression). Backbone staff, and an organization looking
at its own figures, see everything. A suppressed cell says so; it is never shown as zero.
"""

from collections import defaultdict
from decimal import Decimal

from measures.models import Aggregation, Indicator


def people(indicator: Indicator, cell) -> Decimal | None:
    if indicator.aggregation == Aggregation.SUM:
        return cell.value
    return cell.denominator


def suppressed_cells(indicator: Indicator, cells, *, sees_all: bool = False) -> set[int]:
    """The ids (``cell.pk``) of the cells to hide. Cells of a breakdown must come with the
    other categories of their breakdown and their total for complementary suppression."""
    if sees_all or not indicator.counts_people:
        return set()
    threshold = indicator.suppression_threshold

    def small(cell) -> bool:
        n = people(indicator, cell)
        return n is not None and 0 < n < threshold

    hidden = {cell.pk for cell in cells if small(cell)}
    groups = defaultdict(list)
    totals = {}
    for cell in cells:
        place = (cell.scope_type, cell.scope_key, cell.period_type, cell.period_start)
        if cell.dimension_code:
            groups[(*place, cell.dimension_code)].append(cell)
        else:
            totals[place] = cell
    for (*place, _dimension), members in groups.items():
        total = totals.get(tuple(place))
        hidden_here = [c for c in members if c.pk in hidden]
        if len(hidden_here) != 1 or total is None or total.pk in hidden:
            continue
        shown = [c for c in members if c.pk not in hidden and people(indicator, c) is not None]
        if shown:
            hidden.add(min(shown, key=lambda c: (people(indicator, c), c.category_code)).pk)
    return hidden
