"""The disclosure decisions of stored figures, made in the roll-up that writes them.

For each indicator, each of its own periods is decided on its own (``measures.disclosure``);
then each quarter or year it rolls up to takes its decision from the periods inside it. When a
longer period's own rules hide it while every period inside it is shown, one of those is
hidden too and decided again. A stock's quarter or year is a copy of its latest period, and so
is its decision. Only the decisions that change are written.
"""

from collections import defaultdict
from datetime import date

from django.db import connection

from measures import disclosure as rules_of
from measures.disclosure import Cell, Place, Rules
from measures.models import Aggregate, Indicator, Publication, ScopeType, Unit
from measures.periods import Period
from partners.models import Organization

PARTIAL_DIMENSIONS = frozenset({"pathway"})  # a partner reports only the pathways it runs

_FIELDS = (
    "pk",
    "period_type",
    "period_start",
    "scope_type",
    "scope_key",
    "dimension_code",
    "category_code",
    "numerator",
    "denominator",
    "value",
    "reported",
    "disclosure",
)


def rules_for(indicator: Indicator, min_organizations: int) -> Rules:
    return Rules(
        aggregation=indicator.aggregation,
        counts_people=indicator.counts_people,
        is_percent=indicator.unit == Unit.PERCENT,
        threshold=indicator.suppression_threshold,
        min_organizations=min_organizations,
        partial_dimensions=PARTIAL_DIMENSIONS,
    )


def places() -> dict[str, Place]:
    return {
        slug: Place(county, sector_type)
        for slug, county, sector_type in Organization.objects.values_list(
            "slug", "county", "sector_type"
        )
    }


def decide(
    indicator_ids=None, period: Period | None = None, *, min_organizations: int | None = None
) -> int:
    """Decide and store. With a ``period`` (an incremental roll-up), that base period is
    decided again and the longer periods containing it follow; otherwise every period of the
    indicators. Returns the number of decisions that changed."""
    if min_organizations is None:
        min_organizations = Publication.load().min_organizations
    indicators = Indicator.objects.all()
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=list(indicator_ids))
    where = places()
    changes: dict[int, str] = {}
    for indicator in indicators:
        changes.update(_indicator(indicator, period, where, min_organizations))
    _write(changes)
    return len(changes)


def _indicator(indicator: Indicator, period: Period | None, where, min_organizations):
    rules = rules_for(indicator, min_organizations)
    rows = Aggregate.objects.filter(indicator=indicator)
    if period is not None:
        longest = period
        for kind in indicator.rolled_up_period_types:
            candidate = Period.containing(kind, period.start)
            if candidate.end - candidate.start > longest.end - longest.start:
                longest = candidate
        rows = rows.filter(period_start__gte=longest.start, period_start__lte=longest.end)
    by_period: dict[tuple[str, date], list[Cell]] = defaultdict(list)
    stored: dict[int, str] = {}
    for row in rows.values_list(*_FIELDS):
        pk, ptype, pstart, stype, skey, dim, cat, num, den, value, reported, code = row
        by_period[(ptype, pstart)].append(
            Cell(stype, skey, dim, cat, num, den, value, reported, pk=pk)
        )
        stored[pk] = code
    base = indicator.period_type
    codes: dict[tuple[str, date], dict[tuple, str]] = {}
    forced: dict[tuple[str, date], set] = defaultdict(set)

    def decide_base(key, *, warm=False):
        kept = ()
        if warm:  # an incremental roll-up starts from the cells that protected others
            kept = [
                c.key
                for c in by_period[key]
                if stored[c.pk] == rules_of.COMPLEMENT and c.scope_type != "organization"
            ]
        codes[key] = rules_of.decide(rules, by_period[key], where, forced[key], kept)

    for key in by_period:
        if key[0] != base:
            continue
        if period is None or key == (period.type, period.start):
            decide_base(key, warm=period is not None)
        else:
            codes[key] = {
                c.key: stored[c.pk] for c in by_period[key] if c.scope_type != "organization"
            }
    longer = [k for k in by_period if k[0] != base]
    for _round in range(50):
        pushed = False
        for key in longer:
            whole = Period(*key)
            parts = sorted(k for k in codes if k[0] == base and whole.start <= k[1] <= whole.end)
            decided = {}
            for cell in by_period[key]:
                if cell.scope_type not in rules_of.PUBLIC_SCOPES:
                    continue
                if indicator.stock:
                    source = next(
                        (codes[k][cell.key] for k in reversed(parts) if cell.key in codes[k]),
                        rules_of.primary(rules, cell),
                    )
                    decided[cell.key] = source
                    continue
                inside = [codes[k][cell.key] for k in parts if cell.key in codes[k]]
                own = rules_of.primary(rules, cell)
                if inside and rules_of.needs_part_hidden(own, inside):
                    target = _part_to_hide(rules, by_period, parts, cell.key)
                    if target is not None:
                        forced[target].add(cell.key)
                        decide_base(target)
                        pushed = True
                decided[cell.key] = rules_of.longer_period_code(rules, cell, inside)
            codes[key] = decided
        if not pushed:
            break
    changes = {}
    for key, cells in by_period.items():
        for cell in cells:
            code = codes.get(key, {}).get(cell.key, "")
            if cell.scope_type == ScopeType.ORGANIZATION:
                code = ""
            if stored[cell.pk] != code:
                changes[cell.pk] = code
    return changes


def _part_to_hide(rules, by_period, parts, cell_key):
    """The period inside a longer one whose cell (same scope and category) carries least."""
    candidates = []
    for key in parts:
        cell = next((c for c in by_period[key] if c.key == cell_key), None)
        if cell is not None:
            candidates.append((rules_of.people(rules, cell) or cell.value or 0, key))
    if not candidates:
        return None
    return min(candidates)[1]


def _write(changes: dict[int, str]) -> None:
    if not changes:
        return
    by_code: dict[str, list[int]] = defaultdict(list)
    for pk, code in changes.items():
        by_code[code].append(pk)
    table = Aggregate._meta.db_table
    with connection.cursor() as cursor:
        for code, pks in by_code.items():
            for start in range(0, len(pks), 5000):
                chunk = pks[start : start + 5000]
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f"UPDATE {table} SET disclosure = %s WHERE id = ANY(%s)",  # noqa: S608
                        [code, chunk],
                    )
                else:
                    Aggregate.objects.filter(pk__in=chunk).update(disclosure=code)
