"""Celery queues by kind of work, so that each kind can have workers of its own, on hosts of
their own: roll-ups, imports, email, and the default queue for the rest.

Every queue is named from one base, the default queue (``CELERY_QUEUE``, "celery" unless
set): the base itself for the rest, ``<base>.rollups``, ``<base>.imports`` and
``<base>.email``. Two deployments (or two tests) on one Redis keep apart by their bases.
``route`` is the Celery router (``CELERY_TASK_ROUTES``): it reads the base when a task is
sent, so whoever changes the default queue moves the kinds' queues with it. Every task of the
project has its kind here; a test fails for one without.

This module imports nothing of Django's, so that the settings can use it.
"""

from kombu import Exchange, Queue

DEFAULT = "default"
ROLLUPS = "rollups"
IMPORTS = "imports"
EMAIL = "email"
KINDS = (DEFAULT, ROLLUPS, IMPORTS, EMAIL)

# Every task of the project, by name (the names tasks had before an app moved included: the
# messages and beat entries saved under them still run).
KIND_OF_TASK = {
    "measures.tasks.rollup_report": ROLLUPS,
    "measures.tasks.rebuild_all_aggregates": ROLLUPS,
    "measures.tasks.run_import": IMPORTS,
    "communication.tasks.email_notifications": EMAIL,
    "communication.tasks.send_weekly_digest": EMAIL,
    "communication.tasks.send_report_reminders": EMAIL,
    "agenda.tasks.email_notifications": EMAIL,
    "agenda.tasks.send_weekly_digest": EMAIL,
    "agenda.tasks.send_report_reminders": EMAIL,
    # The outbox's sweep: it sends the others' work, and must run even when one kind's
    # workers are all down.
    "common.tasks.dispatch_outbox": DEFAULT,
}


def queue_name(base: str, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of task: {kind!r}")
    return base if kind == DEFAULT else f"{base}.{kind}"


def queues_for(base: str) -> list[str]:
    """The names of every queue of this base: what a worker that does everything reads."""
    return [queue_name(base, kind) for kind in KINDS]


def declared(base: str) -> list[Queue]:
    """The queues of this base as ``CELERY_TASK_QUEUES``: a worker started without ``-Q``
    reads them all. Each has the exchange and routing key of its own name, as the queues
    Celery makes for a name it has not been told of (a test's base), so both meet."""
    return [Queue(name, Exchange(name), routing_key=name) for name in queues_for(base)]


def route(name, args, kwargs, options, task=None, **_kw):
    """The queue of a task's kind, under the default queue of the moment; None (the default
    queue) for Celery's own tasks."""
    kind = KIND_OF_TASK.get(name)
    if kind is None:
        return None
    from celery import current_app

    return {"queue": queue_name(current_app.conf.task_default_queue, kind)}
