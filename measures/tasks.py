from datetime import date

from celery import shared_task

from measures import rollups
from measures.signals import figures_changed


@shared_task(acks_late=True)
def rollup_report(
    indicator_ids: list[int], period_type: str, period_start: str, organization: str | None = None
) -> int:
    """Incremental roll-up after an approval or a reopening: its indicators and period, in
    the scopes of the reporting organization."""
    rows = rollups.rollup(
        indicator_ids, period_type, date.fromisoformat(period_start), organization
    )
    figures_changed.send(sender=rollup_report)
    return rows


@shared_task(acks_late=True)
def rebuild_all_aggregates() -> int:
    """Nightly full rebuild through beat."""
    rows = rollups.rebuild_all()
    figures_changed.send(sender=rebuild_all_aggregates)
    return rows


@shared_task(acks_late=True, time_limit=60 * 60, soft_time_limit=55 * 60)
def run_import(job_id: int) -> str:
    """Check and load an uploaded CSV file, reporting progress on the job."""
    from django.utils import timezone

    from measures import imports
    from measures.models import ImportJob
    from partners.roles import roles_for

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
