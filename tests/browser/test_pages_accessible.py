"""The other pages people use, in Chromium: each is checked with axe-core; a partner
imports a CSV file through the page and sees the result."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from measures import rollups
from measures.models import Category, Dimension
from measures.periods import Period, PeriodType
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_partner_imports_a_file_and_backbone_pages_are_accessible(page, world, password, tmp_path):
    sex = Dimension.objects.create(code="sex", name="Sex")
    Category.objects.create(dimension=sex, code="female", name="Female")
    Category.objects.create(dimension=sex, code="male", name="Male")
    world.count.dimensions.add(sex)
    period = Period.last_closed(PeriodType.YEAR, timezone.localdate())
    csv_file = tmp_path / "values.csv"
    csv_file.write_text(
        "indicator,organization,period,dimension,category,numerator,denominator,value,note\n"
        f"enrolled,durham-tech,{period.key},,,,,30,\n"
        f"enrolled,durham-tech,{period.key},sex,female,,,18,\n"
        f"enrolled,durham-tech,{period.key},sex,male,,,12,\n"
        f"grad-rate,durham-tech,{period.key},,,8,10,,\n",
        encoding="utf-8",
    )

    log_in(page, "lead.a@example.org", password)
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("link", name="Import values from a CSV file").click()
    assert_accessible(page)
    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("status").last).to_contain_text("Imported")
    expect(page.get_by_text("4 rows imported into 1 report(s)")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/reports/durham-tech/{period.key}/")
    enrolled = page.get_by_role("group", name="Participants enrolled")
    expect(enrolled.get_by_label("Sex: Female, Value")).to_have_value("18")
    assert_accessible(page)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("status").first).to_contain_text("Submitted for approval")
    page.get_by_role("link", name="Every change of every value").click()
    expect(page.get_by_role("cell", name="Imported from values.csv").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Log out").click()

    log_in(page, "backbone@example.org", password)
    page.goto(f"/reports/durham-tech/{period.key}/")
    page.get_by_role("button", name="Approve").click()
    rollups.rebuild_all()
    for path in (
        "/reports/calendar/",
        "/breakdowns/",
        "/breakdowns/sex/edit/",
        "/indicators/enrolled/",
        "/indicators/new/",
        "/accounts/tokens/",
        f"/indicators/enrolled/explain/?scope=region&period={period.key}",
        f"/indicators/enrolled/explain/?scope=region&period={period.key}&category=sex:male",
        "/organizations/durham-tech/",
        "/organizations/durham-tech/edit/",
        "/organizations/durham-tech/invitations/new/",
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"/indicators/enrolled/explain/?scope=region&period={period.key}")
    expect(page.get_by_text("Σ values = 30")).to_be_visible()
