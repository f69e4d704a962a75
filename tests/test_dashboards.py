"""The agenda dashboard, indicator pages, publication, share links and the embed."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agenda.models import Goal
from agenda.versions import set_targets
from dashboards.actions import create_share_link, revoke_share_link
from measures import status
from measures.models import Aggregate, Direction, Publication, RollupRun
from measures.periods import parse_period
from tests.conftest import empty_the_cache
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def agg(indicator, key, value, *, scope="region", scope_key="", dim="", cat="", **extra):
    period = parse_period(key)
    fields = {"reported": 3, "expected": 3, **extra}
    return Aggregate.objects.create(
        indicator=indicator,
        period_type=period.type,
        period_start=period.start,
        scope_type=scope,
        scope_key=scope_key,
        dimension_code=dim,
        category_code=cat,
        value=Decimal(value) if value is not None else None,
        computed_at=timezone.now(),
        **fields,
    )


def rate(indicator, key, numerator, denominator, **extra):
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return agg(
        indicator,
        key,
        value.quantize(Decimal("0.0001")),
        numerator=Decimal(numerator),
        denominator=Decimal(denominator),
        **extra,
    )


def decide():
    """The disclosure decisions a roll-up makes, for figures a test wrote by hand."""
    from measures import decisions

    decisions.decide()


def goal_with(*indicators, title="Graduate ready"):
    goal = Goal.objects.create(title=title)
    goal.indicators.set(indicators)
    return goal


# The status rule -------------------------------------------------------------------


def P(key):
    return parse_period(key)


@pytest.mark.parametrize(
    ("series", "direction", "expected", "yardstick"),
    [
        ([("2021", None), ("2022", None)], Direction.UP, status.NO_DATA, None),
        ([("2021", "50"), ("2022", None)], Direction.UP, status.NO_DATA, None),  # at baseline
        ([("2022", "60")], Direction.UP, status.ON_TRACK, Decimal("55")),  # half way to 2023
        ([("2022", "54")], Direction.UP, status.OFF_TRACK, Decimal("55")),
        ([("2023", "60")], Direction.UP, status.ON_TRACK, Decimal("60")),  # target reached
        ([("2025", "61")], Direction.UP, status.OFF_TRACK, Decimal("70")),  # after last
        ([("2022", "54")], Direction.DOWN, status.ON_TRACK, Decimal("55")),
    ],
)
def test_status_rule(world, series, direction, expected, yardstick):
    indicator = world.share
    indicator.direction = direction
    targets = [(P("2023"), Decimal("60")), (P("2024"), Decimal("70"))]
    points = [(P(k), Decimal(v) if v else None) for k, v in series]
    progress = status.assess(indicator, points, (P("2021"), Decimal("50")), targets)
    assert progress.status == expected
    assert progress.yardstick == yardstick


def test_status_without_targets_is_no_target(world):
    progress = status.assess(world.count, [(P("2023"), Decimal(5))], None, [])
    assert progress.status == status.NO_TARGET
    assert progress.latest_value == 5


# The dashboard ---------------------------------------------------------------------


def test_dashboard_shows_latest_change_target_status_and_completeness(world):
    goal_with(world.share)
    set_targets(world.share, (P("2021"), Decimal(50)), [(P("2023"), Decimal(60))])
    rate(world.share, "2021", 50, 100)
    rate(world.share, "2022", 58, 100)
    rate(world.share, "2023", 40, 100, reported=2)  # one report of three still missing
    page = world.client(world.funder).get(reverse("dashboard")).text
    assert "Graduate ready" in page
    assert "58.0%" in page  # latest complete period; 2023 is provisional
    assert "+8.0 points" in page  # from the 50% baseline
    assert "55.0%" in page  # the yardstick for 2022, half way to the 2023 target
    assert "On track" in page  # 2023's 40% is not judged
    assert "3 of 3 partners" in page
    assert "2023: provisional, 2 of 3 reports" in page
    assert 'role="img"' in page  # the sparkline
    assert "How status is decided" in page


def test_dashboard_filters_by_level(world):
    world.count.level = "outcome"
    world.count.save()
    goal_with(world.share, world.count)
    client = world.client(world.member_a)
    page = client.get(reverse("dashboard") + "?level=outcome").text
    assert "Participants enrolled" in page and "Graduation rate" not in page
    fragment = client.get(reverse("dashboard") + "?level=outcome", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.text and 'id="goals"' in fragment.text


def test_small_counts_are_suppressed_outside_the_backbone(world):
    goal_with(world.count)
    agg(world.count, "2023", "4")
    decide()
    for reader in (world.funder, world.member_a):
        page = world.client(reader).get(reverse("dashboard")).text
        assert "suppressed (fewer than 10 people)" in page
        assert ">4<" not in page
    assert ">4<" in world.client(world.backbone).get(reverse("dashboard")).text


def test_funders_need_the_dashboard_published_for_them(world):
    Publication.objects.update(for_funders=False)
    response = world.client(world.funder).get(reverse("dashboard"))
    assert response.status_code == 403
    assert ">Dashboard<" not in world.client(world.funder).get(reverse("home")).text


# The indicator page ----------------------------------------------------------------


def explained(page: str) -> str:
    """The page with each figure's link to its explanation taken off, leaving the figure."""
    return re.sub(
        r'<a href="/indicators/[^"]*/explain/[^"]*">(.*?)<span class="visually-hidden">[^<]*'
        r"</span></a>",
        r"\1",
        page,
    )


def test_indicator_page_chart_and_table_agree_with_the_aggregates(world):
    goal_with(world.share)
    set_targets(world.share, (P("2020"), Decimal(40)), [(P("2023"), Decimal(70))])
    rows = {"2020": (40, 100), "2021": (45, 100), "2022": (60, 120), "2023": (63, 100)}
    for key, (n, d) in rows.items():
        rate(world.share, key, n, d)
    response = world.client(world.member_a).get(
        reverse("indicator_dashboard", args=["grad-rate"]) + "?start=2020&end=2023"
    )
    assert response.status_code == 200
    page = response.text
    assert page.count("/indicators/grad-rate/explain/?scope=region&amp;period=") >= 4
    table = re.findall(r'<th scope="row">(\d{4})</th>\s*<td>([\d.]+)%</td>', explained(page))
    assert table == [("2020", "40.0"), ("2021", "45.0"), ("2022", "50.0"), ("2023", "63.0")]
    svg = re.search(r"<svg[^>]*chart-line.*?</svg>", page, re.S).group(0)
    root = ET.fromstring(svg)  # noqa: S314 - our own markup
    title = root.find("{http://www.w3.org/2000/svg}title").text
    assert title == "Graduation rate: The whole region, by period"
    # Four actual points, and the target line and baseline are drawn.
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) >= 4
    assert "chart-target" in svg and "chart-baseline" in svg
    assert "Baseline (2020)" in page and "40.0%" in page


def test_indicator_page_breakdowns_by_category_and_scope(world):
    from measures.models import Category, Dimension

    sex = Dimension.objects.create(code="sex", name="Sex")
    Category.objects.create(dimension=sex, code="f", name="Female")
    Category.objects.create(dimension=sex, code="m", name="Male")
    world.count.dimensions.add(sex)
    agg(world.count, "2023", "120")
    agg(world.count, "2023", "70", dim="sex", cat="f")
    agg(world.count, "2023", "50", dim="sex", cat="m")
    agg(world.count, "2023", "120", scope="county", scope_key="Durham")
    agg(world.count, "2023", "30", scope="org_type", scope_key="college", reported=1, expected=1)
    agg(world.count, "2023", "90", scope="org_type", scope_key="k12")
    decide()
    url = reverse("indicator_dashboard", args=["enrolled"]) + "?dimension=sex&start=2023"
    page = world.client(world.member_a).get(url).text
    # Each figure links to how it was made.
    assert "explain/?scope=region&amp;period=2023&amp;category=sex:f" in page
    assert "explain/?scope=county&amp;key=Durham&amp;period=2023" in page
    page = explained(page)
    assert re.search(r'<th scope="row">Female</th><td>70</td>', page)
    assert re.search(r'<th scope="row">Male</th><td>50</td>', page)
    assert re.search(r'<th scope="row">Durham County</th><td>120</td>', page)
    # One college reported: outside readers do not see that one partner's figure.
    assert re.search(
        r"<th scope=\"row\">Community or technical college</th>"
        r"<td>suppressed \(fewer than 3 organizations\)",
        page,
    )
    # The region less the schools would give the college away: the schools are held back.
    assert re.search(
        r"<th scope=\"row\">K-12 school or district</th><td>suppressed \(protects another figure\)",
        page,
    )
    page = explained(world.client(world.backbone).get(url).text)
    assert re.search(r"<th scope=\"row\">Community or technical college</th><td>30</td>", page)


def test_indicator_page_filters_are_checked(world):
    url = reverse("indicator_dashboard", args=["enrolled"])
    response = world.client(world.member_a).get(url + "?start=soon&end=2020-Q1")
    assert response.status_code == 400
    assert "Write a period such as" in response.text
    assert "Choose a period of the kind" in response.text
    response = world.client(world.member_a).get(url + "?start=2023&end=2021")
    assert response.status_code == 400
    assert "“To” comes before “From”." in response.text


def test_csv_export_has_what_the_page_shows(world):
    rate(world.share, "2022", 60, 120)
    agg(world.count, "2022", "3")
    decide()
    client = world.client(world.member_a)
    response = client.get(reverse("indicator_dashboard_csv", args=["grad-rate"]) + "?start=2022")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["section"], r["period"], r["value"], r["numerator"]) for r in rows] == [
        ("trend", "2022", "50", "60")  # decimals without trailing zeros
    ]
    response = client.get(reverse("indicator_dashboard_csv", args=["enrolled"]) + "?start=2022")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["value"], r["suppressed"]) for r in rows] == [("", "true")]
    bad = client.get(reverse("indicator_dashboard_csv", args=["enrolled"]) + "?start=x")
    assert bad.status_code == 400 and "start" in bad.text


def test_pages_keep_a_constant_number_of_queries(world):
    client = world.client(world.member_a)
    goal_with(world.share)
    rate(world.share, "2014", 50, 100)
    agg(world.share, "2014", "1", scope="county", scope_key="Durham")

    def queries(url):
        client.get(url)  # rows made on first sight (the agenda, its first version)
        empty_the_cache()  # measure the page as it computes its figures
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = [
        reverse("dashboard"),
        reverse("indicator_dashboard", args=["grad-rate"]) + "?start=2014",
        reverse("agenda"),
    ]
    small = [queries(url) for url in urls]
    more = [IndicatorFactory(code=f"extra-{n}") for n in range(5)]
    goal_with(*more, title="Second goal")
    for year in range(2015, 2024):
        rate(world.share, str(year), 50, 100)
        agg(world.share, str(year), "1", scope="county", scope_key=f"C{year}")
        for indicator in more:
            agg(indicator, str(year), "20")
    RollupRun.objects.create(kind="full", status="ok", finished_at=timezone.now())
    assert [queries(url) for url in urls] == small


def test_cached_figures_change_after_a_rollup(world):
    goal_with(world.count)
    agg(world.count, "2023", "120")
    client = world.client(world.member_a)
    assert "120" in client.get(reverse("dashboard")).text
    Aggregate.objects.update(value=Decimal(150))
    assert ">150<" not in client.get(reverse("dashboard")).text  # cached
    RollupRun.objects.create(kind="incremental", status="ok", finished_at=timezone.now())
    assert ">150<" in client.get(reverse("dashboard")).text


# Publication, share links and the embed ---------------------------------------------


def test_public_pages_only_when_published_and_only_suppressed_figures(world, client):
    goal_with(world.count)
    agg(world.count, "2023", "4")
    decide()
    assert client.get(reverse("public_dashboard")).status_code == 404
    backbone = world.client(world.backbone)
    response = backbone.post(reverse("publishing"), {"for_funders": "on", "public": "on"})
    assert response.status_code == 302
    page = client.get(reverse("public_dashboard")).text
    assert "Participants enrolled" in page and "suppressed" in page and ">4<" not in page
    page = client.get(reverse("public_indicator", args=["enrolled"])).text
    assert "suppressed" in page and ">4<" not in page
    csv_text = client.get(reverse("public_indicator_csv", args=["enrolled"])).content.decode()
    assert ",4," not in csv_text and ",4.0000," not in csv_text and ",true," in csv_text
    embed = client.get(reverse("public_embed"))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed.headers
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert client.get(reverse("dashboard")).status_code == 302  # the signed-in pages stay closed
    assert "iframe" in backbone.get(reverse("publishing")).text


def test_drafts_and_unapproved_values_never_reach_the_public(world, client):
    from measures import actions
    from measures.models import Submission

    Publication.objects.update(public=True)
    goal_with(world.count)
    submission = Submission.objects.create(
        organization=world.org_a, period_type="year", period_start=date(2023, 1, 1)
    )
    actions.save_values(
        submission,
        {(world.count.pk, None): {"numerator": None, "denominator": None, "value": Decimal(777)}},
        by=world.member_a,
    )
    assert submission.values.get().value == 777  # a draft: not submitted, not approved
    page = client.get(reverse("public_dashboard")).text
    assert "777" not in page
    assert "777" not in client.get(reverse("public_indicator", args=["enrolled"])).text


def test_share_links_open_expire_and_can_be_revoked(world, client):
    goal_with(world.share)
    rate(world.share, "2023", 60, 100)
    backbone = world.client(world.backbone)
    response = backbone.post(reverse("share_link_create"), {"label": "County board", "days": 7})
    assert response.status_code == 200
    found = re.search(
        r'id="share-url" type="text" readonly value="http://testserver([^"]+)"', response.text
    )
    url = found.group(1)
    page = client.get(url)
    assert page.status_code == 200 and "60.0%" in page.text and "County board" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert client.get(url + "indicators/grad-rate/").status_code == 200
    assert client.get(url + "embed/").status_code == 200

    bad = backbone.post(reverse("share_link_create"), {"label": "", "days": 0})
    assert bad.status_code == 400 and "This field is required." in bad.text

    from dashboards.models import ShareLink

    link = ShareLink.objects.get()
    assert backbone.post(reverse("share_link_revoke", args=[link.pk])).status_code == 302
    assert client.get(url).status_code == 410
    assert client.get(url + "indicators/grad-rate/").status_code == 410

    expired, token = create_share_link(
        label="Old", expires_at=timezone.now() - timedelta(seconds=1), by=world.backbone
    )
    assert client.get(reverse("shared_dashboard", args=[token])).status_code == 410
    assert client.get(reverse("shared_dashboard", args=["not-a-token"])).status_code == 404
    revoke_share_link(expired)  # revoking twice is harmless
    assert expired.revoked_at is not None


def test_only_backbone_revokes_links(world):
    link, _token = create_share_link(
        label="x", expires_at=timezone.now() + timedelta(days=1), by=world.backbone
    )
    response = world.client(world.lead_a).post(reverse("share_link_revoke", args=[link.pk]))
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.is_active


def test_a_rollup_warms_the_dashboards(world):
    from measures import tasks

    goal_with(world.count)
    tasks.rebuild_all_aggregates()
    for reader in (world.member_a, world.backbone):
        with CaptureQueriesContext(connection) as ctx:
            assert world.client(reader).get(reverse("dashboard")).status_code == 200
        assert not any("measures_aggregate" in q["sql"] for q in ctx.captured_queries)
