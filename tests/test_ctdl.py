"""CTDL JSON-LD: every public pathway at a stable address, linked from its page, each node with
the properties Credential Engine's minimum data policy requires of its class; and read back by
``import_ctdl`` as the same pathway (the round trip), or refused whole."""

import copy
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from pathways import ctdl
from pathways.ctdl_import import CtdlImportError, import_pathway
from pathways.models import Credential, Occupation, Pathway, Program, Step, StepLink
from pathways.versions import snapshot

pytestmark = pytest.mark.django_db

CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
COMPONENTS = set(ctdl.COMPONENT_TYPES.values())
CREDENTIALS = set(ctdl.CREDENTIAL_TYPES.values())
REFERENCES = (
    "ceterms:hasPart",
    "ceterms:precedes",
    "ceasn:hasChild",
    "ceterms:ownedBy",
    "ceterms:offeredBy",
)


def fetch(client, pathway) -> dict:
    response = client.get(reverse("explore_pathway_ctdl", args=[pathway.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return json.loads(response.content)


def required_of(node: dict) -> tuple[str, ...]:
    kind = node["@type"]
    if kind in COMPONENTS:
        return ctdl.REQUIRED["component"] + ctdl.REQUIRED.get(kind, ())
    if kind in CREDENTIALS:
        return ctdl.REQUIRED["credential"]
    return ctdl.REQUIRED[kind]


def test_every_public_pathway_is_ctdl_with_what_the_registry_requires(client, demo_pathways):
    for pathway in Pathway.objects.filter(public=True):
        document = fetch(client, pathway)
        assert document["@context"] == "https://credreg.net/ctdl/schema/context/json"
        graph = document["@graph"]
        assert graph[0]["@type"] == "ceterms:Pathway" and graph[0]["ceterms:ctid"] == pathway.ctid
        ids = {node["@id"] for node in graph}
        for node in graph:
            if node["@id"].startswith("_:"):  # an issuer known by name only
                assert node["ceterms:name"]["en-US"]
                continue
            missing = [p for p in required_of(node) if not node.get(p)]
            assert missing == [], (node["@type"], node["ceterms:name"], missing)
            assert CTID.match(node["ceterms:ctid"]), node["ceterms:ctid"]
            assert node["@id"].endswith(node["ceterms:ctid"])
            assert len(node["ceterms:description"]["en-US"]) >= ctdl.MIN_DESCRIPTION
            # Every reference leads to a node of the same graph.
            for prop in REFERENCES:
                for target in node.get(prop, []):
                    assert target in ids, (prop, target)
            if "ceterms:proxyFor" in node:
                assert node["ceterms:proxyFor"] in ids
        components = [n for n in graph if n["@type"] in COMPONENTS]
        assert len(components) == pathway.steps.count()
        [destination] = graph[0]["ceterms:hasDestinationComponent"]
        assert destination in {c["@id"] for c in components}


def test_the_nursing_graph_says_what_the_pathway_says(client, demo_pathways):
    graph = fetch(client, demo_pathways)["@graph"]
    by_name = {n["ceterms:name"]["en-US"]: n for n in graph if n["@type"] in COMPONENTS}
    # The destination is the furthest target job: registered nurse.
    destination = by_name["Registered nurse"]
    assert destination["@type"] == "ceterms:JobComponent"
    assert graph[0]["ceterms:hasDestinationComponent"] == [destination["@id"]]
    assert destination["ceterms:occupationType"][0]["ceterms:codedNotation"] == "29-1141"
    # "Leads to" is precedes; "required before" a condition.
    aide = by_name["Nurse Aide I"]
    assert by_name["Nursing assistant"]["@id"] in aide["ceterms:precedes"]
    [condition] = by_name["Practical Nursing"]["ceterms:hasCondition"]
    assert condition["ceterms:targetComponent"] == [aide["@id"]]
    # The program a step stands for, with its cost, length and delivery.
    program = next(n for n in graph if n["@id"] == aide["ceterms:proxyFor"])
    assert program["@type"] == "ceterms:LearningProgram"
    assert program["ceterms:estimatedDuration"][0]["ceterms:exactDuration"] == "P3M"
    assert program["ceterms:estimatedCost"][0]["ceterms:currency"] == "USD"
    assert program["ceterms:deliveryType"][0]["ceterms:targetNode"] == "deliveryType:InPerson"


def test_the_page_links_its_ctdl_and_drafts_have_none(client, demo_pathways):
    page = client.get(reverse("explore_pathway", args=[demo_pathways.slug])).text
    url = reverse("explore_pathway_ctdl", args=[demo_pathways.slug])
    assert f'<link rel="alternate" type="application/ld+json" href="{url}"' in page
    Pathway.objects.filter(pk=demo_pathways.pk).update(public=False)
    assert client.get(url).status_code == 404


def _state(pathway: Pathway) -> dict:
    """The pathway as its history keeps it, with the names of what its steps name."""
    data = snapshot(pathway)
    data.pop("updated_at", None)
    steps = Step.objects.filter(pathway=pathway).select_related("program", "credential")
    data["names"] = sorted(
        (s.title, s.program.title if s.program else "", s.credential.name if s.credential else "")
        for s in steps
    )
    return data


def test_a_pathway_survives_the_round_trip(client, demo_pathways):
    first = fetch(client, demo_pathways)
    slug = demo_pathways.slug
    # Gone from this app, with its programs and credentials; the organizations and the
    # occupations (reference data, with the region's wages) stay.
    Pathway.objects.all().delete()
    Program.objects.all().delete()
    Credential.objects.all().delete()

    out = StringIO()
    path = _write(first)
    call_command("import_ctdl", str(path), "--public", stdout=out)
    assert "with 10 steps" in out.getvalue()
    pathway = Pathway.objects.get(slug=slug)
    assert pathway.public and pathway.ctid == first["@graph"][0]["ceterms:ctid"]
    assert _diff(fetch(client, pathway), first) == []

    # Read again over itself: the same pathway, replaced, and the same document.
    before = _state(pathway)
    call_command("import_ctdl", str(path), stdout=StringIO())
    assert Pathway.objects.count() == 1
    pathway = Pathway.objects.get(slug=slug)
    assert _state(pathway)["names"] == before["names"]
    assert _diff(fetch(client, pathway), first) == []
    assert pathway.versions.count() == 2  # each reading is in the pathway's history


def test_an_occupation_the_app_lacks_is_made_from_the_graph(client, demo_pathways):
    document = fetch(client, demo_pathways)
    Pathway.objects.all().delete()
    Occupation.objects.filter(soc_code="29-1141").delete()
    import_pathway(document)
    assert Occupation.objects.get(soc_code="29-1141").title == "Registered Nurses"


def _diff(got: dict, expected: dict) -> list:
    """The nodes that differ, by @id, with the properties that differ."""
    a = {n["@id"]: n for n in got["@graph"]}
    b = {n["@id"]: n for n in expected["@graph"]}
    out = [("only in one", sorted(a.keys() ^ b.keys()))] if a.keys() ^ b.keys() else []
    for key in a.keys() & b.keys():
        props = {p for p in a[key].keys() | b[key].keys() if a[key].get(p) != b[key].get(p)}
        out += [(key, p, a[key].get(p), b[key].get(p)) for p in sorted(props)]
    if not out and got != expected:
        out.append(("order", [n["@id"] for n in got["@graph"]]))
    return out


def _write(document, tmp=[]):  # noqa: B006 - one directory for the test run
    import tempfile
    from pathlib import Path

    if not tmp:
        tmp.append(Path(tempfile.mkdtemp()))
    path = tmp[0] / "pathway.json"
    path.write_text(json.dumps(document))
    return path


def _broken(document: dict, change) -> dict:
    document = copy.deepcopy(document)
    change(document["@graph"])
    return document


def test_a_bad_graph_is_refused_whole(client, demo_pathways):
    good = fetch(client, demo_pathways)
    counts = [m.objects.count() for m in (Pathway, Step, StepLink, Program, Credential)]

    def loop(graph):  # registered nurse leads back to the aide course
        by_name = {n["ceterms:name"]["en-US"]: n for n in graph if n["@type"] in COMPONENTS}
        by_name["Registered nurse"].setdefault("ceterms:precedes", []).append(
            by_name["Nurse Aide I"]["@id"]
        )

    def no_name(graph):
        del graph[3]["ceterms:name"]

    def bad_ctid(graph):
        graph[2]["ceterms:ctid"] = "ce-nonsense"

    def bad_length(graph):
        program = next(n for n in graph if n["@type"] == "ceterms:LearningProgram")
        program["ceterms:estimatedDuration"] = [{"ceterms:exactDuration": "three months"}]

    cases = [
        (loop, "this link would make a loop"),
        (no_name, "“ceterms:name” is missing."),
        (bad_ctid, "is not ce- and a UUID"),
        (bad_length, "“three months” is not a length in months (P6M)."),
        (lambda graph: graph.append(copy.deepcopy(graph[0])), "holds 2"),
    ]
    for change, message in cases:
        with pytest.raises(CtdlImportError) as refused:
            import_pathway(_broken(good, change))
        assert message in "; ".join(str(p) for p in refused.value.problems), message
        assert [m.objects.count() for m in (Pathway, Step, StepLink, Program, Credential)] == counts
    with pytest.raises(CtdlImportError):
        import_pathway({"no": "graph"})

    # Shapes the export never writes are refused whole too, never a crash.
    def listed_type(graph):
        graph[1]["@type"] = [graph[1]["@type"]]

    def owner_as_object(graph):
        graph[0]["ceterms:ownedBy"] = [{"@id": graph[0]["ceterms:ownedBy"][0]}]

    def condition_as_text(graph):
        node = next(n for n in graph if n.get("ceterms:hasCondition"))
        node["ceterms:hasCondition"] = ["first the aide course"]

    for change in (listed_type, owner_as_object, condition_as_text):
        with pytest.raises(CtdlImportError):
            import_pathway(_broken(good, change))
        assert [m.objects.count() for m in (Pathway, Step, StepLink, Program, Credential)] == counts


def test_the_command_says_what_is_wrong(tmp_path):
    path = tmp_path / "pathway.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("import_ctdl", str(path))
    path.write_text(json.dumps({"@graph": []}))
    with pytest.raises(CommandError, match="holds 0"):
        call_command("import_ctdl", str(path))


def test_organizations_the_app_lacks_are_made_from_the_graph(client, demo_pathways):
    document = fetch(client, demo_pathways)
    Pathway.objects.all().delete()
    Program.objects.all().delete()
    from partners.models import Organization

    Organization.objects.filter(slug="durham-tech").delete()
    import_pathway(document)
    college = Organization.objects.get(name="Durham Technical Community College")
    assert college.sector_type == "college"
    assert college.website == ""  # the export's stand-in page is not the college's site


def test_a_text_written_only_in_spanish_is_never_labelled_english(client, demo_pathways):
    spanish = "Un resumen en español de esta trayectoria."
    Pathway.objects.filter(pk=demo_pathways.pk).update(
        summary_en="", summary="", summary_es=spanish
    )
    description = fetch(client, demo_pathways)["@graph"][0]["ceterms:description"]
    assert description["es"] == spanish
    assert description["en-US"] == "A career pathway in Healthcare: Nursing and health sciences."
