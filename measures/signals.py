"""Events of the shared measures that other apps react to."""

from django.dispatch import Signal

# Sent after a roll-up has committed new figures (incremental or full).
figures_changed = Signal()

# Sent inside the transaction that moved a report on: submitted, returned, approved or
# reopened (keyword arguments: submission, action (a SubmissionEvent.Action), by, comment).
report_moved = Signal()
