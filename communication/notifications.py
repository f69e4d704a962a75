"""In-app notifications: what kinds there are, and writing them.

Writing one does not email it: ``communication.actions.notify`` enqueues the email after
commit; the report reminders, already in a worker, email theirs themselves.
"""

from collections.abc import Callable, Iterable

from common.languages import in_language_of
from communication.models import Notification
from partners.models import User

# The kinds of notification, each allowed by the EmailPreference field of the same name.
UPDATES = "updates"
MEETINGS = "meetings"
REMINDERS = "reminders"
REPORTS = "reports"
KINDS = (UPDATES, MEETINGS, REMINDERS, REPORTS)

TEXT_LENGTH = 300  # Notification.text


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


Text = str | Callable[[], str]


def create_notifications(
    users: Iterable[User], text: Text, url: str, kind: str
) -> list[Notification]:
    """One notification for each person; ``kind`` says which email preference allows it.
    ``text`` is best a function that writes it: it is then written in each person's own
    language (and their email with it)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of notification: {kind!r}")

    def written(user: User) -> str:
        return _short(in_language_of(user, text) if callable(text) else text, TEXT_LENGTH)

    return Notification.objects.bulk_create(
        [Notification(user=user, text=written(user), url=url, kind=kind) for user in users]
    )
