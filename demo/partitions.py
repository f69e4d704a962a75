"""Would a partitioned figures table help? A trial for the benchmark (``--partitions``).

A copy of the stored figures is made twice, once as a plain table with the figures table's
indexes and once partitioned with PostgreSQL's declarative partitioning (by hash of the
indicator, the key every page and roll-up reads by, into 16 partitions, each with the same
indexes), and the reads the product makes are timed on both in the same run: an indicator
page, a county's figures, the incremental roll-up's read of the other organizations' figures,
a period across every indicator, and the full rebuild's comparison, which reads every figure.
Both copies are dropped afterwards; the figures table itself is never touched.
"""

import statistics
import time

from django.db import connection

from measures.models import Aggregate

PARTITIONS = 16
RUNS = 7
PLAIN = "trial_figures_plain"
PARTITIONED = "trial_figures_partitioned"
_COLUMNS = (
    "indicator_id, scope_type, scope_key, period_type, period_start, dimension_code,"
    " category_code, numerator, denominator, value, reported, expected, disclosure"
)
_INDEXES = [
    "(indicator_id, scope_type, scope_key, period_type, period_start, dimension_code,"
    " category_code)",
    "(indicator_id, period_type, period_start)",
]


def _sample() -> dict:
    """Keys of real figures for the reads: a busy indicator, a county, a month."""
    region = (
        Aggregate.objects.filter(scope_type="county", period_type="month")
        .order_by("-period_start")
        .values("indicator_id", "scope_key", "period_start")
        .first()
    )
    indicators = list(
        Aggregate.objects.filter(period_type="month", period_start=region["period_start"])
        .values_list("indicator_id", flat=True)
        .distinct()[:10]
    )
    start = region["period_start"]
    return {
        "indicator": region["indicator_id"],
        "county": region["scope_key"],
        "month": start,
        "quarter": start.replace(month=(start.month - 1) // 3 * 3 + 1),
        "year": start.replace(month=1),
        "indicators": indicators,
    }


READS = [
    (
        "An indicator page: the region's figures, every period",
        "SELECT count(*), sum(value) FROM {t} WHERE indicator_id = %(indicator)s"
        " AND scope_type = 'region'",
    ),
    (
        "A county's figures of one indicator",
        "SELECT count(*), sum(value) FROM {t} WHERE indicator_id = %(indicator)s"
        " AND scope_type = 'county' AND scope_key = %(county)s",
    ),
    (
        "Incremental roll-up: other organizations' figures, 10 indicators, 3 periods",
        "SELECT count(*), sum(value) FROM {t} WHERE scope_type = 'organization'"
        " AND indicator_id = ANY(%(indicators)s) AND (period_type, period_start) IN"
        " (('month', %(month)s), ('quarter', %(quarter)s), ('year', %(year)s))",
    ),
    (
        "A month across every indicator (region totals)",
        "SELECT count(*), sum(value) FROM {t} WHERE scope_type = 'region'"
        " AND dimension_code = '' AND period_type = 'month' AND period_start = %(month)s",
    ),
    (
        "Full rebuild's comparison: every figure hashed by period",
        "SELECT count(*) FROM (SELECT indicator_id, period_type, period_start,"
        " sum(hash_record_extended(ROW(scope_type, scope_key, dimension_code, category_code,"
        " numerator, denominator, value, reported), 0)) FROM {t}"
        " GROUP BY indicator_id, period_type, period_start) p",
    ),
]


def trial() -> dict:
    """Build both copies, time each read on both (median of RUNS, after one warm-up run),
    drop them."""
    params = _sample()
    rows = []
    with connection.cursor() as cursor:
        build = {}
        for table, partitioned in ((PLAIN, False), (PARTITIONED, True)):
            started = time.perf_counter()
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute(
                f"CREATE TABLE {table} (LIKE {Aggregate._meta.db_table} INCLUDING DEFAULTS)"
                + (" PARTITION BY HASH (indicator_id)" if partitioned else "")
            )
            for n in range(PARTITIONS if partitioned else 0):
                cursor.execute(
                    f"CREATE TABLE {table}_{n} PARTITION OF {table}"
                    f" FOR VALUES WITH (MODULUS {PARTITIONS}, REMAINDER {n})"
                )
            cursor.execute(
                f"INSERT INTO {table} ({_COLUMNS}, id, computed_at) SELECT {_COLUMNS}, id,"
                f" computed_at FROM {Aggregate._meta.db_table}"
            )
            for columns in _INDEXES:
                cursor.execute(f"CREATE INDEX ON {table} {columns}")
            cursor.execute(f"ANALYZE {table}")
            build[table] = time.perf_counter() - started
        try:
            for label, sql in READS:
                timings = {}
                for table in (PLAIN, PARTITIONED):
                    runs = []
                    for _run in range(RUNS + 1):
                        started = time.perf_counter()
                        cursor.execute(sql.format(t=table), params)
                        cursor.fetchall()
                        runs.append(time.perf_counter() - started)
                    timings[table] = statistics.median(runs[1:])
                rows.append(
                    {
                        "read": label,
                        "plain_ms": timings[PLAIN] * 1000,
                        "partitioned_ms": timings[PARTITIONED] * 1000,
                    }
                )
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {PLAIN}, {PARTITIONED}")
    return {
        "rows": len(rows),
        "reads": rows,
        "build_plain_s": build[PLAIN],
        "build_partitioned_s": build[PARTITIONED],
    }
