"""Every change to the common agenda and its publication, in one place. Each agenda edit
keeps a version of the whole agenda in the same transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from agenda import versions
from agenda.models import AgendaVersion


@transaction.atomic
def save_form(form, by, default_summary: str):
    """Save a versioned model form (agenda text, goal, strategy) and keep a version."""
    ensure_first_version(by)
    instance = form.save()
    versions.record(by, form.cleaned_data.get("summary") or default_summary)
    return instance


@transaction.atomic
def delete(instance, by, summary: str) -> None:
    ensure_first_version(by)
    instance.delete()
    versions.record(by, summary)


@transaction.atomic
def save_targets(indicator, baseline, targets, by, summary: str) -> None:
    ensure_first_version(by)
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
    compare with and restore to. Each edit calls it in its own transaction, before it
    changes anything; reading the agenda writes nothing."""
    with transaction.atomic():
        if not AgendaVersion.objects.exists():
            versions.record(by, _("The agenda as first recorded"))
