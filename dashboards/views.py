"""The dashboards: the agenda dashboard and indicator pages for those signed in, publishing
and share links for backbone staff, and the public pages and embeds."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agenda import versions
from agenda.access import get_agenda_for
from common import cache as common_cache
from common import spreadsheet
from common.forms import guards_stale_saves
from common.htmx import page_around
from dashboards import actions
from dashboards.access import (
    LinkGone,
    get_dashboard_for,
    get_public_dashboard,
    get_share_link,
    get_share_link_for,
)
from dashboards.figures import agenda_figures, indicator_view
from dashboards.forms import (
    IndicatorFilterForm,
    PublicationForm,
    ShareLinkForm,
    library_stamp,
)
from dashboards.fragments import fragment_html
from dashboards.models import ShareLink
from measures.access import get_indicator_for, shown_indicator
from measures.models import Indicator, Level, Publication
from measures.status import RULE


def _dashboard_context(
    request, *, everything: bool, link_prefix: str, mode: str, with_figures: bool = False
) -> dict:
    """The page around the figures. The figures themselves come from the cached fragment,
    so a warm page reads no aggregate at all; the embed, which has no fragment, asks for
    them with ``with_figures``."""
    level = request.GET.get("level", "")
    if level not in Level.values:
        level = ""
    context = {
        "agenda": versions.current_agenda(),
        "level": level,
        "levels": Level.choices,
        "rule": RULE,
        "link_prefix": link_prefix,
        "mode": mode,
    }
    if with_figures:
        context.update(agenda_figures(everything=everything, level=level))
    return context


def _render_cached(request, template, fragment, context, parts, *, build, status=200):
    """Render ``template`` with its figures fragment cached until the next roll-up or agenda
    edit. The fragment depends only on what ``parts`` name (the audience, never the person),
    so it is shared by every reader of the same kind; ``build`` gives the fragment's own
    context, and is called only when the fragment is not cached. An htmx request gets the
    fragment alone."""
    html = fragment_html(template, fragment, parts, lambda: {**context, **build()})
    return page_around(request, template, html, context, key="fragment_html", status=status)


def _dashboard_page(request, context, everything):
    parts = (everything, context["level"], context["mode"], context["link_prefix"])

    def build():
        return agenda_figures(everything=everything, level=context["level"])

    return _render_cached(request, "agenda/dashboard.html", "goals", context, parts, build=build)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Vision → goals → indicators with their latest region-wide figures and status."""
    roles = get_dashboard_for(request.user)
    context = _dashboard_context(
        request, everything=roles.backbone, link_prefix=reverse("dashboard"), mode="member"
    )
    if roles.backbone:
        context["publication"] = Publication.load()
    return _dashboard_page(request, context, roles.backbone)


def _indicator_page(request, indicator: Indicator, *, everything, link_prefix, mode, csv_url):
    form = IndicatorFilterForm(request.GET or None, indicator=indicator)
    valid = form.is_valid() if request.GET else True
    filters = form.filters() if valid and request.GET else form.defaults()
    # From the validated choices only: distinct raw query strings make no new cache keys.
    query = form.query() if valid and request.GET else ""
    context = {
        "indicator": indicator,
        "form": form,
        "filters": filters,
        "rule": RULE,
        "link_prefix": link_prefix,
        "mode": mode,
        "csv_url": csv_url + (f"?{query}" if query else ""),
    }

    def build():
        return {
            "view": indicator_view(indicator, everything=everything, **filters),
            "dimensions": {d.code: d for d in indicator.dimensions.prefetch_related("categories")},
        }

    if valid:
        # The filters as chosen (a form without errors) look the same to every reader: drawn
        # once per change of the library, address and language, and shared.
        context["filters_html"] = common_cache.cached(
            "indicator-filters-html",
            (indicator.pk, request.path, query, get_language()),
            lambda: render_to_string(
                "agenda/indicator_dashboard.html#filters", {"form": form}, request
            ),
            stamp=library_stamp(),
        )
    parts = (
        indicator.pk,
        indicator.updated_at,
        everything,
        mode,
        link_prefix,
        context["csv_url"],
        sorted(filters.items()),
    )
    return _render_cached(
        request,
        "agenda/indicator_dashboard.html",
        "figures",
        context,
        parts,
        build=build,
        status=200 if valid else 400,
    )


@login_required
@require_GET
def indicator_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    roles = get_dashboard_for(request.user)
    indicator = get_indicator_for(request.user, code)
    return _indicator_page(
        request,
        indicator,
        everything=roles.backbone,
        link_prefix=reverse("dashboard"),
        mode="member",
        csv_url=reverse("indicator_dashboard_csv", args=[code]),
    )


def _csv(request, indicator: Indicator, *, everything: bool) -> HttpResponse:
    form = IndicatorFilterForm(request.GET or None, indicator=indicator)
    if request.GET and not form.is_valid():
        errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    filters = form.filters() if request.GET else form.defaults()
    view = indicator_view(indicator, everything=everything, **filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}.csv"'
    writer = spreadsheet.Writer(response)
    writer.writerow(
        [
            "section",
            "period",
            "scope",
            "scope_key",
            "dimension",
            "category",
            "numerator",
            "denominator",
            "value",
            "target",
            "suppressed",
            "reported",
            "expected",
        ]
    )

    def row(section, cell, target=None):
        hidden = cell.suppressed
        writer.writerow(
            [
                section,
                cell.period.label,
                cell.scope_type,
                cell.scope_key,
                cell.dimension_code,
                cell.category_code,
                "" if hidden or cell.numerator is None else cell.numerator,
                "" if hidden or cell.denominator is None else cell.denominator,
                "" if hidden or cell.value is None else cell.value,
                "" if target is None else target,
                hidden,
                cell.reported,
                cell.expected,
            ]
        )

    for cell in view.trend:
        row("trend", cell, view.series.target_for(cell.period))
    for cells in view.categories.values():
        for cell in cells:
            row("category", cell)
    for cells in view.scopes.values():
        for cell in cells:
            row("scope", cell)
    return response


@login_required
@require_GET
def indicator_dashboard_csv(request: HttpRequest, code: str) -> HttpResponse:
    roles = get_dashboard_for(request.user)
    indicator = get_indicator_for(request.user, code)
    return _csv(request, indicator, everything=roles.backbone)


# Publishing ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@guards_stale_saves
def publishing(request: HttpRequest) -> HttpResponse:
    get_agenda_for(request.user, write=True)
    publication = Publication.load()
    form = PublicationForm(request.POST if request.method == "POST" else None, instance=publication)
    if request.method == "POST" and form.is_valid():
        actions.publish(form, request.user)
        messages.success(request, _("Publication settings saved."))
        return redirect("publishing")
    context = {
        "form": form,
        "publication": publication,
        "link_form": ShareLinkForm(),
        "links": ShareLink.objects.select_related("created_by"),
        "embed_url": request.build_absolute_uri(reverse("public_embed")),
    }
    return render(
        request,
        "agenda/publishing.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
@guards_stale_saves
def share_link_create(request: HttpRequest) -> HttpResponse:
    get_agenda_for(request.user, write=True)
    form = ShareLinkForm(request.POST)
    if not form.is_valid():
        context = {
            "form": PublicationForm(instance=Publication.load()),
            "publication": Publication.load(),
            "link_form": form,
            "links": ShareLink.objects.select_related("created_by"),
            "embed_url": request.build_absolute_uri(reverse("public_embed")),
        }
        return render(request, "agenda/publishing.html", context, status=400)
    link, token = actions.create_share_link(
        label=form.cleaned_data["label"], expires_at=form.expires_at(), by=request.user
    )
    url = request.build_absolute_uri(reverse("shared_dashboard", args=[token]))
    embed = request.build_absolute_uri(reverse("shared_embed", args=[token]))
    return render(
        request,
        "agenda/share_link_created.html",
        {"link": link, "url": url, "embed_url": embed},
    )


@login_required
@require_POST
def share_link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_share_link_for(request.user, pk)
    actions.revoke_share_link(link)
    messages.success(request, _("The link “%(label)s” no longer opens.") % {"label": link.label})
    return redirect("publishing")


# Pages without an account: public and shared ------------------------------------------

EMBEDDABLE_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


def _gone(request) -> HttpResponse:
    return render(request, "agenda/link_gone.html", status=410)


@require_GET
def public_dashboard(request: HttpRequest) -> HttpResponse:
    get_public_dashboard()
    context = _dashboard_context(
        request, everything=False, link_prefix=reverse("public_dashboard"), mode="public"
    )
    return _dashboard_page(request, context, False)


@require_GET
def public_indicator(request: HttpRequest, code: str) -> HttpResponse:
    get_public_dashboard()
    indicator = _goal_indicator(code)
    return _indicator_page(
        request,
        indicator,
        everything=False,
        link_prefix=reverse("public_dashboard"),
        mode="public",
        csv_url=reverse("public_indicator_csv", args=[code]),
    )


@require_GET
def public_indicator_csv(request: HttpRequest, code: str) -> HttpResponse:
    get_public_dashboard()
    return _csv(request, _goal_indicator(code), everything=False)


@require_GET
@xframe_options_exempt
@csp_override(EMBEDDABLE_CSP)
def public_embed(request: HttpRequest) -> HttpResponse:
    get_public_dashboard()
    context = _dashboard_context(
        request,
        everything=False,
        link_prefix=reverse("public_dashboard"),
        mode="embed",
        with_figures=True,
    )
    return render(request, "agenda/embed.html", context)


def _goal_indicator(code: str) -> Indicator:
    """Outside readers reach the indicators the dashboard shows: all of the library."""
    indicator = shown_indicator(code)
    if indicator is None:
        raise Http404("No such indicator on the dashboard.")
    return indicator


@require_GET
def shared_dashboard(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = get_share_link(token)
    except LinkGone:
        return _gone(request)
    context = _dashboard_context(
        request,
        everything=False,
        link_prefix=reverse("shared_dashboard", args=[token]),
        mode="shared",
    )
    context["link"] = link
    response = _dashboard_page(request, context, False)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def shared_indicator(request: HttpRequest, token: str, code: str) -> HttpResponse:
    try:
        get_share_link(token)
    except LinkGone:
        return _gone(request)
    response = _indicator_page(
        request,
        _goal_indicator(code),
        everything=False,
        link_prefix=reverse("shared_dashboard", args=[token]),
        mode="shared",
        csv_url=reverse("shared_indicator_csv", args=[token, code]),
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def shared_indicator_csv(request: HttpRequest, token: str, code: str) -> HttpResponse:
    try:
        get_share_link(token)
    except LinkGone:
        return _gone(request)
    return _csv(request, _goal_indicator(code), everything=False)


@require_GET
@xframe_options_exempt
@csp_override(EMBEDDABLE_CSP)
def shared_embed(request: HttpRequest, token: str) -> HttpResponse:
    try:
        get_share_link(token)
    except LinkGone:
        return _gone(request)
    context = _dashboard_context(
        request,
        everything=False,
        link_prefix=reverse("shared_dashboard", args=[token]),
        mode="embed",
        with_figures=True,
    )
    return render(request, "agenda/embed.html", context)
