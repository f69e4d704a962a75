"""Browsing pathways, occupations, programs and credentials: every signed-in person reads them.

Editing lives in ``pathways/editing.py``. Every page makes the same number of queries whatever
the number of pathways, steps or links (``tests/test_pathway_pages.py`` counts them).
"""

from collections import defaultdict
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from common.cache import cached, counter
from common.htmx import is_fragment_request, page_around, render_page
from partners.models import Organization
from partners.roles import roles_for
from pathways.access import (
    can_edit_provided_by,
    get_occupation_for,
    get_pathway_page_for,
    get_program_for,
)
from pathways.apps import VERSION
from pathways.map import build_map, dollars
from pathways.models import (
    Audience,
    CareerCluster,
    Credential,
    Occupation,
    Pathway,
    Program,
    Sector,
    Step,
)

PER_PAGE = 50
# A filter for youth finds what serves youth: steps (or programs) for youth, or for both.
AUDIENCE_FILTER = {
    Audience.YOUTH: [Audience.YOUTH, Audience.BOTH],
    Audience.ADULT: [Audience.ADULT, Audience.BOTH],
}
AUDIENCE_CHOICES = [(Audience.YOUTH, Audience.YOUTH.label), (Audience.ADULT, Audience.ADULT.label)]


def _choice(request: HttpRequest, name: str, allowed) -> str:
    """The query parameter ``name`` if it is one of ``allowed``, else the empty string."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def listed(pathways, *, sector: str = "", audience: str = ""):
    """Pathways as the lists show them (sector, cluster, target jobs, number of steps), in a
    sector and serving an audience when these are given."""
    pathways = (
        pathways.select_related("sector", "cluster")
        .prefetch_related(
            Prefetch("target_occupations", queryset=Occupation.objects.order_by("title"))
        )
        .annotate(step_count=Count("steps"))
        .order_by("title")
    )
    if sector:
        pathways = pathways.filter(sector__slug=sector)
    if audience:
        serves = Step.objects.filter(pathway=OuterRef("pk"), audience__in=AUDIENCE_FILTER[audience])
        pathways = pathways.filter(Exists(serves))
    return pathways


def _providers_of(pathway_ids) -> dict[int, list[Organization]]:
    """The organizations providing steps of each pathway, by name: one query."""
    providers: dict[int, list[Organization]] = defaultdict(list)
    rows = (
        Organization.objects.filter(pathway_steps__pathway_id__in=pathway_ids)
        .annotate(for_pathway=F("pathway_steps__pathway_id"))
        .distinct()
        .order_by("name", "pk")
    )
    for organization in rows:
        providers[organization.for_pathway].append(organization)
    return providers


@login_required
@require_GET
def pathway_list(request: HttpRequest) -> HttpResponse:
    """Every pathway, filtered by sector, cluster, audience and provider. The list is the
    same for everyone asking the same: drawn once per change of the pathways, language and
    choice of filters, and shared (the page around it, with the reader's own actions and
    forms, is not)."""
    fragment = is_fragment_request(request)

    def offered() -> tuple[list, list, list]:
        """The choices of the filters: sectors, clusters and the organizations providing steps."""
        providers = Organization.objects.filter(
            Exists(Step.objects.filter(provider=OuterRef("pk")))
        ).order_by("name")
        return list(Sector.objects.all()), list(CareerCluster.objects.all()), list(providers)

    sectors, clusters, providers = cached("pathway-choices", (), offered, stamp=counter(VERSION))
    # Read and checked here, so that only the choices offered make cache entries.
    sector = _choice(request, "sector", {s.slug for s in sectors})
    cluster = _choice(request, "cluster", {c.code for c in clusters})
    audience = _choice(request, "audience", AUDIENCE_FILTER)
    provider = _choice(request, "provider", {o.slug for o in providers})

    def build() -> str:
        pathways = listed(Pathway.objects.select_related("owner"), sector=sector, audience=audience)
        if cluster:
            pathways = pathways.filter(cluster__code=cluster)
        if provider:
            pathways = pathways.filter(
                Exists(Step.objects.filter(pathway=OuterRef("pk"), provider__slug=provider))
            )
        pathways = list(pathways)
        by_pathway = _providers_of([p.pk for p in pathways])
        for pathway in pathways:
            pathway.providers = by_pathway.get(pathway.pk, [])

        context = {
            "pathways": pathways,
            "sectors": sectors,
            "clusters": clusters,
            "providers": providers,
            "audiences": AUDIENCE_CHOICES,
            "selected": {
                "sector": sector,
                "cluster": cluster,
                "audience": audience,
                "provider": provider,
            },
            "filtered": any((sector, cluster, audience, provider)),
        }
        name = "results" if fragment else "page"
        return render_to_string(f"pathways/pathway_list.html#{name}", context, request)

    html = mark_safe(  # noqa: S308 (rendered above)
        cached(
            "pathway-list",
            (get_language(), fragment, sector, cluster, audience, provider),
            build,
            stamp=counter(VERSION),
        )
    )
    return page_around(request, "pathways/pathway_list.html", html)


@login_required
@require_GET
def pathway_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The map of a pathway's steps by stage, and the same steps as a list."""
    facts = get_pathway_page_for(request.user, slug)
    pathway = facts["pathway"]
    roles = roles_for(request.user)
    editable = set()
    if not roles.read_only:
        editable = {
            pk
            for pk, provider_id in facts["step_providers"]
            if can_edit_provided_by(roles, provider_id)
        }

    def build() -> dict:
        pathway_map = build_map(pathway)
        context = {"pathway": pathway, "map": pathway_map, "editable": editable}
        return {
            "html": render_to_string("pathways/_map_and_list.html", context, request),
            "steps": len(pathway_map.cards),
            # Whether a text was shown in the other language (the page then says so).
            "untranslated": getattr(request, "untranslated", False),
        }

    # The map and list are the same for everyone who may edit the same steps: rendered once
    # per change of the pathways and language, and shared.
    map_and_list = cached(
        "pathway-map",
        (pathway.pk, get_language(), tuple(sorted(editable))),
        build,
        stamp=counter(VERSION),
    )
    if map_and_list["untranslated"]:
        request.untranslated = True
    context = {
        "pathway": pathway,
        "targets": facts["targets"],
        "steps": map_and_list["steps"],
        "map_and_list_html": mark_safe(map_and_list["html"]),  # noqa: S308 (rendered above)
        "can_edit": roles.backbone,
        "can_add_step": not roles.read_only and (roles.backbone or bool(roles.lead_org_ids)),
    }
    return render_page(request, "pathways/pathway_detail.html", context)


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


@login_required
@require_GET
def occupation_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    occupations = Occupation.objects.order_by("soc_code")
    if query:
        occupations = occupations.filter(Q(soc_code__icontains=query) | Q(title__icontains=query))
    context = {
        "page": _page(request, occupations),
        "q": query,
        "pager_query": urlencode({"q": query}) if query else "",
    }
    return render_page(request, "pathways/occupation_list.html", context, fragment="results")


@login_required
@require_GET
def occupation_detail(request: HttpRequest, soc_code: str) -> HttpResponse:
    occupation = get_occupation_for(request.user, soc_code)
    targeted = Pathway.target_occupations.through.objects.filter(
        pathway=OuterRef("pk"), occupation=occupation
    )
    pathways = list(
        Pathway.objects.annotate(
            is_target=Exists(targeted),
            as_step=Exists(Step.objects.filter(pathway=OuterRef("pk"), occupation=occupation)),
        )
        .filter(Q(is_target=True) | Q(as_step=True))
        .select_related("sector")
        .order_by("title")
    )
    steps = defaultdict(list)
    for step in Step.objects.filter(occupation=occupation).order_by("order", "pk"):
        steps[step.pathway_id].append(step)
    for pathway in pathways:
        pathway.occupation_steps = steps.get(pathway.pk, [])
    context = {
        "occupation": occupation,
        "wage": dollars(occupation.median_wage),
        "sectors": list(occupation.sectors.all()),
        "pathways": pathways,
    }
    return render_page(request, "pathways/occupation_detail.html", context)


@login_required
@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    providers = list(
        Organization.objects.filter(
            Exists(Program.objects.filter(provider=OuterRef("pk")))
        ).order_by("name")
    )
    provider = _choice(request, "provider", {o.slug for o in providers})
    audience = _choice(request, "audience", AUDIENCE_FILTER)
    programs = Program.objects.select_related("provider").order_by("title", "pk")
    if provider:
        programs = programs.filter(provider__slug=provider)
    if audience:
        programs = programs.filter(audience__in=AUDIENCE_FILTER[audience])
    selected = {"provider": provider, "audience": audience}
    context = {
        "page": _page(request, programs),
        "providers": providers,
        "audiences": AUDIENCE_CHOICES,
        "selected": selected,
        "filtered": bool(provider or audience),
        "pager_query": urlencode({name: value for name, value in selected.items() if value}),
    }
    return render_page(request, "pathways/program_list.html", context, fragment="results")


def _pathways_of(steps) -> list[Pathway]:
    """The pathways of ``steps`` (a queryset), each with its ``used_by`` steps, by title."""
    pathways: dict[int, Pathway] = {}
    for step in steps.select_related("pathway", "pathway__sector").order_by("order", "pk"):
        if step.pathway_id not in pathways:
            step.pathway.used_by = []
            pathways[step.pathway_id] = step.pathway
        pathways[step.pathway_id].used_by.append(step)
    return sorted(pathways.values(), key=lambda p: (p.title, p.pk))


@login_required
@require_GET
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for(request.user, pk)
    roles = roles_for(request.user)
    context = {
        "program": program,
        "cost": dollars(program.cost),
        "pathways": _pathways_of(Step.objects.filter(program=program)),
        "can_edit": not roles.read_only and can_edit_provided_by(roles, program.provider_id),
    }
    return render_page(request, "pathways/program_detail.html", context)


@login_required
@require_GET
def credential_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A credential, what it stacks into and from, and the pathways whose steps award it."""
    credential = get_object_or_404(Credential, pk=pk)
    context = {
        "credential": credential,
        "stacks_into": list(credential.stacks_into.all()),
        "stacked_from": list(credential.stacked_from.all()),
        "pathways": _pathways_of(Step.objects.filter(credential=credential)),
    }
    return render_page(request, "pathways/credential_detail.html", context)
