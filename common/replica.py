"""Reads from a read replica, when there is one (``DATABASE_REPLICA_URL``; README, "Scaling
out"). The settings install the router and the middleware only then: with one database
nothing here runs.

What reads where:

- **The replica:** the reads of a read-only request (GET or HEAD of a page or of the API).
- **The primary:** every write; every read of a request that writes (any other method), and of
  a read-only request once it has written; every read inside a transaction (``atomic``); every
  read of Celery tasks and management commands (they run outside any request); and, whatever
  the request, the tables that signing in, locking out and access rest on (sessions, people,
  memberships, permissions, invitations, API tokens, django-axes' attempts), so that a person
  is never signed out, let in or kept out by the replica's lag. CSRF needs no table: its
  secret is in a cookie.
- **Read your writes:** a request that may have written (any method but GET and HEAD, or one
  that wrote) sets a signed cookie, and the same browser's requests read the primary for
  ``REPLICA_PIN_SECONDS`` after it: the page a form redirects to never shows what was there
  before the save.
- **What is cached** (``common.cache.cached``) is computed on the primary: an entry stored
  under a new stamp from data the replica has not caught up with would outlive the lag.
- **A replica that cannot be reached** (stopped, restarting, the network): the request reads
  the primary instead, and the replica is not tried again for ``REPLICA_RETRY_SECONDS``, so
  pages serve as with one database; a warning is logged once each time.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

PRIMARY = DEFAULT_DB_ALIAS
REPLICA = "replica"
READ_ONLY_METHODS = frozenset({"GET", "HEAD"})
PIN_COOKIE = "read_primary"
PIN_SALT = "common.replica.pin"

log = logging.getLogger(__name__)
_unreachable_until = 0.0  # this process does not try the replica before then (monotonic)

# Read on the primary by every request: what sign-in, lockout and access rest on.
PRIMARY_APPS = frozenset({"sessions", "auth", "contenttypes", "axes", "admin"})
PRIMARY_MODELS = frozenset(
    {
        "partners.user",
        "partners.membership",
        "partners.invitation",
        "partners.apitoken",
        "partners.passwordresetrequest",
        # Who may read what: a revoked share link or an unpublished audience is refused at
        # once, whatever the replica's lag.
        "dashboards.sharelink",
        "measures.publication",
    }
)


class _Reads:
    """Where one request reads: the replica until it writes (a write to the tables read on
    the primary anyway, such as a session saved or a token's last use, does not count)."""

    __slots__ = ("replica", "wrote")

    def __init__(self, replica: bool):
        self.replica = replica
        self.wrote = False


# None outside requests (tasks, commands): everything on the primary.
_reads: ContextVar[_Reads | None] = ContextVar("database_reads", default=None)


def _on_primary_always(model) -> bool:
    meta = model._meta
    owner = meta.auto_created._meta if meta.auto_created else meta  # a many-to-many table
    return meta.app_label in PRIMARY_APPS or owner.label_lower in PRIMARY_MODELS


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if (
            reads is None
            or not reads.replica
            or _on_primary_always(model)
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        reads = _reads.get()
        if reads is not None and not _on_primary_always(model):
            reads.replica = False  # read what it wrote, for the rest of the request
            reads.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read on one may meet one of the other.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None  # the replica follows the primary's schema


@contextmanager
def primary():
    """Every read inside goes to the primary, inside a request as outside."""
    reads = _reads.get()
    if reads is None or not reads.replica:
        yield
        return
    reads.replica = False
    try:
        yield
    finally:
        reads.replica = not reads.wrote


def replica_reachable() -> bool:
    """Whether the replica answers: its connection is opened (or, when kept from an earlier
    request, checked) now, before any read is sent to it. After a failure the replica is not
    tried again for ``REPLICA_RETRY_SECONDS``."""
    global _unreachable_until
    if time.monotonic() < _unreachable_until:
        return False
    try:
        # A connection kept from an earlier request is checked first: the replica may have
        # stopped since, and the request must not be the one that finds out.
        connections[REPLICA].close_if_health_check_failed()
        connections[REPLICA].ensure_connection()
    except DatabaseError as error:
        _unreachable_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        log.warning("The read replica cannot be reached (%s); reading the primary.", error)
        connections[REPLICA].close()
        return False
    return True


def _pin_seconds() -> int:
    return settings.REPLICA_PIN_SECONDS


def _pinned(request) -> bool:
    if _pin_seconds() <= 0:
        return False
    return (
        request.get_signed_cookie(PIN_COOKIE, default=None, salt=PIN_SALT, max_age=_pin_seconds())
        is not None
    )


class ReplicaMiddleware:
    """Decides where a request reads (first in ``MIDDLEWARE``, before anything reads), and
    pins a browser that may have written to the primary for ``REPLICA_PIN_SECONDS``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        read_only = request.method in READ_ONLY_METHODS
        reads = _Reads(replica=read_only and not _pinned(request) and replica_reachable())
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if (not read_only or reads.wrote) and _pin_seconds() > 0:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_SALT,
                max_age=_pin_seconds(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
