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
