"""Every change to the common agenda and its publication, in one place. Each agenda edit
keeps a version of the whole agenda in the same transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from agenda import versions
from agenda.models import AgendaVersion
from common.db import advisory_lock


class Stale(Exception):
    """Someone saved the agenda since the page was opened: ``latest`` is their version."""

    def __init__(self, latest: int):
        super().__init__(latest)
        self.latest = latest


def _begin(by, base: int | None) -> None:
    """Start an edit: one edit of the agenda at a time; refuse one made from a page older
    than the latest version (checked again here, as two saves may pass their forms at once);
    and keep the agenda as first found as version 1."""
    advisory_lock("agenda")
    latest = versions.latest_number()
    if base is not None and base != latest:
        raise Stale(latest)
    ensure_first_version(by)


@transaction.atomic
def save_form(form, by, default_summary: str):
    """Save a versioned model form (agenda text, goal, strategy) and keep a version."""
    _begin(by, form.cleaned_data.get("base_version"))
    instance = form.save()
    versions.record(by, form.cleaned_data.get("summary") or default_summary)
    return instance


@transaction.atomic
def delete(instance, by, summary: str, *, base: int | None = None) -> None:
    _begin(by, base)
    instance.delete()
    versions.record(by, summary)


@transaction.atomic
def save_targets(
    indicator, baseline, targets, by, summary: str, *, base: int | None = None
) -> None:
    _begin(by, base)
    versions.set_targets(indicator, baseline, targets)
    versions.record(by, summary)


@transaction.atomic
def restore(
    version: AgendaVersion, by, summary: str = "", *, base: int | None = None
) -> AgendaVersion:
    _begin(by, base)
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
