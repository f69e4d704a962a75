"""Roll-up rules: ratio of sums, only approved values, idempotent, full = incremental."""

from datetime import date
from decimal import Decimal

import pytest

from measures import rollups
from measures.models import Aggregate, DataValue, Submission, SubmissionStatus
from measures.periods import PeriodType
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
START = date(2024, 1, 1)


def report(org, status, indicator, **figures):
    submission, _ = Submission.objects.get_or_create(
        organization=org,
        period_type=PeriodType.YEAR,
        period_start=START,
        defaults={"status": status},
    )
    DataValue.objects.create(submission=submission, indicator=indicator, **figures)


def rows():
    return sorted(
        Aggregate.objects.values_list(
            "indicator__code",
            "period_start",
            "numerator",
            "denominator",
            "value",
            "reported",
            "expected",
        )
    )


@pytest.fixture
def reported(world):
    third = OrganizationFactory(name="Third", slug="third")
    world.share.reporting_organizations.add(third)
    share = {"indicator": world.share}
    report(world.org_a, SubmissionStatus.APPROVED, numerator=9, denominator=10, value=90, **share)
    report(world.org_b, SubmissionStatus.APPROVED, numerator=10, denominator=100, value=10, **share)
    # Not approved: never counted.
    report(third, SubmissionStatus.SUBMITTED, numerator=50, denominator=50, value=100, **share)
    report(world.org_a, SubmissionStatus.APPROVED, indicator=world.count, value=7)
    return world


def test_ratio_of_sums_not_average_of_percents(reported):
    aggregate = rollups.rollup(reported.share.pk, PeriodType.YEAR, START)
    assert (aggregate.numerator, aggregate.denominator) == (19, 110)
    assert aggregate.value == Decimal("17.2727")  # not (90 + 10) / 2 = 50
    assert (aggregate.reported, aggregate.expected) == (2, 3)


def test_counts_are_summed(reported):
    aggregate = rollups.rollup(reported.count.pk, PeriodType.YEAR, START)
    assert aggregate.value == 7
    assert aggregate.numerator is None


def test_running_twice_gives_the_same_rows_and_full_equals_incremental(reported):
    for indicator in (reported.share, reported.count):
        rollups.rollup(indicator.pk, PeriodType.YEAR, START)
    incremental = rows()
    rollups.rollup(reported.share.pk, PeriodType.YEAR, START)
    assert rows() == incremental
    Aggregate.objects.all().delete()
    assert rollups.rebuild_all() == 2
    assert rows() == incremental
    rollups.rebuild_all()
    assert rows() == incremental


def test_full_rebuild_drops_figures_left_without_approved_values(reported):
    rollups.rebuild_all()
    Submission.objects.filter(organization=reported.org_a).update(status=SubmissionStatus.RETURNED)
    rollups.rebuild_all()
    assert [row[0] for row in rows()] == ["grad-rate"]
