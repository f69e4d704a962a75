"""The demo region's career pathways: Durham, North Carolina.

Advance CTE's 14 career clusters (the modernized National Career Clusters Framework, 2024),
four high-growth sectors, occupations with their SOC 2018 codes and titles, programs with
CIP 2020 codes at real institutions of the region, stackable credentials, and four pathways
from exploring a career to advancing in it. The institutions and codes are real; program
details, costs and every occupation figure are made up for the demo and say so. Figures
imported from BLS (``import_oews``) are never overwritten.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from demo.pathway_data import (
    CLUSTERS,
    CREDENTIALS,
    DEMO_SOURCE,
    ENROLMENT,
    OCCUPATIONS,
    PATHWAYS,
    PROGRAM_SCHEDULES,
    PROGRAMS,
    PROVIDERS,
    SECTORS,
    STACKING,
    PathwaySpec,
)
from partners.models import Organization
from pathways.models import (
    CareerCluster,
    Credential,
    Modality,
    Occupation,
    Pathway,
    Program,
    Sector,
    Step,
    StepLink,
)
from pathways.reference import import_oews
from pathways.versions import record


def _organizations(partners: dict[str, Organization]) -> dict[str, Organization]:
    result = dict(partners)
    for slug, (name, sector_type) in PROVIDERS.items():
        if slug not in result:
            result[slug], _created = Organization.objects.get_or_create(
                slug=slug, defaults={"name": name, "sector_type": sector_type}
            )
    return result


OEWS_FILE = Path(__file__).resolve().parent / "data" / "MSA_M2025_durham.csv"


def _real_wages() -> None:
    """The region's wages from BLS (demo/data/README.md): every occupation BLS publishes, with
    its median and its 10th to 90th percentiles."""
    import_oews(OEWS_FILE.read_bytes(), OEWS_FILE.name, period="May 2025", area="20500")


def _occupations(today: date) -> dict[str, Occupation]:
    sectors = {s.slug: s for s in Sector.objects.all()}
    existing = {
        o.soc_code: o
        for o in Occupation.objects.filter(soc_code__in=[spec.soc_code for spec in OCCUPATIONS])
    }
    result = {}
    for spec in OCCUPATIONS:
        occupation = existing.get(spec.soc_code)
        if occupation is None:  # imported occupations keep their title and figures
            occupation = Occupation(
                soc_code=spec.soc_code,
                title=spec.title,
                median_wage=Decimal(spec.median_wage),
                annual_openings=spec.annual_openings,
                projected_growth=Decimal(spec.projected_growth),
                entry_education=spec.entry_education,
                source=DEMO_SOURCE,
                period=str(today.year),
            )
            occupation.full_clean()
            occupation.save()
        if not occupation.projection_source:  # demo prospects, labelled as such
            occupation.annual_openings = spec.annual_openings
            occupation.projected_growth = Decimal(spec.projected_growth)
            occupation.projection_source = DEMO_SOURCE
            occupation.projection_period = f"{today.year}–{today.year + 10}"
            occupation.save(
                update_fields=[
                    "annual_openings",
                    "projected_growth",
                    "projection_source",
                    "projection_period",
                ]
            )
        occupation.sectors.add(*(sectors[slug] for slug in spec.sectors))
        result[spec.soc_code] = occupation
    return result


def _credentials() -> dict[str, Credential]:
    result = {}
    for key, (name, kind, issuer) in CREDENTIALS.items():
        result[key], _created = Credential.objects.get_or_create(
            name=name, defaults={"kind": kind, "issuer": issuer}
        )
    for source, target in STACKING:
        credential, into = result[source], result[target]
        if not credential.stacks_into.filter(pk=into.pk).exists():
            credential.check_stacking([into])
            credential.stacks_into.add(into)
    return result


def _programs(organizations: dict[str, Organization]) -> dict[str, Program]:
    result = {}
    for key, (provider, cip, title, award, months, cost, modality, audience) in PROGRAMS.items():
        program = Program.objects.filter(
            provider=organizations[provider], cip_code=cip, title=title
        ).first()
        if program is None:
            schedule, location, how_to_enrol, url = ENROLMENT.get(provider, ("", "", "", ""))
            program = Program(
                provider=organizations[provider],
                cip_code=cip,
                title=title,
                award_level=award,
                length_months=months,
                cost=None if cost is None else Decimal(cost),
                modality=modality,
                audience=audience,
                schedule=PROGRAM_SCHEDULES.get(key, schedule),
                location="" if modality == Modality.ONLINE else location,
                how_to_enrol=how_to_enrol,
                enrol_url=url,
                description="Demo listing: length and cost are examples, not the provider's.",
            )
            program.full_clean()
            program.save()
        result[key] = program
    return result


def _pathway(
    spec: PathwaySpec,
    owner: Organization,
    organizations: dict[str, Organization],
    occupations: dict[str, Occupation],
    programs: dict[str, Program],
    credentials: dict[str, Credential],
) -> Pathway:
    pathway = Pathway(
        slug=spec.slug,
        title=spec.title,
        summary=spec.summary,
        sector=Sector.objects.get(slug=spec.sector),
        cluster=CareerCluster.objects.get(code=spec.cluster),
        owner=owner,
        # In the public explorer, but for one kept as a draft (not shown to the public).
        public=spec.slug != DRAFT_PATHWAY,
    )
    pathway.full_clean()
    pathway.save()
    pathway.target_occupations.set([occupations[code] for code in spec.occupations])
    steps: dict[str, Step] = {}
    order_in_stage: dict[str, int] = {}
    for s in spec.steps:
        order = order_in_stage.get(s.stage, 0)
        order_in_stage[s.stage] = order + 1
        step = Step(
            pathway=pathway,
            title=s.title,
            stage=s.stage,
            kind=s.kind,
            description=s.description,
            entry_point=s.entry,
            exit_point=s.exit,
            audience=s.audience,
            min_grade=s.grades[0] if s.grades else None,
            max_grade=s.grades[1] if s.grades else None,
            min_age=s.ages[0] if s.ages else None,
            max_age=s.ages[1] if s.ages else None,
            provider=organizations[s.provider] if s.provider else None,
            program=programs[s.program] if s.program else None,
            credential=credentials[s.credential] if s.credential else None,
            occupation=occupations[s.occupation] if s.occupation else None,
            order=order,
        )
        step.full_clean()
        step.save()
        steps[s.key] = step
    for from_key, to_key, kind in spec.links:
        link = StepLink(from_step=steps[from_key], to_step=steps[to_key], kind=kind)
        link.full_clean()  # refuses a link that would make a loop
        link.save()
    return pathway


DRAFT_PATHWAY = "biomanufacturing"


def seed_pathways(
    today: date, backbone_org: Organization, partners: dict[str, Organization]
) -> int:
    """Career clusters, sectors, occupations, programs, credentials and the four demo
    pathways, owned by the backbone. Does nothing when a pathway already exists; returns
    the number of pathways created."""
    if Pathway.objects.exists():
        return 0
    with transaction.atomic():
        for code, name in CLUSTERS:
            CareerCluster.objects.get_or_create(code=code, defaults={"name": name})
        for slug, name, naics, description in SECTORS:
            Sector.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "naics_codes": naics,
                    "high_growth": True,
                    "description": description,
                },
            )
        organizations = _organizations(partners)
        _real_wages()
        occupations = _occupations(today)
        credentials = _credentials()
        programs = _programs(organizations)
        for spec in PATHWAYS:
            pathway = _pathway(
                spec, backbone_org, organizations, occupations, programs, credentials
            )
            record(pathway, None, _("Loaded with the demo region"))
    return len(PATHWAYS)
