"""The public career explorer: anyone finds the pathways marked public, with where to start,
what each step costs and takes, and the jobs and wages it leads to; nothing else."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_finds_a_public_pathway_where_to_start_what_it_costs_and_pays(
    client, public_pathway
):
    nursing, _draft = public_pathway
    assert client.get("/").url == reverse("explore")  # the landing page, not a login wall
    page = client.get(reverse("explore")).text
    assert "Nursing" in page and "Welding (draft)" not in page
    assert "median wages up to $37,560 a year" in page
    detail = client.get(reverse("explore_pathway", args=[nursing.slug])).text
    for shown in ("Where you can start", "Nurse Aide I", "$650", "3 months", "Nursing assistants"):
        assert shown in detail, shown
    # Nothing behind the login is linked from a public page.
    for private in ("/organizations/", "/programs/", "/occupations/", "/credentials/"):
        assert f'href="{private}' not in detail, private


def test_a_pathway_not_marked_public_is_not_found_by_anyone(world, public_pathway):
    _nursing, draft = public_pathway
    url = reverse("explore_pathway", args=[draft.slug])
    for person in (None, world.backbone, world.lead_a, world.funder):
        client = world.client(person)
        assert client.get(url).status_code == 404


def test_the_explorer_filters_by_sector_audience_and_where_one_can_start(client, public_pathway):
    url = reverse("explore")
    assert "Nursing" in client.get(url, {"sector": "health"}).text
    assert "1 pathway" in client.get(url, {"start": "adult"}).text
    only_youth = client.get(url, {"start": "youth", "sector": "health"}).text
    assert "Nursing" in only_youth  # the aide program is for youth and adults
    unknown = client.get(url, {"sector": "nowhere", "audience": "martians"})
    assert unknown.status_code == 200 and "Nursing" in unknown.text  # unknown values ignored
    fragment = client.get(url, {"sector": "health"}, headers={"HX-Request": "true"}).text
    assert "<html" not in fragment and "Nursing" in fragment


def test_a_public_pathway_page_carries_schema_org_json_ld(client, public_pathway):
    import json
    import re

    nursing, _draft = public_pathway
    page = client.get(reverse("explore_pathway", args=[nursing.slug])).text
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    document = json.loads(block)
    assert document["@context"] == "https://schema.org"
    by_type = {item["@type"]: item for item in document["@graph"]}
    program = by_type["EducationalOccupationalProgram"]
    assert program["name"] == "Nurse Aide I" and program["timeToComplete"] == "P3M"
    assert program["offers"]["price"] == 650 and program["provider"]["name"] == "Durham Tech"
    job = by_type["Occupation"]
    assert job["occupationalCategory"] == "31-1131"
    assert job["estimatedSalary"]["median"] == 37560
