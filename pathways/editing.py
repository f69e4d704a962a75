"""Editing pathways, their steps and links, programs and credentials: the access helper,
the form, then one call to pathways/actions.py (where every change to a pathway keeps a
version of the whole pathway)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import guards_stale_saves
from partners.access import require_backbone
from pathways import actions, versions
from pathways.access import (
    can_edit_provided_by,
    get_pathway_for,
    get_program_for,
    get_step_for,
    require_pathway_editor,
)
from pathways.forms import CredentialForm, LinkForm, PathwayForm, ProgramForm, StepForm
from pathways.models import Credential, PathwayVersion, StepLink


def _form_page(request, form, title, cancel, *, status=None, extra=None):
    context = {"form": form, "title": title, "cancel": cancel, **(extra or {})}
    if status is None:
        status = 400 if request.method == "POST" else 200
    return render(request, "pathways/edit_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def pathway_create(request: HttpRequest) -> HttpResponse:
    require_backbone(request.user)
    form = PathwayForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        pathway = actions.save_pathway(form, request.user, _("Created"))
        messages.success(request, _("Pathway created. Add its steps next."))
        return redirect(pathway.get_absolute_url())
    return _form_page(request, form, _("New pathway"), reverse("pathway_list"))


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def pathway_edit(request: HttpRequest, slug: str) -> HttpResponse:
    pathway = get_pathway_for(request.user, slug, write=True)
    form = PathwayForm(request.POST if request.method == "POST" else None, instance=pathway)
    if request.method == "POST" and form.is_valid():
        actions.save_pathway(form, request.user, _("Edited the pathway"))
        messages.success(request, _("Saved. The change is kept in the pathway's history."))
        return redirect(pathway.get_absolute_url())
    return _form_page(
        request, form, _("Edit %(title)s") % {"title": pathway.title}, pathway.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def step_create(request: HttpRequest, slug: str) -> HttpResponse:
    roles = require_pathway_editor(request.user)
    pathway = get_pathway_for(request.user, slug)
    form = StepForm(request.POST if request.method == "POST" else None, roles=roles)
    form.instance.pathway = pathway
    if request.method == "POST" and form.is_valid():
        actions.save_step(form, request.user, added=True)
        messages.success(request, _("Step added."))
        return redirect(pathway.get_absolute_url())
    return _form_page(
        request,
        form,
        _("Add a step to %(title)s") % {"title": pathway.title},
        pathway.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_step_for(request.user, pk, write=True)
    roles = require_pathway_editor(request.user)
    form = StepForm(request.POST if request.method == "POST" else None, instance=step, roles=roles)
    if request.method == "POST" and form.is_valid():
        actions.save_step(form, request.user, added=False)
        messages.success(request, _("Step saved."))
        return redirect(step.pathway.get_absolute_url())
    return _form_page(
        request,
        form,
        _("Edit step: %(title)s") % {"title": step.title},
        step.pathway.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def step_delete(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_step_for(request.user, pk, write=True)
    pathway = step.pathway
    if request.method == "POST":
        actions.delete_step(step, request.user)
        messages.success(request, _("Step removed. The pathway's history can restore it."))
        return redirect(pathway.get_absolute_url())
    return render(
        request,
        "pathways/confirm_delete.html",
        {"thing": step, "cancel": pathway.get_absolute_url()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def link_create(request: HttpRequest, slug: str) -> HttpResponse:
    pathway = get_pathway_for(request.user, slug, write=True)
    form = LinkForm(request.POST if request.method == "POST" else None, pathway=pathway)
    if request.method == "POST" and form.is_valid():
        actions.add_link(form, pathway, request.user)
        messages.success(request, _("Link added."))
        return redirect(pathway.get_absolute_url())
    links = StepLink.objects.filter(from_step__pathway=pathway).select_related(
        "from_step", "to_step"
    )
    return _form_page(
        request,
        form,
        _("Links between the steps of %(title)s") % {"title": pathway.title},
        pathway.get_absolute_url(),
        extra={"links": links, "pathway": pathway},
    )


@login_required
@require_POST
def link_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require_backbone(request.user)
    link = get_object_or_404(StepLink.objects.select_related("from_step__pathway"), pk=pk)
    pathway = actions.delete_link(link, request.user)
    messages.success(request, _("Link removed."))
    return redirect("link_create", pathway.slug)


@login_required
@require_GET
def pathway_history(request: HttpRequest, slug: str) -> HttpResponse:
    pathway = get_pathway_for(request.user, slug)
    history = pathway.versions.select_related("created_by").defer("snapshot")
    return render(request, "pathways/history.html", {"pathway": pathway, "versions": history})


@login_required
@require_GET
def pathway_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    pathway = get_pathway_for(request.user, slug)
    version = get_object_or_404(pathway.versions.select_related("created_by"), number=number)
    before = pathway.versions.filter(number__lt=number).first()
    context = {
        "pathway": pathway,
        "version": version,
        "before": before,
        "lines": versions.diff(before.snapshot if before else None, version.snapshot),
        "latest": pathway.versions.first().number,
    }
    return render(request, "pathways/version.html", context)


@login_required
@require_POST
def pathway_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    pathway = get_pathway_for(request.user, slug, write=True)
    version = get_object_or_404(PathwayVersion, pathway=pathway, number=number)
    new = actions.restore(pathway, version, request.user)
    messages.success(
        request,
        _("Version %(old)s restored as version %(new)s.")
        % {"old": version.number, "new": new.number},
    )
    return redirect(pathway.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def program_create(request: HttpRequest) -> HttpResponse:
    roles = require_pathway_editor(request.user)
    form = ProgramForm(request.POST if request.method == "POST" else None, roles=roles)
    if request.method == "POST" and form.is_valid():
        program = actions.save_program(form)
        messages.success(request, _("Program added."))
        return redirect(program.get_absolute_url())
    return _form_page(request, form, _("New program"), reverse("program_list"))


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def program_edit(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for(request.user, pk, write=True)
    roles = require_pathway_editor(request.user)
    form = ProgramForm(
        request.POST if request.method == "POST" else None, instance=program, roles=roles
    )
    if request.method == "POST" and form.is_valid():
        if not can_edit_provided_by(roles, form.cleaned_data["provider"].pk):
            raise PermissionDenied("A lead keeps programs within their own organization.")
        actions.save_program(form)
        messages.success(request, _("Program saved."))
        return redirect(program.get_absolute_url())
    return _form_page(
        request, form, _("Edit %(title)s") % {"title": program.title}, program.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def credential_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_backbone(request.user)
    credential = get_object_or_404(Credential, pk=pk) if pk else None
    form = CredentialForm(request.POST if request.method == "POST" else None, instance=credential)
    if request.method == "POST" and form.is_valid():
        actions.save_credential(form)
        messages.success(request, _("Credential saved."))
        return redirect("credential_list")
    title = _("Edit %(name)s") % {"name": credential.name} if credential else _("New credential")
    return _form_page(request, form, title, reverse("credential_list"))


@login_required
@require_GET
def credential_list(request: HttpRequest) -> HttpResponse:
    credentials = Credential.objects.prefetch_related("stacks_into")
    return render(request, "pathways/credential_list.html", {"credentials": credentials})
