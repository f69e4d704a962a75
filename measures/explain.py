"""Which scopes a person may ask figures of. What they then see comes from
``measures.publication``."""

from django.http import Http404

from measures.models import ScopeType
from partners.models import Organization
from partners.roles import Roles


def check_scope(roles: Roles, scope_type: str, scope_key: str) -> Organization | None:
    """Any reader of figures asks for the region, counties and organization types; one
    organization's figures only its own people and backbone staff (404 for others)."""
    if scope_type not in ScopeType.values:
        raise ValueError("unknown scope")
    if scope_type != ScopeType.ORGANIZATION:
        return None
    organization = Organization.objects.filter(slug=scope_key).first()
    if organization is None or not (roles.backbone or roles.is_member_of(organization.pk)):
        raise Http404("No such organization figures.")
    return organization
