"""The PostgreSQL roll-up engine for part of the figures: one INSERT … SELECT … GROUP BY for a
window (then the stocks' longer periods) and the incremental statement after an approval.
The full rebuild has a statement of its own (``measures.rollup_full``). SQL is built from
module constants only; every value goes in as a query parameter."""

from django.db import connection
from django.utils import timezone

from measures.models import (
    Aggregate,
    ScopeType,
)
from measures.rollup_window import Window

_SCOPES_SQL = """
    VALUES ('region', ''), ('county', {t}.county), ('org_type', {t}.sector_type),
           ('organization', {t}.slug)
"""


# Built from constants only; the window is passed as query parameters.
_BASE = """
base AS (
    SELECT dv.indicator_id, i.aggregation, s.organization_id, s.period_type, s.period_start,
           i.period_type AS indicator_period, i.roll_up_periods AND NOT i.stock AS flows_up,
           o.slug, o.county, o.sector_type,
           COALESCE(d.code, '') AS dim, COALESCE(c.code, '') AS cat,
           CASE i.aggregation WHEN 'sum' THEN dv.value
                              WHEN 'mean' THEN dv.value * dv.denominator
                              ELSE dv.numerator END AS num,
           CASE i.aggregation WHEN 'sum' THEN NULL ELSE dv.denominator END AS den
    FROM measures_datavalue dv
    JOIN measures_submission s ON s.id = dv.submission_id
    JOIN measures_indicator i ON i.id = dv.indicator_id
    JOIN partners_organization o ON o.id = s.organization_id
    LEFT JOIN measures_category c ON c.id = dv.category_id
    LEFT JOIN measures_dimension d ON d.id = c.dimension_id
    WHERE s.status = 'approved' AND dv.value IS NOT NULL {where}
)"""


# A value counts in its own period and, for flows, in the quarter and year containing it.
_PERIODS = """
    CROSS JOIN LATERAL (
        VALUES (b.period_type, b.period_start),
               ('quarter', CASE WHEN b.flows_up AND b.indicator_period = 'month'
                                THEN date_trunc('quarter', b.period_start)::date END),
               ('year', CASE WHEN b.flows_up AND b.indicator_period IN ('month', 'quarter')
                             THEN date_trunc('year', b.period_start)::date END)
    ) AS p (ptype, pstart)"""


_EXPECTED = f"""
expected AS (
    SELECT ro.indicator_id, sc.scope_type, sc.scope_key, COUNT(*) AS n
    FROM measures_indicator_reporting_organizations ro
    JOIN partners_organization o ON o.id = ro.organization_id
    CROSS JOIN LATERAL ({_SCOPES_SQL.format(t="o")}) AS sc (scope_type, scope_key)
    {{expected_where}}
    GROUP BY ro.indicator_id, sc.scope_type, sc.scope_key
)"""


# The figures from the sums of each group: `grouped` has one row per figure.
_FIGURES = """
SELECT g.indicator_id, g.scope_type, g.scope_key, g.ptype, g.pstart, g.dim, g.cat,
       CASE WHEN g.aggregation = 'sum' THEN NULL ELSE g.num END AS numerator,
       g.den AS denominator,
       CASE WHEN g.aggregation = 'sum' THEN g.num
            WHEN g.den > 0 THEN ROUND(
                g.num * (CASE i.unit WHEN 'percent' THEN 100 WHEN 'rate' THEN 1000 ELSE 1 END)
                / g.den, 4)
       END AS value,
       g.reported AS reported, COALESCE(e.n, 0) AS expected, %(now)s AS computed_at
FROM grouped g
JOIN measures_indicator i ON i.id = g.indicator_id
LEFT JOIN expected e ON e.indicator_id = g.indicator_id AND e.scope_type = g.scope_type
                    AND e.scope_key = g.scope_key
"""


_TAIL = _EXPECTED + _FIGURES


_GROUPED = f"""
grouped AS (
    SELECT b.indicator_id, sc.scope_type, sc.scope_key, b.ptype, b.pstart, b.dim, b.cat,
           MIN(b.aggregation) AS aggregation, SUM(b.num) AS num, SUM(b.den) AS den,
           COUNT(*) AS reported
    FROM by_organization b
    CROSS JOIN LATERAL ({_SCOPES_SQL.format(t="b")}) AS sc (scope_type, scope_key)
    WHERE true {{scope_where}}
    GROUP BY b.indicator_id, sc.scope_type, sc.scope_key, b.ptype, b.pstart, b.dim, b.cat
)"""


# One row per organization, period and category, from the values.
_OWN = f"""
    SELECT b.indicator_id, b.organization_id, b.slug, b.county, b.sector_type, p.ptype,
           p.pstart, b.dim, b.cat, MIN(b.aggregation) AS aggregation, SUM(b.num) AS num,
           SUM(b.den) AS den
    FROM base b {_PERIODS}
    WHERE p.pstart IS NOT NULL {{period_where}}
    GROUP BY b.indicator_id, b.organization_id, b.slug, b.county, b.sector_type, p.ptype,
             p.pstart, b.dim, b.cat
"""


# The roll-up: first one row per organization and period, then the scopes from those. An
# organization is then one row in each group, so COUNT(*) counts the organizations that
# reported and PostgreSQL can hash instead of sorting for COUNT(DISTINCT).
SELECT_SQL = f"""
WITH {_BASE},
by_organization AS ({_OWN}),
{_GROUPED},{_TAIL}"""


# An incremental roll-up once the reporting organization is known, in one statement. Its
# own figures come from its values; the region's, its county's and its type's from its own
# figures and every other organization's stored figures for the same periods, which are
# summed once per group of cells (an organization is one row in each group). A stock's
# quarter and year take the latest of its own periods: the fresh one or a stored one. Then
# only the cells that changed are written, and those of the window left without figures
# are deleted, so an unchanged figure costs a read and no write.
INCREMENTAL_SQL = f"""
WITH {_BASE},
own AS ({_OWN}),
others AS (
    SELECT a.indicator_id, a.period_type AS ptype, a.period_start AS pstart,
           a.dimension_code AS dim, a.category_code AS cat, o.county, o.sector_type,
           CASE WHEN i.aggregation = 'sum' THEN a.value ELSE a.numerator END AS num,
           a.denominator AS den
    FROM measures_aggregate a
    JOIN measures_indicator i ON i.id = a.indicator_id
    JOIN partners_organization o ON o.slug = a.scope_key
    WHERE a.scope_type = 'organization' AND a.scope_key <> %(org_slug)s
      AND a.indicator_id = ANY(%(indicators)s)
      AND (a.period_type = i.period_type OR NOT i.stock) {{stored_period_where}}
),
others_summed AS (
    SELECT indicator_id, ptype, pstart, dim, cat,
           SUM(num) AS num, SUM(den) AS den, COUNT(*) AS n,
           SUM(num) FILTER (WHERE county = %(county)s) AS county_num,
           SUM(den) FILTER (WHERE county = %(county)s) AS county_den,
           COUNT(*) FILTER (WHERE county = %(county)s) AS county_n,
           SUM(num) FILTER (WHERE sector_type = %(sector_type)s) AS type_num,
           SUM(den) FILTER (WHERE sector_type = %(sector_type)s) AS type_den,
           COUNT(*) FILTER (WHERE sector_type = %(sector_type)s) AS type_n
    FROM others
    GROUP BY indicator_id, ptype, pstart, dim, cat
),
parts AS (
    SELECT b.indicator_id, sc.scope_type, sc.scope_key, b.ptype, b.pstart, b.dim, b.cat,
           b.num, b.den, 1 AS n
    FROM own b
    CROSS JOIN LATERAL ({_SCOPES_SQL.format(t="b")}) AS sc (scope_type, scope_key)
    UNION ALL
    SELECT s.indicator_id, sc.scope_type, sc.scope_key, s.ptype, s.pstart, s.dim, s.cat,
           sc.num, sc.den, sc.n
    FROM others_summed s
    CROSS JOIN LATERAL (
        VALUES ('region', '', s.num, s.den, s.n),
               ('county', %(county)s, s.county_num, s.county_den, s.county_n),
               ('org_type', %(sector_type)s, s.type_num, s.type_den, s.type_n)
    ) AS sc (scope_type, scope_key, num, den, n)
    WHERE sc.n > 0
),
grouped AS (
    SELECT p.indicator_id, p.scope_type, p.scope_key, p.ptype, p.pstart, p.dim, p.cat,
           MIN(i.aggregation) AS aggregation, SUM(p.num) AS num, SUM(p.den) AS den,
           SUM(p.n)::integer AS reported
    FROM parts p
    JOIN measures_indicator i ON i.id = p.indicator_id
    GROUP BY p.indicator_id, p.scope_type, p.scope_key, p.ptype, p.pstart, p.dim, p.cat
),
{_EXPECTED},
fresh AS ({_FIGURES}),
{{stocks}}
current AS (
    SELECT a.id, a.indicator_id, a.scope_type, a.scope_key, a.period_type, a.period_start,
           a.dimension_code, a.category_code, a.numerator, a.denominator, a.value, a.reported,
           a.expected
    FROM (VALUES {{cells}}) AS w (scope_type, scope_key, period_type, period_start)
    JOIN measures_aggregate a
      ON a.indicator_id = ANY(%(indicators)s) AND a.scope_type = w.scope_type
     AND a.scope_key = w.scope_key AND a.period_type = w.period_type
     AND a.period_start = w.period_start
),
changes AS (
    SELECT f.*, c.id AS current_id,
           (c.numerator, c.denominator, c.value, c.reported, c.expected) IS DISTINCT FROM
           (f.numerator::numeric(24, 4), f.denominator::numeric(24, 4),
            f.value::numeric(24, 4), f.reported, f.expected) AS differs
    FROM figures f
    FULL JOIN current c
      ON c.indicator_id = f.indicator_id AND c.scope_type = f.scope_type
     AND c.scope_key = f.scope_key AND c.period_type = f.ptype AND c.period_start = f.pstart
     AND c.dimension_code = f.dim AND c.category_code = f.cat
),
updated AS (
    UPDATE measures_aggregate a
    SET numerator = c.numerator, denominator = c.denominator, value = c.value,
        reported = c.reported, expected = c.expected, computed_at = c.computed_at
    FROM changes c
    WHERE a.id = c.current_id AND c.indicator_id IS NOT NULL AND c.differs
    RETURNING 1
),
inserted AS (
    INSERT INTO measures_aggregate (
        indicator_id, scope_type, scope_key, period_type, period_start, dimension_code,
        category_code, numerator, denominator, value, reported, expected, computed_at
    )
    SELECT indicator_id, scope_type, scope_key, ptype, pstart, dim, cat, numerator,
           denominator, value, reported, expected, computed_at
    FROM changes
    WHERE current_id IS NULL
    RETURNING 1
),
removed AS (
    DELETE FROM measures_aggregate a
    USING changes c
    WHERE a.id = c.current_id AND c.indicator_id IS NULL
    RETURNING 1
)
SELECT (SELECT COUNT(*) FROM figures), (SELECT COUNT(*) FROM updated),
       (SELECT COUNT(*) FROM inserted), (SELECT COUNT(*) FROM removed)
"""


# A stock's quarters and years in an incremental roll-up: the latest of its own periods in
# each, from the fresh figures and the stored ones of the other periods.
_INCREMENTAL_STOCKS = """
stocks AS (
    SELECT DISTINCT ON (s.indicator_id, s.scope_type, s.scope_key, p.ptype, p.pstart, s.dim,
                        s.cat)
           s.indicator_id, s.scope_type, s.scope_key, p.ptype, p.pstart, s.dim, s.cat,
           s.numerator, s.denominator, s.value, s.reported, s.expected, s.computed_at
    FROM (
        SELECT f.indicator_id, f.scope_type, f.scope_key, f.ptype, f.pstart, f.dim, f.cat,
               f.numerator, f.denominator, f.value, f.reported, f.expected, f.computed_at
        FROM fresh f
        UNION ALL
        SELECT a.indicator_id, a.scope_type, a.scope_key, a.period_type, a.period_start,
               a.dimension_code, a.category_code, a.numerator, a.denominator, a.value,
               a.reported, a.expected, a.computed_at
        FROM measures_aggregate a
        WHERE a.indicator_id = ANY(%(stocks)s) AND a.period_start BETWEEN %(start)s AND %(end)s
          AND (a.scope_type, a.scope_key) IN ({scopes})
          AND (a.period_type, a.period_start) NOT IN ({periods})
    ) AS s
    JOIN measures_indicator i ON i.id = s.indicator_id AND s.ptype = i.period_type
    CROSS JOIN LATERAL (
        VALUES ('quarter', CASE WHEN i.period_type = 'month'
                                THEN date_trunc('quarter', s.pstart)::date END),
               ('year', date_trunc('year', s.pstart)::date)
    ) AS p (ptype, pstart)
    WHERE i.stock AND i.roll_up_periods AND i.period_type IN ('month', 'quarter')
      AND p.pstart IS NOT NULL AND (p.ptype, p.pstart) IN ({periods})
    ORDER BY s.indicator_id, s.scope_type, s.scope_key, p.ptype, p.pstart, s.dim, s.cat,
             s.pstart DESC
),
figures AS (SELECT * FROM fresh UNION ALL SELECT * FROM stocks),"""


_COLUMNS = """
INSERT INTO measures_aggregate (
    indicator_id, scope_type, scope_key, period_type, period_start, dimension_code,
    category_code, numerator, denominator, value, reported, expected, computed_at
)"""


_INSERT_SQL = _COLUMNS + SELECT_SQL


_STOCK_SQL = """
INSERT INTO measures_aggregate (
    indicator_id, scope_type, scope_key, period_type, period_start, dimension_code,
    category_code, numerator, denominator, value, reported, expected, computed_at
)
SELECT DISTINCT ON (a.indicator_id, a.scope_type, a.scope_key, p.ptype, p.pstart,
                    a.dimension_code, a.category_code)
       a.indicator_id, a.scope_type, a.scope_key, p.ptype, p.pstart, a.dimension_code,
       a.category_code, a.numerator, a.denominator, a.value, a.reported, a.expected, a.computed_at
FROM measures_aggregate a
JOIN measures_indicator i ON i.id = a.indicator_id AND a.period_type = i.period_type
CROSS JOIN LATERAL (
    VALUES ('quarter', CASE WHEN i.period_type = 'month'
                            THEN date_trunc('quarter', a.period_start)::date END),
           ('year', date_trunc('year', a.period_start)::date)
) AS p (ptype, pstart)
WHERE i.stock AND i.roll_up_periods AND i.period_type IN ('month', 'quarter')
      AND p.pstart IS NOT NULL {where}
ORDER BY a.indicator_id, a.scope_type, a.scope_key, p.ptype, p.pstart, a.dimension_code,
         a.category_code, a.period_start DESC
"""


def sql_filters(window: Window) -> tuple[dict, str, str, str, str, str]:
    """Query parameters and the WHERE clauses that narrow the roll-up to a window."""
    params = {"now": timezone.now()}
    where = expected_where = stock_where = period_where = scope_where = ""
    if window.indicator_ids is not None:
        params.update(
            indicators=list(window.indicator_ids),
            period_type=window.period_type,
            start=window.start,
            end=window.end,
        )
        where = (
            "AND dv.indicator_id = ANY(%(indicators)s) AND s.period_type = %(period_type)s"
            " AND s.period_start BETWEEN %(start)s AND %(end)s"
        )
        expected_where = "WHERE ro.indicator_id = ANY(%(indicators)s)"
        touched = []
        for n, period in enumerate(window.periods):
            params[f"pt{n}"], params[f"ps{n}"] = period.type, period.start
            touched.append(f"(%(pt{n})s, %(ps{n})s::date)")
        period_where = f"AND (p.ptype, p.pstart) IN ({', '.join(touched)})"
        if window.scopes:
            pairs = []
            for n, (scope_type, scope_key) in enumerate(window.scopes):
                params[f"st{n}"], params[f"sk{n}"] = scope_type, scope_key
                pairs.append(f"(%(st{n})s, %(sk{n})s)")
            scope_where = f"AND (sc.scope_type, sc.scope_key) IN ({', '.join(pairs)})"
        stock_where = (
            "AND a.indicator_id = ANY(%(indicators)s)"
            " AND a.period_start BETWEEN %(start)s AND %(end)s "
            + period_where
            + scope_where.replace("sc.", "a.")
        )
    return params, where, expected_where, stock_where, period_where, scope_where


def write_sql(window: Window) -> int:
    params, where, expected_where, stock_where, period_where, scope_where = sql_filters(window)
    with connection.cursor() as cursor:
        if window.indicator_ids is None:
            cursor.execute(
                _INSERT_SQL.format(
                    where=where,
                    expected_where=expected_where,
                    period_where=period_where,
                    scope_where="",
                ),
                params,
            )
            rows = cursor.rowcount
        else:
            rows = write_sql_all_scopes(cursor, window, params, expected_where, scope_where)
        if window.indicator_ids is None or window.has_stock:
            cursor.execute(_STOCK_SQL.format(where=stock_where), params)
            rows += cursor.rowcount
        return rows


TABLE = Aggregate._meta.db_table


NEXT_TABLE = f"{TABLE}_next"


def _pairs(params: dict, prefix: str, pairs, cast: str = "") -> str:
    """Pairs as query parameters, for `IN (…)`: "(%(wpt0)s, %(wpk0)s), …" for prefix wp."""
    rows = []
    for n, (first, second) in enumerate(pairs):
        params[f"{prefix}t{n}"], params[f"{prefix}k{n}"] = first, second
        rows.append(f"(%({prefix}t{n})s, %({prefix}k{n})s{cast})")
    return ", ".join(rows)


def write_sql_incremental(window: Window) -> int:
    """With the reporting organization known, in one statement: its own figures from its
    values, the region's, its county's and its type's from its own figures and every other
    organization's stored ones; then it writes only the figures that changed and deletes
    those left without values."""
    params, *_filters = sql_filters(window)
    scopes = dict(window.scopes)
    params.update(
        org_id=window.organization_id,
        org_slug=scopes[ScopeType.ORGANIZATION],
        county=scopes[ScopeType.COUNTY],
        sector_type=scopes[ScopeType.ORG_TYPE],
        stocks=list(window.stock_ids),
    )
    periods = _pairs(params, "wp", [(p.type, p.start) for p in window.periods], "::date")
    scope_pairs = _pairs(params, "ws", window.scopes)
    cells = ", ".join(
        f"(%(wst{i})s, %(wsk{i})s, %(wpt{j})s, %(wpk{j})s::date)"
        for i in range(len(window.scopes))
        for j in range(len(window.periods))
    )
    stocks = (
        _INCREMENTAL_STOCKS.format(scopes=scope_pairs, periods=periods)
        if window.stock_ids
        else "figures AS (SELECT * FROM fresh),"
    )
    sql = INCREMENTAL_SQL.format(
        where="AND dv.indicator_id = ANY(%(indicators)s) AND s.organization_id = %(org_id)s"
        " AND s.period_type = %(period_type)s AND s.period_start BETWEEN %(start)s AND %(end)s",
        period_where=f"AND (p.ptype, p.pstart) IN ({periods})",
        stored_period_where=f"AND (a.period_type, a.period_start) IN ({periods})",
        expected_where="WHERE ro.indicator_id = ANY(%(indicators)s)"
        f" AND (sc.scope_type, sc.scope_key) IN ({scope_pairs})",
        stocks=stocks,
        cells=cells,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        figures, _updated, _inserted, _removed = cursor.fetchone()
    return figures


def write_sql_all_scopes(
    cursor, window: Window, params: dict, expected_where: str, scope_where: str
) -> int:
    """Without the reporting organization: every scope of the window, from the values."""
    where = (
        "AND dv.indicator_id = ANY(%(indicators)s) AND s.period_type = %(period_type)s"
        " AND s.period_start BETWEEN %(start)s AND %(end)s"
    )
    touched = ", ".join(f"(%(pt{n})s, %(ps{n})s::date)" for n in range(len(window.periods)))
    cursor.execute(
        _INSERT_SQL.format(
            where=where,
            expected_where=expected_where,
            period_where=f"AND (p.ptype, p.pstart) IN ({touched})",
            scope_where=scope_where,
        ),
        params,
    )
    return cursor.rowcount
