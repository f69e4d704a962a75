"""Every change to the common agenda and its publication, in one place. Each agenda edit
keeps a version of the whole agenda in the same transaction."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import versions
from agenda.models import AgendaVersion, Publication, ShareLink
from measures import tasks as measure_tasks


@transaction.atomic
def save_form(form, by, default_summary: str):
    """Save a versioned model form (agenda text, goal, strategy) and keep a version."""
    instance = form.save()
    versions.record(by, form.cleaned_data.get("summary") or default_summary)
    return instance


@transaction.atomic
def delete(instance, by, summary: str) -> None:
    instance.delete()
    versions.record(by, summary)


@transaction.atomic
def save_targets(indicator, baseline, targets, by, summary: str) -> None:
    versions.set_targets(indicator, baseline, targets)
    versions.record(by, summary)


@transaction.atomic
def restore(version: AgendaVersion, by, summary: str = "") -> AgendaVersion:
    versions.restore(version.snapshot)
    return versions.record(
        by, summary or _("Restored version %(number)s") % {"number": version.number}
    )


def ensure_first_version(by=None) -> None:
    """The agenda as first found is version 1, so every later edit has something to
    compare with and restore to."""
    with transaction.atomic():
        if not AgendaVersion.objects.exists():
            versions.record(by, _("The agenda as first recorded"))


@transaction.atomic
def publish(form, by) -> Publication:
    publication = form.save(commit=False)
    publication.updated_by = by
    publication.save()
    if {"min_organizations", "complete_percent"} & set(form.changed_data):
        # Every disclosure decision, and every cached page, follows the new rules once the
        # change is in.
        measure_tasks.rebuild_all_aggregates.delay_on_commit()
    return publication


def create_share_link(*, label: str, expires_at, by) -> tuple[ShareLink, str]:
    link, token = ShareLink.new(label=label, created_by=by, expires_at=expires_at)
    link.save()
    return link, token


def revoke_share_link(link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
