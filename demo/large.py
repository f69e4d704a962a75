"""Data at the scale the design is for, made fast in PostgreSQL, for the benchmarks.

``seed_large`` adds 300 organizations in 12 counties, 100 monthly indicators (counts,
percents, averages and stocks, each broken down by sex and by age band) and about two
million values over ten years: every month approved but the last six, which are left open
for the import benchmark. The state scale (``STATE``) is the next one: 3,000 organizations,
fifty regions' worth, in 100 counties, and about 20 million values. The rows are generated
by SQL from a fixed seed, so the data are the same each time; a second run changes nothing.
"""

from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from measures.models import Category, Dimension, Indicator
from measures.periods import Period, PeriodType
from partners.models import Organization


@dataclass(frozen=True)
class Scale:
    name: str
    organizations: int
    counties: int


LARGE = Scale("large", organizations=300, counties=12)
STATE = Scale("state", organizations=3000, counties=100)
SCALES = {scale.name: scale for scale in (LARGE, STATE)}

INDICATORS = 100
MONTHS = 120
OPEN_MONTHS = 6
REPORTERS_EVERY = 10  # each indicator is reported by one organization in ten
PREFIX = "bench-"
SECTORS = ["k12", "college", "university", "workforce", "employer", "nonprofit", "government"]
UNITS = ["count"] * 40 + ["percent"] * 40 + ["score"] * 10 + ["stock"] * 10


class NeedsPostgreSQL(Exception):
    pass


def months(today: date) -> tuple[list[Period], list[Period]]:
    """The approved months and the open months, oldest first."""
    last = Period.last_closed(PeriodType.MONTH, today)
    periods = [last]
    for _ in range(MONTHS - 1):
        periods.insert(0, periods[0].previous())
    return periods[:-OPEN_MONTHS], periods[-OPEN_MONTHS:]


class OtherScale(Exception):
    pass


def scale_here() -> Scale | None:
    """The scale of the data set in this database, if there is one."""
    if Indicator.objects.filter(code__startswith=PREFIX).count() != INDICATORS:
        return None
    organizations = Organization.objects.filter(slug__startswith=PREFIX).count()
    return next((s for s in SCALES.values() if s.organizations == organizations), None)


def exists(scale: Scale = LARGE) -> bool:
    return scale_here() == scale


@transaction.atomic
def seed_large(today: date, scale: Scale = LARGE) -> dict[str, int]:
    if connection.vendor != "postgresql":
        raise NeedsPostgreSQL("The large scale is generated with PostgreSQL; set DATABASE_URL.")
    here = scale_here()
    if here == scale:
        return {"created": 0}
    if here is not None or Indicator.objects.filter(code__startswith=PREFIX).exists():
        raise OtherScale(
            f"This database holds another data set than the {scale.name} scale: use a database"
            " of its own for each scale."
        )
    approved, _open = months(today)
    sex, _ = Dimension.objects.get_or_create(code=f"{PREFIX}sex", defaults={"name": "Sex (bench)"})
    age, _ = Dimension.objects.get_or_create(
        code=f"{PREFIX}age", defaults={"name": "Age band (bench)"}
    )
    for dimension, codes in ((sex, ["female", "male"]), (age, ["16-24", "25-44", "45-plus"])):
        for order, code in enumerate(codes):
            Category.objects.get_or_create(
                dimension=dimension, code=code, defaults={"name": code, "order": order}
            )
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            """
            INSERT INTO partners_organization
                (name, slug, sector_type, county, description, website, created_at, updated_at)
            SELECT 'Bench organization ' || g, %(prefix)s || 'org-' || g,
                   (%(sectors)s::text[])[1 + g %% %(n_sectors)s],
                   'Bench County ' || (1 + g %% %(counties)s), '', '', %(now)s, %(now)s
            FROM generate_series(1, %(orgs)s) g
            """,
            {
                "prefix": PREFIX,
                "sectors": SECTORS,
                "n_sectors": len(SECTORS),
                "counties": scale.counties,
                "orgs": scale.organizations,
                "now": now,
            },
        )
        cursor.execute(
            """
            INSERT INTO measures_indicator
                (code, name, definition, unit, numerator_definition, denominator_definition,
                 direction, level, period_type, aggregation, suppression_threshold, source,
                 counts_people, stock, roll_up_periods, grace_days, created_at, updated_at)
            SELECT %(prefix)s || 'ind-' || g, 'Bench indicator ' || g, 'Benchmark data.',
                   CASE u WHEN 'stock' THEN 'count' ELSE u END,
                   CASE WHEN u = 'percent' THEN 'Numerator' ELSE '' END,
                   CASE WHEN u = 'percent' THEN 'Denominator' ELSE '' END,
                   'up', 'outcome', 'month',
                   CASE u WHEN 'percent' THEN 'ratio' WHEN 'score' THEN 'mean' ELSE 'sum' END,
                   10, '', u <> 'score', u = 'stock', true, 30, %(now)s, %(now)s
            FROM unnest(%(units)s::text[]) WITH ORDINALITY AS t(u, g)
            """,
            {"prefix": PREFIX, "units": UNITS, "now": now},
        )
        cursor.execute(
            """
            INSERT INTO measures_indicator_dimensions (indicator_id, dimension_id)
            SELECT i.id, d.id FROM measures_indicator i CROSS JOIN measures_dimension d
            WHERE i.code LIKE %(like)s AND d.code LIKE %(like)s
            """,
            {"like": f"{PREFIX}%"},
        )
        cursor.execute(
            """
            INSERT INTO measures_indicator_reporting_organizations (indicator_id, organization_id)
            SELECT i.id, o.id FROM measures_indicator i JOIN partners_organization o
              ON (i.id + o.id) %% %(every)s = 0
            WHERE i.code LIKE %(like)s AND o.slug LIKE %(like)s
            """,
            {"like": f"{PREFIX}%", "every": REPORTERS_EVERY},
        )
        cursor.execute(
            """
            INSERT INTO measures_submission
                (organization_id, period_type, period_start, status, review_comment,
                 submitted_at, reviewed_at, created_at, updated_at)
            SELECT o.id, 'month', m::date, 'approved', '', %(now)s, %(now)s, %(now)s, %(now)s
            FROM partners_organization o
            CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 month') m
            WHERE o.slug LIKE %(like)s
            """,
            {
                "like": f"{PREFIX}%",
                "first": approved[0].start,
                "last": approved[-1].start,
                "now": now,
            },
        )
        cursor.execute(
            """
            INSERT INTO measures_datavalue
                (submission_id, indicator_id, category_id, numerator, denominator, value, note,
                 updated_at)
            SELECT s.id, i.id, c.id,
                   CASE i.aggregation WHEN 'sum' THEN NULL
                                      WHEN 'mean' THEN round(x.d * x.m, 4)
                                      ELSE floor(x.d * x.share) END,
                   CASE WHEN i.aggregation = 'sum' THEN NULL ELSE x.d END,
                   CASE i.aggregation WHEN 'ratio' THEN round(100 * floor(x.d * x.share) / x.d, 4)
                                      WHEN 'mean' THEN round(x.m, 4)
                                      ELSE floor(x.d * 1.5) END,
                   '', %(now)s
            FROM measures_submission s
            JOIN partners_organization o ON o.id = s.organization_id AND o.slug LIKE %(like)s
            JOIN measures_indicator_reporting_organizations r ON r.organization_id = o.id
            JOIN measures_indicator i ON i.id = r.indicator_id
            CROSS JOIN LATERAL (
                SELECT NULL::bigint AS id UNION ALL
                SELECT c.id FROM measures_category c
                JOIN measures_dimension d ON d.id = c.dimension_id AND d.code LIKE %(like)s
            ) c
            -- Referring to the row makes PostgreSQL draw new random numbers for each value.
            CROSS JOIN LATERAL (
                SELECT (10 + floor(random() * 300) + 0 * s.id + 0 * i.id)::numeric AS d,
                       (0.5 + random() * 0.45 + 0 * coalesce(c.id, 0))::numeric AS share,
                       (40 + random() * 50)::numeric AS m
            ) x
            WHERE i.code LIKE %(like)s
            -- A report's values are written together, so they sit together on disk.
            ORDER BY s.id, i.id, c.id NULLS FIRST
            """,
            {"like": f"{PREFIX}%", "now": now},
        )
        values = cursor.rowcount
        cursor.execute("ANALYZE")  # fresh statistics after a bulk load
    return {"created": values}


def import_rows(today: date, limit: int) -> list[list[str]]:
    """CSV rows for the open months: every total and category each organization reports."""
    _approved, open_months = months(today)
    sql = """
        SELECT i.code, o.slug, c_dim.code, c.code, i.aggregation,
               (10 + (o.id * 7 + i.id * 13 + coalesce(c.id, 0) * 17) %% 300) AS n
        FROM measures_indicator_reporting_organizations r
        JOIN measures_indicator i ON i.id = r.indicator_id AND i.code LIKE %(like)s
        JOIN partners_organization o ON o.id = r.organization_id
        CROSS JOIN LATERAL (
            SELECT NULL::bigint AS id, NULL::varchar AS code, NULL::bigint AS dimension_id
            UNION ALL
            SELECT c.id, c.code, c.dimension_id FROM measures_category c
            JOIN measures_dimension d ON d.id = c.dimension_id AND d.code LIKE %(like)s
        ) c
        LEFT JOIN measures_dimension c_dim ON c_dim.id = c.dimension_id
        ORDER BY o.id, i.id, c.id NULLS FIRST
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"like": f"{PREFIX}%"})
        template = cursor.fetchall()
    rows = []
    for period in open_months:
        for code, slug, dimension, category, aggregation, n in template:
            if aggregation == "ratio":
                figures = [str(n // 2), str(n), ""]
            elif aggregation == "mean":
                figures = ["", str(n), "61.5"]
            else:
                figures = ["", "", str(n)]
            rows.append([code, slug, period.key, dimension or "", category or "", *figures, ""])
            if len(rows) == limit:
                return rows
    return rows
