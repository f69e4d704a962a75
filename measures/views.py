from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.forms import guards_stale_saves
from common.htmx import is_fragment_request, render_page
from measures import actions, figures, publication
from measures.access import (
    get_indicator_for,
    get_report_for,
    require_reporting_role,
)
from measures.explain import check_scope
from measures.forms import (
    CategoryFormSet,
    DimensionForm,
    ExplainForm,
    IndicatorForm,
    ReopenForm,
    ReportForm,
    ReviewCommentForm,
    SubmissionFilterForm,
    field_name,
    row_key,
)
from measures.models import (
    Aggregation,
    Category,
    DataValue,
    Dimension,
    Indicator,
    ScopeType,
    Submission,
    SubmissionStatus,
    ValueChange,
)
from measures.periods import PeriodType
from measures.publication import Audience
from measures.quality import breakdown_warnings
from measures.reporting import reports_due
from measures.review import review_context
from partners.access import require_backbone
from partners.roles import roles_for

DASHBOARD_PERIODS = 6


@login_required
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    indicators = Indicator.objects.order_by("name")
    return render(request, "measures/indicator_list.html", {"indicators": indicators})


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_indicator_for(request.user, code)
    context = {
        "indicator": indicator,
        "organizations": indicator.reporting_organizations.order_by("name"),
        "longer": [PeriodType(kind).label for kind in indicator.rolled_up_period_types],
    }
    return render(request, "measures/indicator_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def indicator_create(request: HttpRequest) -> HttpResponse:
    require_backbone(request.user)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = actions.save_indicator(form)
        messages.success(request, _("The indicator was added to the library."))
        return redirect(indicator)
    status = 400 if request.method == "POST" else 200
    return render(request, "measures/indicator_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def indicator_edit(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_indicator_for(request.user, code, write=True)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        actions.save_indicator(form)
        messages.success(request, _("The indicator was saved."))
        return redirect(indicator)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "indicator": indicator}
    return render(request, "measures/indicator_form.html", context, status=status)


def _initial_figures(values) -> dict[str, str]:
    initial = {}
    for dv in values:
        key = row_key(dv.category)
        for part in figures.parts(dv.indicator):
            initial[field_name(dv.indicator, key, part)] = _plain(getattr(dv, part))
        if dv.category_id is None and dv.note:
            initial[f"{dv.indicator.code}__note"] = dv.note
    return initial


def _plain(number) -> str:
    if number is None:
        return ""
    return f"{number.normalize():f}"


def _previous_totals(report) -> dict[int, Decimal]:
    """The totals approved for the period before, to flag outliers."""
    before = report.period.previous()
    return dict(
        DataValue.objects.filter(
            submission__organization=report.organization,
            submission__period_type=before.type,
            submission__period_start=before.start,
            submission__status=SubmissionStatus.APPROVED,
            category=None,
        ).values_list("indicator_id", "value")
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """A partner's report for one period: enter, check, save as draft, submit; backbone
    staff review it. htmx checks an indicator's fields in place as they change (only the
    error texts are replaced, never a box being typed in) and saves a draft in place, the
    outcome written beside the button."""
    posting = request.method == "POST"
    report = get_report_for(request.user, slug, period, write="enter" if posting else None)
    if not posting:
        return _report_page(request, report)
    form = ReportForm(request.POST, **_form_kwargs(report))
    if "check" in request.POST:
        form.is_valid()
        entry = form.entry(request.POST.get("indicator", ""))
        if entry is None or not report.can_edit:
            return HttpResponseBadRequest(_("Unknown indicator, or the report is locked."))
        return render(request, "measures/report.html#checks", {"entry": entry})
    submitting = "submit" in request.POST
    if submitting:
        report = get_report_for(request.user, slug, period, write="submit")
    if not report.can_edit:
        messages.error(request, _("This report is locked and cannot be changed."))
        if is_fragment_request(request):  # the page is read-only now: load it whole
            return HttpResponse(headers={"HX-Refresh": "true"})
        return redirect("report", slug, period)
    if form.is_valid():
        try:
            outcome = _save_report(
                request, report, form.figures(), submitting, form.cleaned_data["revision"]
            )
        except actions.StaleReport as stale:
            form.mark_stale(stale.revision)
        else:
            if isinstance(outcome, HttpResponse):
                return outcome
            # Saved in place (htmx): the page as stored, the outcome beside the button.
            report = get_report_for(request.user, slug, period, write="enter")
            return _report_page(request, report, save_note=outcome)
    status = 409 if form.has_error(NON_FIELD_ERRORS, "stale") else 400
    return _report_page(request, report, form=form, status=status)


def _form_kwargs(report) -> dict:
    indicators = actions.expected_indicators(report.organization, report.period).prefetch_related(
        "dimensions__categories"
    )
    return {"indicators": indicators, "previous": _previous_totals(report)}


def _report_page(request, report, *, form=None, status=200, save_note="") -> HttpResponse:
    submission = report.submission
    values = (
        list(submission.values.select_related("indicator", "category__dimension"))
        if submission
        else []
    )
    if form is None:
        form = ReportForm(
            initial={
                **_initial_figures(values),
                "revision": submission.revision if submission else 0,
            },
            **_form_kwargs(report),
        )
    warnings = breakdown_warnings(values)
    context = {
        "report": report,
        "form": form,
        "entries": form.entries(warnings),
        "review": (
            review_context(report, values, form.indicators, warnings)
            if report.can_review and submission
            else None
        ),
        "editable": report.can_edit,
        "events": submission.events.select_related("actor") if submission else [],
        "comment_form": ReviewCommentForm(),
        "reopen_form": ReopenForm(),
        "save_note": save_note,
    }
    return render(request, "measures/report.html", context, status=status)


def _save_report(request, report, entered, submitting, revision) -> HttpResponse | str:
    """Save the figures (and submit them). Answers a redirect with a message, or, for a draft
    saved in place by htmx, the sentence to show beside the button."""
    slug, period = report.organization.slug, report.period.key
    in_place = is_fragment_request(request) and not submitting

    def outcome(level, text):
        if in_place:
            return text
        messages.add_message(request, level, text)
        return redirect("report", slug, period)

    if (
        report.submission is None
        and not submitting
        and all(v is None for figure in entered.values() for k, v in figure.items() if k != "note")
    ):
        return outcome(messages.INFO, _("Nothing to save yet: enter at least one value."))
    submission = report.submission or actions.get_or_start_submission(
        report.organization, report.period
    )
    try:
        actions.save_values(submission, entered, by=request.user, base_revision=revision)
        if submitting:
            actions.submit(submission, by=request.user)
    except ValidationError as error:
        return outcome(messages.ERROR, " ".join(error.messages))
    if submitting:
        submitted = _("Submitted for approval. Backbone staff will review it.")
        return outcome(messages.SUCCESS, submitted)
    return outcome(
        messages.SUCCESS,
        _("Draft saved at %(time)s") % {"time": formats.time_format(timezone.localtime())},
    )


def _review(request, slug, period, form_class, action, success):
    report = get_report_for(request.user, slug, period, write="review")
    if report.submission is None:
        messages.error(request, _("Nothing has been entered for this period yet."))
        return redirect("report", slug, period)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Write a comment so the partner knows why."))
        return redirect("report", slug, period)
    try:
        action(report.submission, form.cleaned_data if form else {})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("report", slug, period)
    messages.success(request, success)
    return redirect("review_queue")


@login_required
@require_POST
def report_approve(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    return _review(
        request,
        slug,
        period,
        None,
        lambda submission, _data: actions.approve(submission, by=request.user),
        _("Approved. The regional figures are being updated."),
    )


@login_required
@require_POST
def report_return(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    return _review(
        request,
        slug,
        period,
        ReviewCommentForm,
        lambda submission, data: actions.return_submission(
            submission, by=request.user, comment=data["comment"]
        ),
        _("Returned to the partner with your comment."),
    )


@login_required
@require_POST
def report_reopen(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    return _review(
        request,
        slug,
        period,
        ReopenForm,
        lambda submission, data: actions.reopen(submission, by=request.user, reason=data["reason"]),
        _("Reopened. Its values are out of the regional figures until approved again."),
    )


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """Partners: their organizations' reports. Backbone staff: every submission, by status."""
    roles = require_reporting_role(request.user)
    submissions = Submission.objects.select_related("organization").order_by(
        "-period_start", "organization__name"
    )
    context = {}
    if roles.backbone:
        filter_form = SubmissionFilterForm(request.GET)
        status = filter_form.cleaned_data["status"] if filter_form.is_valid() else ""
        if status:
            submissions = submissions.filter(status=status)
        context["filter_form"] = filter_form
    else:
        submissions = submissions.visible_to(request.user)
        context["due"] = reports_due(roles.member_org_ids, timezone.localdate())
    context["submissions"] = submissions[:200]
    return render_page(request, "measures/report_list.html", context, fragment="submissions")


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    require_backbone(request.user)
    return render(
        request,
        "measures/review_queue.html",
        {"submissions": awaiting_review()},
    )


def awaiting_review():
    return (
        Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
        .select_related("organization", "submitted_by")
        .order_by("submitted_at")
    )


def dashboard_indicators(roles):
    """Indicators with their latest regional totals, as the person may see them; None while
    the figures are not published for them (a funder before publication)."""
    audience = Audience.of(roles)
    settings = publication.Publication.load()
    if not publication.may_read(audience, settings):
        return None
    aggregates = (
        publication.restrict(audience, own_slugs=[])
        .filter(
            scope_type=ScopeType.REGION,
            dimension_code="",
            period_type=F("indicator__period_type"),
        )
        .order_by("-period_start")
    )
    # Only each indicator's latest periods are read (a sliced prefetch: one query, a window
    # function per indicator), however many years of figures are stored.
    indicators = list(
        Indicator.objects.order_by("name").prefetch_related(
            Prefetch(
                "aggregates", queryset=aggregates[:DASHBOARD_PERIODS], to_attr="region_aggregates"
            )
        )
    )
    for indicator in indicators:
        recent = list(reversed(indicator.region_aggregates))
        indicator.recent = publication.publish(
            indicator, recent, audience, publication=settings, own_slugs=[]
        )
        complete = [f for f in indicator.recent if not f.provisional]
        indicator.latest = complete[-1] if complete else None
        indicator.before = complete[-2] if len(complete) > 1 else None
        indicator.change = (
            indicator.latest.value - indicator.before.value
            if indicator.before is not None
            and indicator.latest.value is not None
            and indicator.before.value is not None
            else None
        )
    return indicators


@require_GET
def disclosure_rules(request: HttpRequest) -> HttpResponse:
    """The disclosure rules in plain words, for every reader, signed in or not."""
    settings = publication.Publication.load()
    return render(
        request,
        "measures/disclosure_rules.html",
        {
            "settings": settings,
            "default_threshold": Indicator._meta.get_field("suppression_threshold").default,
        },
    )


RULES = {
    Aggregation.SUM: _lazy(
        "Counts and amounts are added up across the organizations that reported."
    ),
    Aggregation.RATIO: _lazy(
        "A share is the sum of the numerators divided by the sum of the denominators "
        "(a ratio of sums), never an average of the organizations' percentages."
    ),
    Aggregation.MEAN: _lazy(
        "An average is weighted by its number of people: Σ (average × people) ÷ Σ people."
    ),
}


@login_required
@require_GET
def explain(request: HttpRequest, code: str) -> HttpResponse:
    """How one rolled-up figure was made: the rule, the sums, and (to those allowed to see
    them) the approved values it came from."""
    indicator = get_indicator_for(request.user, code)
    roles = roles_for(request.user)
    form = ExplainForm(request.GET)
    if not form.is_valid():
        return render(
            request, "measures/explain.html", {"indicator": indicator, "form": form}, status=400
        )
    data = form.cleaned_data
    try:
        organization = check_scope(roles, data["scope"], data["key"])
    except ValueError:
        raise Http404("No such scope.") from None
    period = data["period"]
    dimension_code, _sep, category_code = data["category"].partition(":")
    audience = Audience.of(roles)
    publication.require(audience)
    own = [organization.slug] if organization is not None else []
    group = (
        publication.restrict(audience, own_slugs=own)
        .filter(
            indicator=indicator,
            scope_type=data["scope"],
            scope_key=data["key"],
            period_type=period.type,
            period_start=period.start,
        )
        .filter(Q(dimension_code="") | Q(dimension_code=dimension_code))
    )
    everything = roles.backbone or organization is not None
    cells = publication.publish(indicator, group, audience, own_slugs=own)
    cell = next(
        (
            c
            for c in cells
            if c.dimension_code == dimension_code and c.category_code == category_code
        ),
        None,
    )
    if cell is None:
        raise Http404("No figure for that indicator, scope, period and category.")
    values = contributing_values(indicator, cell, category_code, dimension_code)
    if not everything:
        mine = roles.member_org_ids
        values = [v for v in values if v.submission.organization_id in mine]
    context = {
        "indicator": indicator,
        "cell": cell,
        "rule": RULES[indicator.aggregation],
        "values": values,
        "everything": everything,
        "category_name": _category_name(indicator, dimension_code, category_code),
    }
    return render(request, "measures/explain.html", context)


def _category_name(indicator, dimension_code, category_code) -> str:
    if not dimension_code:
        return ""
    category = (
        Category.objects.filter(dimension__code=dimension_code, code=category_code)
        .select_related("dimension")
        .first()
    )
    return str(category) if category else f"{dimension_code}: {category_code}"


def contributing_values(indicator, cell, category_code, dimension_code):
    """The approved values behind a figure: same indicator, category, scope and period span."""
    period = cell.period
    values = DataValue.objects.filter(
        indicator=indicator,
        submission__status=SubmissionStatus.APPROVED,
        submission__period_type=indicator.period_type,
        submission__period_start__gte=period.start,
        submission__period_start__lte=period.end,
    ).exclude(value=None)
    if dimension_code:
        values = values.filter(
            category__dimension__code=dimension_code, category__code=category_code
        )
    else:
        values = values.filter(category=None)
    scope_filter = {
        ScopeType.REGION: {},
        ScopeType.COUNTY: {"submission__organization__county": cell.scope_key},
        ScopeType.ORG_TYPE: {"submission__organization__sector_type": cell.scope_key},
        ScopeType.ORGANIZATION: {"submission__organization__slug": cell.scope_key},
    }[cell.scope_type]
    return list(
        values.filter(**scope_filter)
        .select_related("submission__organization")
        .order_by("submission__period_start", "submission__organization__name")
    )


@login_required
@require_GET
def report_calendar(request: HttpRequest) -> HttpResponse:
    """Which reports are due, for which period and when: one's own organizations, or every
    organization for backbone staff."""
    roles = require_reporting_role(request.user)
    if roles.backbone:
        organization_ids = Indicator.reporting_organizations.through.objects.values_list(
            "organization_id", flat=True
        ).distinct()
    else:
        organization_ids = roles.member_org_ids
    due = reports_due(organization_ids, timezone.localdate())
    return render(request, "measures/report_calendar.html", {"due": due})


@login_required
@require_GET
def report_history(request: HttpRequest, slug: str, period: str) -> HttpResponse:
    """Every change of every value of a report: who, when, the old and new figures, why."""
    report = get_report_for(request.user, slug, period)
    changes = (
        ValueChange.objects.filter(data_value__submission=report.submission)
        .select_related("changed_by", "data_value__indicator", "data_value__category__dimension")
        .order_by("-changed_at", "-pk")
        if report.submission
        else []
    )
    return render(request, "measures/report_history.html", {"report": report, "changes": changes})


@login_required
@require_GET
def dimension_list(request: HttpRequest) -> HttpResponse:
    dimensions = Dimension.objects.prefetch_related("categories")
    return render(request, "measures/dimension_list.html", {"dimensions": dimensions})


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def dimension_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    """Backbone staff define a breakdown and its categories."""
    require_backbone(request.user)
    dimension = get_object_or_404(Dimension, code=code) if code else Dimension()
    form = DimensionForm(request.POST or None, instance=dimension)
    formset = CategoryFormSet(request.POST or None, instance=dimension, prefix="categories")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        actions.save_dimension(form, formset)
        messages.success(request, _("The breakdown was saved."))
        return redirect("dimension_list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "formset": formset, "dimension": dimension if code else None}
    return render(request, "measures/dimension_form.html", context, status=status)


@login_required
@require_GET
def pathway_measures(request: HttpRequest, slug: str) -> HttpResponse:
    """A pathway's figures in the shared measures, beside its sector's and the region's.
    The pathway page loads it in place; it is also a page of its own."""
    from measures.pathways import pathway_figures
    from pathways.access import get_pathway_for

    pathway = get_pathway_for(request.user, slug)
    audience = Audience.of(roles_for(request.user))
    context = {
        "pathway": pathway,
        "published": publication.may_read(audience),
        "figures": pathway_figures(pathway, audience),
    }
    return render_page(request, "measures/pathway_measures.html", context, fragment="figures")
