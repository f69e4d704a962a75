"""The disclosure decisions of stored figures, made in the roll-up that writes them.

For each indicator, each of its own periods is decided on its own (``measures.disclosure``);
then each quarter or year it rolls up to takes its decision from the periods inside it. When a
longer period's own rules hide it while every period inside it is shown, one of those is
hidden too and decided again. A stock's quarter or year is a copy of its latest period, and so
is its decision. Only the decisions that change are written.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import F, Q, StringAgg, Value

from measures import disclosure as rules_of
from measures.disclosure import Cell, Place, Rules
from measures.models import Aggregate, DisclosureBasis, Indicator, Publication, ScopeType, Unit
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


ENGINE = "2"  # changes when the engine would decide differently: no stored decision is kept


def basis(rules: Rules, where: dict[str, Place]) -> str:
    """What an indicator's decisions depend on besides its figures: its rules and where
    every organization is counted."""
    text = "\n".join(
        [
            "|".join(
                [
                    ENGINE,
                    rules.aggregation,
                    str(rules.counts_people),
                    str(rules.is_percent),
                    str(rules.threshold),
                    str(rules.min_organizations),
                    ",".join(sorted(rules.partial_dimensions)),
                ]
            ),
            *(f"{slug}|{place.county}|{place.org_type}" for slug, place in sorted(where.items())),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def stale_indicator_ids(min_organizations: int | None = None) -> set[int]:
    """The indicators whose stored decisions were made under other rules or other places
    (or never made): a full rebuild decides all their figures again. Three queries."""
    if min_organizations is None:
        min_organizations = Publication.load().min_organizations
    known = dict(DisclosureBasis.objects.values_list("indicator_id", "fingerprint"))
    where = places()
    return {
        indicator.pk
        for indicator in Indicator.objects.all()
        if known.get(indicator.pk) != basis(rules_for(indicator, min_organizations), where)
    }


def decide(
    indicator_ids=None,
    period: Period | None = None,
    *,
    min_organizations: int | None = None,
    changed: dict[int, set[tuple[str, date]]] | None = None,
) -> int:
    """Decide and store. With a ``period`` (an incremental roll-up), that base period is
    decided again and the longer periods containing it follow. Otherwise every period of the
    indicators; or, given ``changed`` (a full rebuild that kept the stored decisions of the
    figures that did not change), only each indicator's changed periods and the longer
    periods around them, as long as the indicator's rules and the organizations' places are
    those the kept decisions were made under. Returns the number of decisions that changed."""
    if min_organizations is None:
        min_organizations = Publication.load().min_organizations
    indicators = Indicator.objects.all()
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=list(indicator_ids))
    where = places()
    known = {}
    if period is None:
        known = dict(DisclosureBasis.objects.values_list("indicator_id", "fingerprint"))
    changes: dict[int, str] = {}
    bases = []
    indicators = list(indicators)
    if period is not None:  # what all the indicators need, read at once
        targets_of = {indicator.pk: {(period.type, period.start)} for indicator in indicators}
        reads = _read_targets(indicators, targets_of)
    for indicator in indicators:
        rules = rules_for(indicator, min_organizations)
        if period is not None:
            changes.update(
                _indicator(
                    indicator, rules, targets_of[indicator.pk], where, read=reads[indicator.pk]
                )
            )
            continue
        fingerprint = basis(rules, where)
        targets = None
        if changed is not None and known.get(indicator.pk) == fingerprint:
            targets = changed.get(indicator.pk, set())
        if targets is None or targets:
            changes.update(_indicator(indicator, rules, targets, where, warm=False))
        bases.append(DisclosureBasis(indicator=indicator, fingerprint=fingerprint))
    _write(changes)
    if bases:
        DisclosureBasis.objects.bulk_create(
            bases,
            update_conflicts=True,
            unique_fields=["indicator"],
            update_fields=["fingerprint", "decided_at"],
        )
    return len(changes)


def _window(indicator: Indicator, key: tuple[str, date]) -> tuple[date, date]:
    """The dates of the longest period containing this one: the periods decided with it."""
    longest = Period(*key)
    for kind in [indicator.period_type, *indicator.rolled_up_period_types]:
        candidate = Period.containing(kind, longest.start)
        if candidate.end - candidate.start > longest.end - longest.start:
            longest = candidate
    return longest.start, longest.end


def _cells(rows, by_period=None, stored=None) -> tuple[dict, dict]:
    by_period = defaultdict(list) if by_period is None else by_period
    stored = {} if stored is None else stored
    for row in rows.values_list(*_FIELDS):
        pk, ptype, pstart, stype, skey, dim, cat, num, den, value, reported, code = row
        by_period[(ptype, pstart)].append(
            Cell(stype, skey, dim, cat, num, den, value, reported, pk=pk)
        )
        stored[pk] = code
    return by_period, stored


@dataclass
class _Read:
    """What has been read of one indicator's stored figures."""

    by_period: dict = field(default_factory=lambda: defaultdict(list))  # cells by period
    stored: dict = field(default_factory=dict)  # stored decision by cell
    codes: dict = field(default_factory=dict)  # decisions by period and cell
    organizations: set = field(default_factory=set)  # base periods with the partners read
    longer: set = field(default_factory=set)  # longer periods read


def _containing(indicator: Indicator, key: tuple[str, date]) -> set[tuple[str, date]]:
    out = set()
    for kind in indicator.rolled_up_period_types:
        whole = Period.containing(kind, key[1])
        out.add((whole.type, whole.start))
    return out


def _read_targets(indicators, targets_of) -> dict[int, _Read]:
    """In three queries for all the indicators, what deciding their ``targets`` needs first:
    the places' figures of the base periods decided and of the longer periods around them,
    which categories each organization reported in those base periods, and the stored
    decisions of the other base periods around them."""
    reads = {indicator.pk: _Read() for indicator in indicators}
    # Indicators that need the same periods share one condition (those of one report do).
    groups: dict[tuple, list[int]] = defaultdict(list)
    for indicator in indicators:
        base, targets = indicator.period_type, targets_of[indicator.pk]
        starts = tuple(sorted(k[1] for k in targets if k[0] == base))
        wanted = {k for k in targets if k[0] != base}
        spans = set()
        for key in targets:
            spans.add(_window(indicator, key))
            if key[0] == base:
                wanted |= _containing(indicator, key)
        read = reads[indicator.pk]
        read.organizations = {(base, start) for start in starts}
        read.longer = wanted
        groups[(base, starts, tuple(sorted(spans)), tuple(sorted(wanted)))].append(indicator.pk)
    deciding, around, longer = Q(), Q(), Q()
    for (base, starts, spans, wanted), ids in groups.items():
        if starts:
            deciding |= Q(indicator_id__in=ids, period_type=base, period_start__in=starts)
        for start, end in spans:
            span = Q(indicator_id__in=ids, period_type=base, period_start__range=(start, end))
            around |= span & ~Q(period_start__in=starts) if starts else span
        for kind, start in wanted:
            longer |= Q(indicator_id__in=ids, period_type=kind, period_start=start)
    public = Aggregate.objects.exclude(scope_type=ScopeType.ORGANIZATION)
    figures = deciding | longer
    if figures:
        for row in public.filter(figures).values_list("indicator_id", *_FIELDS):
            read = reads[row[0]]
            pk, ptype, pstart, stype, skey, dim, cat, num, den, value, reported, code = row[1:]
            read.by_period[(ptype, pstart)].append(
                Cell(stype, skey, dim, cat, num, den, value, reported, pk=pk)
            )
            read.stored[pk] = code
    if deciding:
        # One row per category reported, with the organizations that reported it.
        organizations = (
            Aggregate.objects.filter(deciding, scope_type=ScopeType.ORGANIZATION)
            .values_list("indicator_id", "period_type", "period_start", "dimension_code")
            .annotate(
                slugs=StringAgg("scope_key", delimiter=Value(",")),
                category=F("category_code"),
            )
            .order_by()
        )
        for indicator_id, ptype, start, dimension, slugs, category in organizations:
            reads[indicator_id].by_period[(ptype, start)].extend(
                Cell(ScopeType.ORGANIZATION, slug, dimension, category, None, None, None, 1)
                for slug in slugs.split(",")
            )
    if around:
        for indicator_id, ptype, start, *key, code in public.filter(around).values_list(
            "indicator_id",
            "period_type",
            "period_start",
            "scope_type",
            "scope_key",
            "dimension_code",
            "category_code",
            "disclosure",
        ):
            reads[indicator_id].codes.setdefault((ptype, start), {})[tuple(key)] = code
    return reads


def _indicator(indicator: Indicator, rules: Rules, targets, where, *, warm: bool = True, read=None):
    """The changed decisions of one indicator: its base periods in ``targets`` (every one
    when ``None``) decided again, and the longer periods containing one decided again
    derived again from their parts.

    With ``targets``, only what that needs is read (``_read_targets``, or ``read`` when the
    caller has read it for several indicators at once); more only when a longer period
    needs a part hidden."""
    rows = Aggregate.objects.filter(indicator=indicator)
    base = indicator.period_type
    public = rows.exclude(scope_type=ScopeType.ORGANIZATION)
    if targets is None:
        read = _Read()
        _cells(rows, read.by_period, read.stored)
        read.organizations = {key for key in read.by_period if key[0] == base}
        deciding = set(read.organizations)
    else:
        if read is None:
            read = _read_targets([indicator], {indicator.pk: targets})[indicator.pk]
        deciding = {key for key in targets if key[0] == base}
    by_period, stored, codes = read.by_period, read.stored, read.codes
    loaded, longer_read = read.organizations, read.longer
    forced: dict[tuple[str, date], set] = defaultdict(set)
    redecided: set[tuple[str, date]] = set()

    def read_places(keys):
        """The places' figures of base periods of which only the decisions were read."""
        keys = [
            k
            for k in keys
            if not any(c.scope_type != ScopeType.ORGANIZATION for c in by_period.get(k, ()))
        ]
        if keys:
            more, more_stored = _cells(
                public.filter(period_type=base, period_start__in=[k[1] for k in keys])
            )
            for key, cells in more.items():
                by_period[key].extend(cells)
            stored.update(more_stored)

    def read_organizations(keys):
        """Which categories each organization reported in these base periods."""
        keys = [k for k in keys if k not in loaded]
        if keys:
            for start, slug, dimension, category in rows.filter(
                scope_type=ScopeType.ORGANIZATION,
                period_type=base,
                period_start__in=[k[1] for k in keys],
            ).values_list("period_start", "scope_key", "dimension_code", "category_code"):
                by_period[(base, start)].append(
                    Cell(ScopeType.ORGANIZATION, slug, dimension, category, None, None, None, 1)
                )
            loaded.update(keys)

    def read_longer(keys):
        """The figures of the longer periods containing these base periods."""
        if targets is None:
            return  # all read
        wanted = set()
        for key in keys:
            wanted |= _containing(indicator, key)
        wanted = (wanted | rederive) - longer_read
        if wanted:
            within = Q()
            for kind, start in wanted:
                within |= Q(period_type=kind, period_start=start)
            more, more_stored = _cells(public.filter(within))
            by_period.update(more)
            stored.update(more_stored)
            longer_read.update(wanted)

    rederive = set() if targets is None else {k for k in targets if k[0] != base}

    def decide_base(key, *, warm=False):
        read_places([key])
        read_organizations([key])
        kept = ()
        if warm:  # an incremental roll-up starts from the cells that protected others
            kept = [
                c.key
                for c in by_period[key]
                if c.scope_type != ScopeType.ORGANIZATION and stored[c.pk] == rules_of.COMPLEMENT
            ]
        codes[key] = rules_of.decide(rules, by_period[key], where, forced[key], kept)
        redecided.add(key)

    for key in sorted(deciding):
        decide_base(key, warm=warm)
    for key in list(by_period):
        if key[0] == base and key not in codes:
            codes[key] = {
                c.key: stored[c.pk] for c in by_period[key] if c.scope_type != "organization"
            }
    # The longer periods around a period decided again follow from their parts; a longer
    # period that its own rules hide while all its parts are shown has one part hidden too.
    for _round in range(50):
        pushed = False
        read_longer(redecided)
        for key in sorted(k for k in by_period if k[0] != base):
            whole = Period(*key)
            parts = sorted(k for k in codes if k[0] == base and whole.start <= k[1] <= whole.end)
            if key not in rederive and not redecided.intersection(parts):
                continue  # kept as stored
            decided = {}
            for cell in by_period[key]:
                if cell.scope_type not in rules_of.PUBLIC_SCOPES:
                    continue
                if indicator.stock:
                    decided[cell.key] = next(
                        (codes[k][cell.key] for k in reversed(parts) if cell.key in codes[k]),
                        rules_of.primary(rules, cell),
                    )
                    continue
                inside = [codes[k][cell.key] for k in parts if cell.key in codes[k]]
                own = rules_of.primary(rules, cell)
                if inside and rules_of.needs_part_hidden(own, inside):
                    read_places(parts)
                    target = _part_to_hide(rules, by_period, parts, cell.key)
                    if target is not None:
                        forced[target].add(cell.key)
                        decide_base(target)
                        pushed = True
                        inside = [codes[k][cell.key] for k in parts if cell.key in codes[k]]
                decided[cell.key] = rules_of.longer_period_code(rules, cell, inside)
            codes[key] = decided
        if not pushed:
            break
    changes = {}
    for key, cells in by_period.items():
        if key not in codes or (key[0] == base and key not in redecided):
            continue  # kept as stored
        for cell in cells:
            if cell.pk is None:
                continue
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
