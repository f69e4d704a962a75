"""How many notifications a person has not read: the count in every page's header."""

import contextlib

from communication.models import Notification

# Where the count read with the signed-in person is kept (config/auth.py).
ATTRIBUTE = "_unread_notifications"


def count(user) -> int:
    """``user``'s unread count: the one read with them, else one COUNT on the
    (user, read_at) index, kept on the user object for the rest of the request."""
    known = getattr(user, ATTRIBUTE, None)
    if known is None:
        known = Notification.objects.filter(user=user, read_at__isnull=True).count()
        setattr(user, ATTRIBUTE, known)
    return known


def forget(user) -> None:
    """After marking some read: the next ``count`` reads it again."""
    with contextlib.suppress(AttributeError):
        delattr(user, ATTRIBUTE)
