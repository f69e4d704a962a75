"""Browsing pathways: the directory and its filters, the pathway map and its list view, the
occupation, program and credential pages; their query counts do not grow with the data."""

from dataclasses import dataclass

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Organization
from pathways.map import MAX_ROWS, build_map, grade_range, layout
from pathways.models import (
    Audience,
    AwardLevel,
    CareerCluster,
    Credential,
    CredentialKind,
    Education,
    LinkKind,
    Modality,
    Occupation,
    Pathway,
    Program,
    Sector,
    Stage,
    Step,
    StepKind,
    StepLink,
)

pytestmark = pytest.mark.django_db
SVG = "http://www.w3.org/2000/svg"


@dataclass
class Catalog:
    health: Sector
    manufacturing: Sector
    nursing: Pathway
    machining: Pathway
    lpn: Occupation
    aide: Occupation
    machinist: Occupation
    cna_program: Program
    cna: Credential
    steps: dict[str, Step]


def step(pathway, title, stage, kind, audience, provider=None, **fields):
    return Step.objects.create(
        pathway=pathway,
        title=title,
        stage=stage,
        kind=kind,
        audience=audience,
        provider=provider,
        **fields,
    )


def link(a, b, kind=LinkKind.PRECEDES):
    return StepLink.objects.create(from_step=a, to_step=b, kind=kind)


@pytest.fixture
def catalog(world) -> Catalog:
    health = Sector.objects.create(slug="health", name="Health Care", high_growth=True)
    manufacturing = Sector.objects.create(slug="manufacturing", name="Advanced Manufacturing")
    health_science = CareerCluster.objects.create(code="health-science", name="Health Science")
    making = CareerCluster.objects.create(code="manufacturing", name="Manufacturing")
    figures = {"source": "BLS OEWS, Durham-Chapel Hill MSA", "period": "May 2024"}
    lpn = Occupation.objects.create(
        soc_code="29-2061",
        title="Licensed Practical Nurses",
        median_wage=52000,
        annual_openings=120,
        projected_growth="5.4",
        entry_education=Education.POSTSECONDARY,
        **figures,
    )
    lpn.sectors.add(health)
    aide = Occupation.objects.create(
        soc_code="31-1131", title="Nursing Assistants", median_wage=33500, **figures
    )
    machinist = Occupation.objects.create(soc_code="51-4041", title="Machinists")
    cna_program = Program.objects.create(
        cip_code="51.3902",
        title="Nursing Assistant I",
        provider=world.org_a,
        award_level=AwardLevel.CERTIFICATE,
        length_months=4,
        cost=650,
        modality=Modality.HYBRID,
        audience=Audience.BOTH,
        description="Classroom, lab and clinical practice.",
    )
    Program.objects.create(
        cip_code="48.0501",
        title="Machining pre-apprenticeship",
        provider=world.org_b,
        award_level=AwardLevel.NONE,
        modality=Modality.IN_PERSON,
        audience=Audience.YOUTH,
    )
    cna = Credential.objects.create(
        name="Nurse Aide I", kind=CredentialKind.CERTIFICATION, issuer="NC DHHS"
    )
    nursing = Pathway.objects.create(
        slug="nursing",
        title="Nursing",
        summary="From a first class in health science to a licensed nurse.",
        sector=health,
        cluster=health_science,
        owner=world.backbone_org,
    )
    nursing.target_occupations.set([lpn, aide])
    s = {
        "explore": step(
            nursing,
            "Health science exploration",
            Stage.EXPLORE,
            StepKind.COURSE,
            Audience.YOUTH,
            world.org_b,
            entry_point=True,
            min_grade=9,
            max_grade=10,
        ),
        "basics": step(
            nursing,
            "Adult basic skills",
            Stage.PREPARE,
            StepKind.COURSE,
            Audience.ADULT,
            world.org_a,
            entry_point=True,
            min_age=18,
        ),
        "program": step(
            nursing,
            "Nursing Assistant I course",
            Stage.TRAIN,
            StepKind.PROGRAM,
            Audience.BOTH,
            world.org_a,
            program=cna_program,
            entry_point=True,
            min_age=16,
        ),
        "credential": step(
            nursing,
            "Nurse Aide I certification",
            Stage.TRAIN,
            StepKind.CREDENTIAL,
            Audience.BOTH,
            world.org_a,
            credential=cna,
            exit_point=True,
            order=1,
        ),
        "aide": step(
            nursing,
            "Work as a nursing assistant",
            Stage.LAUNCH,
            StepKind.JOB,
            Audience.BOTH,
            occupation=aide,
            exit_point=True,
        ),
        "lpn": step(
            nursing,
            "Work as a licensed practical nurse",
            Stage.ADVANCE,
            StepKind.JOB,
            Audience.ADULT,
            occupation=lpn,
            exit_point=True,
        ),
    }
    link(s["explore"], s["program"])
    link(s["basics"], s["program"])
    link(s["program"], s["credential"], LinkKind.PREREQUISITE)
    link(s["credential"], s["aide"])
    link(s["aide"], s["lpn"])
    machining = Pathway.objects.create(
        slug="machining",
        title="Machining",
        sector=manufacturing,
        cluster=making,
        owner=world.org_b,
    )
    machining.target_occupations.set([machinist])
    step(machining, "Shop class", Stage.EXPLORE, StepKind.COURSE, Audience.YOUTH, world.org_b)
    return Catalog(
        health=health,
        manufacturing=manufacturing,
        nursing=nursing,
        machining=machining,
        lpn=lpn,
        aide=aide,
        machinist=machinist,
        cna_program=cna_program,
        cna=cna,
        steps=s,
    )


def parse(response):
    assert response.status_code == 200
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(response.content)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def facts(dl) -> dict[str, str]:
    """A description list as {term: description}."""
    return dict(zip(map(text, dl.findall("dt")), map(text, dl.findall("dd")), strict=True))


def rows(table) -> dict[str, list[str]]:
    """A table's body as {row header: [cells]}."""
    return {
        text(tr.find("th")): [text(td) for td in tr.findall("td")]
        for tr in table.findall("tbody/tr")
    }


def titles_in_directory(world, user, **params):
    response = world.client(user).get(reverse("pathway_list"), params)
    document = parse(response)
    return [text(th) for th in document.findall(".//div[@id='results']//tbody/tr/th")]


# The directory.


def test_directory_lists_every_pathway_with_its_facts(world, catalog):
    response = world.client(world.member_a).get(reverse("pathway_list"))
    document = parse(response)
    rows = {
        text(tr.find("th")): [text(td) for td in tr.findall("td")]
        for tr in document.findall(".//div[@id='results']//tbody/tr")
    }
    assert rows["Nursing"] == [
        "Health Care High-growth",
        "Health Science",
        "Licensed Practical Nurses, Nursing Assistants",
        "Durham Public Schools, Durham Tech",
        "6",
    ]
    assert rows["Machining"] == [
        "Advanced Manufacturing",
        "Manufacturing",
        "Machinists",
        "Durham Public Schools",
        "1",
    ]
    assert reverse("occupation_detail", args=["29-2061"]).encode() in response.content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sector": "health"}, ["Nursing"]),
        ({"sector": "manufacturing"}, ["Machining"]),
        ({"cluster": "manufacturing"}, ["Machining"]),
        ({"cluster": "health-science"}, ["Nursing"]),
        # Adults: a step for adults or for both; machining has youth steps only.
        ({"audience": "adult"}, ["Nursing"]),
        ({"audience": "youth"}, ["Machining", "Nursing"]),
        ({"provider": "durham-tech"}, ["Nursing"]),
        ({"provider": "dps"}, ["Machining", "Nursing"]),
        ({"provider": "dps", "sector": "manufacturing"}, ["Machining"]),
        ({"audience": "adult", "cluster": "manufacturing"}, []),
        # Unknown values are ignored rather than matching nothing.
        ({"sector": "nope", "audience": "aliens"}, ["Machining", "Nursing"]),
    ],
)
def test_directory_filters(world, catalog, params, expected):
    assert titles_in_directory(world, world.funder, **params) == expected


def test_directory_filter_form_keeps_its_choices_and_works_with_htmx(world, catalog):
    client = world.client(world.member_a)
    url = reverse("pathway_list")
    page = client.get(url, {"sector": "health", "audience": "adult"}).content.decode()
    assert '<option value="health" selected>' in page
    assert '<option value="adult" selected>' in page
    assert 'hx-push-url="true"' in page
    assert '<button type="submit" class="button">Filter</button>' in page
    # Only organizations that provide a step are offered as providers.
    assert '<option value="durham-tech"' in page
    assert '<option value="backbone"' not in page

    fragment = client.get(url, {"sector": "health"}, headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "<html" not in body
    assert "Nursing" in body and "Machining" not in body
    assert "HX-Request" in fragment.headers["Vary"]


def test_directory_says_when_nothing_matches(world, catalog):
    page = world.client(world.member_a).get(
        reverse("pathway_list"), {"audience": "adult", "cluster": "manufacturing"}
    )
    assert "No pathway matches these filters." in page.content.decode()


# The map and its list view.


def test_map_shows_stages_in_order_with_entry_and_exit_points_and_wages(world, catalog):
    response = world.client(world.member_a).get(catalog.nursing.get_absolute_url())
    document = parse(response)
    region = document.find(".//div[@class='map-scroll']")
    assert region.get("role") == "group"
    assert region.get("aria-labelledby") == "map-heading"
    assert text(document.find(".//h2[@id='map-heading']")) == "Map of the pathway"
    skip = document.find(".//p[@class='map-skip']/a")
    assert skip.get("href") == "#list-view" and text(skip) == "Skip to the list view"
    assert document.find(".//section[@id='list-view']") is not None

    stages = [text(h3) for h3 in region.findall(".//h3")]
    assert stages == ["1 Explore", "2 Prepare", "3 Train", "4 Launch", "5 Advance"]

    cards = {text(li.find("p[@class='step-title']")): li for li in region.iter("li")}
    assert list(cards) == [
        "Health science exploration",
        "Adult basic skills",
        "Nursing Assistant I course",
        "Nurse Aide I certification",
        "Work as a nursing assistant",
        "Work as a licensed practical nurse",
    ]

    def badges(title):
        return [
            text(span)
            for span in cards[title].findall(".//span[@class]")
            if "badge" in span.get("class")
        ]

    assert badges("Health science exploration") == ["Entry point for youth"]
    assert badges("Adult basic skills") == ["Entry point for adults"]
    assert badges("Nursing Assistant I course") == [
        "Entry point for youth",
        "Entry point for adults",
    ]
    assert badges("Nurse Aide I certification") == ["Exit point"]

    def card_facts(title):
        return facts(cards[title].find("dl"))

    assert text(cards["Health science exploration"].find("p")) == "Course"
    assert card_facts("Health science exploration") == {
        "Provider": "Durham Public Schools",
        "For": "Youth; Grades 9–10",
        "Leads to": "Nursing Assistant I course",
    }
    assert card_facts("Adult basic skills")["For"] == "Adults; Age 18 and over"

    program = cards["Nursing Assistant I course"]
    assert "Requires" not in text(program)
    assert program.find(f".//a[@href='/programs/{catalog.cna_program.pk}/']") is not None
    credential = cards["Nurse Aide I certification"]
    assert card_facts("Nurse Aide I certification")["Requires"] == "Nursing Assistant I course"
    assert card_facts("Nurse Aide I certification")["Credential"] == "Nurse Aide I"
    assert credential.find(f".//a[@href='/credentials/{catalog.cna.pk}/']") is not None

    lpn = card_facts("Work as a licensed practical nurse")
    assert lpn["Median wage"] == "$52,000 a year (BLS OEWS, Durham-Chapel Hill MSA, May 2024)"
    assert lpn["Occupation"] == "Licensed Practical Nurses"
    assert lpn["Provider"] == "not named"
    assert "Median wage" not in card_facts("Nurse Aide I certification")

    # Each link is an arrow in the (hidden) arrow layer.
    svg = region.find(f".//{{{SVG}}}svg")
    assert svg.get("aria-hidden") == "true"
    arrows = [g for g in svg.iter(f"{{{SVG}}}g") if "map-arrow" in (g.get("class") or "")]
    assert len(arrows) == 5
    assert sum("map-arrow-prerequisite" in g.get("class") for g in arrows) == 1

    # The pathway's own facts.
    assert facts(document.find(".//dl[@class='facts']")) == {
        "Sector": "Health Care High-growth",
        "Career cluster": "Health Science",
        "Target occupations": "Licensed Practical Nurses (29-2061), Nursing Assistants (31-1131)",
        "Owned by": "Backbone",
        "Steps": "6 steps",
    }


def test_list_view_has_the_same_steps_and_facts_in_words(world, catalog):
    document = parse(world.client(world.funder).get(catalog.nursing.get_absolute_url()))
    region = document.find(".//div[@class='map-scroll']")
    listing = document.find(".//section[@id='list-view']")
    assert [text(h3) for h3 in listing.findall("h3")] == [
        "Stage 1: Explore",
        "Stage 2: Prepare",
        "Stage 3: Train",
        "Stage 4: Launch",
        "Stage 5: Advance",
    ]
    map_cards = {li.get("id").removeprefix("step-"): li for li in region.iter("li")}
    list_items = {li.get("id").removeprefix("list-step-"): li for li in listing.iter("li")}
    assert list(map_cards) == list(list_items)
    for pk, card in map_cards.items():
        item = list_items[pk]
        # The same facts: the list item says everything the card says, and its heading.
        assert facts(card.find("dl")) == facts(item.find("dl"))
        assert text(item.find("h4")) == text(card.find("p[@class='step-title']"))
    # Links in words point within the list view.
    credential = list_items[str(catalog.steps["credential"].pk)]
    hrefs = [a.get("href") for a in credential.iter("a")]
    assert f"#list-step-{catalog.steps['program'].pk}" in hrefs
    # Funders read it all and see no editing links.
    assert "Edit" not in text(listing)


def test_editing_links_follow_who_may_edit(world, catalog):
    url = catalog.nursing.get_absolute_url()
    backbone = world.client(world.backbone).get(url).content.decode()
    assert reverse("pathway_edit", args=["nursing"]) in backbone
    for s in catalog.steps.values():
        assert reverse("step_edit", args=[s.pk]) in backbone
    lead = world.client(world.lead_a).get(url).content.decode()
    assert reverse("pathway_edit", args=["nursing"]) not in lead
    assert reverse("step_create", args=["nursing"]) in lead
    assert reverse("step_edit", args=[catalog.steps["program"].pk]) in lead  # Durham Tech's
    assert reverse("step_edit", args=[catalog.steps["explore"].pk]) not in lead  # DPS's


def test_pathway_without_steps_says_so(world, catalog):
    empty = Pathway.objects.create(
        slug="empty",
        title="Empty",
        sector=catalog.health,
        cluster=catalog.nursing.cluster,
        owner=world.backbone_org,
    )
    page = world.client(world.member_a).get(empty.get_absolute_url()).content.decode()
    assert "This pathway has no steps yet." in page
    assert "map-grid" not in page


def test_new_is_the_form_not_a_pathway(world, catalog):
    response = world.client(world.backbone).get("/pathways/new/")
    assert response.status_code == 200
    assert response.resolver_match.url_name == "pathway_create"
    assert world.client(world.member_a).get("/pathways/nowhere/").status_code == 404


# The layout.


def test_arrows_run_between_cards_and_end_at_the_target_edge(world, catalog):
    pathway_map = build_map(catalog.nursing)
    assert pathway_map.rows == 2  # two steps in "train"
    assert pathway_map.grid_class == "map-rows-2 map-print-arrows"
    svg = str(pathway_map.arrows)
    # basics (column 1, row 0) → program (column 2, row 0): straight across the gap, from
    # the right edge of column 1 to the left edge of column 2.
    program = catalog.steps["program"].pk

    def arrow(a, b):
        return svg.split(f'data-from="{a}" data-to="{b}">')[1].split("</g>")[0]

    straight = arrow(catalog.steps["basics"].pk, program)
    assert straight.count("<line") == 1
    assert 'x1="37.6%" y1="25%" x2="41.6%" y2="25%"' in straight
    assert 'marker-end="url(#map-arrow-precedes)"' in straight
    # explore (column 0, row 0) → program: a card is in between ("prepare", row 0), so the
    # arrow goes down the gap after column 0, along the line between rows 0 and 1, and up
    # the gap before column 2.
    around = arrow(catalog.steps["explore"].pk, program)
    assert around.count("<line") == 5
    assert 'y1="50%" x2="39.6%" y2="50%"' in around
    assert around.count("marker-end") == 1
    # program → credential, both in "train": out of the right edge, down the gap, back in.
    same = arrow(program, catalog.steps["credential"].pk)
    assert same.count("<line") == 3
    assert 'x2="58.4%" y2="75%" stroke' in same
    assert "stroke-dasharray" in same


def test_too_many_rows_flow_freely_without_arrows(world, catalog):
    steps = [
        Step(pk=n + 1, title=f"Step {n}", stage=Stage.EXPLORE, kind=StepKind.COURSE)
        for n in range(MAX_ROWS + 1)
    ]
    pathway_map = layout(steps, [(1, 2, LinkKind.PRECEDES)])
    assert pathway_map.grid_class == "map-rows-free"
    assert pathway_map.arrows == ""
    assert [s.title for s in pathway_map.cards[0].leads_to] == ["Step 1"]


def test_grade_ranges_read_well():
    assert grade_range(None, None) == ""
    assert grade_range(0, 5) == "Grades K–5"
    assert grade_range(11, 11) == "Grade 11"
    assert grade_range(9, None) == "Grade 9 and up"
    assert grade_range(None, 12) == "Up to grade 12"


# Occupations, programs and credentials.


def test_occupation_page_gives_figures_with_source_and_the_pathways_using_it(world, catalog):
    document = parse(world.client(world.member_a).get(catalog.lpn.get_absolute_url()))
    source = ["BLS OEWS, Durham-Chapel Hill MSA", "May 2024"]
    assert rows(document.find(".//table")) == {
        "SOC 2018 code": ["29-2061", "Standard Occupational Classification", "2018"],
        "Median annual wage": ["$52,000", *source],
        "Annual openings": ["120", *source],
        "Projected growth": ["5.4%", *source],
        "Typical entry education": ["Postsecondary nondegree award", *source],
    }
    assert "Health Care" in text(document.find(".//main"))
    uses = text(document.find(".//ul[@class='pw-uses']"))
    assert "Nursing (Health Care): a target occupation; step Work as a licensed practical" in uses

    # Via a job step only.
    catalog.nursing.target_occupations.remove(catalog.aide)
    document = parse(world.client(world.member_a).get(catalog.aide.get_absolute_url()))
    uses = text(document.find(".//ul[@class='pw-uses']"))
    assert uses == "Nursing (Health Care): step Work as a nursing assistant (Launch)"

    page = world.client(world.member_a).get(catalog.machinist.get_absolute_url())
    assert "Machining" in page.content.decode()
    assert "not known" in page.content.decode()


def test_occupation_list_filters_by_text(world, catalog):
    client = world.client(world.funder)
    url = reverse("occupation_list")
    page = client.get(url, {"q": "nurs"}).content.decode()
    assert "Licensed Practical Nurses" in page and "Nursing Assistants" in page
    assert "Machinists" not in page
    page = client.get(url, {"q": "51-40"}).content.decode()
    assert "Machinists" in page and "Nursing Assistants" not in page
    fragment = client.get(url, {"q": "nurs"}, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="results">')
    assert "2 occupations match “nurs”" in fragment


def test_program_page_and_the_pathways_using_it(world, catalog):
    document = parse(world.client(world.funder).get(catalog.cna_program.get_absolute_url()))
    assert facts(document.find(".//dl[@class='facts']")) == {
        "CIP 2020 code": "51.3902",
        "Provider": "Durham Tech",
        "Award": "Certificate",
        "Length": "4 months",
        "Cost": "$650",
        "Modality": "Hybrid",
        "Schedule": "not given",
        "Where it is taught": "not given",
        "For": "Youth and adults",
    }
    assert document.find(".//a[@href='/organizations/durham-tech/']") is not None
    uses = text(document.find(".//ul[@class='pw-uses']"))
    assert uses == "Nursing (Health Care): Nursing Assistant I course (Train)"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Machining pre-apprenticeship", "Nursing Assistant I"]),
        ({"provider": "durham-tech"}, ["Nursing Assistant I"]),
        ({"provider": "dps"}, ["Machining pre-apprenticeship"]),
        ({"audience": "adult"}, ["Nursing Assistant I"]),
        ({"audience": "youth"}, ["Machining pre-apprenticeship", "Nursing Assistant I"]),
    ],
)
def test_program_list_filters(world, catalog, params, expected):
    document = parse(world.client(world.member_a).get(reverse("program_list"), params))
    rows = document.findall(".//div[@id='results']//tbody/tr/th")
    assert [text(th) for th in rows] == expected


def test_credential_page(world, catalog):
    bigger = Credential.objects.create(
        name="Practical nursing license", kind=CredentialKind.LICENSE, issuer="NC Board"
    )
    catalog.cna.stacks_into.add(bigger)
    page = world.client(world.member_a).get(reverse("credential_detail", args=[catalog.cna.pk]))
    document = parse(page)
    assert facts(document.find(".//dl[@class='facts']")) == {
        "Type": "Industry certification",
        "Issuer": "NC DHHS",
        "Stacks into": "Practical nursing license",
        "Built on": "—",
    }
    uses = text(document.find(".//ul[@class='pw-uses']"))
    assert uses == "Nursing (Health Care): Nurse Aide I certification (Train)"


# Query counts.


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def grow(catalog, world, n):
    """``n`` more pathways, each with steps in every stage from its own provider, linked."""
    for i in range(n):
        provider = Organization.objects.create(name=f"Provider {i}", slug=f"provider-{i}")
        pathway = Pathway.objects.create(
            slug=f"more-{i}",
            title=f"More {i}",
            sector=catalog.health,
            cluster=catalog.nursing.cluster,
            owner=world.backbone_org,
        )
        pathway.target_occupations.set([catalog.lpn, catalog.aide])
        previous = None
        for stage in Stage.values:
            for k in range(2):
                current = step(
                    pathway, f"{stage} {k}", stage, StepKind.COURSE, Audience.BOTH, provider
                )
                if previous is not None:
                    link(previous, current)
                previous = current


@pytest.mark.parametrize(
    "url",
    [
        reverse("pathway_list"),
        reverse("pathway_list") + "?audience=youth&provider=dps",
        "/pathways/nursing/",
        "/occupations/",
        "/occupations/29-2061/",
        "/programs/",
    ],
)
def test_queries_do_not_grow_with_pathways_and_steps(world, catalog, url):
    client = world.client(world.member_a)
    small, _ = count_queries(client, url)
    grow(catalog, world, 6)
    # And many more steps and links on the nursing pathway itself.
    nursing = catalog.nursing
    previous = catalog.steps["lpn"]
    for k in range(20):
        current = step(nursing, f"Extra {k}", Stage.ADVANCE, StepKind.JOB, Audience.ADULT)
        current.occupation = catalog.lpn
        current.save()
        link(previous, current)
        previous = current
    large, sql = count_queries(client, url)
    assert large == small, "\n".join(sql)
    assert large <= 10, "\n".join(sql)


def test_program_and_credential_queries_do_not_grow(world, catalog):
    client = world.client(world.member_a)
    urls = [catalog.cna_program.get_absolute_url(), f"/credentials/{catalog.cna.pk}/"]
    before = [count_queries(client, url)[0] for url in urls]
    for pathway in Pathway.objects.all():
        for k in range(5):
            step(
                pathway,
                f"Again {k}",
                Stage.TRAIN,
                StepKind.PROGRAM,
                Audience.BOTH,
                world.org_a,
                program=catalog.cna_program,
                credential=catalog.cna,
            )
    assert [count_queries(client, url)[0] for url in urls] == before


# Access.


@pytest.mark.parametrize(
    "url",
    [
        "/pathways/",
        "/pathways/nursing/",
        "/occupations/",
        "/occupations/29-2061/",
        "/programs/",
        "/programs/{program}/",
        "/credentials/{credential}/",
    ],
)
def test_anonymous_people_are_sent_to_log_in(world, catalog, url):
    url = url.format(program=catalog.cna_program.pk, credential=catalog.cna.pk)
    response = world.client(None).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_unknown_things_are_not_found(world, catalog):
    client = world.client(world.member_a)
    for url in ("/pathways/nope/", "/occupations/99-9999/", "/programs/999999/"):
        assert client.get(url).status_code == 404, url
    assert client.get("/credentials/999999/").status_code == 404


def test_main_navigation_has_pathways(world, catalog):
    page = world.client(world.funder).get(reverse("pathway_list")).content.decode()
    assert f'<a href="{reverse("pathway_list")}" aria-current="page">Pathways</a>' in page
