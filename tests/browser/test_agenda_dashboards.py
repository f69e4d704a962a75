"""The common agenda and the dashboards in Chromium, one main path per role, with axe-core
on every page visited."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from agenda.models import Goal
from agenda.versions import set_targets
from measures.models import Category, Dimension, Publication
from measures.periods import parse_period
from tests.browser.conftest import assert_accessible, log_in
from tests.test_dashboards import agg, decide, rate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def figures(world):
    sex = Dimension.objects.create(code="sex", name="Sex")
    Category.objects.create(dimension=sex, code="female", name="Female")
    Category.objects.create(dimension=sex, code="male", name="Male")
    world.count.dimensions.add(sex)
    for year, (n, d) in {"2021": (50, 100), "2022": (55, 100), "2023": (66, 110)}.items():
        rate(world.share, year, n, d)
    for year, value in {"2021": "80", "2022": "95", "2023": "120"}.items():
        agg(world.count, year, value)
        agg(world.count, year, str(int(value) - 40), dim="sex", cat="female")
        agg(world.count, year, "40", dim="sex", cat="male")
        agg(world.count, year, value, scope="county", scope_key="Durham")


def test_backbone_edits_the_agenda_sets_targets_restores_and_publishes(page, world, password):
    figures(world)
    log_in(page, "backbone@example.org", password)
    page.get_by_role("link", name="Agenda", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Edit the vision").click()
    assert_accessible(page)
    page.get_by_label("Title (English)").fill("Durham pathways agenda")
    page.get_by_label("Vision (English)").fill("Every young person finds a **good job**.")
    page.get_by_label("What changed").fill("First vision")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")
    expect(page.locator(".vision strong")).to_have_text("good job")

    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("Title (English)").fill("Graduate ready for careers")
    page.get_by_label("Graduation rate").check()
    page.get_by_label("Participants enrolled").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Goal 1: Graduate ready for careers")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Baseline and targets of Graduation rate").click()
    page.get_by_label("Baseline period").select_option("2021")
    page.get_by_label("Baseline value").fill("50")
    page.get_by_label("Target 1: period").select_option("2023")
    page.get_by_label("Target 1: value").fill("70")
    page.get_by_label("Target 2: period").select_option("2024")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Give the target for this period.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Target 2: value").fill("75")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Graduation rate", level=1)).to_be_visible()
    expect(page.get_by_text("Off track").first).to_be_visible()  # 60% against 70% in 2023
    assert_accessible(page)

    # The history: the version before the goal, its diff, and a restore.
    page.goto("/agenda/history/")
    assert_accessible(page)
    page.get_by_role("link", name="Version 2", exact=True).click()
    expect(page.locator(".diff-added").first).to_contain_text("Durham pathways agenda")
    assert_accessible(page)
    page.get_by_role("button", name="Restore version 2").click()
    expect(page.get_by_role("status").first).to_contain_text("Version 2 restored")
    expect(page.get_by_text("The agenda has no goals yet.")).to_be_visible()

    # Publish: public, and a share link.
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("link", name="Publishing and share links").click()
    assert_accessible(page)
    page.get_by_label("Published publicly").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Embed snippet")).to_contain_text("/public/embed/")
    page.get_by_label("Who is it for?").fill("County commissioners")
    page.get_by_role("button", name="Make a link").click()
    link = page.get_by_label("Link").input_value()
    assert "/shared/" in link
    assert_accessible(page)
    page.goto("/dashboard/publishing/")
    expect(page.get_by_role("cell", name="County commissioners")).to_be_visible()
    assert Publication.load().public


def test_partner_reads_the_dashboard_and_filters_an_indicator(page, world, password):
    figures(world)
    goal = Goal.objects.create(title="More people enrolled")
    goal.indicators.set([world.count, world.share])
    set_targets(
        world.share,
        (parse_period("2021"), Decimal(50)),
        [(parse_period("2023"), Decimal(58))],
    )
    log_in(page, "member.a@example.org", password)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.get_by_role("heading", name="More people enrolled")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Graduation rate"))
    expect(row).to_contain_text("60.0%")
    expect(row).to_contain_text("On track")
    assert_accessible(page)
    page.get_by_label("Show indicators of level").select_option("systems")
    expect(page.get_by_text("No indicator of this level measures this goal.")).to_be_visible()
    assert "level=systems" in page.url

    page.goto("/dashboard/indicators/enrolled/?start=2021")
    expect(page.get_by_role("table", name=re.compile("by period"))).to_contain_text("120")
    expect(page.locator("svg.chart-line")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Breakdown").select_option("sex")
    expect(page.get_by_role("heading", name="By Sex, 2023")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("by Sex"))).to_contain_text("Female")
    assert_accessible(page)
    page.get_by_label("Where").select_option("county:Durham")
    expect(page.get_by_role("heading", name="Durham County, by period")).to_be_visible()
    assert "scope=county%3ADurham" in page.url or "scope=county:Durham" in page.url
    assert_accessible(page)


def test_funder_reads_published_dashboards(page, world, password):
    figures(world)
    goal = Goal.objects.create(title="Credentials that count")
    goal.indicators.set([world.share])
    log_in(page, "funder@example.org", password)
    page.get_by_role("link", name="Agenda", exact=True).click()
    expect(page.get_by_role("heading", name="Goal 1: Credentials that count")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("link", name="Graduation rate").first.click()
    expect(page.get_by_role("table", name=re.compile("by period"))).to_contain_text("60.0%")
    assert_accessible(page)


def test_anonymous_reads_public_shared_and_embedded_views(page, world):
    from datetime import timedelta

    from django.utils import timezone

    from dashboards.actions import create_share_link

    figures(world)
    agg(world.share, "2024", "12.5", numerator=Decimal(1), denominator=Decimal(8))
    decide()
    goal = Goal.objects.create(title="Graduate")
    goal.indicators.set([world.share, world.count])
    Publication.objects.update(public=True)
    _link, token = create_share_link(
        label="Board", expires_at=timezone.now() + timedelta(days=2), by=world.backbone
    )
    for url in ("/public/", f"/shared/{token}/", "/public/embed/"):
        page.goto(url)
        expect(page.get_by_role("heading", name="Graduate")).to_be_visible()
        # 8 people: held back, and the page says why.
        expect(
            page.get_by_role("cell", name=re.compile("fewer than 10 people")).first
        ).to_be_visible()
        assert_accessible(page)
    page.goto(f"/shared/{token}/indicators/grad-rate/")
    expect(page.get_by_role("table", name=re.compile("by period"))).to_contain_text("suppressed")
    assert_accessible(page)
    # The indicator page links to the disclosure rules, open to everyone.
    page.get_by_role("link", name="The disclosure rules").click()
    expect(page.get_by_role("heading", name="How figures are published")).to_be_visible()
    assert_accessible(page)
