"""Pages that belong to no single app: the home page per role, and the health check."""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from common import replica
from common.cache import cached, counter
from dashboards.fragments import fragment_html
from measures import publication
from measures.apps import LIBRARY, SUBMISSIONS
from measures.contributions import contributions
from measures.publication import Audience
from measures.reporting import reports_due, returned_submissions
from measures.views import awaiting_review, dashboard_indicators
from partners.roles import roles_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """What this person needs next: reports due, submissions to approve, or the dashboard.
    A partner also sees reports sent back with the reviewer's comment, and their
    organizations' latest figures beside the region's."""
    if not request.user.is_authenticated:
        return redirect("explore")  # the public landing page, with a way to sign in
    roles = roles_for(request.user)
    context = {}
    if roles.backbone:
        # The same for all backbone staff: drawn once per change of the reports, and shared.
        context["awaiting_html"] = cached(
            "awaiting-review",
            (get_language(),),
            lambda: render_to_string(
                "home.html#awaiting", {"awaiting": awaiting_review()}, request
            ),
            stamp=counter(SUBMISSIONS),
        )
    if roles.partner:
        own = tuple(sorted(roles.member_org_ids))
        today = timezone.localdate()
        # Reports due and returned are the same for everyone of the same organizations: drawn
        # once a day per change of the reports or the library, and shared.
        context["partner_work_html"] = cached(
            "partner-work",
            (own, today.isoformat(), get_language()),
            lambda: render_to_string(
                "home.html#partner_work",
                {"due": reports_due(own, today), "returned": returned_submissions(own)},
                request,
            ),
            stamp=f"{counter(SUBMISSIONS)}:{counter(LIBRARY)}",
        )
        # The organizations' latest figures beside the region's change with the roll-ups:
        # drawn once per roll-up for the same organizations and shared by their people.
        context["contributions_html"] = fragment_html(
            "home.html",
            "contributions",
            ("home-contributions", own, Audience.of(roles).kind),
            lambda: {"contributions": contributions(own, roles)},
        )
    if roles.funder or (roles.read_only and not roles.backbone):
        audience = Audience.of(roles)
        context["figures_unpublished"] = not publication.may_read(audience)
        if not context["figures_unpublished"]:
            # The figures' tables are the same for every reader of this kind: rendered once
            # per roll-up and language, and shared.
            context["indicators_html"] = fragment_html(
                "home.html",
                "indicators",
                ("home", audience.kind, sorted(audience.organization_ids)),
                lambda: {"indicators": dashboard_indicators(roles)},
            )
    return render(request, "home.html", context)


def _database_state(alias: str = DEFAULT_DB_ALIAS) -> str:
    database = connection if alias == DEFAULT_DB_ALIAS else connections[alias]
    try:
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to reach the database is reported, not raised
        return "error"
    return "ok"


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "disabled"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError:
        return "error"
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database, broker = _database_state(), _broker_state()
    status = 200 if database == "ok" else 503
    body = {"database": database, "broker": broker}
    if replica.REPLICA in connections:  # told, not judged: every web process shares it
        # A replica this process has found unreachable is not asked again before its retry
        # time: a health check never waits on a stopped replica's connection timeout.
        reachable = replica.replica_reachable()
        body["replica"] = _database_state(replica.REPLICA) if reachable else "error"
    return JsonResponse(body, status=status)
