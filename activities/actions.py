"""Every write of the activities: commitments and their progress."""

from django.db import transaction

from activities.models import Commitment, ProgressUpdate


@transaction.atomic
def save_commitment(form, by) -> Commitment:
    """Save a commitment form (new or edited)."""
    commitment = form.save(commit=False)
    if commitment.pk is None:
        commitment.created_by = by
    commitment.save()
    form.save_m2m()
    return commitment


@transaction.atomic
def post_progress(commitment: Commitment, *, author, text: str, status: str) -> ProgressUpdate:
    """Record progress and move the commitment to the status it reports."""
    update = ProgressUpdate.objects.create(
        commitment=commitment, author=author, text=text, status=status
    )
    if commitment.status != status:
        commitment.status = status
        commitment.save(update_fields=["status", "updated_at"])
    return update


@transaction.atomic
def delete_commitment(commitment: Commitment) -> None:
    commitment.delete()
