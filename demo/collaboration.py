"""How the demo partners work together: partnerships, working groups, commitments under the
agenda's strategies, and funding streams."""

from datetime import date
from decimal import Decimal

from demo.names import DEMO_NOTE, FUNDER
from partners.models import Organization, User

# Demo ties of the network: (first, second, kind, start year, description). Real
# institutions; the partnerships themselves are examples.
PARTNERSHIPS = [
    ("durham-public-schools", "durham-tech", "co_delivery", 2019, "Career & College Promise"),
    ("durham-tech", "ncbiotech", "employer_advisory", 2020, "BioWork advisory committee"),
    ("duke-health", "durham-tech", "employer_advisory", 2018, "Nursing clinical placements"),
    ("durham-workforce-board", "ncworks-durham", "referral", 2017, "Career center referrals"),
    ("durham-tech", "nccu", "data_sharing", 2021, "Transfer outcomes data"),
    ("student-u", "durham-public-schools", "referral", 2019, "First-generation students"),
    ("durham-chamber", "durham-workforce-board", "mou", 2022, "Employer engagement"),
    ("durham-literacy-center", "ncworks-durham", "co_delivery", 2023, "Adult education"),
    ("durham-county", "durham-workforce-board", "funding", 2022, "Youth employment program"),
]


WORKING_GROUPS = [
    (
        "life-sciences",
        "Life sciences pathway working group",
        "Keeps the biomanufacturing pathway current with employers' needs.\n\n"
        "- Meets monthly\n- Reviews the pathway's measures each quarter",
        ["backbone@example.org", "lead@example.org", "other.lead@example.org"],
        "lead@example.org",
    ),
    (
        "data-quality",
        "Shared measurement working group",
        "Agrees the indicators' definitions and checks reporting quality.",
        ["backbone@example.org", "member@example.org"],
        "backbone@example.org",
    ),
]


def seed_network(*, today: date) -> int:
    """Demo partnerships and working groups. Does nothing when partnerships exist."""
    from network.models import LeadTerm, Partnership, WorkingGroup

    if Partnership.objects.exists():
        return 0
    organizations = {o.slug: o for o in Organization.objects.all()}
    created = 0
    for first, second, kind, year, description in PARTNERSHIPS:
        if first in organizations and second in organizations:
            Partnership.objects.create(
                first=organizations[first],
                second=organizations[second],
                kind=kind,
                start=date(year, 7, 1),
                description=description + DEMO_NOTE,
            )
            created += 1
    users = {u.email: u for u in User.objects.all()}
    for slug, name, charter, members, lead in WORKING_GROUPS:
        group, new = WorkingGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "charter": charter}
        )
        if not new:
            continue
        group.members.set([users[e] for e in members if e in users])
        if lead in users:
            LeadTerm.objects.create(group=group, lead=users[lead], start=date(today.year, 1, 1))
    return created


def seed_activities(*, today: date) -> int:
    """Demo commitments under the agenda's strategies and two funding streams, all labelled
    as demo. Does nothing when commitments exist."""
    from activities.models import Commitment, ProgressUpdate
    from agenda.models import Goal, Strategy
    from funding.models import FundingStream

    if Commitment.objects.exists() or not Strategy.objects.exists():
        return 0
    organizations = {o.slug: o for o in Organization.objects.all()}
    strategies = list(Strategy.objects.order_by("goal__order", "order"))
    plans = [
        (0, "durham-public-schools", "Career fairs in every middle school", "8th graders"),
        (0, "student-u", "Career plans with first-generation students", "8th graders"),
        (1, "durham-chamber", "Internship places from member employers", "CTE concentrators"),
        (1, "duke-health", "Clinical job shadowing", "CTE concentrators"),
        (2, "durham-tech", "BioWork certificate counts toward the AAS", "Adult learners"),
        (3, "ncworks-durham", "Navigators at the career center", "Adult job seekers"),
        (3, "durham-tech", "Completion coaches", "First-year students"),
        (4, "durham-workforce-board", "Hiring events with employers", "Program completers"),
    ]
    author = User.objects.filter(memberships__role="backbone").first()
    created = 0
    for index, slug, title, audience in plans:
        if index >= len(strategies) or slug not in organizations:
            continue
        commitment = Commitment.objects.create(
            strategy=strategies[index],
            organization=organizations[slug],
            title=title,
            audience=audience,
            start=date(today.year, 1, 1),
            status="active",
            created_by=author,
        )
        if author is not None:
            ProgressUpdate.objects.create(
                commitment=commitment,
                author=author,
                text="Under way as planned." + DEMO_NOTE,
                status="active",
            )
        created += 1
    funder = Organization.objects.filter(slug=FUNDER[0]).first()
    goals = list(Goal.objects.order_by("order"))
    if funder and goals:
        aligned = FundingStream.objects.create(
            funder=funder,
            recipient=organizations.get("durham-tech", funder),
            name="Credential completion fund (demo)",
            amount=Decimal("250000"),
            start=date(today.year, 1, 1),
            end=date(today.year, 12, 31),
            purpose="Completion coaching for adult learners." + DEMO_NOTE,
        )
        aligned.goals.add(goals[min(1, len(goals) - 1)])
        FundingStream.objects.create(
            funder=funder,
            recipient=organizations.get("student-u", funder),
            name="Summer program grant (demo)",
            amount=Decimal("80000"),
            start=date(today.year, 1, 1),
            end=date(today.year, 12, 31),
            purpose="Summer enrichment; not yet linked to the agenda." + DEMO_NOTE,
        )
    return created
