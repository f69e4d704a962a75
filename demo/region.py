"""The demo region: Durham, North Carolina and its neighbours.

Organizations are real institutions of the region and the indicators come from published
frameworks (measures/library.py); every figure is made up for the demo and says so. The
figures come from a fixed seed, so running the seed twice gives the same data.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from demo.collaboration import seed_activities, seed_network
from demo.names import BACKBONE, DEMO_NOTE, FUNDER
from demo.pathways import seed_pathways
from demo.translations import seed_spanish
from measures import rollups
from measures.library import LIBRARY, LibraryIndicator
from measures.models import (
    Category,
    DataValue,
    Dimension,
    Indicator,
    Submission,
    SubmissionStatus,
)
from measures.periods import Period
from partners.models import Membership, Organization, Role, SectorType, User

PARTNERS = [
    ("durham-public-schools", "Durham Public Schools", SectorType.K12, "Durham"),
    ("orange-county-schools", "Orange County Schools", SectorType.K12, "Orange"),
    ("person-county-schools", "Person County Schools", SectorType.K12, "Person"),
    ("granville-county-schools", "Granville County Public Schools", SectorType.K12, "Granville"),
    ("chatham-county-schools", "Chatham County Schools", SectorType.K12, "Chatham"),
    ("chapel-hill-carrboro-schools", "Chapel Hill-Carrboro City Schools", SectorType.K12, "Orange"),
    ("durham-tech", "Durham Technical Community College", SectorType.COLLEGE, "Durham"),
    ("alamance-cc", "Alamance Community College", SectorType.COLLEGE, "Alamance"),
    ("piedmont-cc", "Piedmont Community College", SectorType.COLLEGE, "Person"),
    ("vance-granville-cc", "Vance-Granville Community College", SectorType.COLLEGE, "Granville"),
    ("central-carolina-cc", "Central Carolina Community College", SectorType.COLLEGE, "Chatham"),
    ("nccu", "North Carolina Central University", SectorType.UNIVERSITY, "Durham"),
    (
        "unc-chapel-hill",
        "University of North Carolina at Chapel Hill",
        SectorType.UNIVERSITY,
        "Orange",
    ),
    ("duke-university", "Duke University", SectorType.UNIVERSITY, "Durham"),
    (
        "durham-workforce-board",
        "Durham County Workforce Development Board",
        SectorType.WORKFORCE,
        "Durham",
    ),
    (
        "regional-partnership-workforce",
        "Regional Partnership Workforce Development Board",
        SectorType.WORKFORCE,
        "Orange",
    ),
    (
        "kerr-tar-workforce",
        "Kerr-Tar Workforce Development Board",
        SectorType.WORKFORCE,
        "Granville",
    ),
    ("ncworks-durham", "NCWorks Career Center – Durham", SectorType.GOVERNMENT, "Durham"),
    ("ncworks-orange", "NCWorks Career Center – Orange", SectorType.GOVERNMENT, "Orange"),
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

# Breakdowns and their categories, in the order they are shown.
DIMENSIONS = [
    (
        "race-ethnicity",
        "Race/ethnicity",
        [
            ("american-indian", "American Indian or Alaska Native", 1),
            ("asian", "Asian", 5),
            ("black", "Black or African American", 35),
            ("hispanic", "Hispanic or Latino", 20),
            ("pacific-islander", "Native Hawaiian or Other Pacific Islander", 1),
            ("white", "White", 33),
            ("multiracial", "Two or more races", 5),
        ],
    ),
    ("sex", "Sex", [("female", "Female", 52), ("male", "Male", 48)]),
    (
        "age-band",
        "Age band",
        [
            ("14-18", "14–18", 30),
            ("19-24", "19–24", 35),
            ("25-44", "25–44", 25),
            ("45-plus", "45 and over", 10),
        ],
    ),
    (
        "county",
        "County",
        [
            ("durham", "Durham", 55),
            ("orange", "Orange", 20),
            ("person", "Person", 8),
            ("granville", "Granville", 9),
            ("alamance", "Alamance", 8),
        ],
    ),
    (
        "econ-disadvantage",
        "Economic disadvantage",
        [("yes", "Economically disadvantaged", 45), ("no", "Not economically disadvantaged", 55)],
    ),
    (
        "disability",
        "Disability",
        [("yes", "With a disability", 13), ("no", "Without a disability", 87)],
    ),
    (
        "english-learner",
        "English learner",
        [("yes", "English learner", 12), ("no", "Not an English learner", 88)],
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
# In the latest closed period one partner waits for approval, one has a draft and one has
# not started.
PENDING = {
    "durham-public-schools": SubmissionStatus.SUBMITTED,
    "alamance-cc": SubmissionStatus.DRAFT,
}
NOT_STARTED = "vance-granville-cc"


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


def _dimensions() -> dict[str, list[tuple[Category, int]]]:
    result = {}
    for order, (code, name, categories) in enumerate(DIMENSIONS):
        dimension, _ = Dimension.objects.update_or_create(
            code=code, defaults={"name": name, "order": order}
        )
        result[code] = []
        for position, (cat_code, cat_name, weight) in enumerate(categories):
            category, _ = Category.objects.update_or_create(
                dimension=dimension, code=cat_code, defaults={"name": cat_name, "order": position}
            )
            result[code].append((category, weight))
    return result


def _indicator(spec: LibraryIndicator, dimensions, partners) -> Indicator:
    indicator, _ = Indicator.objects.update_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "definition": spec.definition + DEMO_NOTE,
            "source": spec.source,
            "unit": spec.unit,
            "numerator_definition": spec.numerator,
            "denominator_definition": spec.denominator,
            "direction": spec.direction,
            "level": spec.level,
            "period_type": spec.period_type,
            "counts_people": spec.counts_people,
            "stock": spec.stock,
        },
    )
    indicator.dimensions.set(
        [Dimension.objects.get(code=code) for code in spec.dimensions if code in dimensions]
    )
    indicator.reporting_organizations.set(
        [org for org in partners.values() if org.sector_type in spec.reporters]
    )
    return indicator


def split(total: int, weights: list[float], caps: list[int] | None = None) -> list[int]:
    """Whole parts of ``total`` in proportion to ``weights``, each at most its cap."""
    caps = caps or [total] * len(weights)
    whole = sum(weights) or 1
    parts = [min(cap, int(total * w / whole)) for w, cap in zip(weights, caps, strict=True)]
    index = 0
    while sum(parts) < total and any(p < c for p, c in zip(parts, caps, strict=True)):
        if parts[index] < caps[index]:
            parts[index] += 1
        index = (index + 1) % len(parts)
    return parts


def _figures(rng: random.Random, indicator: Indicator, year_index: int, size: int):
    """The total and every category's figures for one organization and period."""
    if indicator.is_share or indicator.is_mean:
        denominator = int(size * rng.uniform(0.3, 1.8)) + 12
        if indicator.is_mean:
            level = rng.uniform(5200, 9800) if indicator.code.endswith("earnings-q2") else 60
            return {None: (None, Decimal(denominator), Decimal(str(round(level, 2))))}, []
        rate = min(0.97, rng.uniform(0.55, 0.88) + 0.012 * year_index)
        numerator = int(denominator * rate)
        return {None: (Decimal(numerator), Decimal(denominator), None)}, [
            ("share", denominator, numerator)
        ]
    value = int(size * rng.uniform(0.4, 1.6)) + 15 * year_index
    return {None: (None, None, Decimal(value))}, [("count", value, None)]


def _values(rng, submission, indicator, dimensions, year_index, size) -> list[DataValue]:
    totals, parts = _figures(rng, indicator, year_index, size)
    rows = []
    for category, (numerator, denominator, value) in totals.items():
        rows.append(_value(submission, indicator, category, numerator, denominator, value))
    for kind, total, numerator in parts:
        for dimension in indicator.dimensions.all():
            categories = dimensions[dimension.code]
            weights = [w * rng.uniform(0.7, 1.3) for _, w in categories]
            counts = split(total, weights)
            if kind == "count":
                rows += [
                    _value(submission, indicator, cat, None, None, Decimal(n))
                    for (cat, _), n in zip(categories, counts, strict=True)
                ]
                continue
            # Shares differ a little by category, and always add up to the total.
            leaning = [c * rng.uniform(0.8, 1.2) for c in counts]
            nums = split(numerator, leaning, caps=counts)
            # A category with nobody in it is left blank, as a partner would (0 of 0 is no
            # share: the report form refuses it).
            rows += [
                _value(submission, indicator, cat, Decimal(n), Decimal(d), None)
                for (cat, _), n, d in zip(categories, nums, counts, strict=True)
                if d
            ]
    return rows


def _value(submission, indicator, category, numerator, denominator, value) -> DataValue:
    if indicator.is_share:
        value = indicator.compute(numerator, denominator, None) if denominator else None
    elif indicator.is_mean:
        numerator = value * denominator
    return DataValue(
        submission=submission,
        indicator=indicator,
        category=category,
        numerator=numerator,
        denominator=denominator,
        value=value,
    )


def _users(backbone, password) -> dict[str, User]:
    users = {}
    for email, full_name, org_slug, role in DEMO_USERS:
        user, _ = User.objects.update_or_create(email=email, defaults={"full_name": full_name})
        user.set_password(password)
        user.save()
        organization = Organization.objects.get(slug=org_slug)
        Membership.objects.update_or_create(
            user=user, organization=organization, defaults={"role": role}
        )
        users[email] = user
    return users


@transaction.atomic
def _demo_status(org, period: Period, last_closed: Period, grace: int, today: date):
    """History is approved. In the latest closed period, once it is due, most partners are
    approved, one waits for approval, one has a draft and one has not started (overdue);
    before it is due, only those two have begun."""
    if period != last_closed:
        return SubmissionStatus.APPROVED
    if org.slug in PENDING:
        return PENDING[org.slug]
    if org.slug == NOT_STARTED or today <= period.end + timedelta(days=grace):
        return None
    return SubmissionStatus.APPROVED


def _handed_in_on(org, period: Period, grace: int, today: date) -> datetime:
    """Within the grace period, on a day of its own for each report; never after today."""
    rng = random.Random(f"{org.slug}/{period.key}/handed-in")
    day = min(period.end + timedelta(days=rng.randint(3, max(grace - 2, 4))), today)
    return timezone.make_aware(datetime.combine(day, time(10, rng.randint(0, 59))))


def seed(*, today: date, with_users: bool, password: str) -> dict[str, int]:
    backbone = _organization(*BACKBONE, SectorType.BACKBONE, "Durham")
    _organization(*FUNDER, SectorType.FUNDER, "Durham")
    partners = {slug: _organization(slug, name, s, c) for slug, name, s, c in PARTNERS}
    dimensions = _dimensions()
    codes = [_indicator(spec, dimensions, partners).code for spec in LIBRARY]
    indicators = list(
        Indicator.objects.filter(code__in=codes).prefetch_related(
            "dimensions", "reporting_organizations"
        )
    )

    if with_users:
        reviewer = _users(backbone, password)["backbone@example.org"]
    else:
        reviewer = User.objects.filter(memberships__role=Role.BACKBONE).first()

    created = []
    for org in partners.values():
        org_indicators = [i for i in indicators if org in i.reporting_organizations.all()]
        by_type: dict[str, list[Indicator]] = {}
        for indicator in org_indicators:
            by_type.setdefault(indicator.period_type, []).append(indicator)
        first_days = []
        for period_type, group in by_type.items():
            last_closed = Period.last_closed(period_type, today)
            periods = [last_closed]
            for _ in range(APPROVED_YEARS):
                periods.insert(0, periods[0].previous())
            first_days.append(periods[0].start)
            grace = max(indicator.grace_days for indicator in group)
            for year_index, period in enumerate(periods):
                status = _demo_status(org, period, last_closed, grace, today)
                if status is None:
                    continue
                handed_in = _handed_in_on(org, period, grace, today)
                submission, new = Submission.objects.get_or_create(
                    organization=org,
                    period_type=period.type,
                    period_start=period.start,
                    defaults={
                        "status": status,
                        "reviewed_by": reviewer if status == SubmissionStatus.APPROVED else None,
                        "reviewed_at": handed_in + timedelta(days=3)
                        if status == SubmissionStatus.APPROVED
                        else None,
                        "submitted_at": handed_in if status != SubmissionStatus.DRAFT else None,
                    },
                )
                if not new:
                    continue
                size = 60 if org.sector_type == SectorType.K12 else 40
                for indicator in group:
                    rng = random.Random(f"{org.slug}/{indicator.code}/{period.key}")
                    created += _values(rng, submission, indicator, dimensions, year_index, size)
        if first_days and org.reports_from is None:
            # Partners report from the first period of the demo's history: nothing is due
            # before it.
            org.reports_from = min(first_days)
            org.save(update_fields=["reports_from"])
    DataValue.objects.bulk_create(created, batch_size=2000)
    seed_pathways(today, backbone, partners)
    by_pathway = _pathway_values()
    aggregates = rollups.rebuild_all() if created or by_pathway else 0
    seed_agenda(today=today, by=reviewer)
    seed_spanish()
    seed_network(today=today)
    seed_activities(today=today)
    return {
        "organizations": Organization.objects.count(),
        "indicators": Indicator.objects.count(),
        "values_created": len(created),
        "aggregates": aggregates,  # rewritten now; 0 when nothing was new
    }


VISION = (
    "Every young person and adult in the Durham region finishes high school, earns a "
    "credential that employers value, and starts a career with a family-sustaining wage by "
    "age 25 — in life sciences, healthcare, information technology and advanced "
    "manufacturing, the sectors where the region is growing.\n\n"
    "*Demo agenda: the goals and targets below are examples, not the partnership's.*"
)

GOALS = [
    (
        "Students graduate ready for college and career",
        "Every student finishes high school having explored careers, earned early college "
        "credit or an industry credential, and taken part in **work-based learning**.",
        ["c2c-hs-graduation", "perkins-1s1-grad-4yr", "perkins-5s3-work-based-learning"],
        [
            (
                "Career exploration in every middle school",
                "Career fairs, employer visits and a career plan for every 8th grader.",
            ),
            (
                "Work-based learning for every CTE concentrator",
                "Employers commit internship and apprenticeship places through the chamber.",
            ),
        ],
    ),
    (
        "Youth and adults earn credentials that employers value",
        "Completion of credentials that lead to jobs in the region's high-growth sectors.",
        ["wioa-credential-attainment", "perkins-5s1-credential", "c2c-postsecondary-completion"],
        [
            (
                "Stackable credentials in four sectors",
                "Short-term certificates that count toward associate degrees.",
            ),
            (
                "Coaching from enrollment to completion",
                "Navigators at the college and the career center follow each learner.",
            ),
        ],
    ),
    (
        "People start careers with family-sustaining wages",
        "Placement in employment and earnings after programs end.",
        ["wioa-employment-q2", "wioa-median-earnings-q2", "perkins-3s1-placement"],
        [
            (
                "Employer-led hiring pipelines",
                "Employers interview program completers first for entry-level openings.",
            ),
        ],
    ),
    (
        "The partnership works as one network",
        "Partners report on time and work across sectors: the systems that make pathways last.",
        ["sys-reports-on-time", "sys-cross-sector-partnerships"],
        [
            (
                "One shared measurement system",
                "Every partner reports the shared indicators each period, on time.",
            ),
        ],
    ),
]


def seed_agenda(*, today: date, by: User | None) -> int:
    """The demo's common agenda, with baselines and targets made from the demo figures.
    Does nothing when an agenda has already been recorded."""
    from agenda.models import Agenda, AgendaVersion, Goal, Strategy
    from agenda.versions import record, set_targets
    from measures.models import Aggregate, Direction, Publication, ScopeType

    if AgendaVersion.objects.exists():
        return 0
    with transaction.atomic():
        agenda = Agenda.load()
        agenda.title = "Durham Pathways Partnership: common agenda (demo)"
        agenda.vision = VISION
        agenda.save()
        for order, (title, description, codes, strategies) in enumerate(GOALS):
            goal = Goal.objects.create(title=title, description=description, order=order)
            goal.indicators.set(Indicator.objects.filter(code__in=codes))
            for s_order, (s_title, s_description) in enumerate(strategies):
                Strategy.objects.create(
                    goal=goal, title=s_title, description=s_description, order=s_order
                )
            for indicator in goal.indicators.all():
                first = (
                    Aggregate.objects.filter(
                        indicator=indicator,
                        scope_type=ScopeType.REGION,
                        dimension_code="",
                        period_type=indicator.period_type,
                        value__isnull=False,
                    )
                    .order_by("period_start")
                    .first()
                )
                if first is None:
                    continue
                step = Decimal("0.04") * (-1 if indicator.direction == Direction.DOWN else 1)
                upcoming = Period.last_closed(indicator.period_type, today).next()
                targets = []
                for n in (1, 2):
                    value = first.value * (1 + step * (n + 1))
                    if indicator.unit == "percent":
                        value = min(value, Decimal(100))
                    targets.append((upcoming, value.quantize(Decimal("0.1"))))
                    upcoming = upcoming.next()
                set_targets(indicator, (first.period, first.value), targets)
        Publication.objects.update_or_create(
            pk=Publication.load().pk, defaults={"for_funders": True, "public": True}
        )
        record(by, "The demo agenda")
    return 1


# Indicators partners also report per pathway, so that every pathway has its figures.
PATHWAY_INDICATORS = [
    "wioa-credential-attainment",
    "wioa-employment-q2",
    "perkins-5s1-credential",
    "perkins-3s1-placement",
]


def _pathway_values() -> int:
    """Split the totals of the indicators above, for each organization that provides steps
    of pathways, across those pathways. Values already split are left alone."""
    from measures.pathways import pathway_dimension
    from pathways.models import Step

    dimension = pathway_dimension()
    categories = {c.code: c for c in dimension.categories.all()}
    provides: dict[int, list[str]] = {}
    for org_id, slug in Step.objects.exclude(provider=None).values_list(
        "provider_id", "pathway__slug"
    ):
        if slug not in provides.setdefault(org_id, []):
            provides[org_id].append(slug)
    rows = []
    for indicator in Indicator.objects.filter(code__in=PATHWAY_INDICATORS):
        indicator.dimensions.add(dimension)
        totals = DataValue.objects.filter(
            indicator=indicator,
            category=None,
            submission__organization_id__in=provides,
        ).select_related("submission")
        done = set(
            DataValue.objects.filter(indicator=indicator, category__dimension=dimension)
            .values_list("submission_id", flat=True)
            .distinct()
        )
        for total in totals:
            if total.submission_id in done:
                continue
            slugs = sorted(provides[total.submission.organization_id])
            rng = random.Random(f"{total.submission_id}/{indicator.code}/pathways")
            weights = [rng.uniform(0.5, 1.5) for _ in slugs]
            if indicator.is_share or indicator.is_mean:
                if total.denominator is None:
                    continue
                counts = split(int(total.denominator), weights)
                if indicator.is_mean:
                    nums = [None] * len(counts)
                else:
                    nums = split(int(total.numerator or 0), counts, caps=counts)
                for slug, n, d in zip(slugs, nums, counts, strict=True):
                    value = total.value if indicator.is_mean else None
                    numerator = None if n is None else Decimal(n)
                    rows.append(
                        _value(
                            total.submission,
                            indicator,
                            categories[slug],
                            numerator,
                            Decimal(d),
                            value,
                        )
                    )
            elif total.value is not None:
                for slug, n in zip(slugs, split(int(total.value), weights), strict=True):
                    rows.append(
                        _value(
                            total.submission, indicator, categories[slug], None, None, Decimal(n)
                        )
                    )
    DataValue.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
