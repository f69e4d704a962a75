"""Database helpers that belong to no single app."""

import zlib

from django.core.management.color import no_style
from django.db import connection


def reset_sequences(*models) -> None:
    """After rows are written back with their old ids (restoring a version), move the id
    sequences past them so that the next new row does not collide."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def advisory_lock(name: str) -> None:
    """Serialise, until the current transaction ends, every transaction that takes the lock
    of this name (PostgreSQL; SQLite runs one writing transaction at a time anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(name.encode())])
