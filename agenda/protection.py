"""Why a goal or strategy, or a version restore that would delete one, was refused.

Partners' commitments (in activities, a layer above the agenda) point at a strategy with
PROTECT, so deleting a strategy under which commitments are recorded raises ProtectedError.
The records that refused name themselves: they give ``protection_label()``, the text that
names them in the message, ``protection_sort_key()`` and the ``strategy`` they are under.
The agenda imports nothing from the apps above it.
"""

from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _commitments_in(error: ProtectedError) -> list:
    """The commitments among the records that refused the deletion, in the order named."""
    commitments = [obj for obj in error.protected_objects if hasattr(obj, "protection_label")]
    return sorted(commitments, key=lambda c: c.protection_sort_key())


def _named(commitments: list) -> str:
    return "; ".join(c.protection_label() for c in commitments)


def protected_delete_message(thing, error: ProtectedError) -> str:
    """Why ``thing`` (a goal or strategy) cannot be deleted, naming what to move first."""
    commitments = _commitments_in(error)
    if not commitments:
        return _("“%(thing)s” cannot be deleted while other records point to it.") % {
            "thing": thing
        }
    return ngettext(
        "“%(thing)s” was not deleted: %(count)s commitment is recorded under it. Move it to "
        "another strategy first (edit the commitment), then delete again. Nothing was changed. "
        "The commitment: %(names)s.",
        "“%(thing)s” was not deleted: %(count)s commitments are recorded under it. Move them to "
        "another strategy first (edit each commitment), then delete again. Nothing was changed. "
        "The commitments: %(names)s.",
        len(commitments),
    ) % {"thing": thing, "count": len(commitments), "names": _named(commitments)}


def protected_restore_message(number: int, error: ProtectedError) -> str:
    """Why restoring version ``number`` was refused: it would delete strategies that
    commitments are recorded under."""
    commitments = _commitments_in(error)
    strategies = sorted({c.strategy.title for c in commitments})
    if not commitments:
        return _(
            "Version %(number)s was not restored: it would delete records that others point to. "
            "Nothing was changed."
        ) % {"number": number}
    return ngettext(
        "Version %(number)s was not restored: it would delete the strategy %(strategies)s, "
        "under which commitments are recorded. Move these commitments to a strategy that the "
        "version keeps first, then restore again. Nothing was changed. The commitments: "
        "%(names)s.",
        "Version %(number)s was not restored: it would delete the strategies %(strategies)s, "
        "under which commitments are recorded. Move these commitments to a strategy that the "
        "version keeps first, then restore again. Nothing was changed. The commitments: "
        "%(names)s.",
        len(strategies),
    ) % {
        "number": number,
        "strategies": ", ".join(f"“{title}”" for title in strategies),
        "names": _named(commitments),
    }
