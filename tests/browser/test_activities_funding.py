"""Activities and funding alignment in Chromium, with axe-core on every page visited."""

from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activities.models import Commitment, ProgressUpdate
from agenda.models import Goal, Strategy
from funding.models import FundingStream
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def agenda():
    goal = Goal.objects.create(title="Graduate ready")
    Strategy.objects.create(goal=goal, title="Career fairs", order=0)
    Strategy.objects.create(goal=goal, title="Summer jobs", order=1)
    return goal


def test_member_records_a_commitment_and_its_progress(page, world, password):
    agenda()
    log_in(page, "member.a@example.org", password)
    page.get_by_role("link", name="Activities", exact=True).click()
    expect(page.get_by_role("heading", name="Mutually reinforcing activities")).to_be_visible()
    expect(page.get_by_role("heading", name="2 gaps")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a commitment under “Career fairs”").click()
    expect(page.get_by_label("Strategy")).to_have_value(str(Strategy.objects.get(order=0).pk))
    expect(page.get_by_label("Organization")).to_have_value(str(world.org_a.pk))
    page.get_by_label("What").fill("Spring career fair")
    page.get_by_label("For whom").fill("11th graders")
    page.get_by_label("From:", exact=True).fill("2025-06-01")
    page.get_by_label("Until:", exact=True).fill("2025-03-01")
    page.get_by_label("Participants enrolled").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“Until” cannot come before “From”.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("From:", exact=True).fill("2025-03-01")
    page.get_by_label("Until:", exact=True).fill("2025-06-30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Spring career fair", level=1)).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Commitment recorded.")
    assert_accessible(page)

    page.get_by_label("Progress:", exact=True).fill("First fair held: 120 students came.")
    page.get_by_label("Status now").select_option(label="Under way")
    page.get_by_role("button", name="Post progress").click()
    expect(page.get_by_role("status").first).to_contain_text("Progress posted.")
    expect(page.get_by_text("First fair held: 120 students came.")).to_be_visible()
    assert_accessible(page)
    commitment = Commitment.objects.get()
    assert (commitment.organization, commitment.status) == (world.org_a, "active")
    assert ProgressUpdate.objects.get().text == "First fair held: 120 students came."

    page.get_by_role("link", name="Activities", exact=True).first.click()
    row = page.locator(f"#strategy-{commitment.strategy_id}")
    expect(row).to_contain_text("1 commitment")
    expect(row.get_by_role("link", name="Spring career fair")).to_be_visible()
    expect(row).to_contain_text("Under way")
    expect(page.get_by_role("heading", name="1 gap", exact=True)).to_be_visible()
    page.get_by_label("Organizations shown").select_option(label="Every partner organization")
    expect(page.get_by_role("columnheader", name="Durham Public Schools")).to_be_visible()
    assert_accessible(page)


def test_backbone_records_a_funding_stream_and_sees_the_aligned_share(page, world, password):
    agenda()
    year = timezone.localdate().year
    FundingStream.objects.create(
        funder=world.funder_org,
        recipient=world.org_b,
        name="General support",
        amount=Decimal("25000"),
        start=f"{year}-01-01",
        end=f"{year}-12-31",
        purpose="Operations",
    )
    log_in(page, "backbone@example.org", password)
    page.get_by_role("link", name="Funding", exact=True).click()
    expect(page.get_by_role("heading", name=f"Aligned with the agenda in {year}")).to_be_visible()
    expect(page.locator(".funding-headline")).to_contain_text("0.0%")
    assert_accessible(page)

    page.get_by_role("link", name="Record a funding stream").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Career pathways grant")
    page.get_by_label("Funder").select_option(label="A Foundation")
    page.get_by_label("Recipient").select_option(label="Durham Tech")
    page.get_by_label("Amount (USD)").fill("-75000")
    page.get_by_label("From:", exact=True).fill(f"{year}-01-01")
    page.get_by_label("Until:", exact=True).fill(f"{year}-12-31")
    page.get_by_label("Purpose").fill("Career navigators in every high school.")
    page.get_by_label("Graduate ready", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The amount cannot be negative.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Amount (USD)").fill("75000")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status").first).to_contain_text("Career pathways grant")
    expect(page.locator(".funding-headline")).to_contain_text("75.0%")
    expect(page.locator(".funding-headline")).to_contain_text("$75,000 of $100,000")
    expect(page.get_by_role("img", name=f"Funding by goal, {year}")).to_be_visible()
    expect(page.locator(".funding-unaligned")).to_contain_text("General support")
    assert_accessible(page)
    stream = FundingStream.objects.get(name="Career pathways grant")
    assert list(stream.goals.values_list("title", flat=True)) == ["Graduate ready"]
