"""The public career explorer: anyone finds the pathways marked public, with where to start,
what each step costs and takes, and the jobs and wages it leads to; nothing else."""

import pytest
from django.urls import reverse
from django.utils import timezone

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


# Search, filters, jobs, outcomes, embedding, headers and queries, on the demo's pathways.


def titles(response) -> set[str]:
    import re

    return set(re.findall(r'<h3><a href="/explore/[-\w]+/">([^<]+)</a></h3>', response.text))


NURSING, SOFTWARE, MACHINING = (
    "Nursing and health sciences",
    "Software and information technology",
    "Advanced manufacturing: machining",
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {NURSING, SOFTWARE, MACHINING}),
        ({"q": "nurse"}, {NURSING}),
        ({"q": "durham tech machin"}, {MACHINING}),  # every word, anywhere in the pathway
        ({"q": "biotech"}, set()),  # the draft biomanufacturing pathway is never found
        ({"cluster": "healthcare-human-services"}, {NURSING}),
        ({"cost": "free"}, {NURSING, SOFTWARE, MACHINING}),  # the schools' CTE courses
        ({"cost": "1000", "schedule": "evenings"}, {NURSING}),  # the evening aide course
        ({"length": "3", "modality": "online"}, set()),
        ({"modality": "online"}, {NURSING}),  # RN to BSN
        ({"wage": "80000"}, {NURSING, SOFTWARE}),
        ({"sector": "healthcare", "wage": "80000"}, {NURSING}),
        ({"start": "adult", "q": "software"}, {SOFTWARE}),
    ],
)
def test_the_explorer_searches_and_filters(client, demo_pathways, query, expected):
    response = client.get(reverse("explore"), query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_program_filters_name_the_programs_that_fit(client, demo_pathways):
    page = client.get(reverse("explore"), {"schedule": "evenings"}).text
    assert "Programs that fit your choices:" in page
    assert "Nurse Aide I at Durham Technical Community College: $250; 3 months; Evenings" in page


def test_unknown_choices_are_ignored_and_the_search_is_kept(client, demo_pathways):
    response = client.get(
        reverse("explore"),
        {"cost": "cheap", "wage": "lots", "q": "  nurse   aide ", "cluster": "x"},
    )
    assert titles(response) == {NURSING}
    assert 'value="nurse aide"' in response.text


def test_a_public_pathway_page_has_programs_jobs_and_outcomes(client, demo_pathways):
    from pathways.models import Pathway

    nursing = Pathway.objects.get(slug="nursing-health-sciences")
    page = client.get(reverse("explore_pathway", args=[nursing.slug])).text
    for shown in (
        "How to enrol",  # each program says how to start
        "Evenings and weekends",
        "Main campus, 1637 E. Lawson St., Durham",
        "Stacks into",  # the credentials and what they stack into
        "Next jobs from here",
        'href="/explore/jobs/29-1141/"',
        "Openings and growth: Demo figures (not real data)",
        "How people do on this pathway",
        "This pathway as linked open data",
    ):
        assert shown in page, shown


def test_a_job_page_shows_pay_pathways_and_the_next_jobs(client, demo_pathways):
    page = client.get(reverse("explore_job", args=["31-1131"])).text
    assert "Nursing and health sciences" in page
    assert "Next steps from this job" in page
    for after in ("Licensed Practical and Licensed Vocational Nurses", "Registered Nurses"):
        assert after in page, after
    # A job no public pathway leads to has no public page.
    assert client.get(reverse("explore_job", args=["51-9011"])).status_code == 404
    assert client.get(reverse("explore_job", args=["nonsense"])).status_code == 404


def test_outcomes_reach_the_public_only_through_the_disclosure_layer(client, public_pathway):
    from unittest import mock

    nursing, _draft = public_pathway
    with mock.patch("dashboards.explore.pathway_figures", return_value=[]) as figures:
        page = client.get(reverse("explore_pathway", args=[nursing.slug])).text
    [(args, _kwargs)] = figures.call_args_list
    assert args[1].kind == "public"
    assert "has not published figures for this pathway yet" in page


def test_a_pathway_page_reads_its_figures_again_once_the_switches_change(client, public_pathway):
    """The page's body is drawn once and shared, but never past a change of who may read
    the figures: unpublishing them for the public is absolute at once."""
    from unittest import mock

    from measures.models import Publication, RollupRun

    nursing, _draft = public_pathway
    RollupRun.objects.create(kind="full", status="ok", finished_at=timezone.now())
    url = reverse("explore_pathway", args=[nursing.slug])
    with mock.patch("dashboards.explore.pathway_figures", return_value=[]) as figures:
        client.get(url)
        client.get(url)
        assert figures.call_count == 1  # drawn once, then shared
        settings = Publication.load()
        settings.public = False
        settings.save()
        client.get(url)
        assert figures.call_count == 2


def test_the_embed_may_be_framed_and_the_pages_are_not(client, public_pathway):
    nursing, _draft = public_pathway
    embed = client.get(reverse("explore_embed", args=[nursing.slug]))
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    assert "Nurse Aide I" in embed.text and "<header" not in embed.text
    for name in ("explore", "explore_pathway", "explore_job"):
        args = {"explore": [], "explore_pathway": [nursing.slug], "explore_job": ["31-1131"]}
        response = client.get(reverse(name, args=args[name]))
        assert response.status_code == 200, name
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "Referrer-Policy" in response.headers


def test_the_explorer_pages_make_as_many_queries_whatever_the_data(client, demo_pathways):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pathways.models import Pathway, Step

    urls = [
        reverse("explore"),
        reverse("explore") + "?q=nurse&cost=5000&wage=40000",
        reverse("explore_pathway", args=["nursing-health-sciences"]),
        reverse("explore_job", args=["31-1131"]),
        reverse("explore_embed", args=["nursing-health-sciences"]),
    ]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    nursing = Pathway.objects.get(slug="nursing-health-sciences")
    aide = nursing.steps.get(title="Nurse Aide I")
    for n in range(15):
        Step.objects.create(
            pathway=nursing,
            title=f"Another way in {n}",
            stage=aide.stage,
            kind=aide.kind,
            audience=aide.audience,
            program=aide.program,
            credential=aide.credential,
            entry_point=True,
        )
    Pathway.objects.update(public=True)
    assert counts() == before
