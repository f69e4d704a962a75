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
    monkeypatch.setitem(benchmark.SCALES, "large", benchmark.Scale("large", 20, 12))
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


def test_a_database_holds_one_scale(small_scale):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="use a database of its own for each scale"):
        call_command("seed_demo", "--scale", "state", stdout=StringIO())


@pytest.mark.parametrize(
    "step", ["floor", "full_rollup", "incremental", "import", "pages", "partitions"]
)
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
            "floor": {"rows": 10, "seconds": 2.0, "approved_values": 1000, "peak_mb": 70},
            "full_rollup": {
                "rows": 12,
                "seconds": 3.0,
                "decisions": 1.0,
                "written": "0 figures written, in place",
                "scratch_seconds": 9.5,
                "scratch_decisions": 7.25,
                "scratch_written": "12 figures written, a new table swapped in",
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
    assert "1.50× the floor (goal ≤ 2×), everything included; 0 figures written" in table
    assert "of which disclosure decisions" in table and "1.00 s" in table
    assert "the figures alone: 2.00 s, 1.00× the floor" in table
    assert "after a rule change" in table and "4.75× the floor" in table
    assert "of which disclosure decisions 7.25 s; 12 figures written, a new table" in table
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


def test_the_partitions_table_prints_each_read(db):
    from demo.management.commands.benchmark import Command

    out = StringIO()
    Command(stdout=out).print_partitions(
        {
            "reads": [{"read": "An indicator page", "plain_ms": 2.0, "partitioned_ms": 3.0}],
            "build_plain_s": 10.0,
            "build_partitioned_s": 12.0,
        }
    )
    assert "An indicator page" in out.getvalue() and "1.50×" in out.getvalue()


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8766/healthz
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.14ms    2.10ms  31.20ms   80.00%
  Latency Distribution
     50%    8.90ms
     75%    9.80ms
     90%   11.20ms
     99%   17.50ms
  4380 requests in 5.00s, 1.20MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    876.12
Transfer/sec:    245.10KB
"""


def test_throughput_reads_wrk_and_prints_each_page_as_a_share_of_healthz(monkeypatch):
    from subprocess import CompletedProcess

    from django.core.management.base import CommandError

    from demo.management.commands import throughput

    monkeypatch.setattr(
        throughput.subprocess,
        "run",
        lambda *a, **k: CompletedProcess(a, 0, stdout=WRK_OUTPUT, stderr=""),
    )
    command = throughput.Command(stdout=StringIO())
    load = command._load("http://127.0.0.1:8766", "/healthz", "", 5, 8)
    assert load == {"rate": 876.12, "errors": 3, "p50_ms": 8.9}
    healthz = {"rate": 800.0, "errors": 0, "p50_ms": 1.0}
    slower = {"rate": 400.0, "errors": 0, "p50_ms": 2.0}
    pages = [
        ("member", "Home", "/", {"rate": 500.0, "errors": 0, "p50_ms": 4.0, "healthz": healthz}),
        ("funder", "Network", "/network/", {"rate": 100.0, "errors": 0, "p50_ms": 40.0,
                                            "healthz": healthz}),
        # The machine slowed down: the share is of the /healthz measured beside the page.
        ("lead", "Network", "/network/", {"rate": 220.0, "errors": 0, "p50_ms": 9.0,
                                          "healthz": slower}),
    ]  # fmt: skip
    command._report(pages)
    table = command.stdout.getvalue()
    assert "/healthz: 400–800 requests/s" in table
    assert "62%" in table and "12%" in table and "55%" in table
    assert "2 of 3 pages at half of /healthz or better (goal: all); 0 errors." in table
    pages.append(
        ("member", "API", "/api/", {"rate": 400.0, "errors": 2, "p50_ms": 4.0, "healthz": healthz})
    )
    with pytest.raises(CommandError, match="2 requests failed"):
        command._report(pages)


def test_throughput_load_is_bounded():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--seconds must be 1–60"):
        call_command("throughput", "--seconds", "600", stdout=StringIO())
