"""Events about organizations that other apps react to."""

from django.dispatch import Signal

# Sent inside the transaction that changed an organization's county or type
# (keyword argument: organization).
placement_changed = Signal()
