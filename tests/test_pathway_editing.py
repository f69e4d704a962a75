"""Editing pathways: who may change what, model rules (no cycles, stacking), versions that
restore exactly, and pathways as a scope of the shared measures."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures.models import Category
from pathways import versions
from pathways.models import (
    CareerCluster,
    Credential,
    Occupation,
    Pathway,
    Program,
    Sector,
    Step,
    StepLink,
)
from tests.test_dashboards import agg, decide, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pathway(world):
    sector = Sector.objects.create(slug="life-sciences", name="Life sciences", high_growth=True)
    cluster = CareerCluster.objects.create(code="health", name="Health Science")
    pathway = Pathway.objects.create(
        slug="biowork",
        title="Biomanufacturing",
        sector=sector,
        cluster=cluster,
        owner=world.backbone_org,
    )
    occupation = Occupation.objects.create(soc_code="19-4021", title="Biological Technicians")
    pathway.target_occupations.add(occupation)
    return pathway


def step(pathway, title, stage="train", provider=None, **extra):
    return Step.objects.create(
        pathway=pathway,
        title=title,
        stage=stage,
        kind=extra.pop("kind", "course"),
        audience=extra.pop("audience", "both"),
        provider=provider,
        **extra,
    )


def test_links_never_make_a_cycle(pathway):
    a, b, c = (step(pathway, t) for t in "ABC")
    StepLink.objects.create(from_step=a, to_step=b, kind="precedes")
    StepLink.objects.create(from_step=b, to_step=c, kind="prerequisite")
    with pytest.raises(ValidationError, match="would make a loop"):
        StepLink(from_step=c, to_step=a, kind="precedes").full_clean()
    with pytest.raises(ValidationError, match="cannot lead to itself"):
        StepLink(from_step=a, to_step=a, kind="precedes").full_clean()
    StepLink(from_step=a, to_step=c, kind="precedes").full_clean()  # a shortcut is fine


def test_the_link_page_refuses_a_cycle_and_saves_nothing(world, pathway):
    a, b = step(pathway, "A"), step(pathway, "B")
    StepLink.objects.create(from_step=a, to_step=b, kind="precedes")
    client = world.client(world.backbone)
    response = client.post(
        reverse("link_create", args=[pathway.slug]),
        {"from_step": b.pk, "to_step": a.pk, "kind": "precedes"},
    )
    assert response.status_code == 400
    assert "would make a loop" in response.text
    assert StepLink.objects.count() == 1


def test_credentials_stack_without_loops(world):
    cna = Credential.objects.create(name="CNA", kind="certificate", issuer="NC DHHS")
    lpn = Credential.objects.create(name="LPN", kind="license", issuer="NC BON")
    rn = Credential.objects.create(name="RN", kind="license", issuer="NC BON")
    cna.stacks_into.add(lpn)
    lpn.stacks_into.add(rn)
    assert cna.stacks_into_closure() == {lpn.pk, rn.pk}
    client = world.client(world.backbone)
    response = client.post(
        reverse("credential_edit", args=[rn.pk]),
        {"name_en": "RN", "kind": "license", "issuer": "NC BON", "stacks_into": [cna.pk]},
    )
    assert response.status_code == 400
    assert "would make a loop" in response.text
    assert not rn.stacks_into.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("soc_code", "151252", "form 15-1252"), ("soc_code", "15-125", "form 15-1252")],
)
def test_codes_in_the_wrong_form_are_refused(field, value, message):
    with pytest.raises(ValidationError, match=message):
        Occupation(**{field: value, "title": "x"}).full_clean()


def test_cip_code_form(world):
    program = Program(
        cip_code="51.38",
        title="Nursing",
        provider=world.org_a,
        award_level="associate",
        modality="in_person",
        audience="adult",
    )
    with pytest.raises(ValidationError, match=r"form 51\.3801"):
        program.full_clean()


def test_a_lead_edits_only_steps_and_programs_their_organization_provides(world, pathway):
    own = step(pathway, "Intro to biotech", provider=world.org_a)
    other = step(pathway, "Biology I", provider=world.org_b)
    lead = world.client(world.lead_a)
    data = {"title_en": "Intro to biotechnology", "stage": "train", "kind": "course"}
    data |= {"audience": "both", "provider": world.org_a.pk, "order": 0}
    assert lead.post(reverse("step_edit", args=[own.pk]), data).status_code == 302
    own.refresh_from_db()
    assert own.title == "Intro to biotechnology"
    assert lead.post(reverse("step_edit", args=[other.pk]), data).status_code == 403
    # A new step must be provided by the lead's organization.
    data = data | {"title_en": "New", "provider": world.org_b.pk}
    response = lead.post(reverse("step_create", args=[pathway.slug]), data)
    assert response.status_code == 400
    assert not Step.objects.filter(title="New").exists()
    assert world.client(world.member_a).get(reverse("step_edit", args=[own.pk])).status_code == 403
    edit_pathway = reverse("pathway_edit", args=[pathway.slug])
    assert world.client(world.lead_a).get(edit_pathway).status_code == 403

    program = Program.objects.create(
        cip_code="26.1201",
        title="Biotechnology",
        provider=world.org_a,
        award_level="associate",
        modality="hybrid",
        audience="both",
    )
    form = {
        "cip_code": "26.1201",
        "title_en": "Biotechnology AAS",
        "provider": world.org_a.pk,
        "award_level": "associate",
        "modality": "hybrid",
        "audience": "both",
    }
    assert lead.post(reverse("program_edit", args=[program.pk]), form).status_code == 302
    assert (
        world.client(world.lead_b)
        .post(reverse("program_edit", args=[program.pk]), form)
        .status_code
        == 403
    )


def test_every_change_is_a_version_and_restores_exactly(world, pathway):
    client = world.client(world.backbone)
    base = {"stage": "train", "kind": "course", "audience": "both", "order": 0}
    client.post(reverse("step_create", args=[pathway.slug]), {"title_en": "A", **base})
    client.post(reverse("step_create", args=[pathway.slug]), {"title_en": "B", **base})
    a, b = Step.objects.order_by("pk")
    client.post(
        reverse("link_create", args=[pathway.slug]),
        {"from_step": a.pk, "to_step": b.pk, "kind": "precedes"},
    )
    keep = pathway.versions.first()
    assert keep.number == 3
    kept = versions.snapshot(pathway)
    assert keep.snapshot == kept

    client.post(reverse("step_delete", args=[a.pk]))
    client.post(reverse("step_edit", args=[b.pk]), {"title_en": "B2", **base, "entry_point": "on"})
    assert versions.snapshot(pathway) != kept
    page = client.get(reverse("pathway_version", args=[pathway.slug, 5])).text
    assert "<del>" in page and "<ins>" in page

    response = client.post(reverse("pathway_restore", args=[pathway.slug, keep.number]))
    assert response.status_code == 302
    assert versions.snapshot(pathway) == kept
    assert pathway.versions.first().summary == "Restored version 3"
    assert (
        world.client(world.lead_a)
        .post(reverse("pathway_restore", args=[pathway.slug, 1]))
        .status_code
        == 403
    )


def test_a_pathway_is_a_category_of_the_pathway_breakdown(pathway):
    category = Category.objects.get(dimension__code="pathway", code="biowork")
    assert category.name == "Biomanufacturing"
    pathway.title = "Biomanufacturing and biotech"
    pathway.save()
    category.refresh_from_db()
    assert category.name == "Biomanufacturing and biotech"


def test_pathway_measures_show_pathway_sector_and_region(world, pathway):
    from measures.models import Dimension

    other = Pathway.objects.create(
        slug="lab-tech",
        title="Lab technicians",
        sector=pathway.sector,
        cluster=pathway.cluster,
        owner=world.backbone_org,
    )
    world.share.dimensions.add(Dimension.objects.get(code="pathway"))
    rate(world.share, "2023", 80, 200)
    rate(world.share, "2023", 30, 40, dim="pathway", cat="biowork")
    rate(world.share, "2023", 15, 60, dim="pathway", cat=other.slug)
    page = world.client(world.funder).get(reverse("pathway_measures", args=["biowork"])).text
    assert "Graduation rate" in page
    assert "75.0%" in page  # the pathway: 30 / 40
    assert "45.0%" in page  # the sector: (30 + 15) / (40 + 60), a ratio of sums
    assert "40.0%" in page  # the region


def test_a_suppressed_pathway_hides_its_sector_figure(world, pathway):
    from measures.models import Dimension

    world.count.dimensions.add(Dimension.objects.get(code="pathway"))
    agg(world.count, "2023", "100")
    agg(world.count, "2023", "4", dim="pathway", cat="biowork")
    decide()
    page = world.client(world.member_a).get(reverse("pathway_measures", args=["biowork"])).text
    assert page.count("suppressed") >= 2
    assert ">4<" not in page
