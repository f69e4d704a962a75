"""Cached figures for the dashboards, dropped whenever a roll-up changes the numbers.

A cached entry's key holds a stamp of the roll-ups that have finished (how many, and when the
last one ended). Every roll-up that commits changes the stamp, so no entry made before it is
ever read again, in any process; old entries simply expire. One small query per page reads
the stamp. Entries hold data, never HTML: pages still render per person.
"""

from django.db.models import Count, Max

from common import cache as common_cache
from measures.models import RollupRun


def stamp() -> str:
    row = RollupRun.objects.filter(status=RollupRun.Status.OK).aggregate(
        runs=Count("pk"), last=Max("finished_at")
    )
    last = row["last"].timestamp() if row["last"] else 0
    return f"{row['runs']}:{last}"


def cached(parts: tuple, compute, *, extra: str = ""):
    """``compute()``'s result for ``parts`` (which must name everything it depends on,
    including who is reading when that changes what may be shown)."""
    return common_cache.cached("figures", (extra, *parts), compute, stamp=stamp())
