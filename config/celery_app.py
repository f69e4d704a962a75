import gc
import os

from celery import Celery
from celery.signals import worker_process_init, worker_ready

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
    """A worker that starts sends the work recorded while the broker was down, at once."""
    from common import outbox

    try:
        outbox.dispatch_pending(grace=outbox.timedelta(0))
    except Exception:  # a starting worker never fails on it; beat tries again each minute
        outbox.log.exception("Could not send the outbox at worker start.")
