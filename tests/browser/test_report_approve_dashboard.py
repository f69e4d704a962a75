"""A partner enters and submits a value; backbone staff approve it and read it on the
dashboard; a funder learns that one organization's figures are held back."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measures.periods import Period, PeriodType
from tests.browser.conftest import assert_accessible, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_approve_and_read_on_the_dashboard(page, world, password):
    period = Period.last_closed(PeriodType.YEAR, timezone.localdate())

    # The partner lead sees the report due, makes a mistake, corrects it and submits.
    log_in(page, "lead.a@example.org", password)
    assert_accessible(page)
    page.get_by_role("link", name=f"Enter data for {period.label}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Durham Tech")
    assert_accessible(page)

    enrolled = page.get_by_role("group", name="Participants enrolled").get_by_label("Value")
    rate = page.get_by_role("group", name="Graduation rate")
    # Each indicator is checked in place as its fields change, before anything is sent.
    enrolled.fill("-5")
    enrolled.press("Tab")
    expect(page.get_by_text("This cannot be negative.")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/reports/durham-tech/{period.key}/$"))
    rate.get_by_label("Numerator").fill("80")
    rate.get_by_label("Denominator").fill("100")
    page.get_by_role("button", name="Submit for approval").click()
    # GOV.UK's error summary: at the top, focused, each problem a link to its field.
    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(summary).to_be_focused()
    problem = summary.get_by_role("link", name="This cannot be negative.")
    expect(problem).to_have_text("Participants enrolled, Total, Value: This cannot be negative.")
    problem.click()
    expect(enrolled).to_be_focused()
    beside_the_button = page.get_by_text("Nothing was saved: the problems are listed at the top")
    expect(beside_the_button).to_be_visible()
    # Nothing typed was lost to the in-place checks.
    expect(rate.get_by_label("Denominator")).to_have_value("100")
    expect(enrolled).to_have_accessible_description("This cannot be negative.")
    assert_accessible(page)

    enrolled.fill("120")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted for approval")
    expect(page.get_by_text("Submitted", exact=True).first).to_be_visible()
    log_out(page)

    # Backbone staff find it waiting and approve it.
    log_in(page, "backbone@example.org", password)
    queue = page.get_by_role("region", name="Submissions awaiting approval")
    queue.get_by_role("link", name="Durham Tech").click()
    expect(page.get_by_role("row", name="Total 120")).to_be_visible()
    in_context = page.get_by_role("table", name=re.compile("in context"))
    expect(
        in_context.get_by_role("row", name=re.compile("^Participants enrolled"))
    ).to_contain_text("120")
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Approved")
    assert_accessible(page)
    log_out(page)

    # The dashboard shows the approved figure to backbone staff; the period is provisional
    # (one report of two) and so is neither the headline nor judged.
    log_in(page, "backbone@example.org", password)
    page.get_by_role("link", name="Dashboard").click()
    grad = page.get_by_role("row", name=re.compile("^Graduation rate"))
    expect(grad).to_contain_text("provisional, 1 of 2 reports")
    expect(grad).to_contain_text("80.0%")
    log_out(page)

    # A funder learns that one organization's figures are held back, and why.
    log_in(page, "funder@example.org", password)
    page.get_by_role("link", name="Dashboard").click()
    grad = page.get_by_role("row", name=re.compile("^Graduation rate"))
    expect(grad).to_contain_text("fewer than 3 organizations")
    expect(grad).not_to_contain_text("80.0%")
    assert_accessible(page)
    page.get_by_role("link", name="Graduation rate").click()
    by_period = page.get_by_role("table", name=re.compile("by period"))
    expect(by_period.get_by_role("row", name=period.label)).to_contain_text(
        "suppressed (fewer than 3 organizations)"
    )
    assert_accessible(page)
    # Nothing on the page lets a funder change anything.
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
