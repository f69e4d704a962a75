"""The career explorer: the pathways backbone staff mark public, for students, families and
job seekers, signed in or not.

Only a public pathway, its steps and what they name (provider, program, credential, job) are
shown; nothing behind the login is linked from these pages. A job has a page of its own when a
public pathway leads to it. Figures from the shared measures reach these pages only through the
disclosure layer, as the public reads them (``measures.pathways.pathway_figures``).

Each page makes the same number of queries whatever the number of pathways, steps and links
(``tests/test_explore.py`` counts them).
"""

from collections import defaultdict
from dataclasses import astuple
from functools import cache

from django.db import connections, router
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from common import replica
from common.cache import cached, counter
from common.htmx import is_fragment_request, page_around
from dashboards.views import EMBEDDABLE_CSP
from measures.cache import stamp as figures_stamp
from measures.pathways import pathway_figures
from measures.publication import Audience
from pathways import ctdl
from pathways.apps import VERSION
from pathways.explore_filters import (
    COST_CHOICES,
    LENGTH_CHOICES,
    START_CHOICES,
    WAGE_CHOICES,
    Filters,
)
from pathways.map import PathwayMap, build_map, dollars
from pathways.models import (
    CareerCluster,
    Modality,
    Occupation,
    Pathway,
    Schedule,
    Sector,
    Step,
    StepKind,
    StepLink,
)
from pathways.structured import json_ld, occupation_json_ld
from pathways.views import AUDIENCE_CHOICES, listed


def public_pathways():
    return Pathway.objects.filter(public=True)


def public_occupations():
    """The jobs a public pathway leads to, or names on one of its steps."""
    return Occupation.objects.filter(
        Q(
            Exists(
                Pathway.target_occupations.through.objects.filter(
                    occupation=OuterRef("pk"), pathway__public=True
                )
            )
        )
        | Q(Exists(Step.objects.filter(occupation=OuterRef("pk"), pathway__public=True)))
    )


@require_GET
def explore(request: HttpRequest) -> HttpResponse:
    """The region's landing page: what the partnership offers, the sectors, how to start, and
    the public pathways, searched and filtered."""
    fragment = is_fragment_request(request)
    pathways = public_pathways()

    def offered() -> tuple[list, list]:
        """The sectors and clusters the public pathways are in: the choices of the filters."""
        return (
            list(Sector.objects.filter(Exists(pathways.filter(sector=OuterRef("pk"))))),
            list(CareerCluster.objects.filter(Exists(pathways.filter(cluster=OuterRef("pk"))))),
        )

    sectors, clusters = cached("explore-choices", (), offered, stamp=counter(VERSION))
    filters = Filters.read(request, sectors=sectors, clusters=clusters)

    def build() -> dict:
        chosen = filters.apply(listed(pathways))
        if filters.program_chosen:
            fitting = Step.objects.filter(program__in=filters.programs()).select_related(
                "program__provider"
            )
            chosen = chosen.prefetch_related(Prefetch("steps", fitting, to_attr="fitting_steps"))
        chosen = list(chosen)
        for pathway in chosen:
            wages = [o.median_wage for o in pathway.target_occupations.all() if o.median_wage]
            pathway.top_wage = dollars(max(wages)) if wages else ""
            if filters.program_chosen:
                programs = {step.program_id: step.program for step in pathway.fitting_steps}
                pathway.fitting_programs = list(programs.values())
        context = {
            "pathways": chosen,
            "sector_choices": [(s.slug, s.name) for s in sectors],
            "cluster_choices": [(c.code, c.name) for c in clusters],
            "filters": filters,
            "audience_choices": AUDIENCE_CHOICES,
            "start_choices": START_CHOICES,
            "cost_choices": COST_CHOICES,
            "length_choices": LENGTH_CHOICES,
            "schedule_choices": Schedule.choices,
            "modality_choices": Modality.choices,
            "wage_choices": WAGE_CHOICES,
        }
        name = "results" if fragment else "page"
        return {
            "html": render_to_string(f"pathways/explore.html#{name}", context, request),
            "untranslated": getattr(request, "untranslated", False),
        }

    # The same for every visitor making the same choices (read and checked above, so that
    # only the choices offered make entries): drawn once per change of the pathways and
    # language, and shared; the page around it, with the visitor's own forms, is not. A
    # search in words is drawn for its visitor alone.
    if filters.q:
        found = build()
    else:
        found = cached(
            "explore", (get_language(), fragment, astuple(filters)), build, stamp=counter(VERSION)
        )
    if found["untranslated"]:
        request.untranslated = True
    html = mark_safe(found["html"])  # noqa: S308 (rendered above)
    return page_around(request, "pathways/explore.html", html)


@cache
def _public_statement(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    return (
        f"SELECT 1 FROM {quote(Pathway._meta.db_table)}"  # noqa: S608
        f" WHERE {quote('id')} = %s AND {quote('public')}"
    )


def _public_pathway(slug: str) -> Pathway:
    """A public pathway; any other is not found, for everyone. The pathway is read once per
    change of the pathways and shared; whether it is still public is asked of the database
    each time (one statement written once), so that one made private is gone at once, however
    it was changed."""
    pathway = cached(
        "public-pathway",
        (slug,),
        lambda: (
            public_pathways().select_related("sector", "cluster", "owner").filter(slug=slug).first()
        ),
        stamp=counter(VERSION),
    )
    if pathway is None:
        raise Http404
    with replica.primary():  # not a lagging replica's word: made private is gone at once
        alias = router.db_for_read(Pathway)
    with connections[alias].cursor() as cursor:
        cursor.execute(_public_statement(alias), [pathway.pk])
        if cursor.fetchone() is None:
            raise Http404
    return pathway


def _after(after: dict[int, set[int]], starts: list[int]) -> set[int]:
    """Every step reached from ``starts`` along ``after`` (step → the steps after it)."""
    seen: set[int] = set()
    stack = list(starts)
    while stack:
        for nxt in after[stack.pop()] - seen:
            seen.add(nxt)
            stack.append(nxt)
    return seen


def _next_jobs(pathway_map: PathwayMap) -> None:
    """Give every job card ``next_jobs``: the jobs that come after it on the pathway."""
    after: dict[int, set[int]] = defaultdict(set)
    for card in pathway_map.cards:
        for step in card.leads_to:
            after[card.step.pk].add(step.pk)
        for step in card.requires:
            after[step.pk].add(card.step.pk)
    by_pk = {card.step.pk: card.step for card in pathway_map.cards}
    for card in pathway_map.cards:
        card.next_jobs = []
        if card.step.kind != StepKind.JOB:
            continue
        seen = _after(after, [card.step.pk])
        card.next_jobs = sorted(
            (by_pk[pk] for pk in seen if by_pk[pk].kind == StepKind.JOB and by_pk[pk].occupation),
            key=lambda step: step.title,
        )


def _pathway_context(request: HttpRequest, pathway: Pathway) -> dict:
    pathway_map = build_map(pathway, public=True)
    _next_jobs(pathway_map)
    return {
        "pathway": pathway,
        "map": pathway_map,
        "starts": [card for card in pathway_map.cards if card.step.entry_point],
        "public": True,
        "editable": set(),
    }


@require_GET
def explore_pathway(request: HttpRequest, slug: str) -> HttpResponse:
    """One public pathway: where to start, its map and the same steps as a list (each program
    with its cost, length, schedule, place and how to enrol), the jobs it leads to with their
    wages and prospects, and how people get through it (the shared measures, as published)."""
    pathway = _public_pathway(slug)
    page_url = request.build_absolute_uri(request.path)  # whatever query comes with it
    embed_url = request.build_absolute_uri(reverse("explore_embed", args=[pathway.slug]))
    ctdl_url = reverse("explore_pathway_ctdl", args=[pathway.slug])

    def build() -> dict:
        context = _pathway_context(request, pathway)
        context.update(
            targets=list(pathway.target_occupations.order_by("title")),
            outcomes=pathway_figures(pathway, Audience.public()),
            ctdl_url=ctdl_url,
            embed_url=embed_url,
        )
        content = render_to_string("pathways/explore_pathway.html#content", context, request)
        return {
            "content": content,
            "json_ld": str(json_ld(pathway, page_url)),
            # Whether a text was shown in the other language (the page then says so).
            "untranslated": getattr(request, "untranslated", False),
        }

    # The same for every visitor: rendered once per change of the pathways, roll-up and
    # language, and shared (the page around it, with the visitor's own forms, is not).
    cached_parts = cached(
        "explore-pathway",
        (pathway.pk, get_language(), page_url, embed_url),
        build,
        stamp=f"{counter(VERSION)}:{figures_stamp()}",
    )
    if cached_parts["untranslated"]:
        request.untranslated = True
    context = {
        "pathway": pathway,
        "ctdl_url": ctdl_url,
        "content_html": mark_safe(cached_parts["content"]),  # noqa: S308 (rendered above)
        "json_ld": mark_safe(cached_parts["json_ld"]),  # noqa: S308 (rendered above)
    }
    return render(request, "pathways/explore_pathway.html", context)


@require_GET
@xframe_options_exempt
@csp_override(EMBEDDABLE_CSP)
def explore_embed(request: HttpRequest, slug: str) -> HttpResponse:
    """One public pathway's map and list, for a partner's website to show in a frame."""
    pathway = _public_pathway(slug)
    context = _pathway_context(request, pathway)
    context["full_url"] = request.build_absolute_uri(
        reverse("explore_pathway", args=[pathway.slug])
    )
    return render(request, "pathways/explore_embed.html", context)


@require_GET
def explore_pathway_ctdl(request: HttpRequest, slug: str) -> JsonResponse:
    """The pathway as CTDL JSON-LD, for credential registries and other readers."""
    pathway = _public_pathway(slug)
    base = request.build_absolute_uri(reverse("explore"))
    response = JsonResponse(
        ctdl.export_pathway(pathway, base_url=base),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
        content_type="application/ld+json",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def explore_job(request: HttpRequest, soc_code: str) -> HttpResponse:
    """A job a public pathway leads to: its wages and prospects in the region, the public
    pathways that lead to it, and the jobs those pathways lead to after it."""
    occupation = public_occupations().filter(soc_code=soc_code).first()
    if occupation is None:
        raise Http404("No public pathway leads to this job.")
    pathways = list(
        public_pathways()
        .filter(Q(target_occupations=occupation) | Q(steps__occupation=occupation))
        .select_related("sector")
        .distinct()
        .order_by("title")
    )
    context = {
        "job": occupation,
        "pathways": pathways,
        "next_jobs": next_jobs_after(occupation, [p.pk for p in pathways]),
        "json_ld": occupation_json_ld(occupation),
    }
    return render(request, "pathways/explore_job.html", context)


def next_jobs_after(occupation: Occupation, pathway_ids: list[int]) -> list[Occupation]:
    """The jobs that come after ``occupation`` on the given pathways: three queries."""
    steps = {
        s.pk: s
        for s in Step.objects.filter(pathway_id__in=pathway_ids).select_related("occupation")
    }
    after: dict[int, set[int]] = defaultdict(set)
    for source, target in StepLink.objects.filter(
        from_step__pathway_id__in=pathway_ids
    ).values_list("from_step_id", "to_step_id"):
        after[source].add(target)
    seen = _after(after, [pk for pk, s in steps.items() if s.occupation_id == occupation.pk])
    jobs = {
        steps[pk].occupation.pk: steps[pk].occupation
        for pk in seen
        if steps[pk].kind == StepKind.JOB
        and steps[pk].occupation
        and steps[pk].occupation_id != occupation.pk
    }
    return sorted(jobs.values(), key=lambda o: o.title)
