"""A partner member finds a pathway in the directory, reads its map and its list view, and
prints it; every page is checked with axe-core, and the arrows meet the cards they join."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.test_pathway_pages import catalog  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def arrow_meets_its_cards(page, source_pk, target_pk):
    """The arrow from one card to another starts at the source's edge and its head touches the
    target's edge, in the layout the browser made (not only in the numbers map.py wrote)."""
    ends = page.locator(f'g[data-from="{source_pk}"][data-to="{target_pk}"] line').evaluate_all(
        """lines => lines.map(line => {
            const box = line.ownerSVGElement.getBoundingClientRect();
            return [box.x + line.x1.baseVal.value, box.y + line.y1.baseVal.value,
                    box.x + line.x2.baseVal.value, box.y + line.y2.baseVal.value];
        })"""
    )
    x1, y1 = ends[0][:2]
    x2, y2 = ends[-1][2:]
    source = page.locator(f"#step-{source_pk}").bounding_box()
    target = page.locator(f"#step-{target_pk}").bounding_box()
    assert abs(x1 - (source["x"] + source["width"])) <= 1
    assert abs(y1 - (source["y"] + source["height"] / 2)) <= 1
    assert abs(x2 - target["x"]) <= 1
    assert abs(y2 - (target["y"] + target["height"] / 2)) <= 1


def test_member_finds_reads_and_prints_a_pathway(page, world, catalog, password):  # noqa: F811
    log_in(page, world.member_a.email, password)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Pathways", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Career pathways")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Machining")).to_be_visible()
    assert_accessible(page)

    # Filtering by sector swaps the results in place (htmx) and puts the filter in the URL.
    page.get_by_label("Sector").select_option("health")
    expect(page).to_have_url(re.compile(r"/pathways/\?sector=health"))
    expect(results.get_by_role("link", name="Machining")).to_have_count(0)
    expect(page.locator("#results caption")).to_have_text("1 pathway matches")
    assert_accessible(page)

    page.locator("#results").get_by_role("link", name="Nursing", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing")
    # The pathway's figures load after the page (htmx) and move the map down: measure the
    # map once they are in.
    expect(page.locator(".pathway-measures-slot")).to_have_count(0)
    the_map = page.get_by_role("group", name="Map of the pathway")
    expect(the_map).to_be_visible()
    for stage in ("Explore", "Prepare", "Train", "Launch", "Advance"):
        expect(the_map.get_by_role("heading", name=stage)).to_be_visible()
    card = page.locator(f"#step-{catalog.steps['lpn'].pk}")
    expect(card).to_contain_text("$52,000 a year")
    expect(the_map.get_by_text("Entry point for adults").first).to_be_visible()
    expect(the_map.get_by_text("Exit point").first).to_be_visible()
    steps = catalog.steps
    arrow_meets_its_cards(page, steps["basics"].pk, steps["program"].pk)
    arrow_meets_its_cards(page, steps["explore"].pk, steps["program"].pk)
    arrow_meets_its_cards(page, steps["aide"].pk, steps["lpn"].pk)
    # Cards in one row line up across the stages.
    tops = {
        page.locator(f"#step-{steps[name].pk}").bounding_box()["y"]
        for name in ("explore", "basics", "program", "aide", "lpn")
    }
    assert len(tops) == 1
    assert_accessible(page)

    page.get_by_role("link", name="Skip to the list view").click()
    expect(page).to_have_url(re.compile(r"#list-view$"))
    listing = page.get_by_role("region", name="List view: the steps, stage by stage")
    expect(listing.get_by_role("heading", level=2)).to_be_in_viewport()
    expect(
        listing.get_by_role("heading", name="Work as a licensed practical nurse")
    ).to_be_visible()
    expect(
        listing.get_by_role("listitem").filter(has_text="Nurse Aide I certification")
    ).to_contain_text("Requires")

    # On paper: the map is still there, every card whole, the navigation gone.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1047, "height": 720})  # landscape A4 less 1 cm margins
    expect(the_map).to_be_visible()
    expect(card).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Skip to the list view")).to_be_hidden()
    arrow_meets_its_cards(page, steps["aide"].pk, steps["lpn"].pk)
    grid = page.locator(".map-grid").bounding_box()
    scroll = page.locator(".map-scroll").bounding_box()
    assert grid["width"] <= scroll["width"] + 1  # nothing cut off at the right
    # The map's page prints in landscape (a named page in app.css).
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", page.pdf(prefer_css_page_size=True))
    assert float(box[1]) > float(box[2])
    page.emulate_media(media="screen")

    # The occupation and the program the map names.
    card.get_by_role("link", name="Licensed Practical Nurses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Licensed Practical Nurses")
    expect(page.get_by_role("link", name="Nursing", exact=True)).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.locator(f"#step-{steps['program'].pk}").get_by_role(
        "link", name="Nursing Assistant I"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing Assistant I")
    assert_accessible(page)
    for path in ("/occupations/", "/programs/", f"/credentials/{catalog.cna.pk}/"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    # Searching occupations as one types.
    page.goto("/occupations/")
    page.get_by_label("SOC code or title contains").fill("machin")
    expect(page).to_have_url(re.compile(r"q=machin"))
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert_accessible(page)
