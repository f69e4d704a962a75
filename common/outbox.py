"""A transactional outbox: background work that is never lost when the broker is down.

``enqueue(task, *args)`` records the work in the transaction of the write that needs it. Once
that transaction commits, the work is sent to the broker; if the broker cannot take it (Redis
stopped), the write still succeeds, the failure is logged, and the message waits in the
table. ``dispatch_pending`` sends whatever waits: beat runs it every minute and each worker
when it starts, so the work is done once the broker is back. A message is marked sent in the
transaction that sent it, under a row lock, so two sweeps never send it twice; the tasks are
idempotent besides (running one twice gives the same result).
"""

import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from common.models import OutboxMessage

log = logging.getLogger(__name__)

# Messages younger than this are left to the sending that follows their own commit.
GRACE = timedelta(seconds=30)
BATCH = 200


def enqueue(task, *args, **kwargs) -> OutboxMessage:
    """Record ``task(*args, **kwargs)`` with the current transaction; send it after commit."""
    message = OutboxMessage.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: _send(message.pk))
    return message


def _send(pk: int) -> bool:
    """Send one waiting message; False (logged, recorded) when the broker cannot take it."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if message is None:  # sent already, or being sent by a sweep
            return True
        try:
            current_app.tasks[message.task].apply_async(message.args, message.kwargs)
        except (OperationalError, ConnectionError, OSError) as error:
            # The broker is down or refused it: keep it for the sweep.
            log.warning("Could not send %s (%s); it waits in the outbox.", message.task, error)
            OutboxMessage.objects.filter(pk=pk).update(
                attempts=message.attempts + 1, last_error=repr(error)[:2000]
            )
            return False
        OutboxMessage.objects.filter(pk=pk).update(
            sent_at=timezone.now(), attempts=message.attempts + 1, last_error=""
        )
        return True


def dispatch_pending(grace: timedelta = GRACE) -> int:
    """Send the messages that wait (older than ``grace``); the number sent."""
    sent = 0
    cutoff = timezone.now() - grace
    while True:
        waiting = list(
            OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not waiting:
            return sent
        for pk in waiting:
            if not _send(pk):
                return sent  # the broker is still down: the next sweep tries again
            sent += 1
