"""The full roll-up's statement on PostgreSQL, set-based, and the floor it is measured against.

Both compute every figure from the approved values in one pass: first one row per
organization, indicator, period (a month also counts in its quarter and year) and category;
then the region, county and organization-type figures from those rows with ``GROUPING
SETS``, while each organization's own figures are those rows as they are; then the number
of organizations expected in each scope, the figure's value, and a stock's quarters and
years (the latest of its months). The only difference is the output:

- ``FLOOR_SQL``, the benchmark's reference, keeps integer keys (organization and category
  ids) and writes into an unlogged table: the fastest single statement known for these
  figures (README, "Benchmarks");
- ``REBUILT_SQL``, the roll-up, writes the keys pages read (the scope's name, the
  organization's short name, the breakdown's and category's codes) into an unlogged table,
  from which ``measures.rollup_swap`` takes only what changed.

Built from constants only; nothing is passed into the text of a statement.
"""

# One row per organization, indicator, period and category, from the approved values.
_BY_ORGANIZATION = """
by_organization AS MATERIALIZED (
    SELECT dv.indicator_id, s.organization_id, p.ptype, p.pstart, dv.category_id,
           SUM(CASE i.aggregation WHEN 'sum' THEN dv.value
                                  WHEN 'mean' THEN dv.value * dv.denominator
                                  ELSE dv.numerator END) AS num,
           SUM(CASE WHEN i.aggregation = 'sum' THEN NULL ELSE dv.denominator END) AS den
    FROM measures_datavalue dv
    JOIN measures_submission s ON s.id = dv.submission_id
    JOIN measures_indicator i ON i.id = dv.indicator_id
    CROSS JOIN LATERAL (
        VALUES (s.period_type, s.period_start),
               ('quarter', CASE WHEN i.roll_up_periods AND NOT i.stock
                                     AND i.period_type = 'month'
                                THEN date_trunc('quarter', s.period_start)::date END),
               ('year', CASE WHEN i.roll_up_periods AND NOT i.stock
                                  AND i.period_type IN ('month', 'quarter')
                             THEN date_trunc('year', s.period_start)::date END)
    ) AS p (ptype, pstart)
    WHERE s.status = 'approved' AND dv.value IS NOT NULL AND p.pstart IS NOT NULL
    GROUP BY dv.indicator_id, s.organization_id, p.ptype, p.pstart, dv.category_id
)"""

# Scopes as numbers: 1 organization type, 2 county, 3 region, 4 organization.
_GROUPED = """
grouped AS (
    SELECT b.indicator_id, GROUPING(o.county) + 2 * GROUPING(o.sector_type) AS scope,
           COALESCE(o.county, '') AS county, COALESCE(o.sector_type, '') AS sector_type,
           0::bigint AS organization_id, b.ptype, b.pstart, b.category_id,
           SUM(b.num) AS num, SUM(b.den) AS den, COUNT(*) AS reported
    FROM by_organization b JOIN partners_organization o ON o.id = b.organization_id
    GROUP BY b.indicator_id, b.ptype, b.pstart, b.category_id,
             GROUPING SETS ((o.county), (o.sector_type), ())
    UNION ALL
    SELECT b.indicator_id, 4, '', '', b.organization_id, b.ptype, b.pstart, b.category_id,
           b.num, b.den, 1
    FROM by_organization b
)"""

_EXPECTED = """
expected AS (
    SELECT r.indicator_id,
           CASE WHEN GROUPING(r.organization_id) = 0 THEN 4
                ELSE GROUPING(o.county) + 2 * GROUPING(o.sector_type) END AS scope,
           COALESCE(o.county, '') AS county, COALESCE(o.sector_type, '') AS sector_type,
           COALESCE(r.organization_id, 0) AS organization_id, COUNT(*) AS n
    FROM measures_indicator_reporting_organizations r
    JOIN partners_organization o ON o.id = r.organization_id
    GROUP BY r.indicator_id,
             GROUPING SETS ((o.county), (o.sector_type), (), (r.organization_id))
)"""

_FIGURES = """
figures AS MATERIALIZED (
    SELECT g.indicator_id, g.scope, g.county, g.sector_type, g.organization_id, g.ptype,
           g.pstart, g.category_id,
           CASE WHEN i.aggregation = 'sum' THEN NULL ELSE g.num END AS numerator,
           g.den AS denominator,
           CASE WHEN i.aggregation = 'sum' THEN g.num
                WHEN g.den > 0 THEN ROUND(g.num * (CASE i.unit WHEN 'percent' THEN 100
                                                   WHEN 'rate' THEN 1000 ELSE 1 END) / g.den, 4)
           END AS value,
           g.reported, COALESCE(e.n, 0) AS expected,
           i.stock AND i.roll_up_periods AND g.ptype = i.period_type
               AND i.period_type IN ('month', 'quarter') AS stock_up,
           i.period_type AS indicator_period
    FROM grouped g
    JOIN measures_indicator i ON i.id = g.indicator_id
    LEFT JOIN expected e
      ON e.indicator_id = g.indicator_id AND e.scope = g.scope AND e.county = g.county
     AND e.sector_type = g.sector_type AND e.organization_id = g.organization_id
),
every_figure AS (
    SELECT indicator_id, scope, county, sector_type, organization_id, ptype, pstart,
           category_id, numerator, denominator, value, reported, expected
    FROM figures
    UNION ALL
    (SELECT DISTINCT ON (f.indicator_id, f.scope, f.county, f.sector_type, f.organization_id,
                         p.ptype, p.pstart, f.category_id)
            f.indicator_id, f.scope, f.county, f.sector_type, f.organization_id, p.ptype,
            p.pstart, f.category_id, f.numerator, f.denominator, f.value, f.reported,
            f.expected
     FROM figures f
     CROSS JOIN LATERAL (
         VALUES ('quarter', CASE WHEN f.indicator_period = 'month'
                                 THEN date_trunc('quarter', f.pstart)::date END),
                ('year', date_trunc('year', f.pstart)::date)
     ) AS p (ptype, pstart)
     WHERE f.stock_up AND p.pstart IS NOT NULL
     ORDER BY f.indicator_id, f.scope, f.county, f.sector_type, f.organization_id, p.ptype,
              p.pstart, f.category_id, f.pstart DESC)
)"""

_WITH = f"WITH {_BY_ORGANIZATION},{_GROUPED},{_EXPECTED},{_FIGURES}"

FLOOR_TABLE = "benchmark_floor_figures"

# The benchmark's reference: the same figures, integer keys, into an unlogged table.
FLOOR_SQL = f"""CREATE UNLOGGED TABLE {FLOOR_TABLE} AS
{_WITH}
SELECT * FROM every_figure"""  # noqa: S608 (constants only)

# Unlogged: a scratch table that no replica needs, read by parallel workers (a temporary
# table is read by one process only), dropped in the transaction that made it.
REBUILT_TABLE = "measures_aggregate_rebuilt"

# The roll-up: the same figures with the keys pages read, typed as the stored figures are
# (so that a figure that did not change reads exactly as the stored one).
REBUILT_SQL = f"""CREATE UNLOGGED TABLE {REBUILT_TABLE} AS
{_WITH}
SELECT f.indicator_id,
       (CASE f.scope WHEN 1 THEN 'org_type' WHEN 2 THEN 'county' WHEN 3 THEN 'region'
                     ELSE 'organization' END)::varchar(20) AS scope_type,
       (CASE f.scope WHEN 1 THEN f.sector_type WHEN 2 THEN f.county WHEN 3 THEN ''
                     ELSE o.slug END)::varchar(100) AS scope_key,
       f.ptype::varchar(20) AS period_type, f.pstart AS period_start,
       COALESCE(d.code, '')::varchar(40) AS dimension_code,
       COALESCE(c.code, '')::varchar(40) AS category_code,
       f.numerator::numeric(24, 4) AS numerator, f.denominator::numeric(24, 4) AS denominator,
       f.value::numeric(24, 4) AS value, f.reported::integer AS reported,
       f.expected::integer AS expected, %(now)s::timestamptz AS computed_at
FROM every_figure f
LEFT JOIN partners_organization o ON o.id = f.organization_id
LEFT JOIN measures_category c ON c.id = f.category_id
LEFT JOIN measures_dimension d ON d.id = c.dimension_id"""  # noqa: S608 (constants only)

# For both statements, in the transaction that runs them: room to group millions of rows in
# memory, no time spent compiling (JIT), and hash joins and aggregates where the planner's
# estimates would have it sort millions of rows or look up the keys one row at a time
# (measured at the large scale: the floor 28 s → 21 s, the roll-up's statement 49 s → 23 s).
PLANNER_SETTINGS = (
    "SELECT set_config('work_mem', '1GB', true), set_config('jit', 'off', true),"
    " set_config('enable_mergejoin', 'off', true), set_config('enable_sort', 'off', true),"
    " set_config('enable_nestloop', 'off', true)"
)
# Back to the transaction's own settings for the rest of it (the comparison, the writes, a
# swap's indexes), so that 1 GB a step is given to the one statement only.
RESET_PLANNER = (
    "SELECT set_config('enable_mergejoin', 'on', true), set_config('enable_sort', 'on', true),"
    " set_config('enable_nestloop', 'on', true), set_config('work_mem', %s, true),"
    " set_config('jit', %s, true)"
)


def planner_settings(cursor) -> tuple[str, str]:
    """Set them; returns the work_mem and jit they replace, for ``RESET_PLANNER``."""
    cursor.execute("SELECT current_setting('work_mem'), current_setting('jit')")
    saved = cursor.fetchone()
    cursor.execute(PLANNER_SETTINGS)
    return saved
