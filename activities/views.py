"""Mutually reinforcing activities: the matrix, commitments and their progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from activities import access, actions
from activities import matrix as matrices
from activities.forms import CommitmentForm, MatrixFilterForm, ProgressForm
from common.forms import guards_stale_saves
from common.htmx import render_page


@login_required
@require_GET
def matrix(request: HttpRequest) -> HttpResponse:
    """Strategies × organizations, with gaps and overlaps flagged in words."""
    roles = access.get_activities_for(request.user)
    form = MatrixFilterForm(request.GET or None)
    show_all = form.show_all()
    context = {
        "form": form,
        "matrix": matrices.build_matrix(show_all=show_all),
        "gap_rule": matrices.GAP_RULE,
        "overlap_rule": matrices.OVERLAP_RULE,
        "can_record": not roles.read_only,
    }
    return render_page(request, "activities/matrix.html", context, fragment="matrix")


def _initial(request: HttpRequest, organizations) -> dict:
    initial = {}
    for name in ("strategy", "organization"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    if "organization" not in initial and len(organizations) == 1:
        initial["organization"] = organizations[0].pk
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def commitment_create(request: HttpRequest) -> HttpResponse:
    organizations = access.recordable_organizations(request.user)
    form = CommitmentForm(
        request.POST or None,
        organizations=organizations,
        initial=_initial(request, list(organizations)),
    )
    if request.method == "POST" and form.is_valid():
        commitment = actions.save_commitment(form, request.user)
        messages.success(request, _("Commitment recorded."))
        return redirect("commitment_detail", commitment.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "heading": _("Record a commitment")}
    return render(request, "activities/commitment_form.html", context, status=status)


def _detail(request, commitment, progress_form=None, status=200) -> HttpResponse:
    roles = access.get_activities_for(request.user)
    if progress_form is None and access.can_post_progress(roles, commitment):
        progress_form = ProgressForm(commitment=commitment)
    context = {
        "commitment": commitment,
        "indicators": commitment.indicators.order_by("name"),
        "updates": commitment.updates.select_related("author"),
        "can_change": access.can_change(roles, commitment),
        "progress_form": progress_form,
    }
    return render(request, "activities/commitment_detail.html", context, status=status)


@login_required
@require_GET
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A commitment and its progress updates, newest first."""
    return _detail(request, access.get_commitment_for(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = access.get_commitment_for(request.user, pk, write=True)
    organizations = access.recordable_organizations(request.user)
    form = CommitmentForm(request.POST or None, instance=commitment, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        actions.save_commitment(form, request.user)
        messages.success(request, _("Commitment saved."))
        return redirect("commitment_detail", commitment.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "commitment": commitment,
        "heading": _("Edit commitment: %(title)s") % {"title": commitment.title},
    }
    return render(request, "activities/commitment_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = access.get_commitment_for(request.user, pk, write=True)
    if request.method == "POST":
        actions.delete_commitment(commitment)
        messages.success(
            request, _("Commitment “%(title)s” deleted.") % {"title": commitment.title}
        )
        return redirect(reverse("activities") + f"#strategy-{commitment.strategy_id}")
    return render(request, "activities/commitment_delete.html", {"commitment": commitment})


@login_required
@require_POST
def commitment_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Post progress on a commitment; its status moves to the one reported."""
    commitment = access.get_commitment_for(request.user, pk, progress=True)
    form = ProgressForm(request.POST, commitment=commitment)
    if form.is_valid():
        actions.post_progress(
            commitment,
            author=request.user,
            text=form.cleaned_data["text"],
            status=form.cleaned_data["status"],
        )
        messages.success(request, _("Progress posted."))
        return redirect(reverse("commitment_detail", args=[pk]) + "#updates-heading")
    return _detail(request, commitment, form, status=400)
