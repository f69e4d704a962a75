"""Cached figures, and what is drawn from them, dropped whenever a roll-up changes the numbers
or backbone staff change who may read them.

A cached entry's key holds a stamp of the roll-ups that have finished (how many, and when the
last one ended) and of the publication settings (when they were last saved: the switches
for funders and the public, the disclosure settings). Every roll-up that commits and every
change of those settings changes the stamp, so no entry made before it is ever read again, in
any process; old entries simply expire. One small query per page reads the stamp. Entries
hold data, or HTML that is the same for every reader of a kind; never one person's.
"""

from common import cache as common_cache
from measures.models.figures import publication_and_stamp


def stamp() -> str:
    """Read once per reading request, with the publication settings
    (``publication_and_stamp``)."""
    return publication_and_stamp()[1]


def cached(parts: tuple, compute, *, extra: str = ""):
    """``compute()``'s result for ``parts`` (which must name everything it depends on,
    including who is reading when that changes what may be shown)."""
    return common_cache.cached("figures", (extra, *parts), compute, stamp=stamp())
