"""Roll-up rules: ratio of sums, weighted means, stocks, scopes, categories, longer periods;
only approved values; idempotent; the SQL and the portable engine agree."""

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from measures import rollup_full, rollup_swap, rollups
from measures.models import (
    Aggregate,
    Category,
    DataValue,
    Dimension,
    RollupRun,
    Submission,
    SubmissionStatus,
    Unit,
)
from measures.periods import PeriodType
from partners.models import Organization
from tests.factories import IndicatorFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
START = date(2024, 1, 1)


def report(org, status, indicator, start=START, period_type=PeriodType.YEAR, category=None, **fig):
    submission, _ = Submission.objects.get_or_create(
        organization=org,
        period_type=period_type,
        period_start=start,
        defaults={"status": status},
    )
    DataValue.objects.create(submission=submission, indicator=indicator, category=category, **fig)


def cell(indicator, scope="region", key="", period_type=PeriodType.YEAR, start=START, cat=""):
    return Aggregate.objects.get(
        indicator=indicator,
        scope_type=scope,
        scope_key=key,
        period_type=period_type,
        period_start=start,
        category_code=cat,
    )


def rows():
    return sorted(
        Aggregate.objects.values_list(
            "indicator__code",
            "scope_type",
            "scope_key",
            "period_type",
            "period_start",
            "dimension_code",
            "category_code",
            "numerator",
            "denominator",
            "value",
            "reported",
            "expected",
        )
    )


@pytest.fixture
def reported(world):
    third = OrganizationFactory(name="Third", slug="third", county="Orange")
    world.share.reporting_organizations.add(third)
    share = {"indicator": world.share}
    report(world.org_a, SubmissionStatus.APPROVED, numerator=9, denominator=10, value=90, **share)
    report(world.org_b, SubmissionStatus.APPROVED, numerator=10, denominator=100, value=10, **share)
    # Not approved: never counted.
    report(third, SubmissionStatus.SUBMITTED, numerator=50, denominator=50, value=100, **share)
    report(world.org_a, SubmissionStatus.APPROVED, indicator=world.count, value=7)
    return world


def test_ratio_of_sums_not_average_of_percents(reported):
    rollups.rollup([reported.share.pk], PeriodType.YEAR, START)
    region = cell(reported.share)
    assert (region.numerator, region.denominator) == (19, 110)
    assert region.value == Decimal("17.2727")  # not (90 + 10) / 2 = 50
    assert (region.reported, region.expected) == (2, 3)


def test_scopes_county_type_and_organization(reported):
    rollups.rebuild_all()
    durham = cell(reported.share, "county", "Durham")
    assert (durham.numerator, durham.denominator, durham.reported, durham.expected) == (
        19,
        110,
        2,
        2,
    )
    orange = Aggregate.objects.filter(scope_type="county", scope_key="Orange")
    assert not orange.exists()  # Third's report is not approved
    college = cell(reported.share, "org_type", "college")
    assert (college.value, college.reported) == (Decimal("90.0000"), 1)
    own = cell(reported.count, "organization", reported.org_a.slug)
    assert (own.value, own.reported, own.expected) == (7, 1, 1)


def test_counts_are_summed(reported):
    rollups.rollup([reported.count.pk], PeriodType.YEAR, START)
    region = cell(reported.count)
    assert region.value == 7
    assert region.numerator is None


@pytest.fixture
def breakdown(world):
    sex = Dimension.objects.create(code="sex", name="Sex")
    female = Category.objects.create(dimension=sex, code="female", name="Female")
    male = Category.objects.create(dimension=sex, code="male", name="Male")
    indicator = IndicatorFactory(code="completers", unit=Unit.COUNT)
    indicator.dimensions.add(sex)
    indicator.reporting_organizations.set([world.org_a, world.org_b])
    for org, total, f, m in ((world.org_a, 30, 20, 10), (world.org_b, 12, 5, 7)):
        report(org, SubmissionStatus.APPROVED, indicator, value=total)
        report(org, SubmissionStatus.APPROVED, indicator, category=female, value=f)
        report(org, SubmissionStatus.APPROVED, indicator, category=male, value=m)
    return indicator


def test_categories_roll_up_beside_the_total(breakdown):
    rollups.rebuild_all()
    assert cell(breakdown).value == 42
    female = cell(breakdown, cat="female")
    assert (female.dimension_code, female.value, female.reported) == ("sex", 25, 2)
    assert cell(breakdown, cat="male").value == 17


@pytest.fixture
def monthly(world):
    flow = IndicatorFactory(
        code="placed",
        unit=Unit.PERCENT,
        period_type=PeriodType.MONTH,
        numerator_definition="n",
        denominator_definition="d",
    )
    stock = IndicatorFactory(
        code="active",
        unit=Unit.COUNT,
        period_type=PeriodType.MONTH,
        stock=True,
        counts_people=False,
    )
    score = IndicatorFactory(code="score", unit=Unit.SCORE, period_type=PeriodType.MONTH)
    for indicator in (flow, stock, score):
        indicator.reporting_organizations.set([world.org_a, world.org_b])
    month = {"period_type": PeriodType.MONTH}
    for m, (num, den, level) in enumerate([(1, 4, 5), (3, 4, 6), (5, 10, 4)], start=1):
        start = date(2024, m, 1)
        report(
            world.org_a,
            SubmissionStatus.APPROVED,
            flow,
            start,
            numerator=num,
            denominator=den,
            value=Decimal(100 * num / den),
            **month,
        )
        report(world.org_a, SubmissionStatus.APPROVED, stock, start, value=level, **month)
    # Scores: 80 for 10 people and 50 for 30 people → 57.5, not (80 + 50) / 2.
    report(
        world.org_a,
        SubmissionStatus.APPROVED,
        score,
        date(2024, 1, 1),
        value=80,
        denominator=10,
        **month,
    )
    report(
        world.org_b,
        SubmissionStatus.APPROVED,
        score,
        date(2024, 1, 1),
        value=50,
        denominator=30,
        **month,
    )
    return flow, stock, score


def test_months_roll_up_to_quarters_and_years(monthly):
    flow, stock, score = monthly
    rollups.rebuild_all()
    q1 = cell(flow, period_type=PeriodType.QUARTER, start=date(2024, 1, 1))
    assert (q1.numerator, q1.denominator, q1.value) == (9, 18, Decimal("50.0000"))
    year = cell(flow, period_type=PeriodType.YEAR, start=date(2024, 1, 1))
    assert year.value == Decimal("50.0000")
    # A stock takes the latest month, it is not summed.
    assert cell(stock, period_type=PeriodType.QUARTER, start=date(2024, 1, 1)).value == 4
    assert cell(stock, period_type=PeriodType.YEAR, start=date(2024, 1, 1)).value == 4
    jan = cell(score, period_type=PeriodType.MONTH, start=date(2024, 1, 1))
    assert (jan.numerator, jan.denominator, jan.value) == (2300, 40, Decimal("57.5000"))


def test_running_twice_gives_the_same_rows_and_full_equals_incremental(reported, monthly):
    flow, stock, score = monthly
    # One incremental roll-up per approved report, as the approvals would enqueue: each
    # rewrites only the scopes of the organization that reported.
    a, b = reported.org_a.slug, reported.org_b.slug
    for indicator, period_type, start, org in (
        (reported.share, PeriodType.YEAR, START, a),
        (reported.share, PeriodType.YEAR, START, b),
        (reported.count, PeriodType.YEAR, START, a),
        *((flow, PeriodType.MONTH, date(2024, m, 1), a) for m in (1, 2, 3)),
        *((stock, PeriodType.MONTH, date(2024, m, 1), a) for m in (1, 2, 3)),
        (score, PeriodType.MONTH, date(2024, 1, 1), a),
        (score, PeriodType.MONTH, date(2024, 1, 1), b),
    ):
        rollups.rollup([indicator.pk], period_type, start, org)
    incremental = rows()
    rollups.rollup([reported.share.pk], PeriodType.YEAR, START)
    assert rows() == incremental
    rollups.rebuild_all()
    assert rows() == incremental
    rollups.rebuild_all()
    assert rows() == incremental
    assert RollupRun.objects.filter(status=RollupRun.Status.OK).count() == 14


def test_the_sql_and_the_portable_engine_agree(reported, breakdown, monthly):
    rollups.rebuild_all()
    first = rows()
    rollups.python_rows()
    assert rows() == first
    assert len(first) > 50


def test_full_rebuild_drops_figures_left_without_approved_values(reported):
    rollups.rebuild_all()
    Submission.objects.filter(organization=reported.org_a).update(status=SubmissionStatus.RETURNED)
    rollups.rebuild_all()
    assert {row[0] for row in rows()} == {"grad-rate"}


@pytest.mark.django_db(transaction=True)
def test_two_rebuilds_at_once_leave_the_same_rows(reported):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    rollups.rebuild_all()
    expected = rows()
    errors = []

    def rebuild():
        try:
            rollups.rebuild_all()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=rebuild) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert rows() == expected


def test_the_floor_computes_the_same_figures_as_the_rollup(reported, breakdown, monthly):
    """The benchmark's reference (README) is measured against the roll-up: it must give
    the same figures, stocks' quarters and years included, only with integer keys."""
    if connection.vendor != "postgresql":
        pytest.skip("the SQL engine runs on PostgreSQL")
    rollups.rebuild_all()
    scopes = {1: "org_type", 2: "county", 3: "region", 4: "organization"}
    slugs = dict(Organization.objects.values_list("pk", "slug"))
    codes = {c.pk: (c.dimension.code, c.code) for c in Category.objects.select_related("dimension")}
    with connection.cursor() as cursor:
        rollup_full.planner_settings(cursor)
        cursor.execute(rollup_full.FLOOR_SQL)
        cursor.execute(f"SELECT * FROM {rollup_full.FLOOR_TABLE}")  # noqa: S608
        floor = []
        for ind, scope, county, type_, org, ptype, pstart, cat, *figures in cursor.fetchall():
            key = {1: type_, 2: county, 3: "", 4: slugs.get(org)}[scope]
            dim, code = codes.get(cat, ("", ""))
            numbers = [
                None if n is None else Decimal(n).quantize(Decimal("0.0001")) for n in figures[:3]
            ]
            floor.append(
                (ind, scopes[scope], key, ptype, pstart, dim, code, *numbers, *figures[3:])
            )
        cursor.execute(f"DROP TABLE {rollup_full.FLOOR_TABLE}")
    stored = Aggregate.objects.values_list(
        "indicator_id", "scope_type", "scope_key", "period_type", "period_start",
        "dimension_code", "category_code", "numerator", "denominator", "value", "reported",
        "expected",
    )  # fmt: skip
    assert sorted(floor) == sorted(stored)
    assert any(row[3] == "quarter" for row in floor if row[0] == monthly[1].pk)


def test_the_readme_shows_the_floor_as_the_benchmark_runs_it():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert f"```sql\n{rollup_full.FLOOR_SQL}\n```" in readme


def decisions_by_cell() -> dict:
    return {
        (a.indicator_id, a.scope_type, a.scope_key, a.period_type, a.period_start,
         a.dimension_code, a.category_code): a.disclosure
        for a in Aggregate.objects.all()
    }  # fmt: skip


def _last_detail() -> str:
    return RollupRun.objects.filter(kind="full").latest("started_at").detail


def test_the_nightly_rebuild_writes_only_what_changed(reported, breakdown, monthly, monkeypatch):
    """Figures kept current by the incremental roll-ups are not written again; a period
    that changed behind their back is rewritten in place and decided; one left without
    values is deleted; a change of the organizations expected keeps the decisions."""
    if connection.vendor != "postgresql":
        pytest.skip("the full rebuild compares periods on PostgreSQL")
    flow = monthly[0]
    rollups.rebuild_all()
    # At this size any change is a large share of the figures: written in place all the same.
    monkeypatch.setattr(rollup_swap, "SWAP_SHARE", 1.0)
    ids = dict(Aggregate.objects.values_list("pk", "disclosure"))
    rollups.rebuild_all()
    assert dict(Aggregate.objects.values_list("pk", "disclosure")) == ids
    assert "0 figures written, in place" in _last_detail()
    # One month's value changes and another month's report is reopened, with no incremental
    # roll-up: only their periods (and the quarter and year around them) are rewritten.
    DataValue.objects.filter(indicator=flow, submission__period_start=date(2024, 1, 1)).update(
        numerator=2
    )
    Submission.objects.filter(
        organization=reported.org_a, period_type="month", period_start=date(2024, 3, 1)
    ).update(status=SubmissionStatus.RETURNED)
    untouched = set(Aggregate.objects.exclude(indicator__in=monthly).values_list("pk", flat=True))
    rollups.rebuild_all()
    assert "in place" in _last_detail()
    assert untouched <= set(Aggregate.objects.values_list("pk", flat=True))
    january = cell(flow, period_type=PeriodType.MONTH, start=date(2024, 1, 1))
    assert january.numerator == 2
    assert not Aggregate.objects.filter(
        indicator=flow, period_type="month", period_start=date(2024, 3, 1)
    ).exists()
    assert not Aggregate.objects.filter(disclosure="pending").exists()
    in_place, decided = rows(), decisions_by_cell()
    rollups.python_rows()  # every figure computed and decided again from scratch
    assert (rows(), decisions_by_cell()) == (in_place, decided)
    rollups.rebuild_all()
    # Another organization expected to report: the numbers expected change, the figures and
    # their decisions do not.
    before = decisions_by_cell()
    reported.count.reporting_organizations.add(Organization.objects.get(slug="third"))
    rollups.rebuild_all()
    region = cell(reported.count)
    assert (region.reported, region.expected) == (1, 3)
    assert decisions_by_cell() == before


def test_a_rebuild_that_changes_most_figures_swaps_in_a_new_table(reported, monthly, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the table is swapped on PostgreSQL")
    rollups.rebuild_all()
    assert "a new table swapped in" in _last_detail()  # the first: every figure is new
    in_place = rows()
    monkeypatch.setattr(rollup_swap, "SWAP_SHARE", 0.0)
    DataValue.objects.filter(indicator=reported.count).update(value=8)
    rollups.rebuild_all()
    assert "a new table swapped in" in _last_detail()
    assert cell(reported.count).value == 8
    assert len(rows()) == len(in_place)
    assert not Aggregate.objects.filter(disclosure="pending").exists()


def test_the_full_rebuild_keeps_the_tables_keys_and_indexes(reported):
    if connection.vendor != "postgresql":
        pytest.skip("the table is swapped on PostgreSQL")
    with connection.cursor() as cursor:
        before = connection.introspection.get_constraints(cursor, "measures_aggregate")
    rollups.rebuild_all()
    rollups.rebuild_all()
    with connection.cursor() as cursor:
        after = connection.introspection.get_constraints(cursor, "measures_aggregate")
    assert set(after) == set(before)
    for name, details in before.items():
        for key in ("columns", "primary_key", "unique", "foreign_key", "index"):
            assert after[name][key] == details[key], (name, key)
    # New figures still get ids of their own.
    rollups.rollup([reported.count.pk], PeriodType.YEAR, START, reported.org_a.slug)
    assert Aggregate.objects.filter(indicator=reported.count).count() == 4


def test_an_incremental_rollup_rewrites_what_changed_and_drops_what_vanished(
    reported, breakdown, monthly
):
    flow, stock, _score = monthly
    a = reported.org_a.slug
    rollups.rebuild_all()
    # A value changed after approval: its figures change in every scope and period.
    DataValue.objects.filter(
        indicator=reported.share, submission__organization=reported.org_a
    ).update(numerator=5, value=50)
    DataValue.objects.filter(
        indicator=breakdown, submission__organization=reported.org_a, category__code="male"
    ).update(value=1)
    DataValue.objects.filter(
        indicator=flow, submission__organization=reported.org_a, submission__period_start__month=2
    ).update(numerator=4)
    rollups.rollup([reported.share.pk, breakdown.pk], PeriodType.YEAR, START, a)
    rollups.rollup([flow.pk, stock.pk], PeriodType.MONTH, date(2024, 2, 1), a)
    region = cell(reported.share)
    assert (region.numerator, region.denominator, region.reported) == (15, 110, 2)
    assert cell(breakdown, cat="male").value == 8
    q1 = cell(flow, period_type=PeriodType.QUARTER, start=date(2024, 1, 1))
    assert (q1.numerator, q1.denominator) == (10, 18)
    incremental = rows()
    rollups.rebuild_all()
    assert rows() == incremental
    # A report reopened: its figures go, and a stock's quarter takes the month before.
    Submission.objects.filter(
        organization=reported.org_a, period_type=PeriodType.MONTH, period_start=date(2024, 3, 1)
    ).update(status=SubmissionStatus.RETURNED)
    rollups.rollup([flow.pk, stock.pk], PeriodType.MONTH, date(2024, 3, 1), a)
    march = Aggregate.objects.filter(period_type=PeriodType.MONTH, period_start=date(2024, 3, 1))
    assert not march.exists()
    assert cell(stock, period_type=PeriodType.QUARTER, start=date(2024, 1, 1)).value == 6
    assert cell(flow, period_type=PeriodType.YEAR, start=date(2024, 1, 1)).denominator == 8
    incremental = rows()
    rollups.rebuild_all()
    assert rows() == incremental


def test_an_incremental_rollup_leaves_unchanged_figures_untouched(reported, monthly):
    if connection.vendor != "postgresql":
        pytest.skip("the SQL engine runs on PostgreSQL")
    flow, stock, _score = monthly
    rollups.rebuild_all()
    before = set(Aggregate.objects.values_list("pk", "computed_at"))
    rollups.rollup([reported.share.pk], PeriodType.YEAR, START, reported.org_b.slug)
    rollups.rollup([flow.pk, stock.pk], PeriodType.MONTH, date(2024, 2, 1), reported.org_a.slug)
    assert set(Aggregate.objects.values_list("pk", "computed_at")) == before
    assert RollupRun.objects.filter(kind=RollupRun.Kind.INCREMENTAL, rows__gt=0).count() == 2


@pytest.mark.django_db(transaction=True)
def test_readers_wait_for_the_swap_only_not_for_the_decisions(reported, monkeypatch):
    """A full rebuild swaps the new figures in and commits before making its disclosure
    decisions: while they are being made (long, at scale), pages and the API read without
    waiting, and the figures that changed read as pending, hidden from outside readers."""
    from measures import decisions, disclosure
    from measures.models import Publication
    from measures.publication import Audience, publish

    if connection.vendor != "postgresql":
        pytest.skip("the table is swapped on PostgreSQL")
    rollups.rebuild_all()
    # A new place for an organization: every decision is made again.
    reported.org_b.county = "Chatham"
    reported.org_b.save()
    deciding, go = threading.Event(), threading.Event()
    slow = decisions.decide

    def decide_slowly(*args, **kwargs):
        deciding.set()
        assert go.wait(30)
        return slow(*args, **kwargs)

    monkeypatch.setattr(decisions, "decide", decide_slowly)
    failures = []

    def rebuild():
        try:
            rollups.rebuild_all()
        except Exception as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=rebuild)
    thread.start()
    try:
        assert deciding.wait(30), "the rebuild never reached its decisions"
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = '2s'")  # a wait for a lock would fail
            try:
                region = list(
                    Aggregate.objects.filter(
                        indicator=reported.share, scope_type="region", dimension_code=""
                    )
                )
            finally:
                cursor.execute("SET statement_timeout = 0")
        assert [a.disclosure for a in region] == [disclosure.PENDING]
        [outside] = publish(
            reported.share, region, Audience.outside(), publication=Publication.load()
        )
        assert outside.hidden and outside.value is None
        assert outside.reason_text == "being worked out again"
    finally:
        go.set()
        thread.join(60)
    assert failures == []
    assert not Aggregate.objects.filter(disclosure=disclosure.PENDING).exists()
    assert RollupRun.objects.filter(kind="full").latest("started_at").status == "ok"


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_starts_again_a_full_rebuild_a_dead_worker_left(world):
    """A rebuild beat sent, whose worker died, stays marked running only until a worker
    starts: then it is marked failed, saying so, and sent again. Not while the rebuild's own
    lock is held (it is running, between its transactions, not abandoned)."""
    from common.models import OutboxMessage
    from measures import actions

    if connection.vendor != "postgresql":
        pytest.skip("roll-ups lock each other out on PostgreSQL")
    left = RollupRun.objects.create(kind=RollupRun.Kind.FULL)
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock():  # as a rebuild still running does, across its transactions
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [rollups.REBUILD_KEY])
                holding.set()
                release.wait(30)
                cursor.execute("SELECT pg_advisory_unlock(%s)", [rollups.REBUILD_KEY])
        finally:
            connection.close()

    thread = threading.Thread(target=hold_the_lock)
    thread.start()
    assert holding.wait(30)
    assert actions.resume_abandoned_rebuild() is False
    # Nor does an incremental roll-up between the rebuild's two transactions mark it failed.
    rollups.rollup([world.count.pk], PeriodType.YEAR, START, world.org_a.slug)
    assert RollupRun.objects.get(pk=left.pk).status == RollupRun.Status.RUNNING
    release.set()
    thread.join(30)

    assert actions.resume_abandoned_rebuild() is True
    left.refresh_from_db()
    assert left.status == RollupRun.Status.FAILED
    assert left.detail == "The worker stopped before this rebuild finished; it was started again."
    assert OutboxMessage.objects.filter(task="measures.tasks.rebuild_all_aggregates").count() == 1
    assert actions.resume_abandoned_rebuild() is False  # nothing left
