"""Funding alignment: streams linked to goals and strategies, and the aligned share."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.models import Goal, Strategy
from funding.alignment import active_in, alignment, years
from funding.models import FundingStream
from tests.factories import OrganizationFactory, SectorType

pytestmark = pytest.mark.django_db


def stream(world, name, amount, start="2025-01-01", end="2025-12-31", goals=(), strategies=()):
    s = FundingStream.objects.create(
        funder=world.funder_org,
        recipient=world.org_a,
        name=name,
        amount=Decimal(amount),
        start=date.fromisoformat(start),
        end=date.fromisoformat(end),
        purpose=f"Purpose of {name}",
    )
    s.goals.set(goals)
    s.strategies.set(strategies)
    return s


@pytest.fixture
def streams(world):
    graduate = Goal.objects.create(title="Graduate ready", order=0)
    career = Goal.objects.create(title="Start a career", order=1)
    third = Goal.objects.create(title="Adults return", order=2)
    fairs = Strategy.objects.create(goal=career, title="Career fairs")
    stream(world, "Tutoring grant", "100000.00", goals=[graduate])
    stream(world, "Fairs grant", "50000.50", "2024-07-01", "2026-06-30", strategies=[fairs])
    stream(world, "Both grant", "20000.00", goals=[graduate], strategies=[fairs])
    stream(world, "General support", "25000.25", "2025-06-01", "2025-06-30")
    stream(world, "Old grant", "999999.99", "2020-01-01", "2024-12-31", goals=[graduate])
    return {"graduate": graduate, "career": career, "third": third}


def test_active_in_a_year_means_the_period_touches_it(world):
    s = FundingStream(start=date(2024, 7, 1), end=date(2025, 1, 1))
    assert [y for y in (2023, 2024, 2025, 2026) if active_in(s, y)] == [2024, 2025]


def test_share_is_the_aligned_amount_over_the_total_in_decimal(world, streams):
    result = alignment(2025)
    assert result.total == Decimal("195000.75")
    assert result.aligned == Decimal("170000.50")
    assert result.share == Decimal("170000.50") / Decimal("195000.75")
    assert isinstance(result.share, Decimal)
    assert result.percent == Decimal("87.2")  # 87.179…
    assert [row.stream.name for row in result.unaligned] == ["General support"]
    assert result.unaligned_amount == Decimal("25000.25")
    by_goal = {share.goal.title: share for share in result.by_goal}
    # A stream linked to a goal and to a strategy of another goal counts under both.
    assert by_goal["Graduate ready"].amount == Decimal("120000.00")
    assert by_goal["Start a career"].amount == Decimal("70000.50")
    assert (by_goal["Adults return"].amount, by_goal["Adults return"].streams) == (Decimal(0), 0)
    assert by_goal["Graduate ready"].percent == Decimal("61.5")
    assert [row.stream.name for row in result.others] == ["Old grant"]


def test_no_streams_in_a_year_has_no_share(world, streams):
    result = alignment(2030)
    assert (result.total, result.aligned, result.share, result.percent) == (0, 0, None, None)
    assert years() == list(range(2026, 2019, -1))


def test_everyone_reads_the_page_with_the_rule_and_unaligned_flagged(world, streams):
    for user in (world.funder, world.member_a, world.lead_b, world.backbone):
        response = world.client(user).get(reverse("funding") + "?year=2025")
        assert response.status_code == 200
    text = response.text
    assert "87.2%" in text
    assert "$170,000.50 of $195,000.75" in text
    assert "Aligned share = the amount of the streams linked to at least one goal" in text
    assert "1 stream serves no goal or strategy (2025)" in text
    assert "General support (A Foundation to Durham Tech, $25,000.25)" in text
    assert "Not aligned</strong>: linked to no goal or strategy" in text
    assert 'aria-labelledby="funding-by-goal-title funding-by-goal-desc"' in text
    assert "<caption>Funding active in 2025 that serves each goal</caption>" in text
    funder_page = world.client(world.funder).get(reverse("funding")).text
    assert "Record a funding stream" not in funder_page


def test_an_unknown_year_is_an_error_beside_the_field(world, streams):
    response = world.client(world.member_a).get(reverse("funding") + "?year=1900")
    assert response.status_code == 400
    assert "year" in response.context["form"].errors


def test_the_year_fragment_for_htmx(world, streams):
    response = world.client(world.member_a).get(
        reverse("funding") + "?year=2024", headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<div id="alignment">')
    assert "Old grant" in response.text


def data(world, goal=None, **overrides):
    return {
        "name": "Pathways grant",
        "funder": world.funder_org.pk,
        "recipient": world.org_b.pk,
        "amount": "125000.00",
        "start": "2025-01-01",
        "end": "2025-12-31",
        "purpose": "Career navigators in every high school.",
        "goals": [goal.pk] if goal else [],
        **overrides,
    }


def test_backbone_records_edits_and_deletes_a_stream(world, streams):
    client = world.client(world.backbone)
    assert client.get(reverse("funding_stream_create")).status_code == 200
    response = client.post(reverse("funding_stream_create"), data(world, streams["third"]))
    assert response.status_code == 302
    created = FundingStream.objects.get(name="Pathways grant")
    assert list(created.goals.all()) == [streams["third"]]
    assert created.amount == Decimal("125000.00")
    url = reverse("funding_stream_edit", args=[created.pk])
    response = client.post(url, data(world, amount="1.50", name="Renamed"))
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.name, created.amount, created.aligned) == ("Renamed", Decimal("1.50"), False)
    assert client.post(reverse("funding_stream_delete", args=[created.pk])).status_code == 302
    assert not FundingStream.objects.filter(pk=created.pk).exists()


def test_bad_input_is_refused_with_errors_beside_the_fields(world, streams):
    client = world.client(world.backbone)
    before = FundingStream.objects.count()
    response = client.post(
        reverse("funding_stream_create"),
        data(world, amount="-5", start="2025-06-01", end="2025-01-01"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["amount"] == ["The amount cannot be negative."]
    assert errors["end"] == ["“Until” cannot come before “From”."]
    assert "The amount cannot be negative." in response.text
    assert 'aria-invalid="true"' in response.text
    assert FundingStream.objects.count() == before


def test_only_backbone_changes_streams(world, streams):
    one = FundingStream.objects.first()
    for user in (world.member_a, world.lead_b, world.funder):
        client = world.client(user)
        assert client.get(reverse("funding_stream_create")).status_code == 403
        assert client.post(reverse("funding_stream_create"), data(world)).status_code == 403
        assert client.post(reverse("funding_stream_edit", args=[one.pk])).status_code == 403
        assert client.post(reverse("funding_stream_delete", args=[one.pk])).status_code == 403
    assert FundingStream.objects.count() == 5
    assert world.client(None).get(reverse("funding")).status_code == 302


def test_funding_page_queries_do_not_grow_with_the_data(world, streams):
    client = world.client(world.funder)
    url = reverse("funding") + "?year=2025"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]

    small, _sql = count()
    goals = [Goal.objects.create(title=f"Goal {n}", order=10 + n) for n in range(6)]
    for n in range(30):
        org = OrganizationFactory(
            name=f"Funder {n}", slug=f"funder-{n}", sector_type=SectorType.FUNDER
        )
        s = stream(world, f"Stream {n}", f"{n}000.10", goals=goals[: n % 4])
        s.funder = org
        s.save()
        s.strategies.set([Strategy.objects.create(goal=goals[n % 6], title=f"S{n}")])
    large, sql = count()
    assert large == small, "\n".join(sql)
