"""Every page is well-formed HTML with a title, one h1, a main landmark and a skip link."""

import html5lib
import pytest
from django.urls import reverse

from tests.conftest import YEAR

pytestmark = pytest.mark.django_db

PAGES = {
    "anonymous": ["login", "password_reset", "password_reset_done"],
    "member_a": [
        "home",
        "dashboard",
        "organization_list",
        "indicator_list",
        "report_list",
        "password_change",
        ("organization_detail", "org_a"),
        ("indicator_detail", "count"),
        ("report", "report"),
        "agenda",
        "agenda_history",
        ("indicator_dashboard", "count"),
        ("indicator_dashboard", "share"),
    ],
    "backbone": [
        "agenda",
        "agenda_edit",
        "goal_create",
        "publishing",
        "dashboard",
        ("targets_edit", "share"),
        ("indicator_dashboard", "share"),
        "home",
        "review_queue",
        "console",
        "report_list",
        "organization_create",
        "indicator_create",
        ("organization_edit", "org_a"),
        ("invitation_create", "org_a"),
        ("invitation_list", "org_a"),
        ("indicator_edit", "count"),
        ("report", "report"),
    ],
    "funder": ["home", "dashboard", "agenda"],
}


def url_for(world, entry):
    if isinstance(entry, str):
        return reverse(entry)
    name, arg = entry
    args = {
        "org_a": [world.org_a.slug],
        "count": [world.count.code],
        "share": [world.share.code],
        "report": [world.org_a.slug, YEAR],
    }[arg]
    return reverse(name, args=args)


CASES = [(role, entry) for role, entries in PAGES.items() for entry in entries]


@pytest.fixture
def figures(world):
    """A goal with figures, so that the dashboards draw their charts and tables."""
    from agenda.models import Goal
    from tests.test_dashboards import agg, rate

    goal = Goal.objects.create(title="Graduate", description="**All** of them.")
    goal.indicators.set([world.share, world.count])
    for year in ("2021", "2022", "2023"):
        rate(world.share, year, 60, 100)
        agg(world.count, year, "40")
        agg(world.count, year, "40", scope="county", scope_key="Durham")


@pytest.mark.parametrize(("role", "entry"), CASES, ids=[f"{r}-{e}" for r, e in CASES])
def test_page_is_valid_and_labelled(world, figures, role, entry):
    user = None if role == "anonymous" else getattr(world, role)
    response = world.client(user).get(url_for(world, entry))
    assert response.status_code == 200
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(response.content)  # raises on any parse error
    assert document.get("lang") == "en"
    assert document.find("head/title").text.strip()
    assert len(document.findall(".//h1")) == 1
    assert document.find(".//main[@id='main']") is not None
    assert document.find(".//a[@class='skip-link']").get("href") == "#main"
    for field in document.iter("input"):
        if field.get("type") in {"hidden", "submit"}:
            continue
        field_id = field.get("id")
        assert field_id and document.find(f".//label[@for='{field_id}']") is not None, field_id
