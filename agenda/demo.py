"""The demo region: Durham, North Carolina and its neighbours.

Organizations are real institutions of the region; every figure is made up for the demo
(labelled as demo data on the indicators) and generated from a fixed seed, so running the
seed twice gives the same data.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from measures import rollups
from measures.models import (
    DataValue,
    Direction,
    Indicator,
    Level,
    Submission,
    SubmissionStatus,
    Unit,
)
from measures.periods import Period, PeriodType
from partners.models import Membership, Organization, Role, SectorType, User

BACKBONE = ("durham-pathways-backbone", "Durham Pathways Partnership (demo backbone)")
FUNDER = ("triangle-community-foundation", "Triangle Community Foundation")

PARTNERS = [
    ("durham-public-schools", "Durham Public Schools", SectorType.K12, "Durham"),
    ("orange-county-schools", "Orange County Schools", SectorType.K12, "Orange"),
    ("person-county-schools", "Person County Schools", SectorType.K12, "Person"),
    ("granville-county-schools", "Granville County Public Schools", SectorType.K12, "Granville"),
    ("durham-tech", "Durham Technical Community College", SectorType.COLLEGE, "Durham"),
    ("alamance-cc", "Alamance Community College", SectorType.COLLEGE, "Alamance"),
    ("nccu", "North Carolina Central University", SectorType.UNIVERSITY, "Durham"),
    (
        "durham-workforce-board",
        "Durham County Workforce Development Board",
        SectorType.WORKFORCE,
        "Durham",
    ),
    ("ncworks-durham", "NCWorks Career Center – Durham", SectorType.GOVERNMENT, "Durham"),
    ("durham-county", "Durham County Government", SectorType.GOVERNMENT, "Durham"),
    ("duke-health", "Duke Health", SectorType.EMPLOYER, "Durham"),
    ("durham-chamber", "Greater Durham Chamber of Commerce", SectorType.EMPLOYER, "Durham"),
    ("ncbiotech", "North Carolina Biotechnology Center", SectorType.NONPROFIT, "Durham"),
    ("student-u", "Student U", SectorType.NONPROFIT, "Durham"),
    ("durham-literacy-center", "Durham Literacy Center", SectorType.NONPROFIT, "Durham"),
]

DESCRIPTIONS = {
    SectorType.K12: "Public school district offering career and technical education pathways.",
    SectorType.COLLEGE: "Community college with credit and continuing-education programs.",
    SectorType.UNIVERSITY: "Public university with bachelor's and graduate programs.",
    SectorType.WORKFORCE: "Local workforce development board administering WIOA programs.",
    SectorType.GOVERNMENT: "Public agency serving job seekers and residents.",
    SectorType.EMPLOYER: "Employer partner offering work-based learning and hiring.",
    SectorType.NONPROFIT: "Community partner serving youth and adults.",
}

DEMO_NOTE = " (Demo figures: not real data.)"


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    name: str
    definition: str
    unit: str
    level: str
    sectors: tuple
    numerator: str = ""
    denominator: str = ""
    base: int = 0


INDICATORS = [
    DemoIndicator(
        "pathway-enrollment",
        "Participants enrolled in career pathway programs",
        "Unduplicated number of youth and adults enrolled at any time during the school year "
        "in a career pathway program of the partnership.",
        Unit.COUNT,
        Level.OUTPUT,
        (SectorType.K12, SectorType.COLLEGE, SectorType.WORKFORCE, SectorType.NONPROFIT),
        base=400,
    ),
    DemoIndicator(
        "hs-grad-rate",
        "Four-year cohort graduation rate",
        "Share of the ninth-grade cohort that graduates with a regular diploma within four years.",
        Unit.PERCENT,
        Level.OUTCOME,
        (SectorType.K12,),
        numerator="Students in the cohort who graduated with a regular diploma in four years.",
        denominator="Students in the adjusted four-year cohort.",
        base=900,
    ),
    DemoIndicator(
        "credential-attainment",
        "Credential attainment rate",
        "Share of program exiters who earned a recognized postsecondary credential during the "
        "program or within one year after exit.",
        Unit.PERCENT,
        Level.OUTCOME,
        (SectorType.COLLEGE, SectorType.WORKFORCE),
        numerator="Exiters who earned a recognized postsecondary credential.",
        denominator="Exiters enrolled in education or training leading to a credential.",
        base=300,
    ),
]

DEMO_USERS = [
    ("backbone@example.org", "Bea Backbone", BACKBONE[0], Role.BACKBONE),
    ("lead@example.org", "Lee Lead", "durham-tech", Role.LEAD),
    ("member@example.org", "Max Member", "durham-tech", Role.MEMBER),
    ("other.lead@example.org", "Olive Otherlead", "durham-public-schools", Role.LEAD),
    ("funder@example.org", "Fern Funder", FUNDER[0], Role.FUNDER),
]

APPROVED_YEARS = 4
# In the latest closed year one partner waits for approval and one has a draft.
PENDING = {
    "durham-public-schools": SubmissionStatus.SUBMITTED,
    "alamance-cc": SubmissionStatus.DRAFT,
}


def _organization(slug, name, sector, county):
    org, _ = Organization.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "sector_type": sector,
            "county": county,
            "description": DESCRIPTIONS.get(sector, ""),
        },
    )
    return org


def _figures(rng: random.Random, spec: DemoIndicator, year_index: int):
    if spec.unit == Unit.COUNT:
        value = Decimal(int(spec.base * rng.uniform(0.4, 1.6)) + 20 * year_index)
        return {"numerator": None, "denominator": None, "value": value}
    denominator = Decimal(int(spec.base * rng.uniform(0.3, 1.8)))
    share = min(0.98, rng.uniform(0.62, 0.9) + 0.01 * year_index)
    numerator = Decimal(int(denominator * Decimal(str(share))))
    value = (numerator * 100 / denominator).quantize(Decimal("0.0001"))
    return {"numerator": numerator, "denominator": denominator, "value": value}


@transaction.atomic
def seed(*, today: date, with_users: bool, password: str) -> dict[str, int]:
    backbone = _organization(*BACKBONE, SectorType.BACKBONE, "Durham")
    backbone.description = "The backbone organization that convenes the partnership."
    backbone.save()
    _organization(*FUNDER, SectorType.FUNDER, "Durham")
    partners = {slug: _organization(slug, name, s, c) for slug, name, s, c in PARTNERS}

    indicators = []
    for spec in INDICATORS:
        indicator, _ = Indicator.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "definition": spec.definition + DEMO_NOTE,
                "unit": spec.unit,
                "numerator_definition": spec.numerator,
                "denominator_definition": spec.denominator,
                "direction": Direction.UP,
                "level": spec.level,
                "period_type": PeriodType.SCHOOL_YEAR,
            },
        )
        indicator.reporting_organizations.set(
            [org for org in partners.values() if org.sector_type in spec.sectors]
        )
        indicators.append((spec, indicator))

    reviewer = None
    if with_users:
        users = {}
        for email, full_name, org_slug, role in DEMO_USERS:
            user, _ = User.objects.update_or_create(email=email, defaults={"full_name": full_name})
            user.set_password(password)
            user.save()
            organization = (
                backbone if org_slug == BACKBONE[0] else Organization.objects.get(slug=org_slug)
            )
            Membership.objects.update_or_create(
                user=user, organization=organization, defaults={"role": role}
            )
            users[email] = user
        reviewer = users["backbone@example.org"]
    else:
        reviewer = User.objects.filter(memberships__role=Role.BACKBONE).first()

    last_closed = Period.last_closed(PeriodType.SCHOOL_YEAR, today)
    periods = [last_closed]
    for _ in range(APPROVED_YEARS):
        periods.insert(0, periods[0].previous())
    approved_periods = periods[:-1]

    created_values = 0
    for org in partners.values():
        org_indicators = [(s, i) for s, i in indicators if org.sector_type in s.sectors]
        if not org_indicators:
            continue
        for year_index, period in enumerate(periods):
            status = (
                SubmissionStatus.APPROVED if period in approved_periods else PENDING.get(org.slug)
            )
            if status is None:
                continue
            submission, created = Submission.objects.get_or_create(
                organization=org,
                period_type=period.type,
                period_start=period.start,
                defaults={
                    "status": status,
                    "reviewed_by": reviewer if status == SubmissionStatus.APPROVED else None,
                    "submitted_at": timezone.now() if status != SubmissionStatus.DRAFT else None,
                },
            )
            if not created:
                continue
            for spec, indicator in org_indicators:
                rng = random.Random(f"{org.slug}/{spec.code}/{period.key}")
                DataValue.objects.create(
                    submission=submission, indicator=indicator, **_figures(rng, spec, year_index)
                )
                created_values += 1
    aggregates = rollups.rebuild_all()
    return {
        "organizations": Organization.objects.count(),
        "indicators": Indicator.objects.count(),
        "values_created": created_values,
        "aggregates": aggregates,
    }
