"""Who may read and change the common agenda and its dashboards.

Every signed-in person reads the agenda. Partners and backbone staff read the dashboards;
funders read them once backbone staff have published them for funders. Backbone staff edit
the agenda and decide on publication. Without an account, a dashboard is read through the
public pages (when published publicly) or through a share link that has not expired or been
revoked.
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from agenda.models import Goal, Strategy
from partners.access import require_backbone
from partners.roles import Roles, roles_for


def get_agenda_for(request: HttpRequest, write: bool = False) -> Roles:
    return require_backbone(request) if write else roles_for(request.user)


def get_goal_for(request: HttpRequest, pk: int) -> Goal:
    require_backbone(request)
    return get_object_or_404(Goal, pk=pk)


def get_strategy_for(request: HttpRequest, pk: int) -> Strategy:
    require_backbone(request)
    return get_object_or_404(Strategy.objects.select_related("goal"), pk=pk)
