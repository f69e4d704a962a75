"""The career explorer: the pathways backbone staff mark public, for students, families and
job seekers, signed in or not. Only a public pathway, its steps and what they name (provider,
program, credential, job) are shown; nothing else of the app is linked from these pages."""

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from common.htmx import render_page
from pathways.map import build_map, dollars
from pathways.models import Pathway, Sector, Step
from pathways.structured import json_ld
from pathways.views import AUDIENCE_CHOICES, AUDIENCE_FILTER, _choice, listed

START_CHOICES = AUDIENCE_CHOICES  # where one can start: an entry point for youth or adults


def public_pathways():
    return Pathway.objects.filter(public=True)


@require_GET
def explore(request: HttpRequest) -> HttpResponse:
    """The region's landing page: what the partnership offers, the sectors, how to start, and
    the public pathways, filtered by sector, whom they serve and where one can start."""
    pathways = public_pathways()
    sectors = list(Sector.objects.filter(Exists(pathways.filter(sector=OuterRef("pk")))))
    sector = _choice(request, "sector", {s.slug for s in sectors})
    audience = _choice(request, "audience", AUDIENCE_FILTER)
    start = _choice(request, "start", AUDIENCE_FILTER)
    chosen = listed(pathways, sector=sector, audience=audience)
    if start:
        entry = Step.objects.filter(
            pathway=OuterRef("pk"), entry_point=True, audience__in=AUDIENCE_FILTER[start]
        )
        chosen = chosen.filter(Exists(entry))
    chosen = list(chosen)
    for pathway in chosen:
        wages = [o.median_wage for o in pathway.target_occupations.all() if o.median_wage]
        pathway.top_wage = dollars(max(wages)) if wages else ""
    context = {
        "pathways": chosen,
        "sectors": sectors,
        "sector": sector,
        "audience": audience,
        "start": start,
        "audience_choices": AUDIENCE_CHOICES,
        "start_choices": START_CHOICES,
        "filtered": bool(sector or audience or start),
    }
    return render_page(request, "pathways/explore.html", context, fragment="results")


@require_GET
def explore_pathway(request: HttpRequest, slug: str) -> HttpResponse:
    """One public pathway: where to start, its map and the same steps as a list, and the jobs
    it leads to with their wages. A pathway that is not public is not found."""
    pathway = get_object_or_404(
        public_pathways().select_related("sector", "cluster", "owner"), slug=slug
    )
    pathway_map = build_map(pathway)
    starts = [card for card in pathway_map.cards if card.step.entry_point]
    context = {
        "pathway": pathway,
        "targets": list(pathway.target_occupations.order_by("title")),
        "map": pathway_map,
        "starts": starts,
        "public": True,
        "editable": set(),
        "json_ld": json_ld(pathway, request.build_absolute_uri()),
    }
    return render(request, "pathways/explore_pathway.html", context)
