"""The network in Chromium: backbone staff record a partnership and see it on the map and in
its table; a partner member reads a working group. axe-core runs on every page visited."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from network.models import LeadTerm, Partnership, WorkingGroup
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_backbone_records_a_partnership_and_sees_it_on_the_map(page, world, password):
    start = (timezone.localdate() - timedelta(days=30)).isoformat()
    log_in(page, "backbone@example.org", password)
    page.get_by_role("link", name="Network", exact=True).click()
    expect(page.get_by_role("heading", name="Network", level=1)).to_be_visible()
    expect(page.get_by_text("Every organization has at least one")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Record a partnership").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Organization")).select_option(label="Durham Tech")
    page.get_by_label("Partner organization").select_option(label="Durham Tech")
    page.get_by_label("Kind").select_option(label="Co-delivery")
    page.get_by_label("Start").fill(start)
    page.get_by_role("button", name="Save").click()
    # Nothing saved; the error sits beside the partner field.
    expect(page.locator("#id_second_error")).to_have_text(
        "A partnership is between two different organizations."
    )
    expect(page.get_by_label("Partner organization")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    assert not Partnership.objects.exists()

    page.get_by_label("Partner organization").select_option(label="Durham Public Schools")
    page.get_by_label("Description").fill("Career and college promise courses.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("The partnership was recorded")
    expect(page.get_by_role("heading", level=1)).to_have_text("Durham Tech – Durham Public Schools")
    assert_accessible(page)

    page.get_by_role("link", name="Network", exact=True).click()
    table = page.get_by_role("table", name="Organizations and their ties")
    row = table.get_by_role("row").filter(has=page.get_by_role("link", name="Durham Tech"))
    expect(row.get_by_role("cell").nth(1)).to_have_text("1")
    expect(row).to_contain_text("Durham Public Schools")
    svg = page.locator("svg.network-map")
    expect(svg).to_have_attribute("role", "img")
    expect(svg.locator("path.network-tie title")).to_have_text(
        "Durham Tech – Durham Public Schools: Co-delivery"
    )
    assert_accessible(page)

    # The list, filtered by organization with htmx; the URL follows.
    page.get_by_role("link", name="Partnerships", exact=True).click()
    page.get_by_label("Organization").select_option(label="Durham Public Schools")
    expect(page).to_have_url(re.compile(r"organization=dps"))
    expect(page.get_by_role("table")).to_contain_text("1 partnership")
    assert_accessible(page)


def test_a_member_reads_a_working_group(page, world, password):
    group = WorkingGroup.objects.create(
        slug="employer-engagement",
        name="Employer engagement",
        charter="# Purpose\n\nBring **employers** into every pathway.",
    )
    group.members.add(world.member_a, world.lead_b)
    LeadTerm.objects.create(group=group, lead=world.lead_b, start=timezone.localdate())
    log_in(page, "member.a@example.org", password)
    page.get_by_role("link", name="Network", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Working groups").click()
    assert_accessible(page)
    page.get_by_role("link", name="Employer engagement").click()
    expect(page.get_by_role("heading", name="Purpose")).to_be_visible()
    expect(page.locator(".prose strong")).to_have_text("employers")
    members = page.get_by_role("table", name="Members and their organizations")
    expect(members).to_contain_text("Durham Tech")
    expect(members).to_contain_text("Durham Public Schools")
    expect(page.get_by_text("This group does not cross sectors")).to_have_count(0)
    expect(page.get_by_role("link", name="Manage members")).to_have_count(0)
    assert_accessible(page)
