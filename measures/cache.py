"""Cached figures, and what is drawn from them, dropped whenever a roll-up changes the numbers
or backbone staff change who may read them.

A cached entry's key holds a stamp of the roll-ups that have finished (how many, and when the
last one ended) and of the publication settings (when they were last saved: the switches
for funders and the public, the disclosure settings). Every roll-up that commits and every
change of those settings changes the stamp, so no entry made before it is ever read again, in
any process; old entries simply expire. One small query per page reads the stamp. Entries
hold data, or HTML that is the same for every reader of a kind; never one person's.
"""

from django.db.models import Count, Max, Subquery

from common import cache as common_cache
from measures.models import Publication, RollupRun


def stamp() -> str:
    settings_saved = Publication.objects.order_by("pk").values("updated_at")[:1]
    row = RollupRun.objects.filter(status=RollupRun.Status.OK).aggregate(
        runs=Count("pk"), last=Max("finished_at"), published=Max(Subquery(settings_saved))
    )
    last = row["last"].timestamp() if row["last"] else 0
    published = row["published"].timestamp() if row["published"] else 0
    return f"{row['runs']}:{last}:{published}"


def cached(parts: tuple, compute, *, extra: str = ""):
    """``compute()``'s result for ``parts`` (which must name everything it depends on,
    including who is reading when that changes what may be shown)."""
    return common_cache.cached("figures", (extra, *parts), compute, stamp=stamp())
