"""The report grid by keyboard: each indicator is one table of its total and breakdowns;
arrows and Enter move between cells, a block pasted from a spreadsheet fills the cells, the
check in place never takes the focus or a typed value; without JavaScript it still saves."""

import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from measures.models import Category, DataValue, Dimension
from measures.periods import Period, PeriodType
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTE = """el => {
  const data = new DataTransfer();
  data.setData("text/plain", el.dataset.paste);
  const init = {clipboardData: data, bubbles: true, cancelable: true};
  el.dispatchEvent(new ClipboardEvent("paste", init));
}"""


@pytest.fixture
def breakdowns(world):
    sex = Dimension.objects.create(code="sex", name="Sex", order=1)
    for order, name in enumerate(["Female", "Male"]):
        Category.objects.create(dimension=sex, code=name.lower(), name=name, order=order)
    age = Dimension.objects.create(code="age", name="Age band", order=2)
    for order, name in enumerate(["16 to 18", "19 to 24", "25 and over"]):
        Category.objects.create(dimension=age, code=f"a{order}", name=name, order=order)
    world.share.dimensions.add(sex, age)
    period = Period.last_closed(PeriodType.YEAR, timezone.localdate())
    return reverse("report", args=[world.org_a.slug, period.key])


def cell(page, row, part):
    return page.get_by_label(f"{row}, {part}", exact=True)


def test_a_partner_fills_the_grid_by_keyboard_and_paste(page, breakdowns, password):
    log_in(page, "lead.a@example.org", password)
    page.goto(breakdowns)
    grid = page.get_by_role("table", name="Graduation rate: the total and each breakdown")
    expect(grid.get_by_role("rowheader", name="Female")).to_be_visible()  # no panel to open
    expect(grid.get_by_role("rowheader", name="25 and over")).to_be_visible()
    assert_accessible(page)

    # Enter and the arrows move between cells.
    cell(page, "Total", "Numerator").fill("80")
    page.keyboard.press("ArrowRight")
    expect(cell(page, "Total", "Denominator")).to_be_focused()
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    expect(cell(page, "Sex: Female", "Denominator")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(cell(page, "Sex: Female", "Numerator")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(cell(page, "Total", "Numerator")).to_be_focused()

    # A block copied from a spreadsheet: two columns, five rows; the male row is wrong.
    female = cell(page, "Sex: Female", "Numerator")
    female.evaluate(
        "(el, text) => el.dataset.paste = text", "45\t50\n35\t30\n10\t12\n30\t40\n40\t48\n"
    )
    female.focus()
    female.evaluate(PASTE)
    expect(cell(page, "Age band: 25 and over", "Denominator")).to_have_value("48")
    expect(cell(page, "Sex: Male", "Numerator")).to_have_value("35")
    expect(page.get_by_role("status").filter(has_text="Pasted 10 values.")).to_have_count(1)
    # The check in place marks the male row and leaves the focus where it was.
    male = cell(page, "Sex: Male", "Numerator")
    expect(page.locator("#" + male.get_attribute("id") + "_error")).to_have_text(
        "The numerator cannot be larger than the denominator."
    )
    expect(male).to_have_attribute("aria-invalid", "true")
    expect(female).to_be_focused()
    if os.environ.get("SCREENSHOT_DIR"):
        page.get_by_role("group", name="Graduation rate").screenshot(
            path=f"{os.environ['SCREENSHOT_DIR']}/report-grid-1280.png"
        )

    # Typing on while a check is under way loses nothing.
    cell(page, "Sex: Male", "Denominator").fill("50")
    page.keyboard.press("Tab")
    page.keyboard.type("7")
    expect(page.locator("#" + male.get_attribute("id") + "_error")).to_have_text("")
    expect(male).not_to_have_attribute("aria-invalid", "true")
    page.keyboard.press("Control+a")
    page.keyboard.type("12")
    expect(cell(page, "Age band: 16 to 18", "Numerator")).to_have_value("12")

    cell(page, "Total", "Value").fill("120")
    page.get_by_role("button", name="Save draft").click()
    expect(
        page.get_by_role("status").filter(has_text=re.compile("^Draft saved at"))
    ).to_be_visible()
    expect(page.get_by_text("Status: Draft")).to_be_visible()
    assert_accessible(page)
    stored = {
        (v.category.name if v.category else "Total"): (v.numerator, v.denominator)
        for v in DataValue.objects.filter(indicator__code="grad-rate").select_related("category")
    }
    assert stored["Total"] == (80, 100)
    assert stored["Male"] == (35, 50)
    assert stored["16 to 18"] == (12, 12)
    assert stored["25 and over"] == (40, 48)


@pytest.mark.parametrize("width", [390, 1280])
def test_without_javascript_the_grid_saves_and_fits_a_phone(
    browser, live_server, breakdowns, password, width
):
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": width, "height": 900},
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("lead.a@example.org")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")
    page.goto(breakdowns)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cell(page, "Total", "Value").fill("120")
    cell(page, "Total", "Numerator").fill("80")
    cell(page, "Total", "Denominator").fill("100")
    cell(page, "Sex: Female", "Numerator").fill("90")
    cell(page, "Sex: Female", "Denominator").fill("50")
    page.get_by_role("button", name="Save draft").click()
    summary = page.get_by_role("alert").filter(has_text="Nothing was saved")
    expect(summary.get_by_role("link")).to_have_text(
        "Graduation rate, Sex: Female, Numerator: "
        "The numerator cannot be larger than the denominator."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(
            path=f"{os.environ['SCREENSHOT_DIR']}/report-grid-nojs-{width}.png", full_page=True
        )
    cell(page, "Sex: Female", "Numerator").fill("45")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").filter(has_text=re.compile("Draft saved at"))).to_be_visible()
    assert (
        DataValue.objects.get(indicator__code="grad-rate", category__name="Female").numerator == 45
    )
    context.close()


def test_a_save_the_server_never_answers_is_not_silent(page, breakdowns, password):
    log_in(page, "lead.a@example.org", password)
    page.goto(breakdowns)
    cell(page, "Total", "Value").fill("120")

    def drop_saves(route):
        if route.request.method == "POST" and "save=" in (route.request.post_data or ""):
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/reports/**", drop_saves)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").filter(has_text="Nothing was saved")).to_contain_text(
        "What you typed is still on this page"
    )
    expect(cell(page, "Total", "Value")).to_have_value("120")
    assert not DataValue.objects.exists()
