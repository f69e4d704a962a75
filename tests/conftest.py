from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from measures.models import Indicator, Publication, Unit
from partners.models import Organization, Role, SectorType, User
from tests.factories import PASSWORD, IndicatorFactory, OrganizationFactory, person

# The year reported in tests: a closed calendar year, so reports for it are open.
YEAR = "2024"


@dataclass
class World:
    backbone_org: Organization
    org_a: Organization
    org_b: Organization
    funder_org: Organization
    backbone: User
    lead_a: User
    member_a: User
    lead_b: User
    funder: User
    count: Indicator
    share: Indicator

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db) -> World:
    backbone_org = OrganizationFactory(
        name="Backbone", slug="backbone", sector_type=SectorType.BACKBONE
    )
    org_a = OrganizationFactory(name="Durham Tech", slug="durham-tech")
    org_b = OrganizationFactory(
        name="Durham Public Schools", slug="dps", sector_type=SectorType.K12, county="Durham"
    )
    funder_org = OrganizationFactory(name="A Foundation", slug="fdn", sector_type=SectorType.FUNDER)
    count = IndicatorFactory(code="enrolled", name="Participants enrolled", unit=Unit.COUNT)
    share = IndicatorFactory(
        code="grad-rate",
        name="Graduation rate",
        unit=Unit.PERCENT,
        numerator_definition="Graduates",
        denominator_definition="Cohort",
    )
    for indicator in (count, share):
        indicator.reporting_organizations.set([org_a, org_b])
    # The backbone has published the dashboards for funders (tests of the unpublished
    # state turn it off).
    Publication.objects.create(for_funders=True)
    return World(
        backbone_org=backbone_org,
        org_a=org_a,
        org_b=org_b,
        funder_org=funder_org,
        backbone=person("backbone@example.org", backbone_org, Role.BACKBONE),
        lead_a=person("lead.a@example.org", org_a, Role.LEAD),
        member_a=person("member.a@example.org", org_a, Role.MEMBER),
        lead_b=person("lead.b@example.org", org_b, Role.LEAD),
        funder=person("funder@example.org", funder_org, Role.FUNDER),
        count=count,
        share=share,
    )


@pytest.fixture
def password() -> str:
    return PASSWORD


def empty_the_cache() -> None:
    """The shared cache emptied, and what this process keeps of it (common.cache)."""
    from django.core.cache import cache

    from common.cache import forget_near

    cache.clear()
    forget_near()


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached dashboard figures never leak from one test into the next."""
    from django.core.cache import cache

    from common.cache import forget_near

    cache.clear()
    forget_near()
    yield
    cache.clear()
    forget_near()


def lead_submits(world) -> None:
    """Durham Tech's lead submits its report for YEAR: 42 enrolled, 30 of 40 graduated."""
    from django.urls import reverse

    response = world.client(world.lead_a).post(
        reverse("report", args=[world.org_a.slug, YEAR]),
        {
            "enrolled__total__value": "42",
            "grad-rate__total__numerator": "30",
            "grad-rate__total__denominator": "40",
            "submit": "1",
        },
    )
    assert response.status_code == 302


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def periods(world, today):
    """The console's six years, oldest first; the last is due in ten days."""
    from measures.periods import Period, PeriodType
    from measures.reporting import recent_periods

    last = Period.last_closed(PeriodType.YEAR, today)
    grace = (today - last.end).days + 10
    for indicator in (world.count, world.share):
        indicator.grace_days = grace
        indicator.save()
    return recent_periods(PeriodType.YEAR, today)


@pytest.fixture
def public_pathway(world):
    """A public nursing pathway with an entry point, and a draft one (not public)."""
    from pathways.models import (
        CareerCluster,
        Occupation,
        Pathway,
        Program,
        Sector,
        Stage,
        Step,
    )
    from tests.test_access_matrix import browse_pathway

    nursing = browse_pathway(world)
    nursing.public = True
    nursing.summary = "From nurse aide to registered nurse."
    nursing.save()
    aide = Occupation.objects.create(
        soc_code="31-1131", title="Nursing assistants", median_wage=37560
    )
    nursing.target_occupations.add(aide)
    program = Program.objects.create(
        cip_code="51.3902",
        title="Nurse Aide I",
        provider=world.org_a,
        award_level="certificate",
        length_months=3,
        cost=650,
        modality="in_person",
        audience="both",
    )
    Step.objects.create(
        pathway=nursing,
        title="Nurse Aide I",
        stage=Stage.TRAIN,
        kind="program",
        audience="both",
        entry_point=True,
        program=program,
        provider=world.org_a,
    )
    draft = Pathway.objects.create(
        slug="draft-welding",
        title="Welding (draft)",
        sector=Sector.objects.create(slug="manufacturing", name="Manufacturing"),
        cluster=CareerCluster.objects.create(code="manufacturing", name="Manufacturing"),
        owner=world.backbone_org,
    )
    return nursing, draft


@pytest.fixture
def demo_pathways():
    """The demo region's four pathways, all public but the biomanufacturing draft; returns the
    nursing pathway."""
    from datetime import date

    from demo import pathways as demo
    from partners.models import Organization, SectorType
    from pathways.models import Pathway

    backbone = Organization.objects.create(
        name="Demo backbone", slug="backbone", sector_type=SectorType.BACKBONE
    )
    demo.seed_pathways(date(2026, 1, 15), backbone, {})
    Pathway.objects.exclude(slug="biomanufacturing").update(public=True)
    return Pathway.objects.get(slug="nursing-health-sciences")


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in English: a request in Spanish leaves Spanish active in its thread,
    and records made afterwards would be written as Spanish."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
