"""An import job's whole life: started from the upload page, run by a Celery worker.

``start`` records the job and enqueues its run once the upload is committed; ``run`` checks and
loads the file through ``measures.imports`` (all or nothing) and records the outcome on the
job. The task lives here, beside what it runs, so that nothing the run calls imports it back;
the worker loads this module through ``CELERY_IMPORTS``.
"""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from common import outbox
from measures import imports
from measures.models import ImportJob
from partners.models import User
from partners.roles import roles_for


@transaction.atomic
def start(*, by: User, filename: str, text: str, approve: bool) -> ImportJob:
    job = ImportJob.objects.create(
        created_by=by,
        filename=filename[:255],
        content=text,
        approve=approve,
        total_rows=max(text.count("\n") - 1, 1),
    )
    outbox.enqueue(run_import, job.pk)
    return job


def run(job_id: int) -> str:
    """Check and load an uploaded CSV file, reporting progress on the job."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job.status
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    result = imports.run(
        job.content,
        user=job.created_by,
        roles=roles_for(job.created_by),
        approve=job.approve,
        source=job.filename,
        progress=lambda n: ImportJob.objects.filter(pk=job.pk).update(checked_rows=n),
    )
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE if result.ok else ImportJob.Status.FAILED,
        checked_rows=result.rows,
        problems=[p.as_dict() for p in result.problems[:1000]],
        submissions=result.submissions,
        values_changed=result.values_changed,
        finished_at=timezone.now(),
        content="" if result.ok else job.content,
    )
    return "done" if result.ok else "failed"


# The name it had when it lived in measures/tasks.py, so jobs queued then still run.
@shared_task(
    name="measures.tasks.run_import", acks_late=True, time_limit=60 * 60, soft_time_limit=55 * 60
)
def run_import(job_id: int) -> str:
    return run(job_id)
