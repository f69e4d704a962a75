"""Roll approved values up to every scope, period and category.

The rules (docs/architecture.md, "Shared measurement"):
- counts and amounts are summed; shares and rates are the ratio of sums
  (Σ numerators ÷ Σ denominators); scores are means weighted by their number of people
  (Σ score × n ÷ Σ n); never an average of percentages;
- only approved values count;
- scopes are the region, each county, each organization type and each organization,
  each in total and per category of every breakdown;
- monthly figures also roll up to quarters and calendar years, quarterly ones to years,
  where the indicator allows; a stock takes the latest period instead of a sum;
- each figure records how many organizations reported and how many were expected.

Two engines compute the same rows: one SQL statement on PostgreSQL (fast at scale) and a
portable one in Python (SQLite, the embedded quick start). A roll-up rewrites its rows in
one transaction under a lock, so running it twice, or two at once, leaves the same rows. On
PostgreSQL the incremental roll-up after an approval writes only the figures that changed
and deletes those left without values, in one statement.
"""

import time
from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from measures import decisions
from measures.models import (
    Aggregate,
    Indicator,
    RollupRun,
)
from measures.periods import Period
from measures.rollup_python import (
    write_python,
)
from measures.rollup_sql import (
    sql_filters,
    write_sql,
    write_sql_incremental,
)
from measures.rollup_swap import rebuild, validate_foreign_keys
from measures.rollup_window import Window, window_for
from partners.models import Organization

LOCK_KEY = 7_210_455  # one advisory lock for every roll-up: they never interleave
# Held by a full rebuild for its whole life (a session lock, across its two transactions): a
# rebuild marked running whose lock nobody holds was left by a worker that died.
REBUILD_KEY = 7_210_456


def rollup(
    indicator_ids: list[int],
    period_type: str,
    period_start: date,
    organization_slug: str | None = None,
) -> int:
    """Incremental roll-up after an approval or a reopening: its indicators, its period,
    and the scopes of the organization (every scope when it is not given)."""
    indicators = list(Indicator.objects.filter(pk__in=indicator_ids))
    if not indicators:
        return 0
    organization = (
        Organization.objects.filter(slug=organization_slug).first() if organization_slug else None
    )
    window = window_for(indicators, Period(period_type, period_start), organization)
    return _run(window, RollupRun.Kind.INCREMENTAL)


def rebuild_all() -> int:
    """The nightly full rebuild."""
    return _run(Window(), RollupRun.Kind.FULL)


def _run(window: Window, kind: str) -> int:
    """Rewrite the window's figures in one transaction and record the run. A full rebuild
    is recorded as running while it runs; an incremental one, short and frequent, is
    recorded in its own transaction when it ends."""
    started_at, started = timezone.now(), time.perf_counter()
    run = RollupRun.objects.create(kind=kind) if kind == RollupRun.Kind.FULL else None
    if run is not None and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [REBUILD_KEY])
    try:
        changed, keeping, rebuilt = None, 0.0, None
        if connection.vendor == "postgresql" and window.indicator_ids is None:
            # First the figures that changed are written (committed, PENDING until decided),
            # so that readers never wait for the decisions; then the decisions.
            with transaction.atomic():
                _lock()
                _mark_abandoned_runs(run)
                rebuilt = rebuild(decisions.stale_indicator_ids())
            changed, keeping = rebuilt.changed, rebuilt.keeping_seconds
        with transaction.atomic():
            _lock(incremental=window.indicator_ids is not None)
            if rebuilt is None:
                _mark_abandoned_runs(run)
            if rebuilt is not None:
                rows = rebuilt.rows
            elif connection.vendor == "postgresql" and window.organization_id is not None:
                rows = write_sql_incremental(window)
            else:
                _delete(window)
                write = write_sql if connection.vendor == "postgresql" else write_python
                rows = write(window)
            decided = time.perf_counter()
            decisions.decide(window.indicator_ids, window.base, changed=changed)
            decided = time.perf_counter() - decided + keeping
            if rebuilt is not None:
                validate_foreign_keys(rebuilt.foreign_keys)
            outcome = {
                "status": RollupRun.Status.OK,
                "finished_at": timezone.now(),
                "rows": rows,
                "detail": f"{time.perf_counter() - started:.3f} s"
                f" (disclosure decisions {decided:.3f} s)" + _written(rebuilt),
                "decision_seconds": decided,
            }
            if run is None:
                RollupRun.objects.create(kind=kind, started_at=started_at, **outcome)
    except Exception as error:
        failure = {
            "status": RollupRun.Status.FAILED,
            "finished_at": timezone.now(),
            "detail": repr(error)[:2000],
        }
        if run is None:
            RollupRun.objects.create(kind=kind, started_at=started_at, **failure)
        else:
            RollupRun.objects.filter(pk=run.pk).update(**failure)
        raise
    finally:
        if run is not None and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [REBUILD_KEY])
    if run is not None:
        RollupRun.objects.filter(pk=run.pk).update(**outcome)
    return rows


def _written(rebuilt) -> str:
    """What a full rebuild wrote, for its record."""
    if rebuilt is None:
        return ""
    how = "a new table swapped in" if rebuilt.swapped else "in place"
    return f"; {rebuilt.written} figures written, {how}"


def rebuild_alive() -> bool:
    """Whether a full rebuild of another session is running (it holds REBUILD_KEY). Inside a
    transaction; the lock tried is released with it."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [REBUILD_KEY])
        return not cursor.fetchone()[0]


def _mark_abandoned_runs(run: RollupRun | None) -> None:
    """A rebuild still marked running while no session holds its lock was left by a worker
    that died (a rebuild between its two transactions holds it, so it is not marked)."""
    if rebuild_alive():
        return
    RollupRun.objects.filter(status=RollupRun.Status.RUNNING).exclude(
        pk=run.pk if run else None
    ).update(
        status=RollupRun.Status.FAILED,
        finished_at=timezone.now(),
        detail="The worker stopped before this roll-up finished.",
    )


def _lock(incremental: bool = False) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # One round trip: the lock, then settings for this transaction only. Room to group
            # millions of rows in memory rather than on disk. Figures are derived data that any
            # roll-up can write again: a crash may lose the last ones written, never an entered
            # value, so the commit need not wait for the disk. A small incremental roll-up
            # would spend longer compiling its statement (JIT) than running it.
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s), set_config('work_mem', '256MB', true),"
                " set_config('synchronous_commit', 'off', true)"
                + (", set_config('jit', 'off', true)" if incremental else ""),
                [LOCK_KEY],
            )


def _delete(window: Window) -> None:
    if window.indicator_ids is None:
        Aggregate.objects.all()._raw_delete(Aggregate.objects.db)
        return
    if connection.vendor == "postgresql":
        params, *_clauses, scope_where = sql_filters(window)
        periods = ", ".join(f"(%(pt{n})s, %(ps{n})s::date)" for n in range(len(window.periods)))
        # The lists of each column let PostgreSQL walk the unique index; the pairs keep the
        # delete exact.
        params["period_types"] = sorted({p.type for p in window.periods})
        params["period_starts"] = sorted({p.start for p in window.periods})
        params["scope_types"] = sorted({t for t, _k in window.scopes})
        params["scope_keys"] = sorted({k for _t, k in window.scopes})
        lists = " AND period_type = ANY(%(period_types)s) AND period_start = ANY(%(period_starts)s)"
        if window.scopes:
            lists += " AND scope_type = ANY(%(scope_types)s) AND scope_key = ANY(%(scope_keys)s)"
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM measures_aggregate sc WHERE indicator_id = ANY(%(indicators)s)"
                f"{lists} AND (period_type, period_start) IN ({periods}) {scope_where}",
                params,
            )
        return
    touched = Q(pk__in=[])
    for period in window.periods:
        touched |= Q(period_type=period.type, period_start=period.start)
    aggregates = Aggregate.objects.filter(touched, indicator_id__in=window.indicator_ids)
    if window.scopes:
        in_scope = Q(pk__in=[])
        for scope_type, scope_key in window.scopes:
            in_scope |= Q(scope_type=scope_type, scope_key=scope_key)
        aggregates = aggregates.filter(in_scope)
    aggregates._raw_delete(aggregates.db)


# --- PostgreSQL: one INSERT … SELECT … GROUP BY, then the stocks' longer periods ----------


# --- Portable: the same rows, computed in Python -----------------------------------------


def python_rows(window: Window | None = None) -> int:
    """Rewrite with the portable engine whatever the database (tests compare the two)."""
    window = window or Window()
    with transaction.atomic():
        _lock()
        _delete(window)
        rows = write_python(window)
        decisions.decide(window.indicator_ids, window.base)
        return rows
