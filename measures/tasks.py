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
