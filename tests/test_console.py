"""The backbone console (/console/) and what a partner sees on the home page.

Dates are worked out from today: the indicators' grace period is set so that the last
closed year is not yet due and every year before it is.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

import html5lib
import pytest
from django.urls import reverse
from django.utils import timezone

from measures import rollups
from measures.models import (
    Category,
    DataValue,
    Dimension,
    RollupRun,
    Submission,
    SubmissionStatus,
)
from measures.periods import PeriodType
from measures.quality import breakdown_flags, outlier_flags
from measures.reporting import completeness, most_used_period_type, recent_periods
from tests.conftest import empty_the_cache
from tests.factories import IndicatorFactory, OrganizationFactory
from tests.test_query_counts import count_queries

pytestmark = pytest.mark.django_db

URL = "/console/"
DRAFT, SUBMITTED, RETURNED, APPROVED = (
    SubmissionStatus.DRAFT,
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.RETURNED,
    SubmissionStatus.APPROVED,
)


def aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def submission(org, period, status, *, submitted=None, comment="", reviewer=None):
    handed_in = status in (SUBMITTED, APPROVED, RETURNED)
    return Submission.objects.create(
        organization=org,
        period_type=period.type,
        period_start=period.start,
        status=status,
        submitted_at=aware(submitted) if submitted else (timezone.now() if handed_in else None),
        review_comment=comment,
        reviewed_at=timezone.now() if status in (APPROVED, RETURNED) else None,
        reviewed_by=reviewer,
    )


def value(sub, indicator, category=None, **figures):
    return DataValue.objects.create(
        submission=sub, indicator=indicator, category=category, **figures
    )


def parse(page):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page.content)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def matrix_rows(page):
    table = parse(page).find(".//table[@class='console-matrix']")
    rows = {}
    for tr in table.findall("tbody/tr"):
        rows[text(tr.find("th"))] = [
            (text(td), td.find("a").get("href")) for td in tr.findall("td")
        ]
    header = [text(th) for th in table.findall("thead/tr/th")]
    footer = [text(cell) for cell in table.find("tfoot/tr")]
    return header, rows, footer


def section(page, heading_id):
    document = parse(page)
    for element in document.iter("section"):
        if element.get("aria-labelledby") == heading_id:
            return text(element)
    raise AssertionError(f"no section {heading_id}")


def test_matrix_shows_every_state_as_text_with_links(world, periods, today):
    org_c = OrganizationFactory(name="Carolina Works", slug="carolina-works")
    world.count.reporting_organizations.add(org_c)
    last, before, earlier = periods[-1], periods[-2], periods[-3]
    submission(world.org_a, last, DRAFT)
    submission(world.org_a, before, APPROVED)
    submission(world.org_a, earlier, SUBMITTED, submitted=earlier.end)
    submission(world.org_b, last, RETURNED, comment="Check the cohort.")
    submission(world.org_b, before, DRAFT)
    submission(world.org_b, earlier, RETURNED)

    page = world.client(world.backbone).get(URL)
    assert page.status_code == 200
    header, rows, footer = matrix_rows(page)
    assert header == ["Organization", *[p.label for p in periods]]
    # Only organizations expected to report something: not the backbone or the funder.
    assert list(rows) == ["Carolina Works", "Durham Public Schools", "Durham Tech"]

    def status(org, period):
        label, href = rows[org][periods.index(period)]
        return label.split(":")[0], href

    assert status("Durham Tech", last) == ("Draft", f"/reports/durham-tech/{last.key}/")
    assert status("Durham Tech", before)[0] == "Approved"
    assert status("Durham Tech", earlier)[0] == "Submitted"
    assert status("Durham Public Schools", last)[0] == "Returned"
    assert status("Carolina Works", last) == ("Not started", f"/reports/carolina-works/{last.key}/")
    # Past due and not handed in: overdue, with what it is and when it was due.
    for org, period, state in [
        ("Durham Tech", periods[0], "not started"),
        ("Durham Public Schools", before, "draft"),
        ("Durham Public Schools", earlier, "returned"),
        ("Carolina Works", before, "not started"),
    ]:
        assert status(org, period)[0] == "Overdue"
        label = rows[org][periods.index(period)][0]
        due = period.end + timedelta(days=world.count.grace_days)
        assert f"{state}; was due {due.day} {due:%b %Y}" in label
    # The summary row: the share of organizations approved in each period.
    assert footer[0] == "Organizations approved"
    assert footer[1 + periods.index(before)] == "33% (1 of 3)"
    assert footer[1 + periods.index(last)] == "0% (0 of 3)"

    matrix = completeness(PeriodType.YEAR, today)
    statuses = {
        (org.slug, cell.period): cell.status for org, cells in matrix.rows for cell in cells
    }
    assert statuses[("durham-tech", last)] == "draft"
    assert statuses[("durham-tech", periods[0])] == "overdue"
    assert statuses[("carolina-works", last)] == "not-started"


def test_period_type_filter_and_default(world, periods, today):
    monthly = IndicatorFactory(code="visits", name="Visits", period_type=PeriodType.MONTH)
    monthly.reporting_organizations.set([world.org_a])
    assert most_used_period_type() == PeriodType.YEAR  # two yearly indicators, one monthly
    client = world.client(world.backbone)
    page = client.get(URL, {"period_type": "month"})
    header, rows, _footer = matrix_rows(page)
    months = recent_periods(PeriodType.MONTH, today)
    assert header[1:] == [m.label for m in months]
    assert list(rows) == ["Durham Tech"]
    assert '<option value="month" selected>' in page.text
    # An unknown type falls back to the default; a quarter nobody reports says so.
    assert matrix_rows(client.get(URL, {"period_type": "fortnight"}))[0][1:] == [
        p.label for p in periods
    ]
    assert (
        "No organization is expected to report" in client.get(URL, {"period_type": "quarter"}).text
    )
    # With htmx the window (matrix and flags) comes alone.
    fragment = client.get(URL, {"period_type": "month"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and 'id="window"' in fragment.text
    assert months[-1].label in fragment.text and "Data-quality flags" in fragment.text
    assert "rollups-heading" not in fragment.text


def test_queue_lists_submissions_awaiting_approval(world, periods):
    submission(world.org_b, periods[-1], SUBMITTED)
    submission(world.org_a, periods[-1], APPROVED)
    queue = section(world.client(world.backbone).get(URL), "queue-heading")
    assert "Durham Public Schools" in queue and periods[-1].label in queue
    assert "Durham Tech" not in queue
    page = world.client(world.backbone).get(URL)
    assert f'href="/reports/dps/{periods[-1].key}/"' in page.text


def test_flags_an_outlier_against_the_period_before(world, periods):
    before, last = periods[-2], periods[-1]
    old = submission(world.org_a, before, APPROVED)
    value(old, world.count, value=100)
    value(old, world.share, numerator=80, denominator=100, value=80)
    new = submission(world.org_a, last, SUBMITTED)
    value(new, world.count, value=400, note="A second campus opened.")
    value(new, world.share, numerator=75, denominator=100, value=75)  # 5 points: fine
    # Org B's share falls 30 points against its approved report of the year before.
    old_b = submission(world.org_b, before, APPROVED)
    value(old_b, world.share, numerator=80, denominator=100, value=80)
    new_b = submission(world.org_b, last, SUBMITTED)
    value(new_b, world.share, numerator=50, denominator=100, value=50)
    # An approved report is the reviewers' settled judgement: not flagged again.
    older = submission(world.org_a, periods[-3], APPROVED)
    value(older, world.share, numerator=20, denominator=100, value=20)

    flags = outlier_flags(PeriodType.YEAR, [p.start for p in periods])
    found = {(f.organization.slug, f.indicator.code, f.period) for f in flags.items}
    assert found == {("durham-tech", "enrolled", last), ("dps", "grad-rate", last)}
    assert not flags.more

    outliers = section(world.client(world.backbone).get(URL), "flags-heading")
    assert (
        f"Durham Tech {last.label} Participants enrolled 400, against 100 in {before.label}."
        in (outliers)
    )
    assert "The partner's note: A second campus opened." in outliers
    assert (
        f"Durham Public Schools {last.label} Graduation rate 50.0%, against 80.0% in "
        f"{before.label}." in outliers
    )


def test_flags_breakdowns_that_do_not_add_up(world, periods):
    sex = Dimension.objects.create(code="sex", name="Sex")
    female = Category.objects.create(dimension=sex, code="female", name="Female")
    male = Category.objects.create(dimension=sex, code="male", name="Male")
    last = periods[-1]
    sub = submission(world.org_a, last, SUBMITTED)
    value(sub, world.count, value=120)
    value(sub, world.count, female, value=70)
    value(sub, world.count, male, value=40)
    value(sub, world.share, numerator=80, denominator=100, value=80)
    value(sub, world.share, female, numerator=50, denominator=60, value=Decimal("83.3333"))
    value(sub, world.share, male, numerator=30, denominator=45, value=Decimal("66.6667"))
    ok = submission(world.org_b, last, SUBMITTED)
    value(ok, world.count, value=12)
    value(ok, world.count, female, value=5)
    value(ok, world.count, male, value=7)
    # A draft is the partner's business until it is handed in.
    draft = submission(world.org_b, periods[-2], DRAFT)
    value(draft, world.count, value=12)
    value(draft, world.count, female, value=1)

    flags = breakdown_flags(PeriodType.YEAR, [p.start for p in periods]).items
    assert [(f.organization.slug, f.indicator.code) for f in flags] == [
        ("durham-tech", "grad-rate"),
        ("durham-tech", "enrolled"),
    ]
    page = section(world.client(world.backbone).get(URL), "flags-heading")
    assert "Sex: the categories' value adds up to 110, but the total is 120." in page
    assert "Sex: the categories' denominator adds up to 105, but the total is 100." in page
    assert "numerator adds up" not in page
    assert (
        "Durham Public Schools"
        not in page.split("Breakdowns that do not add up")[1].split("Late reports")[0]
    )


def test_flags_late_reports(world, periods):
    before, earlier = periods[-2], periods[-3]
    due = before.end + timedelta(days=world.count.grace_days)
    submission(world.org_a, before, APPROVED, submitted=due + timedelta(days=5))
    submission(world.org_b, before, SUBMITTED, submitted=due)  # on the day: not late
    submission(world.org_a, earlier, APPROVED, submitted=earlier.end)
    late = section(world.client(world.backbone).get(URL), "flags-heading").split("Late reports")[1]
    assert f"Durham Tech {before.label} all 2 of its indicators of this type" in late
    assert f"Submitted {(due + timedelta(days=5)).day}" in late
    assert "5 days after it was due" in late
    # Org B never reported the year before: overdue now.
    earlier_due = earlier.end + timedelta(days=world.count.grace_days)
    assert f"Durham Public Schools {earlier.label}" in late
    assert f"Overdue (not started): due {earlier_due.day} {earlier_due:%b %Y}" in late
    assert f"Durham Public Schools {before.label}" not in late
    assert f"Durham Tech {earlier.label}" not in late
    assert (
        f'href="/reports/durham-tech/{before.key}/"' in world.client(world.backbone).get(URL).text
    )


def test_last_rollups_are_shown(world, periods):
    client = world.client(world.backbone)
    rollups_section = section(client.get(URL), "rollups-heading")
    assert rollups_section.count("Has not run yet.") == 2
    now = timezone.now()
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL,
        status=RollupRun.Status.OK,
        started_at=now - timedelta(hours=5),
        finished_at=now - timedelta(hours=5) + timedelta(seconds=40),
        rows=1234,
    )
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL, status=RollupRun.Status.OK, started_at=now - timedelta(days=2)
    )
    RollupRun.objects.create(
        kind=RollupRun.Kind.INCREMENTAL,
        status=RollupRun.Status.FAILED,
        started_at=now - timedelta(minutes=3),
        finished_at=now - timedelta(minutes=3),
        detail="could not serialize access",
    )
    rollups_section = section(client.get(URL), "rollups-heading")
    started = timezone.localtime(now - timedelta(hours=5))
    assert f"Full rebuild {started:%-d %b %Y, %H:%M}" in rollups_section
    assert "Finished 1234" in rollups_section
    assert "After an approval" in rollups_section
    assert "Failed 0 could not serialize access" in rollups_section
    assert "Has not run yet." not in rollups_section


@pytest.mark.parametrize(
    ("role", "get", "post"),
    [
        ("backbone", 200, 405),
        ("lead_a", 403, 405),
        ("member_a", 403, 405),
        ("lead_b", 403, 405),
        ("funder", 403, 403),
        (None, 302, 302),
    ],
)
def test_only_backbone_staff_open_the_console(world, role, get, post):
    client = world.client(getattr(world, role) if role else None)
    response = client.get(URL)
    assert response.status_code == get
    if role is None:
        assert response["Location"].startswith(reverse("login"))
    assert client.post(URL).status_code == post


def test_console_link_in_the_navigation_for_backbone_only(world):
    assert f'href="{URL}"' in world.client(world.backbone).get(reverse("home")).text
    assert f'href="{URL}"' not in world.client(world.lead_a).get(reverse("home")).text


def report_everything(org, periods, indicators):
    """A report in every state across the window, with values, flags and breakdowns."""
    sex = Dimension.objects.get_or_create(code="sex", defaults={"name": "Sex"})[0]
    female = Category.objects.get_or_create(dimension=sex, code="female", name="Female")[0]
    count, share = indicators
    for n, (period, status) in enumerate(
        zip(periods, [APPROVED, APPROVED, SUBMITTED, RETURNED, DRAFT, SUBMITTED], strict=False)
    ):
        sub = submission(org, period, status, submitted=period.end + timedelta(days=400))
        value(sub, count, value=100 * (n % 2 + 1))
        value(sub, count, female, value=30)
        value(sub, share, numerator=n * 10, denominator=100, value=n * 10)


def test_console_queries_do_not_grow_with_organizations(world, periods):
    client = world.client(world.backbone)
    indicators = (world.count, world.share)
    for org in (world.org_a, world.org_b):
        report_everything(org, periods, indicators)
    RollupRun.objects.create(kind=RollupRun.Kind.FULL, status=RollupRun.Status.OK)
    empty_the_cache()  # as below: the session too is read from the database
    small, _sql = count_queries(client, URL)

    for n in range(4):
        org = OrganizationFactory(name=f"Partner {n}", slug=f"partner-{n}")
        for indicator in indicators:
            indicator.reporting_organizations.add(org)
        report_everything(org, periods, indicators)
    assert len(matrix_rows(client.get(URL))[1]) == 6
    empty_the_cache()  # the flags are cached: count the queries that work them out
    large, sql = count_queries(client, URL)
    assert large == small, "\n".join(sql)


def test_partner_home_shows_returned_reports_and_own_figures_beside_the_region(world, periods):
    last, before = periods[-1], periods[-2]
    returned = submission(
        world.org_a, last, RETURNED, comment="The cohort looks too small.", reviewer=world.backbone
    )
    value(returned, world.count, value=1)
    # Approved figures of two years: the latest is shown, beside the region's of that year.
    # A third partner: the region's figures come from three organizations.
    org_c = OrganizationFactory(name="Alamance Community College", slug="alamance-cc")
    org_c.county = "Alamance"
    org_c.save()
    for indicator in (world.count, world.share):
        indicator.reporting_organizations.add(org_c)
    for period, (own, other) in ((periods[-3], (10, 10)), (before, (40, 40))):
        mine = submission(world.org_a, period, APPROVED)
        value(mine, world.count, value=own)
        value(mine, world.share, numerator=3, denominator=4, value=75)
        theirs = submission(world.org_b, period, APPROVED)
        value(theirs, world.count, value=other)
        value(theirs, world.share, numerator=1, denominator=4, value=25)
        third = submission(org_c, period, APPROVED)
        value(third, world.count, value=20)
        value(third, world.share, numerator=0, denominator=1, value=0)
    rollups.rebuild_all()

    client = world.client(world.member_a)
    page = client.get(reverse("home"))
    assert page.status_code == 200
    returned_section = section(page, "returned-heading")
    assert "Durham Tech" in returned_section and last.label in returned_section
    assert "The cohort looks too small." in returned_section
    assert f'href="/reports/durham-tech/{last.key}/"' in page.text
    assert f"Correct and resubmit {last.label}" in returned_section

    figures = parse(page).find(".//table[@class='contributions']")
    rows = {text(tr.find("th")): [text(td) for td in tr.findall("td")] for tr in figures.iter("tr")}
    enrolled = rows["Participants enrolled"]
    assert enrolled[:5] == [
        before.label,
        "40 (how the figure of Durham Tech was made)",
        "100 (how the region's figure was made)",
        "40.0%",
        "3 of 3",
    ]
    # The region's share counts nine people: suppressed for a partner; its own three of
    # four are its own, always shown.
    rate = rows["Graduation rate"]
    assert rate[1].startswith("75.0%")
    assert rate[2].startswith("suppressed")
    assert rate[3] == "—"
    # Backbone staff and other partners do not get this section for Durham Tech.
    assert "Durham Tech and the region" not in world.client(world.lead_b).get(reverse("home")).text
    assert "Returned for correction" not in world.client(world.backbone).get(reverse("home")).text


def test_partner_home_queries_do_not_grow(world, periods):
    client = world.client(world.lead_a)
    for org in (world.org_a, world.org_b):
        report_everything(org, periods[-3:], (world.count, world.share))
    rollups.rebuild_all()
    small, _sql = count_queries(client, reverse("home"))
    more = IndicatorFactory(code="more", name="More", unit="count")
    more.reporting_organizations.set([world.org_a, world.org_b])
    for org in (world.org_a, world.org_b):
        Submission.objects.filter(organization=org).delete()
        report_everything(org, periods, (world.count, world.share))
    rollups.rebuild_all()
    large, sql = count_queries(client, reverse("home"))
    assert large == small, "\n".join(sql)
