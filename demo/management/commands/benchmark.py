"""Print the figures of the performance budgets (docs/architecture.md, "Budgets") at the
large scale (or, with ``--scale state``, the next one).

Each step runs in a process of its own so that its peak memory is its own. Needs
PostgreSQL (DATABASE_URL) and the data set (``seed_demo --scale large``, which this command
runs first if the data are missing). It lives in the agenda app because it measures the
dashboard pages too, and the agenda is the app that may know every other.
"""

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from demo import large, pages
from demo import partitions as partition_trial
from measures import imports, rollup_full, rollups
from measures.models import (
    Aggregate,
    DataValue,
    DisclosureBasis,
    RollupRun,
    Submission,
    SubmissionStatus,
)
from partners.models import Membership, Role, User
from partners.roles import roles_for

STEPS = ["floor", "full_rollup", "incremental", "import", "pages"]
TRIALS = ["partitions"]
IMPORT_ROWS = 100_000


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Benchmark roll-ups and imports at the large scale and print a table."

    def add_arguments(self, parser):
        parser.add_argument("--step", choices=STEPS + TRIALS, help="run one step (used internally)")
        parser.add_argument(
            "--nightly-only",
            action="store_true",
            help="time the nightly full roll-up only, not the one after a rule change (which"
            " decides every figure again: long at the state scale)",
        )
        parser.add_argument(
            "--partitions",
            action="store_true",
            help="also time the product's reads on a partitioned copy of the figures",
        )
        parser.add_argument(
            "--scale",
            choices=sorted(large.SCALES),
            default="large",
            help="the data set: large (2 million values) or state (20 million), each in a"
            " database of its own",
        )

    nightly_only = False

    def handle(
        self, *args, step=None, scale="large", partitions=False, nightly_only=False, **options
    ):
        self.nightly_only = nightly_only
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        if step:
            started = time.perf_counter()
            result = getattr(self, f"step_{step}")()
            result.setdefault("seconds", time.perf_counter() - started)
            result["peak_mb"] = peak_mb()
            self.stdout.write(json.dumps(result))
            return
        # The benchmark database is kept between runs: bring its tables up to date first.
        call_command("migrate", verbosity=0)
        if not large.exists(large.SCALES[scale]):
            self.stderr.write(f"Creating the {scale} data set (seed_demo --scale {scale})…")
            call_command("seed_demo", "--scale", scale, stdout=self.stderr)
        results = {}
        for name in STEPS + (TRIALS if partitions else []):
            self.stderr.write(f"Running {name}…")
            output = subprocess.run(
                [sys.executable, "manage.py", "benchmark", "--step", name]
                + (["--nightly-only"] if nightly_only else []),
                capture_output=True,
                text=True,
                env=os.environ.copy(),
                check=False,
            )
            if output.returncode != 0:
                raise CommandError(f"{name} failed:\n{output.stderr[-3000:]}")
            results[name] = json.loads(output.stdout.strip().splitlines()[-1])
        self.print_table(results)

    # --- steps -------------------------------------------------------------------------

    def step_floor(self) -> dict:
        """The reference: the fastest single statement known that computes the same figures
        from the same rows (``measures.rollup_full.FLOOR_SQL``, shown in the README), into an
        unlogged table that is dropped afterwards."""
        with transaction.atomic(), connection.cursor() as cursor:
            rollup_full.planner_settings(cursor)
            cursor.execute(f"DROP TABLE IF EXISTS {rollup_full.FLOOR_TABLE}")
            started = time.perf_counter()
            cursor.execute(rollup_full.FLOOR_SQL)
            rows = cursor.rowcount
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
        approved = DataValue.objects.filter(submission__status=SubmissionStatus.APPROVED).count()
        return {"rows": rows, "seconds": seconds, "approved_values": approved}

    def step_full_rollup(self) -> dict:
        """Two full rebuilds: the first decides every figure again, as after a change of the
        disclosure rules (the stored bases of the decisions are cleared first); the second
        is the nightly one, whose figures did not change and keep their decisions."""
        runs = []
        if self.nightly_only:
            runs.append((0, 0.0, 0.0, ""))
        else:
            DisclosureBasis.objects.all().delete()
        for _run in range(2 - len(runs)):
            started = time.perf_counter()
            rows = rollups.rebuild_all()
            seconds = time.perf_counter() - started
            run = RollupRun.objects.filter(kind=RollupRun.Kind.FULL).order_by("-started_at")[0]
            runs.append((rows, seconds, run.decision_seconds or 0.0, run.detail))
        (_rows, scratch, scratch_decisions, scratch_detail), (rows, seconds, decided, detail) = runs
        return {
            "rows": rows,
            "seconds": seconds,
            "decisions": decided,
            "written": detail.partition("; ")[2],
            "scratch_seconds": scratch,
            "scratch_decisions": scratch_decisions,
            "scratch_written": scratch_detail.partition("; ")[2],
        }

    def step_incremental(self) -> dict:
        """The roll-up one approval enqueues: the indicators of a monthly report, for its
        month and the quarter and year that contain it; also each indicator alone."""
        submission = (
            Submission.objects.filter(
                organization__slug__startswith=large.PREFIX,
                status=SubmissionStatus.APPROVED,
            )
            .order_by("-period_start", "organization_id")
            .first()
        )
        indicator_ids = list(
            submission.values.filter(category=None).values_list("indicator_id", flat=True)
        )
        slug = submission.organization.slug
        # A worker process has rolled up other reports before: the first roll-up of a fresh
        # process also loads the numerical libraries and warms Django's caches, and is
        # reported apart. It rolls up another organization's report of the same month.
        other = (
            Submission.objects.filter(
                organization__slug__startswith=large.PREFIX,
                status=SubmissionStatus.APPROVED,
                period_start=submission.period_start,
            )
            .exclude(organization=submission.organization)
            .first()
        )
        started = time.perf_counter()
        rollups.rollup(
            list(other.values.filter(category=None).values_list("indicator_id", flat=True)),
            other.period_type,
            other.period_start,
            other.organization.slug,
        )
        first = time.perf_counter() - started
        gc.freeze()  # as a worker does once it has started (config/celery_app.py)
        # As the task runs after an approval: every indicator of the report, in a transaction
        # of its own. Roll-ups are idempotent, so the data stay as they were: five runs, the
        # median reported (one run on this machine varies by a tenth either way).
        runs = []
        for _run in range(5):
            started = time.perf_counter()
            rollups.rollup(indicator_ids, submission.period_type, submission.period_start, slug)
            seconds = time.perf_counter() - started
            run = RollupRun.objects.order_by("-started_at", "-pk").first()
            runs.append((seconds, run.decision_seconds or 0))
        whole, decided = sorted(runs)[len(runs) // 2]
        slowest = max(seconds for seconds, _decided in runs)
        timings = []
        for indicator_id in indicator_ids:
            started = time.perf_counter()
            rollups.rollup([indicator_id], submission.period_type, submission.period_start, slug)
            timings.append(time.perf_counter() - started)
        return {
            "rows": len(indicator_ids),
            "seconds": whole,
            "median_ms": statistics.median(timings) * 1000,
            "max_ms": max(timings) * 1000,
            "decisions_ms": decided * 1000,
            "first_ms": first * 1000,
            "slowest_ms": slowest * 1000,
        }

    def step_import(self) -> dict:
        """Check and store 100,000 rows as approved history (backbone staff do not enter
        partners' drafts), then roll the transaction back."""
        rows = large.import_rows(timezone.localdate(), IMPORT_ROWS)
        text = "\n".join([",".join(imports.COLUMNS)] + [",".join(r) for r in rows]) + "\n"
        staff = Membership.objects.filter(role=Role.BACKBONE).select_related("user").first()
        user = staff.user if staff else User.objects.filter(is_superuser=True).first()
        if user is None:
            raise CommandError("The import needs a backbone staff account (run seed_demo).")
        roles = roles_for(user)
        started = time.perf_counter()
        with transaction.atomic():
            result = imports.run(text, user=user, roles=roles, approve=True, source="benchmark.csv")
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
        if not result.ok:
            raise CommandError(f"The import found problems: {result.problems[:3]}")
        return {"rows": result.rows, "seconds": seconds, "reports": result.submissions}

    def step_pages(self) -> dict:
        """Server time of the dashboard and indicator pages, warm and cold, and their queries."""
        timings = pages.page_timings()
        return {"rows": len(timings), "pages": timings}

    def step_partitions(self) -> dict:
        """The trial of a partitioned figures table (demo/partitions.py)."""
        return partition_trial.trial()

    # --- output ------------------------------------------------------------------------

    def print_table(self, r: dict) -> None:
        floor, full, inc, imp = r["floor"], r["full_rollup"], r["incremental"], r["import"]
        ratio = full["seconds"] / floor["seconds"] if floor["seconds"] else float("inf")
        lines = [
            ("Approved values rolled up", f"{floor['approved_values']:,}", "", "", ""),
            (
                "Floor: fastest single statement",
                f"{floor['rows']:,} rows",
                f"{floor['seconds']:.2f} s",
                "same figures, integer keys, unlogged table (README)",
                f"{floor['peak_mb']:.0f} MB",
            ),
            (
                "Full roll-up (nightly)",
                f"{full['rows']:,} rows",
                f"{full['seconds']:.2f} s",
                f"{ratio:.2f}× the floor (goal ≤ 2×), everything included; {full['written']}",
                f"{full['peak_mb']:.0f} MB",
            ),
            (
                "  of which disclosure decisions",
                "kept when unchanged",
                f"{full['decisions']:.2f} s",
                f"the figures alone: {full['seconds'] - full['decisions']:.2f} s, "
                f"{(full['seconds'] - full['decisions']) / floor['seconds']:.2f}× the floor",
                "",
            ),
            (
                "Incremental after one approval",
                f"{inc['rows']} indicators",
                f"{inc['seconds'] * 1000:.0f} ms",
                f"median of 5 (goal < 100 ms), slowest {inc.get('slowest_ms', 0):.0f} ms, "
                f"decisions {inc['decisions_ms']:.0f} ms of it; one indicator "
                f"alone: median {inc['median_ms']:.0f} ms, max {inc['max_ms']:.0f} ms; "
                f"the first in a fresh process {inc.get('first_ms', 0):.0f} ms",
                f"{inc['peak_mb']:.0f} MB",
            ),
            (
                "Import of CSV rows",
                f"{imp['rows']:,} rows",
                f"{imp['seconds']:.2f} s",
                f"{imp['rows'] / imp['seconds']:,.0f} rows/s",
                f"{imp['peak_mb']:.0f} MB",
            ),
        ]
        if full.get("scratch_seconds"):
            lines.insert(
                4,
                (
                    "Full roll-up, every figure decided",
                    "after a rule change",
                    f"{full['scratch_seconds']:.2f} s",
                    f"{full['scratch_seconds'] / floor['seconds']:.2f}× the floor; of which "
                    f"disclosure decisions {full['scratch_decisions']:.2f} s; "
                    f"{full['scratch_written']}",
                    "",
                ),
            )
        header = ("step", "size", "time", "figure", "peak memory")
        widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(5)]
        for row in [header, tuple("-" * w for w in widths), *lines]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
        aggregates = Aggregate.objects.count()
        self.stdout.write(f"\nAggregates stored: {aggregates:,}. Peak memory is the process's RSS.")
        if "pages" in r:
            self.print_pages(r["pages"]["pages"])
        if "partitions" in r:
            self.print_partitions(r["partitions"])

    def print_partitions(self, trial: dict) -> None:
        self.stdout.write(
            f"\nPartitioned figures (copies: plain {trial['build_plain_s']:.0f} s to build,"
            f" {partition_trial.PARTITIONS} hash partitions by indicator"
            f" {trial['build_partitioned_s']:.0f} s; median of {partition_trial.RUNS}):"
        )
        header = ("read", "plain", "partitioned", "ratio")
        rows = [
            (
                t["read"],
                f"{t['plain_ms']:.1f} ms",
                f"{t['partitioned_ms']:.1f} ms",
                f"{t['partitioned_ms'] / t['plain_ms']:.2f}×" if t["plain_ms"] else "",
            )
            for t in trial["reads"]
        ]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))

    def print_pages(self, pages: list[dict]) -> None:
        self.stdout.write(
            "\nPages (server time through the full Django stack; goal: median under 50 ms;"
            " warm = the figures of the last roll-up cached, cold = the first reader after"
            " a roll-up):"
        )
        header = ("page", "reader", "cache", "median", "p95", "SQL queries")
        rows = [
            (
                p["page"],
                p["reader"],
                p["mode"],
                f"{p['median_ms']:.1f} ms",
                f"{p['p95_ms']:.1f} ms",
                str(p["queries"]),
            )
            for p in pages
        ]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(6)]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
