"""The full rebuild on PostgreSQL: every figure computed again into a scratch table
(``measures.rollup_full``), compared period by period with the stored figures, and only
what changed written: in place when it is a small part, by swapping in a rebuilt table when
it is most of them (see ``rebuild``)."""

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.utils import timezone

from measures import disclosure
from measures.rollup_full import REBUILT_SQL, REBUILT_TABLE, RESET_PLANNER, planner_settings
from measures.rollup_sql import NEXT_TABLE, TABLE

# Above this share of the figures changed (or removed), a rebuilt table is swapped in:
# writing millions of rows into an indexed table, beside the rows they replace, costs
# several times more than writing a fresh table and indexing it once.
SWAP_SHARE = 0.25

_FIELDS = (
    "indicator_id, scope_type, scope_key, period_type, period_start, dimension_code,"
    " category_code, numerator, denominator, value, reported, expected, computed_at"
)
_PERIOD = ("indicator_id", "period_type", "period_start")
_CELL = (*_PERIOD, "scope_type", "scope_key", "dimension_code", "category_code")


@dataclass
class Rebuilt:
    """What the first step of a full rebuild leaves for its second (``rollups._run``)."""

    rows: int
    changed: dict[int, set[tuple[str, date]]]  # the periods to decide again, by indicator
    keeping_seconds: float  # comparing the periods, to keep the unchanged ones' decisions
    foreign_keys: list[str]  # added NOT VALID by a swap: validated once it is committed
    written: int  # figures written (changed, new or removed); none when nothing changed
    swapped: bool


def _temporary_name(name: str) -> str:
    return f"{name[:55]}_next"


def _on(alias: str, other: str, columns) -> str:
    return " AND ".join(f"{alias}.{c} = {other}.{c}" for c in columns)


def rebuild(pending_indicator_ids=()) -> Rebuilt:
    """Compute every figure again and write what changed. Nothing is written for a period
    whose figures are as stored, so the nightly rebuild after a day of incremental roll-ups
    reads much and writes little; its stored decisions stay. A period that changed, is new
    or was never decided is rewritten with its figures PENDING (hidden from everyone but
    backbone staff) until ``measures.decisions.decide`` has decided it, after the commit;
    every figure of the indicators in ``pending_indicator_ids`` (whose rules or places
    changed) reads PENDING too. Readers wait only for the swap, when there is one (a moment
    under a lock: the indexes are built before it)."""
    with connection.cursor() as cursor:
        saved = planner_settings(cursor)
        cursor.execute(REBUILT_SQL, {"now": timezone.now()})
        rows = cursor.rowcount
        cursor.execute(RESET_PLANNER, saved)
        keeping = time.perf_counter()
        written, stored = _compare(cursor, pending_indicator_ids)
        keeping = time.perf_counter() - keeping
        swapped = stored == 0 or written > SWAP_SHARE * max(rows, stored)
        foreign_keys = _swap(cursor, pending_indicator_ids) if swapped else []
        if not swapped:
            _write_changed(cursor, pending_indicator_ids)
        cursor.execute(
            "SELECT indicator_id, period_type, period_start FROM changed_periods"
            " WHERE present AND decide"
        )
        changed: dict[int, set[tuple[str, date]]] = defaultdict(set)
        for indicator_id, period_type, period_start in cursor.fetchall():
            changed[indicator_id].add((period_type, period_start))
        cursor.execute(f"DROP TABLE new_periods, old_periods, changed_periods, {REBUILT_TABLE}")
    return Rebuilt(rows, dict(changed), keeping, foreign_keys, written, swapped)


def _write_changed(cursor, pending_indicator_ids) -> None:
    """In place: the changed periods' figures replaced, as PENDING outside organizations."""
    # Where only the number expected changed, the figures keep their decisions.
    cursor.execute(
        f"UPDATE {TABLE} a SET expected = r.expected, computed_at = r.computed_at"
        f" FROM changed_periods c JOIN {REBUILT_TABLE} r ON {_on('r', 'c', _PERIOD)}"
        f" WHERE NOT c.decide AND {_on('a', 'r', _CELL)} AND a.expected <> r.expected"
    )
    cursor.execute(
        f"DELETE FROM {TABLE} a USING changed_periods c WHERE c.decide AND {_on('a', 'c', _PERIOD)}"
    )
    cursor.execute(
        f"INSERT INTO {TABLE} ({_FIELDS}, disclosure)"
        f" SELECT {', '.join(f'r.{f.strip()}' for f in _FIELDS.split(','))},"
        " CASE WHEN r.scope_type = 'organization' THEN '' ELSE %s END"
        f" FROM {REBUILT_TABLE} r JOIN changed_periods c ON {_on('r', 'c', _PERIOD)}"
        " WHERE c.decide",
        [disclosure.PENDING],
    )
    if pending_indicator_ids:
        cursor.execute(
            f"UPDATE {TABLE} SET disclosure = %s WHERE indicator_id = ANY(%s)"
            " AND scope_type <> 'organization' AND disclosure <> %s",
            [disclosure.PENDING, list(pending_indicator_ids), disclosure.PENDING],
        )


def _swap(cursor, pending_indicator_ids) -> list[str]:
    """A fresh table with every figure, the unchanged ones with their stored decisions,
    swapped in with the keys and indexes of the old one. Returns the foreign keys to
    validate after the commit."""
    # The decisions to keep, in a table of their own with statistics for the planner.
    cursor.execute(
        "CREATE TEMPORARY TABLE kept_decisions ON COMMIT DROP AS"
        f" SELECT {', '.join(f'o.{c}' for c in _CELL)}, o.disclosure"
        f" FROM {TABLE} o LEFT JOIN changed_periods c"
        f" ON {_on('o', 'c', _PERIOD)} AND c.decide"
        " WHERE c.indicator_id IS NULL AND o.disclosure <> ''"
    )
    cursor.execute("ANALYZE kept_decisions")
    cursor.execute(f"DROP TABLE IF EXISTS {NEXT_TABLE}")
    cursor.execute(
        f"CREATE TABLE {NEXT_TABLE} (LIKE {TABLE} "
        "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)"
    )
    # Written in the order the incremental roll-ups read them: an indicator's figures for
    # one period sit together.
    cursor.execute(
        f"INSERT INTO {NEXT_TABLE} ({_FIELDS}, disclosure)"
        f" SELECT {', '.join(f'r.{f.strip()}' for f in _FIELDS.split(','))},"
        " CASE WHEN c.indicator_id IS NOT NULL AND r.scope_type <> 'organization' THEN %s"
        " WHEN r.indicator_id = ANY(%s) AND r.scope_type <> 'organization' THEN %s"
        " ELSE COALESCE(k.disclosure, '') END"
        f" FROM {REBUILT_TABLE} r"
        f" LEFT JOIN changed_periods c ON {_on('r', 'c', _PERIOD)} AND c.decide"
        f" LEFT JOIN kept_decisions k ON {_on('r', 'k', _CELL)}"
        " ORDER BY r.indicator_id, r.period_type, r.period_start, r.scope_type, r.scope_key",
        [disclosure.PENDING, list(pending_indicator_ids), disclosure.PENDING],
    )
    # The old table's keys and indexes, to give the new one the same.
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'f')"
        " ORDER BY contype, conname",
        [TABLE],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes"
        " WHERE schemaname = current_schema() AND tablename = %s ORDER BY indexname",
        [TABLE],
    )
    indexes = cursor.fetchall()
    # Every index, the keys' too, built before the lock under a name of its own.
    for name, definition in indexes:
        head, _on_table, tail = definition.partition(f" ON {_qualified(TABLE)} ")
        if not tail:
            raise RuntimeError(f"Unexpected index definition: {definition}")
        head = head.replace(f" INDEX {name}", f" INDEX {_temporary_name(name)}", 1)
        cursor.execute(f"{head} ON {NEXT_TABLE} {tail}")
    # Statistics for the planner: the incremental roll-ups read thousands of figures.
    cursor.execute(f"ANALYZE {NEXT_TABLE}")
    # Check deferred keys now: a table with pending checks cannot be dropped.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(f"LOCK TABLE {TABLE} IN ACCESS EXCLUSIVE MODE")
    cursor.execute(f"DROP TABLE {TABLE}")
    cursor.execute(f"ALTER TABLE {NEXT_TABLE} RENAME TO {TABLE}")
    for name, _definition in indexes:
        cursor.execute(f'ALTER INDEX {_temporary_name(name)} RENAME TO "{name}"')
    foreign_keys = []
    for name, kind, definition in constraints:
        if kind == "p":
            cursor.execute(
                f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" PRIMARY KEY USING INDEX "{name}"'
            )
        elif kind == "u":
            cursor.execute(
                f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" UNIQUE USING INDEX "{name}"'
            )
        else:  # checked against every row after the commit (VALIDATE), not under the lock
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition} NOT VALID')
            foreign_keys.append(name)
    cursor.execute("DROP TABLE kept_decisions")
    return foreign_keys


def validate_foreign_keys(names) -> None:
    """Check the keys added NOT VALID by the swap; readers and writers go on meanwhile."""
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f'ALTER TABLE {TABLE} VALIDATE CONSTRAINT "{name}"')


def _qualified(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return f"{cursor.fetchone()[0]}.{table}"


# A period's figures of one indicator, as numbers that change when any of them does: the
# sum of a 64-bit hash of each row (in any order, so without sorting millions of rows), once
# of what the disclosure decisions depend on, once with the number expected too.
_FINGERPRINT_SQL = """
    SELECT indicator_id, period_type, period_start, count(*) AS cells,
           sum(hash_record_extended(ROW(scope_type, scope_key, dimension_code, category_code,
                                       numerator, denominator, value, reported), 0)) AS hash,
           sum(hash_record_extended(ROW(scope_type, scope_key, dimension_code, category_code,
                                       expected), 0)) AS expected_hash,
           {pending} AS pending
    FROM {table} GROUP BY indicator_id, period_type, period_start
"""


def _compare(cursor, pending_indicator_ids=()) -> tuple[int, int]:
    """The periods whose figures changed, are new or were removed, or whose decisions were
    never finished (PENDING), in ``changed_periods``: ``present`` when the period has
    figures now, ``decide`` when its decisions must be made again (not when only the number
    of organizations expected changed). Returns the number of figures to write (those of
    these periods, new and removed, and every figure of the indicators whose decisions are
    all to be made again) and the number stored."""
    for name, table, pending in (
        ("new_periods", REBUILT_TABLE, "false"),
        ("old_periods", TABLE, "bool_or(disclosure = 'pending')"),
    ):
        cursor.execute(
            f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS "
            + _FINGERPRINT_SQL.format(table=table, pending=pending)
        )
    cursor.execute("ANALYZE new_periods, old_periods")
    decide = (
        "o.hash IS NULL OR n.hash IS NULL OR o.cells <> n.cells OR o.hash <> n.hash OR o.pending"
    )
    cursor.execute(
        "CREATE TEMPORARY TABLE changed_periods ON COMMIT DROP AS"
        " SELECT indicator_id, period_type, period_start, n.cells IS NOT NULL AS present,"
        f" {decide} AS decide, COALESCE(n.cells, 0) + COALESCE(o.cells, 0) AS written"
        " FROM new_periods n FULL JOIN old_periods o"
        " USING (indicator_id, period_type, period_start)"
        f" WHERE {decide} OR o.expected_hash <> n.expected_hash"
    )
    cursor.execute("ANALYZE changed_periods")
    cursor.execute(
        "SELECT (SELECT COALESCE(SUM(written), 0) FROM changed_periods)"
        " + (SELECT COALESCE(SUM(cells), 0) FROM old_periods WHERE indicator_id = ANY(%s)),"
        " (SELECT COALESCE(SUM(cells), 0) FROM old_periods)",
        [list(pending_indicator_ids)],
    )
    written, stored = cursor.fetchone()
    return int(written), int(stored)
