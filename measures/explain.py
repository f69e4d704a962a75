"""Reading aggregates for people: who may see which scope, and what is suppressed."""

from dataclasses import dataclass

from django.http import Http404

from measures.models import Aggregate, Indicator, ScopeType
from measures.suppression import suppressed_cells
from partners.models import Organization
from partners.roles import Roles


def check_scope(roles: Roles, scope_type: str, scope_key: str) -> Organization | None:
    """Any signed-in person reads the region, counties and organization types; one
    organization's figures only its own people and backbone staff (404 for others)."""
    if scope_type not in ScopeType.values:
        raise ValueError("unknown scope")
    if scope_type != ScopeType.ORGANIZATION:
        return None
    organization = Organization.objects.filter(slug=scope_key).first()
    if organization is None or not (roles.backbone or roles.is_member_of(organization.pk)):
        raise Http404("No such organization figures.")
    return organization


def sees_all(roles: Roles, scope_type: str, organization: Organization | None) -> bool:
    return roles.backbone or (
        scope_type == ScopeType.ORGANIZATION
        and organization is not None
        and roles.is_member_of(organization.pk)
    )


@dataclass
class ShownCell:
    aggregate: Aggregate
    suppressed: bool

    def __getattr__(self, name):
        if name == "aggregate" or name.startswith("__"):
            # Not set yet, as while a cached cell is unpickled.
            raise AttributeError(name)
        return getattr(self.aggregate, name)


def shown(indicator: Indicator, aggregates, *, everything: bool) -> list[ShownCell]:
    aggregates = list(aggregates)
    hidden = suppressed_cells(indicator, aggregates, sees_all=everything)
    return [ShownCell(a, a.pk in hidden) for a in aggregates]
