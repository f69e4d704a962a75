from datetime import date

from celery import shared_task

from measures import rollups


@shared_task(acks_late=True)
def rollup_indicator_period(indicator_id: int, period_type: str, period_start: str) -> None:
    """Incremental roll-up after an approval or a reopening: one indicator, one period."""
    rollups.rollup(indicator_id, period_type, date.fromisoformat(period_start))


@shared_task(acks_late=True)
def rebuild_all_aggregates() -> int:
    """Nightly full rebuild through beat."""
    return rollups.rebuild_all()
