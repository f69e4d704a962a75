"""Who may read and change the common agenda and its dashboards.

Every signed-in person reads the agenda. Partners and backbone staff read the dashboards;
funders read them once backbone staff have published them for funders. Backbone staff edit
the agenda and decide on publication. Without an account, a dashboard is read through the
public pages (when published publicly) or through a share link that has not expired or been
revoked.
"""

from django.shortcuts import get_object_or_404

from agenda.models import Goal, Strategy
from partners.access import require_backbone
from partners.roles import Roles, roles_for


def get_agenda_for(person, write: bool = False) -> Roles:
    return require_backbone(person) if write else roles_for(person)


def get_goal_for(person, pk: int) -> Goal:
    require_backbone(person)
    return get_object_or_404(Goal, pk=pk)


def get_strategy_for(person, pk: int) -> Strategy:
    require_backbone(person)
    return get_object_or_404(Strategy.objects.select_related("goal"), pk=pk)
