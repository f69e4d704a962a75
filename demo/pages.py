"""Server time of the dashboard pages at the large scale, for the benchmark command.

Each page is requested through Django's full stack (middleware, session, view, templates)
in this process, as a signed-in person. "Warm" is the usual case: the figures of the last
roll-up are cached. "Cold" clears the cache before each request: the first reader after a
roll-up. The number of SQL queries of each page is counted too.
"""

import statistics
import time

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Aggregate, Indicator, ScopeType
from partners.models import Membership, Role

RUNS = 25


def _reader(role: str):
    membership = Membership.objects.filter(role=role).select_related("user").order_by("pk").first()
    return membership.user if membership else None


def busiest_indicator() -> Indicator | None:
    """A monthly indicator with breakdowns and figures: the heaviest indicator page."""
    row = (
        Aggregate.objects.filter(scope_type=ScopeType.REGION, period_type="month")
        .exclude(dimension_code="")
        .values_list("indicator_id", flat=True)
        .first()
    )
    return Indicator.objects.filter(pk=row).first() if row else Indicator.objects.first()


def page_timings(runs: int = RUNS) -> list[dict]:
    indicator = busiest_indicator()
    urls = [("Agenda dashboard", reverse("dashboard"))]
    if indicator is not None:
        page = reverse("indicator_dashboard", args=[indicator.code])
        urls += [
            ("Indicator page", page),
            ("Indicator page, quarters by sex", page + "?period_type=quarter&dimension="),
        ]
    results = []
    for role in (Role.BACKBONE, Role.MEMBER):
        user = _reader(role) or _reader(Role.LEAD)
        if user is None:
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for label, url in urls:
            for mode in ("warm", "cold"):
                client.get(url)  # fills the cache (and makes rows made on first sight)
                timings, queries = [], 0
                for _ in range(runs):
                    if mode == "cold":
                        cache.clear()
                    with CaptureQueriesContext(connection) as ctx:
                        started = time.perf_counter()
                        response = client.get(url)
                        timings.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{url} answered {response.status_code}")
                    queries = len(ctx.captured_queries)
                results.append(
                    {
                        "page": label,
                        "reader": str(Role(role).label),
                        "mode": mode,
                        "median_ms": statistics.median(timings),
                        "p95_ms": sorted(timings)[int(0.95 * (len(timings) - 1))],
                        "queries": queries,
                    }
                )
    return results
