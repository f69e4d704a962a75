"""Events of the shared measures that other apps react to."""

from django.dispatch import Signal

# Sent after a roll-up has committed new figures (incremental or full).
figures_changed = Signal()
