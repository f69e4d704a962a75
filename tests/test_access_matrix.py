"""Every route × every role → the expected status, for GET and for POST.

A route added without an entry here fails ``test_every_route_has_an_entry``. POSTs carry no
data: they test who is let in, not what a valid form does (other tests do that).
The Django admin keeps its own staff checks (``test_admin_is_for_staff_only``).
"""

from datetime import timedelta

import pytest
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

    from agenda.actions import create_share_link

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


API_GET = statuses(401, 200, 200, 200, 200)
API_POST = statuses(405, 405, 405, 405, 403)

# name: (args builder or None, GET statuses, POST statuses); a builder returns the URL's
# arguments, or the whole URL when it needs a query string.
MATRIX = {
    "home": (None, statuses(302, 200, 200, 200, 200), statuses(405, 405, 405, 405, 403)),
    "healthz": (None, PUBLIC_PAGE, PUBLIC_GET_ONLY_POST),
    "login": (None, statuses(200, 302, 302, 302, 302), statuses(200, 302, 302, 302, 302)),
    "logout": (None, statuses(405, 405, 405, 405, 405), statuses(302, 302, 302, 302, 302)),
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
    response = client.get(url) if method == "GET" else client.post(url)
    expected = (get_expected if method == "GET" else post_expected)[role]
    assert response.status_code == expected, f"{method} {url} as {role}"


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
