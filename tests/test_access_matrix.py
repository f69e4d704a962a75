"""Every route × every role → the expected status, for GET and for POST.

A route added without an entry here fails ``test_every_route_has_an_entry``. POSTs carry no
data: they test who is let in, not what a valid form does (other tests do that).
The Django admin keeps its own staff checks (``test_admin_is_for_staff_only``).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from partners.models import Invitation, Role
from tests.conftest import YEAR

ROLES = ("anonymous", "member", "other_lead", "backbone", "funder")


def statuses(anonymous, member, other_lead, backbone, funder):
    return dict(zip(ROLES, (anonymous, member, other_lead, backbone, funder), strict=True))


# Shorthands for the common shapes.
READ_ALL = statuses(302, 200, 200, 200, 200)
READ_ONLY_POST = statuses(302, 405, 405, 405, 403)
BACKBONE_FORM_GET = statuses(302, 403, 403, 200, 403)
BACKBONE_FORM_POST = statuses(302, 403, 403, 400, 403)
REVIEW_GET = statuses(302, 405, 405, 405, 405)
REVIEW_POST = statuses(302, 403, 404, 302, 403)
PUBLIC_PAGE = statuses(200, 200, 200, 200, 200)
PUBLIC_GET_ONLY_POST = statuses(405, 405, 405, 405, 403)
NOT_PUBLISHED = statuses(404, 404, 404, 404, 404)


def org_a(world):
    return [world.org_a.slug]


def report_args(world):
    return [world.org_a.slug, YEAR]


def invitation_token(world):
    invitation, token = Invitation.new(
        email="newcomer@example.org",
        organization=world.org_a,
        role=Role.MEMBER,
        invited_by=world.backbone,
        valid_days=7,
    )
    invitation.save()
    return [token]


def explain_url(world):
    from measures.models import Aggregate

    Aggregate.objects.create(
        indicator=world.count,
        period_type="year",
        period_start=f"{YEAR}-01-01",
        scope_type="region",
        value=40,
        reported=1,
        expected=2,
        computed_at=timezone.now(),
    )
    return reverse("explain", args=[world.count.code]) + f"?scope=region&period={YEAR}"


def own_token(world):
    from partners.models import ApiToken

    token, _key = ApiToken.issue(world.member_a, "warehouse")
    return [token.pk]


def member_import(world):
    from measures.models import ImportJob

    job = ImportJob.objects.create(
        created_by=world.member_a, filename="values.csv", content="", status="done"
    )
    return [job.pk]


def sex_dimension(world):
    from measures.models import Dimension

    return [Dimension.objects.create(code="sex", name="Sex").code]


def a_goal(world):
    from agenda.models import Goal

    goal = Goal.objects.create(title="Graduation")
    goal.indicators.add(world.count)
    return goal


def goal_args(world):
    return [a_goal(world).pk]


def strategy_args(world):
    from agenda.models import Strategy

    return [Strategy.objects.create(goal=a_goal(world), title="Career fairs").pk]


def first_version(world):
    from agenda.actions import ensure_first_version

    ensure_first_version(world.backbone)
    return [1]


def a_share_link(world):
    from datetime import timedelta

    from dashboards.actions import create_share_link

    a_goal(world)
    return create_share_link(
        label="Commissioners", expires_at=timezone.now() + timedelta(days=3), by=world.backbone
    )


def share_link_pk(world):
    return [a_share_link(world)[0].pk]


def share_token(world):
    return [a_share_link(world)[1]]


def share_token_and_code(world):
    return [a_share_link(world)[1], world.count.code]


def count_code(world):
    return [world.count.code]


def a_commitment(world):
    """Org A's commitment: its member changes it; another partner and funders read it."""
    from activities.models import Commitment
    from agenda.models import Strategy

    strategy = Strategy.objects.create(goal=a_goal(world), title="Career fairs")
    commitment = Commitment.objects.create(
        strategy=strategy,
        organization=world.org_a,
        title="Fair",
        audience="Juniors",
        start="2025-01-01",
    )
    return [commitment.pk]


def a_funding_stream(world):
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
    return [stream.pk]


def a_partnership(world):
    """Org A and org B: the other lead (of org B) edits it; org A's member does not."""
    from network.models import Partnership

    partnership = Partnership.objects.create(
        first=world.org_a, second=world.org_b, kind="mou", start="2025-01-01"
    )
    return [partnership.pk]


def a_working_group(world):
    """Led by the other lead (of org B), with org A's member in it."""
    from network.models import LeadTerm, WorkingGroup

    group = WorkingGroup.objects.create(slug="employers", name="Employers", charter="*Hire.*")
    group.members.add(world.member_a, world.lead_b)
    LeadTerm.objects.create(group=group, lead=world.lead_b, start="2025-01-01")
    return group


def group_args(world):
    return [a_working_group(world).slug]


def group_member_args(world):
    return [a_working_group(world).slug, world.member_a.pk]


# Continuous communication (communication/views.py).


def a_post(world):
    from communication.actions import create_post

    post = create_post(author=world.lead_a, title="News", body="*x*", organization=world.org_a)
    return [post.pk]


def led_group_meeting(world):
    """A meeting of a working group that the other partner's lead leads."""
    from communication.models import Meeting
    from network.models import LeadTerm, WorkingGroup

    group = WorkingGroup.objects.create(slug="bridge-group", name="Bridge programmes")
    LeadTerm.objects.create(group=group, lead=world.lead_b, start="2025-01-01")
    meeting = Meeting.objects.create(
        title="Bridge", working_group=group, starts_at=timezone.now(), created_by=world.lead_b
    )
    return [meeting.pk]


def member_action(world):
    """An action item owned by the partner member."""
    from communication.models import ActionItem, Meeting

    meeting = Meeting.objects.create(
        title="Steering", starts_at=timezone.now(), created_by=world.backbone
    )
    item = ActionItem.objects.create(
        meeting=meeting, text="Call", owner=world.member_a, due=timezone.localdate()
    )
    return [item.pk]


def member_notification(world):
    from communication.models import Notification

    return [Notification.objects.create(user=world.member_a, text="Hello").pk]


def unsubscribe_args(world):
    from communication.emails import unsubscribe_token

    return [unsubscribe_token(world.member_a, "updates")]


# Editing pathways (pathways/editing.py).


def edit_step_args(world):
    from pathways.models import Step

    pathway = browse_pathway(world)
    step = Step.objects.create(
        pathway=pathway,
        title="Nurse aide course",
        stage="train",
        kind="course",
        audience="both",
        provider=world.org_a,
    )
    return [step.pk]


def edit_link_args(world):
    from pathways.models import Step, StepLink

    pathway = browse_pathway(world)
    first = pathway.steps.get()
    second = Step.objects.create(
        pathway=pathway, title="Train", stage="train", kind="course", audience="both"
    )
    return [StepLink.objects.create(from_step=first, to_step=second, kind="precedes").pk]


def pathway_version_args(world):
    from pathways.versions import record

    pathway = browse_pathway(world)
    record(pathway, world.backbone, "First")
    return [pathway.slug, 1]


# Browsing pathways (pathways/views.py): every signed-in person reads, funders too.


def browse_pathway(world):
    from pathways.models import CareerCluster, Pathway, Sector, Stage, Step

    pathway = Pathway.objects.create(
        slug="nursing",
        title="Nursing",
        sector=Sector.objects.create(slug="health", name="Health Care"),
        cluster=CareerCluster.objects.create(code="health-science", name="Health Science"),
        owner=world.backbone_org,
    )
    Step.objects.create(
        pathway=pathway, title="Career day", stage=Stage.EXPLORE, kind="course", audience="youth"
    )
    return pathway


def browse_pathway_args(world):
    return [browse_pathway(world).slug]


def public_pathway_args(world):
    pathway = browse_pathway(world)
    pathway.public = True
    pathway.save()
    return [pathway.slug]


def public_job_args(world):
    from pathways.models import Occupation

    pathway = browse_pathway(world)
    pathway.public = True
    pathway.save()
    job = Occupation.objects.create(soc_code="29-1141", title="Registered nurses")
    pathway.target_occupations.add(job)
    return [job.soc_code]


def browse_occupation_args(world):
    from pathways.models import Occupation

    return [Occupation.objects.create(soc_code="29-2061", title="Practical nurses").soc_code]


def browse_program_args(world):
    from pathways.models import Program

    program = Program.objects.create(
        cip_code="51.3902",
        title="Nurse aide",
        provider=world.org_a,
        award_level="certificate",
        modality="hybrid",
        audience="both",
    )
    return [program.pk]


def browse_credential_args(world):
    from pathways.models import Credential

    return [Credential.objects.create(name="CNA", kind="certification", issuer="NC").pk]


API_GET = statuses(401, 200, 200, 200, 200)
API_POST = statuses(405, 405, 405, 405, 403)

# name: (args builder or None, GET statuses, POST statuses); a builder returns the URL's
# arguments, or the whole URL when it needs a query string.
MATRIX = {
    "home": (None, statuses(302, 200, 200, 200, 200), statuses(405, 405, 405, 405, 403)),
    "healthz": (None, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    # The career explorer: open to all, public pathways only (tests/test_explore.py).
    "explore": (None, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "explore_pathway": (public_pathway_args, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "explore_pathway_ctdl": (public_pathway_args, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "explore_embed": (public_pathway_args, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "explore_job": (public_job_args, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "login": (None, statuses(200, 302, 302, 302, 302), statuses(200, 302, 302, 302, 302)),
    "logout": (None, statuses(405, 405, 405, 405, 405), statuses(302, 302, 302, 302, 302)),
    # The language switch on every page, for everyone (tests/test_languages.py).
    "set_language": (
        None,
        statuses(405, 405, 405, 405, 405),
        statuses(302, 302, 302, 302, 302),
    ),
    "password_change": (None, READ_ALL, statuses(302, 200, 200, 200, 200)),
    "password_change_done": (None, READ_ALL, READ_ONLY_POST),
    "password_reset": (None, PUBLIC_PAGE, PUBLIC_PAGE),
    "password_reset_done": (None, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "password_reset_confirm": (lambda w: ["MQ", "bad-token"], PUBLIC_PAGE, PUBLIC_PAGE),
    "password_reset_complete": (None, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "organization_list": (None, READ_ALL, READ_ONLY_POST),
    "organization_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "organization_detail": (org_a, READ_ALL, READ_ONLY_POST),
    # The member's own organization: only its lead or backbone staff edit it.
    "organization_edit": (org_a, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "invitation_list": (org_a, BACKBONE_FORM_GET, READ_ONLY_POST),
    "invitation_create": (org_a, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "invitation_accept": (invitation_token, PUBLIC_PAGE, statuses(400, 400, 400, 400, 400)),
    "indicator_list": (None, READ_ALL, READ_ONLY_POST),
    "indicator_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "indicator_detail": (lambda w: [w.count.code], READ_ALL, READ_ONLY_POST),
    "indicator_edit": (lambda w: [w.count.code], BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "report_list": (None, statuses(302, 200, 200, 200, 403), READ_ONLY_POST),
    "review_queue": (None, BACKBONE_FORM_GET, READ_ONLY_POST),
    "console": (None, BACKBONE_FORM_GET, READ_ONLY_POST),
    # Org A's report: its member enters data; another partner and funders never see it.
    "report": (report_args, statuses(302, 200, 404, 200, 404), statuses(302, 302, 404, 403, 403)),
    "report_approve": (report_args, REVIEW_GET, REVIEW_POST),
    "report_return": (report_args, REVIEW_GET, REVIEW_POST),
    "report_reopen": (report_args, REVIEW_GET, REVIEW_POST),
    "explain": (explain_url, READ_ALL, READ_ONLY_POST),
    "disclosure_rules": (None, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "dimension_list": (None, READ_ALL, READ_ONLY_POST),
    "dimension_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "dimension_edit": (sex_dimension, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "report_calendar": (None, statuses(302, 200, 200, 200, 403), READ_ONLY_POST),
    "report_history": (report_args, statuses(302, 200, 404, 200, 404), READ_ONLY_POST),
    "import_values": (None, statuses(302, 200, 200, 200, 403), statuses(302, 400, 400, 400, 403)),
    "import_template": (None, statuses(302, 200, 200, 200, 403), READ_ONLY_POST),
    # An import is seen by whoever started it, and by backbone staff.
    "import_detail": (member_import, statuses(302, 200, 404, 200, 404), READ_ONLY_POST),
    "api_organizations": (None, API_GET, API_POST),
    "api_indicators": (None, API_GET, API_POST),
    "api_indicator_values": (lambda w: [w.count.code], API_GET, API_POST),
    # Everyone manages their own tokens, funders included; nobody sees another's.
    "token_list": (None, READ_ALL, statuses(302, 400, 400, 400, 400)),
    "token_revoke": (
        own_token,
        statuses(302, 405, 405, 405, 405),
        statuses(302, 302, 404, 404, 404),
    ),
    # The common agenda: everyone reads it; backbone staff edit it, with versions.
    "agenda": (None, READ_ALL, READ_ONLY_POST),
    "agenda_edit": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "goal_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "goal_edit": (goal_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "goal_delete": (goal_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "strategy_create": (goal_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "strategy_edit": (strategy_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "strategy_delete": (strategy_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "targets_edit": (count_code, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "agenda_history": (None, READ_ALL, READ_ONLY_POST),
    "agenda_version": (first_version, READ_ALL, READ_ONLY_POST),
    "agenda_restore": (first_version, REVIEW_GET, statuses(302, 403, 403, 302, 403)),
    # Dashboards: funders once published for them (as in this world).
    "dashboard": (None, READ_ALL, READ_ONLY_POST),
    "indicator_dashboard": (count_code, READ_ALL, READ_ONLY_POST),
    "indicator_dashboard_csv": (count_code, READ_ALL, READ_ONLY_POST),
    "publishing": (None, BACKBONE_FORM_GET, statuses(302, 403, 403, 302, 403)),
    "share_link_create": (None, REVIEW_GET, statuses(302, 403, 403, 400, 403)),
    "share_link_revoke": (share_link_pk, REVIEW_GET, statuses(302, 403, 403, 302, 403)),
    # Public pages are 404 until published publicly (not in this world).
    "public_dashboard": (None, NOT_PUBLISHED, PUBLIC_GET_ONLY_POST),
    "public_embed": (None, NOT_PUBLISHED, PUBLIC_GET_ONLY_POST),
    "public_indicator": (count_code, NOT_PUBLISHED, PUBLIC_GET_ONLY_POST),
    "public_indicator_csv": (count_code, NOT_PUBLISHED, PUBLIC_GET_ONLY_POST),
    # A live share link opens for anyone.
    "shared_dashboard": (share_token, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "shared_embed": (share_token, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "shared_indicator": (share_token_and_code, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "shared_indicator_csv": (share_token_and_code, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    # Activities: everyone reads; partners record their own organization's commitments,
    # backbone staff any organization's; progress is posted by the organization's people.
    "activities": (None, READ_ALL, READ_ONLY_POST),
    "commitment_create": (
        None,
        statuses(302, 200, 200, 200, 403),
        statuses(302, 400, 400, 400, 403),
    ),
    "commitment_detail": (a_commitment, READ_ALL, READ_ONLY_POST),
    "commitment_edit": (
        a_commitment,
        statuses(302, 200, 403, 200, 403),
        statuses(302, 400, 403, 400, 403),
    ),
    "commitment_delete": (
        a_commitment,
        statuses(302, 200, 403, 200, 403),
        statuses(302, 302, 403, 302, 403),
    ),
    "commitment_progress": (a_commitment, REVIEW_GET, statuses(302, 400, 403, 403, 403)),
    # Funding alignment: everyone reads (funders too); backbone staff record the streams.
    "funding": (None, READ_ALL, READ_ONLY_POST),
    "funding_stream_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "funding_stream_edit": (a_funding_stream, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "funding_stream_delete": (
        a_funding_stream,
        BACKBONE_FORM_GET,
        statuses(302, 403, 403, 302, 403),
    ),
    # The network: everyone reads; backbone staff or a lead of either organization change a
    # partnership; a working group's current lead (or backbone) manages its members and lead.
    "network": (None, READ_ALL, READ_ONLY_POST),
    "partnership_list": (None, READ_ALL, READ_ONLY_POST),
    "partnership_create": (
        None,
        statuses(302, 403, 200, 200, 403),
        statuses(302, 403, 400, 400, 403),
    ),
    "partnership_detail": (a_partnership, READ_ALL, READ_ONLY_POST),
    "partnership_edit": (
        a_partnership,
        statuses(302, 403, 200, 200, 403),
        statuses(302, 403, 400, 400, 403),
    ),
    "working_group_list": (None, READ_ALL, READ_ONLY_POST),
    "working_group_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "working_group_detail": (group_args, READ_ALL, READ_ONLY_POST),
    "working_group_edit": (group_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "working_group_members": (
        group_args,
        statuses(302, 403, 200, 200, 403),
        statuses(302, 403, 400, 400, 403),
    ),
    "working_group_member_remove": (
        group_member_args,
        REVIEW_GET,
        statuses(302, 403, 302, 302, 403),
    ),
    "working_group_lead": (
        group_args,
        statuses(302, 403, 200, 200, 403),
        statuses(302, 403, 400, 400, 403),
    ),
    # Continuous communication: everyone reads updates and meetings; partners and backbone
    # post and comment; backbone staff and a group's lead hold its meetings; the owner (or
    # backbone) closes an action; each person keeps their own notifications and email
    # preferences (funders too); an unsubscribe link needs no sign-in.
    "updates": (None, READ_ALL, READ_ONLY_POST),
    "post_create": (None, statuses(302, 200, 200, 200, 403), statuses(302, 400, 400, 400, 403)),
    "post_detail": (a_post, READ_ALL, READ_ONLY_POST),
    "comment_create": (a_post, REVIEW_GET, statuses(302, 400, 400, 400, 403)),
    "meeting_list": (None, READ_ALL, READ_ONLY_POST),
    "meeting_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "meeting_detail": (led_group_meeting, READ_ALL, READ_ONLY_POST),
    "meeting_edit": (
        led_group_meeting,
        statuses(302, 403, 200, 200, 403),
        statuses(302, 403, 400, 400, 403),
    ),
    "my_actions": (None, READ_ALL, READ_ONLY_POST),
    "action_done": (member_action, REVIEW_GET, statuses(302, 302, 403, 302, 403)),
    "notifications": (None, READ_ALL, READ_ONLY_POST),
    "notifications_read_all": (None, REVIEW_GET, statuses(302, 302, 302, 302, 302)),
    "notification_read": (member_notification, REVIEW_GET, statuses(302, 302, 404, 404, 404)),
    "email_preferences": (None, READ_ALL, statuses(302, 302, 302, 302, 302)),
    "email_unsubscribe": (unsubscribe_args, PUBLIC_PAGE, PUBLIC_PAGE),
    "reminders": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "reminders_send": (None, REVIEW_GET, statuses(302, 403, 403, 302, 403)),
    # Editing pathways: backbone staff; a lead for what their organization provides.
    "pathway_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "pathway_edit": (browse_pathway_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "step_create": (
        browse_pathway_args,
        statuses(302, 403, 200, 200, 403),
        statuses(302, 403, 400, 400, 403),
    ),
    # Org A provides the step: its member is no lead, org B's lead is another organization's.
    "step_edit": (edit_step_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "step_delete": (edit_step_args, BACKBONE_FORM_GET, statuses(302, 403, 403, 302, 403)),
    "link_create": (browse_pathway_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "link_delete": (edit_link_args, REVIEW_GET, statuses(302, 403, 403, 302, 403)),
    "pathway_history": (browse_pathway_args, READ_ALL, READ_ONLY_POST),
    "pathway_version": (pathway_version_args, READ_ALL, READ_ONLY_POST),
    "pathway_restore": (pathway_version_args, REVIEW_GET, statuses(302, 403, 403, 302, 403)),
    "program_create": (
        None,
        statuses(302, 403, 200, 200, 403),
        statuses(302, 403, 400, 400, 403),
    ),
    "program_edit": (browse_program_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "credential_list": (None, READ_ALL, READ_ONLY_POST),
    "credential_create": (None, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "credential_edit": (browse_credential_args, BACKBONE_FORM_GET, BACKBONE_FORM_POST),
    "pathway_measures": (browse_pathway_args, READ_ALL, READ_ONLY_POST),
    # Browsing pathways, occupations, programs and credentials: every signed-in person.
    "pathway_list": (None, READ_ALL, READ_ONLY_POST),
    "pathway_detail": (browse_pathway_args, READ_ALL, READ_ONLY_POST),
    "occupation_list": (None, READ_ALL, READ_ONLY_POST),
    "occupation_detail": (browse_occupation_args, READ_ALL, READ_ONLY_POST),
    "program_list": (None, READ_ALL, READ_ONLY_POST),
    "program_detail": (browse_program_args, READ_ALL, READ_ONLY_POST),
    "credential_detail": (browse_credential_args, READ_ALL, READ_ONLY_POST),
}


def route_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}<unnamed {pattern.pattern}>"


def test_every_route_has_an_entry():
    routes = {name for name in route_names() if not name.startswith("admin:")}
    assert routes - MATRIX.keys() == set(), "add these routes to the access matrix"
    assert MATRIX.keys() - routes == set(), "these matrix entries name no route"


def user_for(world, role):
    return {
        "anonymous": None,
        "member": world.member_a,
        "other_lead": world.lead_b,
        "backbone": world.backbone,
        "funder": world.funder,
    }[role]


CASES = [(name, method, role) for name in MATRIX for method in ("GET", "POST") for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_access(world, name, method, role):
    build, get_expected, post_expected = MATRIX[name]
    built = build(world) if build else None
    url = built if isinstance(built, str) else reverse(name, args=built)
    client = world.client(user_for(world, role))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url) if method == "GET" else client.post(url)
    expected = (get_expected if method == "GET" else post_expected)[role]
    assert response.status_code == expected, f"{method} {url} as {role}"
    if method == "GET":
        writes = [q["sql"] for q in queries.captured_queries if _writes(q["sql"])]
        assert writes == [], f"GET {url} as {role} wrote"


def _writes(sql: str) -> bool:
    """A write to anything but the session (which any request may save)."""
    words = sql.lstrip().split(None, 3)
    return (
        bool(words)
        and words[0].upper() in ("INSERT", "UPDATE", "DELETE")
        and ("django_session" not in sql)
    )


@pytest.mark.django_db
def test_admin_is_for_staff_only(world):
    assert world.client(None).get("/admin/").status_code == 302
    assert world.client(world.backbone).get("/admin/").status_code == 302
    world.backbone.is_staff = world.backbone.is_superuser = True
    world.backbone.save()
    assert world.client(world.backbone).get("/admin/").status_code == 200


@pytest.mark.django_db
def test_expired_invitation_link_is_gone(world):
    [token] = invitation_token(world)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert world.client(None).get(reverse("invitation_accept", args=[token])).status_code == 410
