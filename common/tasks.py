from celery import shared_task

from common import outbox


@shared_task(acks_late=True)
def dispatch_outbox() -> int:
    """Beat, every minute: send the background work that waits in the outbox, and again
    what a worker that died never finished."""
    return outbox.dispatch_pending() + outbox.resend_unfinished()
