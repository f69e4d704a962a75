"""Two people of one organization open the same report; the one who saves later, from the
older page, is told and keeps what they typed; nothing of the first save is lost."""

import os

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from measures.models import DataValue
from measures.periods import Period, PeriodType
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_save_from_an_older_page_is_refused_and_keeps_what_was_typed(
    browser, live_server, world, password, width
):
    period = Period.last_closed(PeriodType.YEAR, timezone.localdate())
    url = reverse("report", args=[world.org_a.slug, period.key])
    pages = []
    for email in ("member.a@example.org", "lead.a@example.org"):
        context = browser.new_context(
            base_url=live_server.url, bypass_csp=True, viewport={"width": width, "height": 900}
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        log_in(page, email, password)
        page.goto(url)
        pages.append(page)
    member, lead = pages

    def enrolled(page):
        return page.get_by_role("group", name="Participants enrolled").get_by_label("Value")

    enrolled(member).fill("130")
    member.get_by_role("button", name="Save draft").click()
    # Said beside the button, and the status at the top changes in place.
    expect(member.get_by_role("status").filter(has_text="Draft saved at")).to_be_visible()
    expect(member.get_by_text("Status: Draft")).to_be_visible()

    enrolled(lead).fill("99")
    lead.get_by_role("button", name="Save draft").click()
    alert = lead.get_by_role("alert")
    expect(alert).to_contain_text("Someone else saved this report since you opened the page")
    expect(alert).to_be_focused()
    expect(enrolled(lead)).to_have_value("99")  # what was typed is kept
    assert_accessible(lead)
    assert lead.evaluate("document.documentElement.scrollWidth") <= width
    if os.environ.get("SCREENSHOT_DIR"):
        lead.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/report-stale-{width}.png")
    assert DataValue.objects.get(indicator__code="enrolled", category=None).value == 130

    # Saving again from the refreshed form goes through.
    lead.get_by_role("button", name="Save draft").click()
    expect(lead.get_by_role("status").filter(has_text="Draft saved at")).to_be_visible()
    assert DataValue.objects.get(indicator__code="enrolled", category=None).value == 99
    for page in pages:
        page.context.close()
