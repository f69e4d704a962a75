"""Every write of the pathways app. A change to a pathway (its fields, its steps or the links
between them) keeps a version of the whole pathway in the same transaction; views call one
function here after their access helper and form have checked the request."""

from django.db import transaction
from django.utils.translation import gettext as _

from pathways import versions
from pathways.models import Pathway, PathwayVersion, Program, Step, StepLink


@transaction.atomic
def save_pathway(form, by, default_summary: str) -> Pathway:
    """Create or edit a pathway from a valid form, and keep a version."""
    pathway = form.save()
    versions.record(pathway, by, form.cleaned_data["summary_text"] or default_summary)
    return pathway


@transaction.atomic
def save_step(form, by, *, added: bool) -> Step:
    """Add or edit a step from a valid form, and keep a version of its pathway."""
    step = form.save()
    default = (
        _("Added step “%(t)s”") % {"t": step.title}
        if added
        else _("Edited step “%(t)s”") % {"t": step.title}
    )
    versions.record(step.pathway, by, form.cleaned_data["summary_text"] or default)
    return step


@transaction.atomic
def delete_step(step: Step, by) -> None:
    pathway, title = step.pathway, step.title
    step.delete()
    versions.record(pathway, by, _("Removed step “%(t)s”") % {"t": title})


@transaction.atomic
def add_link(form, pathway: Pathway, by) -> StepLink:
    link = form.save()
    versions.record(
        pathway, by, _("Linked “%(a)s” to “%(b)s”") % {"a": link.from_step, "b": link.to_step}
    )
    return link


@transaction.atomic
def delete_link(link: StepLink, by) -> Pathway:
    pathway = link.from_step.pathway
    link.delete()
    versions.record(pathway, by, _("Removed a link"))
    return pathway


@transaction.atomic
def restore(pathway: Pathway, version: PathwayVersion, by) -> PathwayVersion:
    """Put the pathway back as ``version`` had it, as a new version."""
    versions.restore(pathway, version.snapshot)
    return versions.record(pathway, by, _("Restored version %(n)s") % {"n": version.number})


@transaction.atomic
def save_program(form) -> Program:
    return form.save()


@transaction.atomic
def save_credential(form):
    return form.save()
