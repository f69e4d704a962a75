"""A reporting calendar that fits reality: an indicator's first period, an organization's
first reporting day, nothing due or overdue before them; complete and partial breakdowns;
flags only for reports under review, in the indicator's unit; reminders sent now with a
preview of who gets what."""

import pytest
from django.urls import reverse

from communication.models import Notification, ReminderSent
from measures.models import Category, DataValue, Dimension, Indicator, SubmissionStatus
from measures.periods import Period, PeriodType
from measures.quality import breakdown_warnings, outlier_flags
from measures.reporting import completeness, reports_due
from tests.test_console import submission, value
from tests.test_indicators import indicator_data as library_form

pytestmark = pytest.mark.django_db


def indicator_data(**overrides):
    """A yearly count (the library's form data, tests/test_indicators.py)."""
    base = {
        "code": "placed",
        "name_en": "Placed in jobs",
        "definition_en": "People placed in a job.",
        "unit": "count",
        "numerator_definition": "",
        "denominator_definition": "",
        "period_type": "year",
        "grace_days": "30",
        "source": "partner",
    }
    return library_form(**{**base, **overrides})


def test_a_new_indicator_is_first_due_for_the_current_period(world, today):
    client = world.client(world.backbone)
    data = indicator_data(reporting_organizations=[world.org_a.pk])
    response = client.post(reverse("indicator_create"), data)
    assert response.status_code == 302, response.text
    placed = Indicator.objects.get(code="placed")
    current = Period.containing(PeriodType.YEAR, today)
    assert placed.first_period_start == current.start
    # Only the new indicator for org B: nothing is due for the year just closed.
    world.count.reporting_organizations.remove(world.org_b)
    world.share.reporting_organizations.remove(world.org_b)
    placed.reporting_organizations.add(world.org_b)
    assert reports_due([world.org_b.pk], today) == []
    last = Period.last_closed(PeriodType.YEAR, today)
    page = world.client(world.lead_b).get(reverse("report", args=[world.org_b.slug, last.key]))
    assert "This organization reports no indicators for this period." in page.text
    # The form shows the first period and refuses one of another type.
    edit = client.get(reverse("indicator_edit", args=["placed"]))
    assert f'value="{current.key}"' in edit.text
    bad = client.post(
        reverse("indicator_edit", args=["placed"]),
        indicator_data(first_period="SY2025-26", reporting_organizations=[world.org_b.pk]),
    )
    assert bad.status_code == 400
    assert "Give a period of the indicator&#x27;s type, for example" in bad.text


def test_nothing_is_due_or_overdue_before_an_organization_reports(world, periods, today):
    world.org_b.reports_from = periods[-2].start  # joined for the year before last
    world.org_b.save()
    matrix = completeness(PeriodType.YEAR, today)
    row = next(cells for organization, cells in matrix.rows if organization == world.org_b)
    assert [c.status for c in row[:-2]] == ["not-expected"] * (len(row) - 2)
    assert row[-2].status == "overdue"
    assert {s.period: s.expected for s in matrix.summary}[periods[0]] == 1  # org A only
    assert not any(
        c.organization == world.org_b for c in matrix.late()[2:] if c.period < periods[-2]
    )
    # Before everyone's first day, a period is not shown at all.
    world.org_a.reports_from = periods[2].start
    world.org_a.save()
    assert completeness(PeriodType.YEAR, today).periods == periods[2:]
    page = world.client(world.backbone).get("/console/")
    assert periods[0].label not in page.text.split("Completeness")[-1].split("</table>")[0]


def test_a_partial_breakdown_need_not_add_up(world, today):
    last = Period.last_closed(PeriodType.YEAR, today)
    complete = Dimension.objects.create(code="sex", name="Sex")
    partial = Dimension.objects.create(code="pathway", name="Pathway", complete=False)
    sub = submission(world.org_a, last, SubmissionStatus.SUBMITTED)
    value(sub, world.count, value=100)
    for dimension in (complete, partial):
        category = Category.objects.create(dimension=dimension, code="x", name="X")
        value(sub, world.count, category, value=40)
    values = DataValue.objects.select_related("indicator", "category__dimension")
    [warning] = breakdown_warnings(values)[world.count.pk]
    assert warning.startswith("Sex:")


def test_flags_are_for_reports_under_review_and_in_the_indicators_unit(world, periods):
    before, last = periods[-2], periods[-1]
    old = submission(world.org_a, before, SubmissionStatus.APPROVED)
    value(old, world.share, numerator=57, denominator=100, value=57)
    new = submission(world.org_a, last, SubmissionStatus.SUBMITTED)
    value(new, world.share, numerator=902, denominator=1000, value="90.2")
    [flag] = outlier_flags(PeriodType.YEAR, [p.start for p in periods]).items
    assert flag.message == f"90.2%, against 57.0% in {before.label}."
    new.status = SubmissionStatus.APPROVED
    new.save()
    assert outlier_flags(PeriodType.YEAR, [p.start for p in periods]).items == []


def test_reminders_now_preview_who_gets_what_then_send_once(
    world, periods, today, django_capture_on_commit_callbacks
):
    client = world.client(world.backbone)
    page = client.get(reverse("reminders"))
    assert "Send reminders now" in page.text
    # Both partners have last year's report coming due (and older ones overdue).
    assert "Durham Tech" in page.text and "Durham Public Schools" in page.text
    assert world.lead_a.get_full_name() in page.text
    assert (
        "Reminder: Durham Tech&#x27;s report for" in page.text
        or "Reminder: Durham Tech's report" in page.text
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reminders_send"))
    assert response.status_code == 302
    told = set(Notification.objects.values_list("user__email", flat=True))
    assert told == {world.lead_a.email, world.member_a.email, world.lead_b.email}
    assert ReminderSent.objects.filter(kind=f"now{today:%y%m%d}").count() >= 2
    count = Notification.objects.count()
    again = client.post(reverse("reminders_send"), follow=True)
    assert "each was already sent today" in again.text
    assert Notification.objects.count() == count


def test_completeness_counts_only_expected_reports(world, periods, today):
    """History approved before an organization's first reporting day is shown, but not
    counted against the period's expected reports (never 2 of 1)."""
    world.org_b.reports_from = periods[-2].start
    world.org_b.save()
    submission(world.org_a, periods[0], SubmissionStatus.APPROVED)
    submission(world.org_b, periods[0], SubmissionStatus.APPROVED)
    first = completeness(PeriodType.YEAR, today).summary[0]
    assert (first.approved, first.expected, first.percent) == (1, 1, 100)
