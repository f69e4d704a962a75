"""A transactional outbox: background work that is never lost when the broker is down.

``enqueue(task, *args)`` records the work in the transaction of the write that needs it. Once
that transaction commits, the work is sent to the broker; if the broker cannot take it (Redis
stopped), the write still succeeds, the failure is logged, and the message waits in the
table. ``dispatch_pending`` sends whatever waits: beat runs it every minute and each worker
when it starts, so the work is done once the broker is back. A message is marked sent in the
transaction that sent it, under a row lock, so two sweeps never send it twice; the tasks are
idempotent besides (running one twice gives the same result).

A worker marks a message done when it has run its task (``mark_done``, connected to Celery's
``task_postrun``). A message sent but never done was lost with a worker that died (``kill -9``):
``resend_unfinished`` sends it again, from beat once it is older than its task can run
(``STALE_AFTER``), and from a worker that starts at once (a worker that starts holds no task,
so with one worker nothing it finds unfinished is running; with several, a task may run twice,
which every task here allows).
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
# How long a sent task may run before beat takes its worker for dead: beyond its hard time
# limit (an import: 60 minutes; a full rebuild: 30), else a few minutes.
STALE_AFTER = {
    "measures.tasks.run_import": timedelta(minutes=65),
    "measures.tasks.rebuild_all_aggregates": timedelta(minutes=35),
}
DEFAULT_STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 5


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
            current_app.tasks[message.task].apply_async(
                message.args, message.kwargs, headers={"outbox_id": message.pk}
            )
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


def mark_done(outbox_id: int | None) -> None:
    if outbox_id:
        OutboxMessage.objects.filter(pk=outbox_id).update(done_at=timezone.now())


def resend_unfinished(*, now=None, everything: bool = False) -> int:
    """Send again the messages sent but never done: those older than their task's
    ``STALE_AFTER`` (or all, ``everything``, when a worker starts). The number sent."""
    now = now or timezone.now()
    unfinished = OutboxMessage.objects.filter(
        sent_at__isnull=False, done_at__isnull=True, attempts__lt=MAX_ATTEMPTS
    ).order_by("pk")
    sent = 0
    for message in unfinished[:BATCH]:
        stale_after = STALE_AFTER.get(message.task, DEFAULT_STALE_AFTER)
        if not everything and message.sent_at > now - stale_after:
            continue
        log.warning("Sending %s again: its worker never finished it.", message.task)
        OutboxMessage.objects.filter(pk=message.pk, done_at__isnull=True).update(sent_at=None)
        if not _send(message.pk):
            break
        sent += 1
    return sent
