import gc
import os

from celery import Celery
from celery.signals import task_postrun, worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("pathways")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
@worker_ready.connect
def freeze_what_the_worker_loaded(**_kwargs):
    """Keep the objects a worker has loaded at start (Django, the libraries) out of the
    garbage collector's full passes: without it, a pass now and then adds about 50 ms to a
    roll-up that otherwise takes under 100 ms (the benchmark does the same)."""
    gc.freeze()


@worker_ready.connect
def send_what_waits(**_kwargs):
    """A worker that starts sends at once the work recorded while the broker was down, and
    again the work a worker that died never finished (a full rebuild beat sent, too)."""
    from common import outbox
    from measures.actions import resume_abandoned_rebuild

    try:
        resume_abandoned_rebuild()
        outbox.dispatch_pending(grace=outbox.timedelta(0))
        outbox.resend_unfinished(everything=True)
    except Exception:  # a starting worker never fails on it; beat tries again each minute
        outbox.log.exception("Could not send the outbox at worker start.")


@task_postrun.connect
def mark_outbox_message_done(task=None, **_kwargs):
    """The worker ran the task (whatever its outcome): its outbox message is done."""
    from common import outbox

    outbox_id = getattr(task.request, "outbox_id", None) if task is not None else None
    if outbox_id:
        outbox.mark_done(outbox_id)
