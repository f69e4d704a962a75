"""Funding alignment: the streams, and the share of the money that serves the agenda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.charts import bar_chart
from common.forms import guards_stale_saves
from common.htmx import render_page
from funding import access, actions, alignment
from funding.forms import FundingStreamForm, YearForm


@login_required
@require_GET
def funding_alignment(request: HttpRequest) -> HttpResponse:
    """The aligned share of the year's funding, by goal, and the streams that serve nothing."""
    roles = access.get_funding_for(request.user)
    every_stream = list(alignment.streams())
    years = alignment.years(every_stream)
    form = YearForm(request.GET or None, years=years)
    status = 200
    year = alignment.default_year(years)
    if request.GET:
        if form.is_valid():
            year = form.cleaned_data["year"] or year
        else:
            status = 400
    else:
        form = YearForm(initial={"year": year}, years=years)
    result = alignment.alignment(year, every_stream)
    chart = bar_chart(
        [(share.goal.title, share.amount) for share in result.by_goal],
        title=_("Funding by goal, %(year)s") % {"year": year},
        description=_(
            "Dollars of the funding streams active in %(year)s that serve each goal or one of "
            "its strategies. The same figures are in the table beside the chart."
        )
        % {"year": year},
        id_prefix="funding-by-goal",
        unit_suffix=" USD",
        width=480,
    )
    context = {
        "form": form,
        "alignment": result,
        "chart": chart,
        "rule": alignment.SHARE_RULE,
        "can_edit": roles.backbone,
    }
    return render_page(
        request, "funding/alignment.html", context, fragment="alignment", status=status
    )


def _form_page(request, form, heading, stream=None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        saved = actions.save_stream(form)
        messages.success(request, _("Funding stream “%(name)s” saved.") % {"name": saved.name})
        return redirect("funding")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "heading": heading, "stream": stream}
    return render(request, "funding/stream_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def stream_create(request: HttpRequest) -> HttpResponse:
    access.get_funding_for(request.user, write=True)
    form = FundingStreamForm(request.POST or None)
    return _form_page(request, form, _("Record a funding stream"))


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def stream_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stream = access.get_stream_for(request.user, pk)
    form = FundingStreamForm(request.POST or None, instance=stream)
    heading = _("Edit funding stream: %(name)s") % {"name": stream.name}
    return _form_page(request, form, heading, stream)


@login_required
@require_http_methods(["GET", "POST"])
def stream_delete(request: HttpRequest, pk: int) -> HttpResponse:
    stream = access.get_stream_for(request.user, pk)
    if request.method == "POST":
        actions.delete_stream(stream)
        messages.success(request, _("Funding stream “%(name)s” deleted.") % {"name": stream.name})
        return redirect("funding")
    return render(request, "funding/stream_delete.html", {"stream": stream})
