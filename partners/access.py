from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from common.access import require_writer
from partners.models import Organization, Role
from partners.roles import roles_for


def get_organization_for(request: HttpRequest, slug: str, write: bool = False) -> Organization:
    """Every signed-in person reads the directory; a lead edits their own, backbone any."""
    roles = require_writer(request) if write else roles_for(request.user)
    organization = get_object_or_404(Organization, slug=slug)
    if write and not (roles.backbone or roles.is_lead_of(organization.pk)):
        raise PermissionDenied("Only the organization's lead or backbone staff may edit it.")
    return organization


def invitable_roles_for(request: HttpRequest, organization: Organization) -> list[tuple[str, str]]:
    """The roles this person may invite someone to at ``organization``; 403 if none."""
    roles = require_writer(request)
    if roles.backbone:
        if organization.is_backbone:
            allowed = [Role.BACKBONE]
        elif organization.is_funder:
            allowed = [Role.FUNDER]
        else:
            allowed = [Role.MEMBER, Role.LEAD]
    elif roles.is_lead_of(organization.pk):
        allowed = [Role.MEMBER, Role.LEAD]
    else:
        raise PermissionDenied("Only backbone staff and the organization's lead may invite people.")
    return [(role.value, role.label) for role in allowed]
