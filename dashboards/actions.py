"""Publication of the dashboards and their share links."""

from django.db import transaction
from django.utils import timezone

from common import outbox
from dashboards.models import ShareLink
from measures import tasks as measure_tasks
from measures.models import Publication


@transaction.atomic
def publish(form, by) -> Publication:
    publication = form.save(commit=False)
    publication.updated_by = by
    publication.save()
    if {"min_organizations", "complete_percent"} & set(form.changed_data):
        # Every disclosure decision, and every cached page, follows the new rules once the
        # change is in.
        outbox.enqueue(measure_tasks.rebuild_all_aggregates)
    return publication


def create_share_link(*, label: str, expires_at, by) -> tuple[ShareLink, str]:
    link, token = ShareLink.new(label=label, created_by=by, expires_at=expires_at)
    link.save()
    return link, token


def revoke_share_link(link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
