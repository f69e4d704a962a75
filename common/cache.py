"""The product's one way of caching computed data, with one key scheme.

An entry's key is ``<namespace>:<sha256 of its stamp and parts>``. The stamp names the version
of the data the entry was computed from (a count of roll-ups, the newest value, a counter that
saves bump): when the data change the stamp changes, so no entry made before is read again, in
any process, and old entries simply expire. The parts name everything else the result depends
on, the reader's language or role included when they change it. Entries hold data, or HTML
that is the same for every reader of a kind; never what belongs to one person.

The cache is a convenience, never a dependency: when it cannot be reached (Redis stopped) every
call here logs a warning and falls back to computing, so every page still serves.
"""

import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from common import replica, scope

HOUR = 60 * 60
# A stamp that matches no entry: while the cache is unreachable nothing cached is trusted.
UNAVAILABLE = "cache-unavailable"

log = logging.getLogger(__name__)


def _unreachable(action: str, error: Exception) -> None:
    log.warning("Cache unreachable (%s): %s; computing instead.", action, error)


def key(namespace: str, stamp: str, parts: tuple) -> str:
    raw = "|".join(str(part) for part in (stamp, *parts))
    return f"{namespace}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached(
    namespace: str, parts: tuple, compute: Callable[[], Any], *, stamp: str, timeout=HOUR
) -> Any:
    """``compute()``'s result, computed once for this stamp and these parts. Once the cache
    has failed (this call, or the stamp), it is not tried again: a hung Redis costs a page
    one timeout, not one per call."""
    if UNAVAILABLE in stamp or UNAVAILABLE in parts:  # a version could not be read
        return compute()
    entry = key(namespace, stamp, parts)
    value = _near.get(entry)
    if value is not None:
        return value
    try:
        value = cache.get(entry)
    except Exception as error:  # any cache failure: compute, never fail the page
        _unreachable("get", error)
        return compute()
    if value is None:
        with replica.primary():  # never store what a lagging replica says under a new stamp
            value = compute()
        try:
            cache.set(entry, value, timeout)
        except Exception as error:
            _unreachable("set", error)
    _near.put(entry, value)
    return value


class _Near:
    """The last HTML and JSON texts read from the cache, kept in this process for a minute.

    A key names the version of the data its entry came from (the stamp), so an entry kept
    here is as current as the shared cache's: it only saves the round trip and the copy of a
    large text. Only texts are kept (a str cannot be changed by the code that reads it); a
    bounded number, each for ``NEAR_SECONDS`` at most.
    """

    def __init__(self, size: int = 64):
        self.size = size
        self.entries: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, entry: str) -> str | None:
        with self.lock:
            found = self.entries.get(entry)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self.entries[entry]
                return None
            self.entries.move_to_end(entry)
            return found[1]

    def put(self, entry: str, value) -> None:
        if not isinstance(value, str):
            return
        with self.lock:
            self.entries[entry] = (time.monotonic() + NEAR_SECONDS, value)
            self.entries.move_to_end(entry)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


NEAR_SECONDS = 60
_near = _Near()


def forget_near() -> None:
    """Drop what this process keeps (tests, after emptying the shared cache)."""
    _near.clear()


def counter(name: str) -> str:
    """A stamp that ``bump(name)`` changes: for data whose saves are few and known. Read
    once per reading request (common/scope.py), which changes nothing: the first asks for
    every counter ``follow`` knows, in one round trip."""
    values = scope.once("counters", _followed_counters)
    if name not in values:
        values[name] = _counter(name)
    return values[name]


def _followed_counters() -> dict[str, str]:
    keys = {name: f"version:{name}" for name in sorted(FOLLOWED)}
    try:
        found = cache.get_many(list(keys.values()))
    except Exception as error:
        _unreachable("counters", error)
        return dict.fromkeys(keys, UNAVAILABLE)
    return {name: str(found[key]) if key in found else _counter(name) for name, key in keys.items()}


def _first_version() -> int:
    """Where a counter starts: a number no earlier start of it is likely to have had, so that
    a counter started again (Redis emptied) does not name entries of before."""
    return secrets.randbits(48)


def _counter(name: str) -> str:
    try:
        return str(cache.get_or_set(f"version:{name}", _first_version, None))
    except Exception as error:
        _unreachable("counter", error)
        return UNAVAILABLE


def bump(name: str) -> None:
    try:
        try:
            cache.incr(f"version:{name}")
        except ValueError:  # not there yet, or expired: any other number will do
            cache.set(f"version:{name}", _first_version(), None)
    except Exception as error:
        # Unreachable: entries made before stay under the old stamp until they expire.
        _unreachable("bump", error)


def bump_now_and_at_commit(name: str) -> None:
    """Now, and again once the change is committed: an entry computed in between, from what
    was there before the commit, is not read under the version that follows it."""
    from django.db import transaction

    bump(name)
    transaction.on_commit(lambda: bump(name))


# Saves of these fields alone move no counter on.
UNSHOWN_FIELDS = {"last_login"}

# Every name ``follow`` has been given: ``bump_all`` moves them all on.
FOLLOWED: set[str] = set()


def bump_all() -> None:
    """After writes that send no signal across the board (loading a data set in bulk)."""
    for name in sorted(FOLLOWED):
        bump(name)


def follow(name: str, models) -> None:
    """Move ``counter(name)`` on at every save or delete of a row of ``models`` and every
    change of their many-to-many fields (call from an AppConfig.ready). Bulk writes send no
    signal: code that writes so calls ``bump_now_and_at_commit(name)`` itself."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    FOLLOWED.add(name)

    def moved(update_fields=None, **_kwargs) -> None:
        if update_fields is not None and set(update_fields) <= UNSHOWN_FIELDS:
            return  # a sign-in's last_login: nothing cached shows it
        bump_now_and_at_commit(name)

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(moved, sender=model, weak=False, dispatch_uid=f"{name}-{model.__name__}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                moved,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{name}-{model.__name__}-{field.name}",
            )
