"""Cached figures, and what is drawn from them, dropped whenever a roll-up changes the numbers
or backbone staff change who may read them.

A cached entry's key holds a stamp of the roll-ups that have finished (how many, and when the
last one ended) and of the publication settings (when they were last saved: the switches
for funders and the public, the disclosure settings). Every roll-up that commits and every
change of those settings changes the stamp, so no entry made before it is ever read again, in
any process; old entries simply expire. One small query per page reads the stamp. Entries
hold data, or HTML that is the same for every reader of a kind; never one person's.
"""

from functools import cache

from django.db import connections, router

from common import cache as common_cache
from common import scope
from measures.models import Publication, RollupRun


def stamp() -> str:
    """Read once per reading request (common/scope.py)."""
    return scope.once("figures-stamp", _stamp)


@cache
def _statement(alias: str) -> str:
    """Written once per process from the models' tables: it runs on every page that shows
    figures, where building it through the ORM would cost more than running it."""
    quote = connections[alias].ops.quote_name
    runs, settings = RollupRun._meta.db_table, Publication._meta.db_table
    return (
        f"SELECT COUNT(*), MAX({quote('finished_at')}),"  # noqa: S608
        f" (SELECT {quote('updated_at')} FROM {quote(settings)} ORDER BY {quote('id')} LIMIT 1)"
        f" FROM {quote(runs)} WHERE {quote('status')} = %s"
    )


def _stamp() -> str:
    alias = router.db_for_read(RollupRun)
    with connections[alias].cursor() as cursor:
        cursor.execute(_statement(alias), [RollupRun.Status.OK])
        runs, last, published = cursor.fetchone()
    # As the database gives them (a datetime, or text in SQLite): only their change counts.
    return f"{runs}:{last}:{published}"


def cached(parts: tuple, compute, *, extra: str = ""):
    """``compute()``'s result for ``parts`` (which must name everything it depends on,
    including who is reading when that changes what may be shown)."""
    return common_cache.cached("figures", (extra, *parts), compute, stamp=stamp())
