"""Every page is well-formed HTML with a title, one h1, a main landmark and a skip link."""

import html5lib
import pytest
from django.urls import reverse

from tests.conftest import YEAR
from tests.test_access_matrix import public_job_args, public_pathway_args

pytestmark = pytest.mark.django_db

PAGES = {
    "anonymous": [
        "login",
        "password_reset",
        "password_reset_done",
        ("email_unsubscribe", "unsubscribe"),
        "disclosure_rules",
        "explore",
        ("explore_pathway", "public_pathway"),
        ("explore_job", "public_job"),
    ],
    "member_a": [
        "home",
        "dashboard",
        "organization_list",
        "indicator_list",
        "report_list",
        "password_change",
        ("organization_detail", "org_a"),
        ("indicator_detail", "count"),
        ("report", "report"),
        "agenda",
        "agenda_history",
        ("indicator_dashboard", "count"),
        ("indicator_dashboard", "share"),
        "activities",
        "commitment_create",
        ("commitment_detail", "commitment"),
        ("commitment_edit", "commitment"),
        ("commitment_delete", "commitment"),
        "funding",
        "network",
        "partnership_list",
        ("partnership_detail", "partnership"),
        "working_group_list",
        ("working_group_detail", "group"),
        "pathway_list",
        ("pathway_detail", "pathway"),
        "occupation_list",
        ("occupation_detail", "occupation"),
        "program_list",
        ("program_detail", "program"),
        ("credential_detail", "credential"),
        "updates",
        "post_create",
        ("post_detail", "post"),
        "meeting_list",
        ("meeting_detail", "meeting"),
        ("my_actions", "with_meeting"),
        ("notifications", "notes"),
        "email_preferences",
    ],
    "backbone": [
        "agenda",
        "agenda_edit",
        "goal_create",
        "publishing",
        "dashboard",
        ("targets_edit", "share"),
        ("indicator_dashboard", "share"),
        "home",
        "review_queue",
        "console",
        "report_list",
        "organization_create",
        "indicator_create",
        ("organization_edit", "org_a"),
        ("invitation_create", "org_a"),
        ("invitation_list", "org_a"),
        ("indicator_edit", "count"),
        ("report", "report"),
        "funding_stream_create",
        ("funding_stream_edit", "stream"),
        ("funding_stream_delete", "stream"),
        "activities",
        "funding",
        "network",
        "partnership_create",
        ("partnership_edit", "partnership"),
        "working_group_create",
        ("working_group_edit", "group"),
        ("working_group_members", "group"),
        ("working_group_lead", "group"),
        ("pathway_detail", "pathway"),
        ("program_detail", "program"),
        ("updates", "with_post"),
        "meeting_create",
        ("meeting_edit", "meeting"),
        ("reminders", "reminded"),
    ],
    "funder": [
        "home",
        "dashboard",
        "agenda",
        "activities",
        "funding",
        ("commitment_detail", "commitment"),
        "network",
        "pathway_list",
        ("pathway_detail", "pathway"),
        ("updates", "with_post"),
        ("post_detail", "post"),
        ("meeting_list", "with_meeting"),
        "notifications",
        "email_preferences",
    ],
}


def a_commitment(world):
    from activities.models import Commitment
    from agenda.models import Goal, Strategy

    goal = Goal.objects.order_by("pk").first() or Goal.objects.create(title="Graduate")
    strategy = Strategy.objects.create(goal=goal, title="Career fairs")
    commitment = Commitment.objects.create(
        strategy=strategy,
        organization=world.org_a,
        title="Fair",
        audience="Juniors",
        start="2025-01-01",
    )
    commitment.indicators.add(world.count)
    return [commitment.pk]


def a_stream(world):
    from agenda.models import Goal
    from funding.models import FundingStream

    stream = FundingStream.objects.create(
        funder=world.funder_org,
        recipient=world.org_a,
        name="Grant",
        amount=1000,
        start="2025-01-01",
        end="2025-12-31",
        purpose="Tutoring",
    )
    stream.goals.set(Goal.objects.all())
    return [stream.pk]


def a_partnership(world):
    from network.models import Partnership

    partnership = Partnership.objects.create(
        first=world.org_a, second=world.org_b, kind="mou", start="2025-01-01"
    )
    return [partnership.pk]


def a_working_group(world):
    from network.models import LeadTerm, WorkingGroup

    group = WorkingGroup.objects.create(
        slug="data", name="Data", charter="## Our purpose\n\n*Share.*"
    )
    group.members.add(world.member_a, world.lead_b)
    LeadTerm.objects.create(group=group, lead=world.lead_b, start="2025-01-01")
    return [group.slug]


def a_pathway_catalog(world):
    """A pathway with a step of every kind, linked, and the occupation, program and
    credential its steps name."""
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

    sector = Sector.objects.create(slug="health", name="Health Care", high_growth=True)
    cluster = CareerCluster.objects.create(code="health-science", name="Health Science")
    occupation = Occupation.objects.create(
        soc_code="31-1131",
        title="Nursing Assistants",
        median_wage=33500,
        source="BLS",
        period="2024",
    )
    program = Program.objects.create(
        cip_code="51.3902",
        title="Nurse aide",
        provider=world.org_a,
        award_level="certificate",
        modality="hybrid",
        audience="both",
        cost=650,
    )
    credential = Credential.objects.create(name="CNA", kind="certification", issuer="NC")
    pathway = Pathway.objects.create(
        slug="nursing", title="Nursing", sector=sector, cluster=cluster, owner=world.backbone_org
    )
    pathway.target_occupations.add(occupation)
    steps = [
        Step.objects.create(pathway=pathway, title=title, stage=stage, kind=kind, **fields)
        for title, stage, kind, fields in [
            ("Career day", "explore", "course", {"audience": "youth", "entry_point": True}),
            ("Basics", "prepare", "work_based", {"audience": "adult", "entry_point": True}),
            ("Aide training", "train", "program", {"audience": "both", "program": program}),
            ("Exam", "train", "credential", {"audience": "both", "credential": credential}),
            ("Aide", "launch", "job", {"audience": "both", "occupation": occupation}),
        ]
    ]
    for a, b, kind in [(0, 2, "precedes"), (1, 2, "precedes"), (2, 3, "prerequisite")]:
        StepLink.objects.create(from_step=steps[a], to_step=steps[b], kind=kind)
    StepLink.objects.create(from_step=steps[3], to_step=steps[4], kind="precedes")
    return {
        "pathway": pathway,
        "occupation": occupation,
        "program": program,
        "credential": credential,
    }


def a_post(world):
    from communication.actions import add_comment, create_post

    post = create_post(
        author=world.lead_a, title="News", body="## Now\n\n*Hello*", organization=world.org_a
    )
    add_comment(post, author=world.member_a, body="Thanks")
    return [post.pk]


def a_meeting(world):
    """A past meeting with a decision and an open action item of the member's."""
    from datetime import date, timedelta

    from django.utils import timezone

    from communication.models import ActionItem, Decision, Meeting

    meeting = Meeting.objects.create(
        title="Steering",
        starts_at=timezone.now() - timedelta(days=1),
        agenda="1. *Progress so far*",
        minutes="Agreed.",
        created_by=world.backbone,
    )
    Decision.objects.create(meeting=meeting, text="Meet monthly")
    ActionItem.objects.create(
        meeting=meeting, text="Call employers", owner=world.member_a, due=date(2025, 1, 31)
    )
    return [meeting.pk]


def some_notifications(world):
    from communication.actions import mark_read, notify

    notify([world.member_a], "First", "/updates/", "updates")
    notify([world.member_a], "Second", "", "meetings")
    mark_read(world.member_a, [])
    return []


def a_reminder_sent(world):
    from communication.models import ReminderSent

    ReminderSent.objects.create(organization=world.org_a, period_key=YEAR, kind="due")
    return []


def unsubscribe_token(world):
    from communication.emails import unsubscribe_token

    return [unsubscribe_token(world.member_a, "weekly_digest")]


BUILT = {
    "public_pathway": public_pathway_args,
    "public_job": public_job_args,
    "post": a_post,
    "meeting": a_meeting,
    # List pages with something in them.
    "with_post": lambda world: a_post(world) and [],
    "with_meeting": lambda world: a_meeting(world) and [],
    "notes": some_notifications,
    "reminded": a_reminder_sent,
    "unsubscribe": unsubscribe_token,
    "commitment": a_commitment,
    "stream": a_stream,
    "partnership": a_partnership,
    "group": a_working_group,
    "pathway": lambda world: [a_pathway_catalog(world)["pathway"].slug],
    "occupation": lambda world: [a_pathway_catalog(world)["occupation"].soc_code],
    "program": lambda world: [a_pathway_catalog(world)["program"].pk],
    "credential": lambda world: [a_pathway_catalog(world)["credential"].pk],
}


def url_for(world, entry):
    if isinstance(entry, str):
        return reverse(entry)
    name, arg = entry
    if arg in BUILT:
        return reverse(name, args=BUILT[arg](world))
    args = {
        "org_a": [world.org_a.slug],
        "count": [world.count.code],
        "share": [world.share.code],
        "report": [world.org_a.slug, YEAR],
    }[arg]
    return reverse(name, args=args)


CASES = [(role, entry) for role, entries in PAGES.items() for entry in entries]


@pytest.fixture
def figures(world):
    """A goal with figures, so that the dashboards draw their charts and tables."""
    from agenda.models import Goal
    from tests.test_dashboards import agg, rate

    goal = Goal.objects.create(title="Graduate", description="**All** of them.")
    goal.indicators.set([world.share, world.count])
    for year in ("2021", "2022", "2023"):
        rate(world.share, year, 60, 100)
        agg(world.count, year, "40")
        agg(world.count, year, "40", scope="county", scope_key="Durham")


@pytest.mark.parametrize(("role", "entry"), CASES, ids=[f"{r}-{e}" for r, e in CASES])
def test_page_is_valid_and_labelled(world, figures, role, entry):
    user = None if role == "anonymous" else getattr(world, role)
    response = world.client(user).get(url_for(world, entry))
    assert response.status_code == 200
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(response.content)  # raises on any parse error
    assert document.get("lang") == "en"
    assert document.find("head/title").text.strip()
    assert len(document.findall(".//h1")) == 1
    assert document.find(".//main[@id='main']") is not None
    assert document.find(".//a[@class='skip-link']").get("href") == "#main"
    for field in document.iter("input"):
        if field.get("type") in {"hidden", "submit"}:
            continue
        field_id = field.get("id")
        assert field_id and document.find(f".//label[@for='{field_id}']") is not None, field_id
