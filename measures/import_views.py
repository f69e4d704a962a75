"""The import page: upload a CSV (checked and loaded in the background, all or nothing), its
template, and the job's progress and result."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from common import spreadsheet
from common.htmx import render_page
from measures import import_jobs, imports
from measures.access import (
    get_import_for,
    require_reporting_role,
)
from measures.forms import (
    ImportForm,
)
from measures.models import (
    ImportJob,
)
from partners.models import Organization


@login_required
@require_http_methods(["GET", "POST"])
def import_values(request: HttpRequest) -> HttpResponse:
    """Upload a CSV of values; it is checked and loaded in the background, all or nothing."""
    roles = require_reporting_role(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, can_approve=roles.backbone)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = imports.decode(upload.read())
            except imports.ImportError_ as error:
                form.add_error("file", error.problems[0].message)
            else:
                job = import_jobs.start(
                    by=request.user,
                    filename=upload.name,
                    text=text,
                    approve=form.cleaned_data.get("approve", False),
                )
                return redirect(job)
        status = 400
    jobs = ImportJob.objects.filter(created_by=request.user).only(
        "id", "filename", "status", "created_at", "total_rows", "checked_rows"
    )[:10]
    context = {"form": form, "jobs": jobs, "columns": ",".join(imports.COLUMNS)}
    return render(request, "measures/import.html", context, status=status)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """A CSV with the header and one row for every total the person's organizations report."""
    roles = require_reporting_role(request.user)
    organizations = Organization.objects.filter(pk__in=roles.member_org_ids).order_by("name")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pathways-values-template.csv"'
    writer = spreadsheet.Writer(response)
    writer.writerow(imports.COLUMNS)
    writer.writerows(imports.template_rows(organizations, timezone.localdate()))
    return response


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's progress (polled with htmx while it runs) and, at the end, its result."""
    job = get_import_for(request.user, pk)
    context = {"job": job, "problems": job.problems[:500]}
    return render_page(request, "measures/import_detail.html", context, fragment="progress")
