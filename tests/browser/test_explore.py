"""A visitor on a phone finds the nursing pathway from the landing page: where to start, what
it costs, how long it takes and what it pays; every public page passes axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_on_a_phone_finds_nursing_where_to_start_and_what_it_pays(page, public_pathway):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a career pathway")
    assert_accessible(page)
    page.get_by_label("Where I can start").select_option("adult")
    expect(page.get_by_role("heading", name="1 pathway")).to_be_visible()
    page.get_by_role("link", name="Nursing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing")
    starts = page.get_by_role("region", name="Where you can start").or_(
        page.locator("section", has=page.get_by_role("heading", name="Where you can start"))
    )
    expect(starts.first).to_contain_text("Nurse Aide I")
    expect(starts.first).to_contain_text("$650")
    expect(starts.first).to_contain_text("3 months")
    jobs = page.get_by_role("table", name="Jobs at the end of this pathway, with their wages")
    expect(jobs.get_by_role("row", name="Nursing assistants")).to_contain_text("$37,560")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    expect(page.get_by_role("link", name="Partners: log in")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_visitor_searches_reads_a_pathway_and_a_job(page, demo_pathways, width):
    """Every public page at both widths: the landing page and a search, a pathway (programs,
    outcomes, sharing), a job and the embed; axe-core clean and no sideways scrolling."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/explore/")
    page.get_by_label("Search jobs, programs and pathways").fill("nurse")
    expect(page.get_by_role("heading", name="1 pathway")).to_be_visible()
    assert "q=nurse" in page.url  # the search is in the address, to share
    page.get_by_text("More choices: cost, length, schedule, wage").click()
    page.get_by_label("A program that costs").select_option("1000")
    expect(page.get_by_text("Programs that fit your choices:")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Nursing and health sciences").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing and health sciences")
    expect(page.get_by_role("heading", name="How people do on this pathway")).to_be_visible()
    enrol = page.locator("#list-view").get_by_text("How to enrol").first
    expect(enrol).to_be_visible()
    expect(page.get_by_role("button", name="Print this pathway")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("table", name="Jobs at the end of this pathway").get_by_role(
        "link", name="Nursing Assistants"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing Assistants")
    next_jobs = page.get_by_role("table", name="Jobs that come after this one")
    expect(next_jobs).to_contain_text("Registered Nurses")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(f"/explore/{demo_pathways.slug}/embed/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nursing and health sciences")
    assert_accessible(page)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_public_pages_print_without_empty_pages(page, demo_pathways, paper):
    """A pathway, the landing page and a job print on A4 and Letter, every page with text on
    it, and without the search form, the share box or the site's navigation."""
    import io

    from pypdf import PdfReader

    for url in (
        "/explore/",
        f"/explore/{demo_pathways.slug}/",
        "/explore/jobs/31-1131/",
    ):
        page.goto(url)
        reader = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
        texts = [p.extract_text() or "" for p in reader.pages]
        assert all(len(text.strip()) > 20 for text in texts), (url, paper, len(texts))
        whole = "\n".join(texts)
        assert "Partners: log in" not in whole
        assert "Share, print or reuse" not in whole
        assert "Search jobs, programs" not in whole
