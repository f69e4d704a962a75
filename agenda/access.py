"""Who may read and change the common agenda and its dashboards.

Every signed-in person reads the agenda. Partners and backbone staff read the dashboards;
funders read them once backbone staff have published them for funders. Backbone staff edit
the agenda and decide on publication. Without an account, a dashboard is read through the
public pages (when published publicly) or through a share link that has not expired or been
revoked.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from agenda.models import Goal, Publication, ShareLink, Strategy
from common.access import require_backbone
from partners.roles import Roles, roles_for


class LinkGone(Exception):
    """A share link that existed but has expired or been revoked."""


def get_agenda_for(request: HttpRequest, write: bool = False) -> Roles:
    return require_backbone(request) if write else roles_for(request.user)


def get_goal_for(request: HttpRequest, pk: int) -> Goal:
    require_backbone(request)
    return get_object_or_404(Goal, pk=pk)


def get_strategy_for(request: HttpRequest, pk: int) -> Strategy:
    require_backbone(request)
    return get_object_or_404(Strategy.objects.select_related("goal"), pk=pk)


def get_dashboard_for(request: HttpRequest) -> Roles:
    """The dashboards of signed-in people. Returns their roles; 403 for a funder while the
    dashboards are not published for funders."""
    roles = roles_for(request.user)
    if roles.backbone or roles.partner:
        return roles
    if roles.funder and Publication.load().for_funders:
        return roles
    raise PermissionDenied("The backbone staff have not published the dashboards for funders.")


def get_public_dashboard() -> Publication:
    publication = Publication.load()
    if not publication.public:
        raise Http404("The dashboard is not published publicly.")
    return publication


def get_share_link(token: str) -> ShareLink:
    link = ShareLink.find(token)
    if link is None:
        raise Http404("No such link.")
    if not link.is_active:
        raise LinkGone()
    return link


def get_share_link_for(request: HttpRequest, pk: int) -> ShareLink:
    """Managing share links is for backbone staff."""
    require_backbone(request)
    return get_object_or_404(ShareLink, pk=pk)
