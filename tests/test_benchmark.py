"""The benchmark's data generator and every step, on a small version of the large scale."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from demo import large as benchmark
from measures.models import Aggregate, DataValue, Indicator, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_scale(monkeypatch, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the large scale is generated with PostgreSQL")
    monkeypatch.setattr(benchmark, "ORGANIZATIONS", 20)
    monkeypatch.setattr(benchmark, "UNITS", ["count", "percent", "score", "stock"])
    monkeypatch.setattr(benchmark, "INDICATORS", 4)
    monkeypatch.setattr(benchmark, "MONTHS", 18)
    monkeypatch.setattr(benchmark, "OPEN_MONTHS", 3)
    monkeypatch.setattr(benchmark, "REPORTERS_EVERY", 2)
    settings.DEBUG = True
    call_command("seed_demo", "--scale", "large", stdout=StringIO())


def test_seed_large_makes_the_data_once(small_scale):
    bench = Indicator.objects.filter(code__startswith=benchmark.PREFIX)
    assert bench.count() == 4
    assert Submission.objects.filter(organization__slug__startswith="bench-").count() == 20 * 15
    values = DataValue.objects.count()
    assert values > 0
    assert Aggregate.objects.filter(indicator__in=bench).exists()
    call_command("seed_demo", "--scale", "large", stdout=StringIO())
    assert DataValue.objects.count() == values


@pytest.mark.parametrize("step", ["group_by", "full_rollup", "incremental", "import", "pages"])
def test_every_step_runs_and_reports_figures(small_scale, monkeypatch, step):
    from demo.management.commands import benchmark as command

    monkeypatch.setattr(command, "IMPORT_ROWS", 500)
    out = StringIO()
    call_command("benchmark", "--step", step, stdout=out)
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert figures["rows"] > 0
    assert figures["seconds"] >= 0
    assert figures["peak_mb"] > 0


def test_the_table_shows_each_figure_and_goal(db):
    from demo.management.commands.benchmark import Command

    out = StringIO()
    command = Command(stdout=out)
    command.print_table(
        {
            "group_by": {"rows": 10, "seconds": 2.0, "approved_values": 1000, "peak_mb": 70},
            "full_rollup": {
                "rows": 12,
                "seconds": 3.0,
                "decisions": 1.0,
                "scratch_seconds": 9.5,
                "scratch_decisions": 7.25,
                "peak_mb": 71,
            },
            "incremental": {
                "rows": 10,
                "seconds": 0.08,
                "median_ms": 20,
                "max_ms": 30,
                "decisions_ms": 25,
                "peak_mb": 72,
            },
            "import": {"rows": 100_000, "seconds": 50.0, "reports": 9, "peak_mb": 200},
        }
    )
    table = out.getvalue()
    assert "1.50× the GROUP BY (goal ≤ 2×)" in table
    assert "of which disclosure decisions" in table and "1.00 s" in table
    assert "the figures alone: 2.00 s, 1.00× the GROUP BY" in table
    assert "after a rule change" in table and "of which disclosure decisions 7.25 s" in table
    assert "decisions 25 ms of it" in table
    assert "80 ms" in table and "median of 5 (goal < 100 ms)" in table
    assert "2,000 rows/s" in table
    assert "200 MB" in table


def test_the_pages_table_prints_each_page(db):
    from demo.management.commands.benchmark import Command

    out = StringIO()
    Command(stdout=out).print_pages(
        [
            {
                "page": "Agenda dashboard",
                "reader": "Backbone staff",
                "mode": "warm",
                "median_ms": 12.34,
                "p95_ms": 20.0,
                "queries": 9,
            }
        ]
    )
    assert "Agenda dashboard" in out.getvalue() and "12.3 ms" in out.getvalue()
    assert "goal: median under 50 ms" in out.getvalue()
