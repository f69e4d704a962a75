"""The full rebuild's swap on PostgreSQL: every figure written into a fresh table, which
then replaces the stored one (see ``swap_in_rebuilt_table``)."""

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection

from measures import disclosure
from measures.rollup_sql import (
    _COLUMNS,
    _STOCK_SQL,
    NEXT_TABLE,
    SELECT_SQL,
    TABLE,
    sql_filters,
)
from measures.rollup_window import Window


@dataclass
class Swapped:
    """What the swap leaves for the second step of a full rebuild (``rollups._run``)."""

    rows: int
    changed: dict[int, set[tuple[str, date]]]  # the periods to decide again, by indicator
    keeping_seconds: float
    foreign_keys: list[str]  # added NOT VALID: validated once the swap is committed


def _temporary_name(name: str) -> str:
    return f"{name[:55]}_next"


def swap_in_rebuilt_table(pending_indicator_ids=()) -> Swapped:
    """The full rebuild on PostgreSQL: write every figure into a fresh table without
    indexes, then swap it in with the same keys and indexes as the old one. Writing millions
    of rows into an indexed table, beside the rows being replaced, costs several times more.

    Readers are held up only for the swap itself (the lock for the drop and renames, a
    moment): the indexes are built on the new table before it, and the disclosure decisions
    are made after its commit. Until they are, the figures that changed, and every figure of
    the indicators in ``pending_indicator_ids`` (whose rules or places changed), read as
    PENDING: hidden from everyone but backbone staff. The figures that did not change keep
    their decisions."""
    params, where, expected_where, stock_where, period_where, _scope = sql_filters(Window())
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {NEXT_TABLE}")
        cursor.execute(
            f"CREATE TABLE {NEXT_TABLE} (LIKE {TABLE} "
            "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS)"
        )
        # Written in the order the incremental roll-ups read them: an indicator's figures for
        # one period sit together.
        cursor.execute(
            _COLUMNS.replace(TABLE, NEXT_TABLE)
            + " SELECT * FROM ("
            + SELECT_SQL.format(
                where=where,
                expected_where=expected_where,
                period_where=period_where,
                scope_where="",
            )
            + ") AS rolled ORDER BY 1, 4, 5, 2, 3",
            params,
        )
        rows = cursor.rowcount
        cursor.execute(_STOCK_SQL.replace(TABLE, NEXT_TABLE).format(where=stock_where), params)
        rows += cursor.rowcount
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
        keeping = time.perf_counter()
        changed = _keep_decisions(cursor)
        keeping = time.perf_counter() - keeping
        if pending_indicator_ids:
            cursor.execute(
                f"UPDATE {NEXT_TABLE} SET disclosure = %s"
                " WHERE indicator_id = ANY(%s) AND scope_type <> 'organization'",
                [disclosure.PENDING, list(pending_indicator_ids)],
            )
        # Every index, the keys' too, built before the lock under a name of its own.
        for name, definition in indexes:
            head, _on, tail = definition.partition(f" ON {_qualified(TABLE)} ")
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
                cursor.execute(
                    f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition} NOT VALID'
                )
                foreign_keys.append(name)
    return Swapped(rows, changed, keeping, foreign_keys)


def validate_foreign_keys(names) -> None:
    """Check the keys added NOT VALID by the swap; readers and writers go on meanwhile."""
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f'ALTER TABLE {TABLE} VALIDATE CONSTRAINT "{name}"')


def _qualified(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        return f"{cursor.fetchone()[0]}.{table}"


# A period's figures of one indicator, as a number that changes when any of them does: the
# sum of a 64-bit hash of each row (in any order, so without sorting millions of rows).
_FINGERPRINT_SQL = """
    SELECT indicator_id, period_type, period_start, count(*) AS cells,
           sum(hashtextextended(ROW(scope_type, scope_key, dimension_code, category_code,
                                    numerator, denominator, value, reported)::text, 0)) AS hash,
           bool_or(disclosure = 'pending') AS pending
    FROM {table} GROUP BY indicator_id, period_type, period_start
"""


def _keep_decisions(cursor) -> dict[int, set[tuple[str, date]]]:
    """Give the rebuilt figures of each period that did not change the disclosure decisions
    stored with the old ones, and return, for each indicator, the periods that changed or
    are new: only those need deciding again (``measures.decisions.decide``)."""
    for name, table in (("new_periods", NEXT_TABLE), ("old_periods", TABLE)):
        cursor.execute(
            f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS "
            + _FINGERPRINT_SQL.format(table=table)
        )
    cursor.execute("ANALYZE new_periods, old_periods")
    # The decisions to keep, in a table of their own with statistics: the planner has
    # none for the rebuilt table, and without them joins the two tables row by row.
    cursor.execute(
        "CREATE TEMPORARY TABLE kept_decisions ON COMMIT DROP AS"
        " SELECT o.indicator_id, o.period_type, o.period_start, o.scope_type, o.scope_key,"
        " o.dimension_code, o.category_code, o.disclosure"
        f" FROM {TABLE} o JOIN new_periods n USING (indicator_id, period_type, period_start)"
        " JOIN old_periods p USING (indicator_id, period_type, period_start)"
        " WHERE o.disclosure <> '' AND n.cells = p.cells AND n.hash = p.hash AND NOT p.pending"
    )
    cursor.execute(f"ANALYZE kept_decisions, {NEXT_TABLE}")
    cursor.execute(
        f"UPDATE {NEXT_TABLE} n SET disclosure = k.disclosure FROM kept_decisions k"
        " WHERE n.indicator_id = k.indicator_id AND n.period_type = k.period_type"
        " AND n.period_start = k.period_start AND n.scope_type = k.scope_type"
        " AND n.scope_key = k.scope_key AND n.dimension_code = k.dimension_code"
        " AND n.category_code = k.category_code"
    )
    # A period whose decisions were never finished (PENDING) is decided again, like one
    # that changed; until then its figures read as PENDING (hidden from outside readers).
    changed_periods = (
        " FROM new_periods n LEFT JOIN old_periods o"
        " USING (indicator_id, period_type, period_start)"
        " WHERE o.hash IS NULL OR o.cells <> n.cells OR o.hash <> n.hash OR o.pending"
    )
    cursor.execute(
        f"UPDATE {NEXT_TABLE} t SET disclosure = %s FROM (SELECT n.indicator_id,"
        " n.period_type, n.period_start" + changed_periods + ") c"
        " WHERE t.indicator_id = c.indicator_id AND t.period_type = c.period_type"
        " AND t.period_start = c.period_start AND t.scope_type <> 'organization'",
        [disclosure.PENDING],
    )
    cursor.execute("SELECT n.indicator_id, n.period_type, n.period_start" + changed_periods)
    changed: dict[int, set[tuple[str, date]]] = defaultdict(set)
    for indicator_id, period_type, period_start in cursor.fetchall():
        changed[indicator_id].add((period_type, period_start))
    cursor.execute("DROP TABLE new_periods, old_periods, kept_decisions")
    return dict(changed)
