"""Who may do what: the role checks every app's access helpers start from, and the access
rules of organizations and invitations.

An access helper returns the object, raises Http404 for people who may not know it exists and
PermissionDenied (403) for people who may read it but not change it. Read-only people
(funders) are refused every write before anything else is looked at. Each app keeps its own
helpers in its ``access.py``; they take the person (views pass ``person``).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners.models import Organization, Role
from partners.roles import Roles, roles_for


def require_writer(person) -> Roles:
    """The person's roles; 403 for a read-only person (a funder)."""
    roles = roles_for(person)
    if roles.read_only:
        raise PermissionDenied("This account can read but not change anything.")
    return roles


def require_backbone(person) -> Roles:
    """The person's roles; 403 for anyone but backbone staff."""
    roles = require_writer(person)
    if not roles.backbone:
        raise PermissionDenied("Only backbone staff may do this.")
    return roles


def get_organization_for(person, slug: str, write: bool = False) -> Organization:
    """Every signed-in person reads the directory; a lead edits their own, backbone any."""
    roles = require_writer(person) if write else roles_for(person)
    organization = get_object_or_404(Organization, slug=slug)
    if write and not (roles.backbone or roles.is_lead_of(organization.pk)):
        raise PermissionDenied("Only the organization's lead or backbone staff may edit it.")
    return organization


def invitable_roles_for(person, organization: Organization) -> list[tuple[str, str]]:
    """The roles this person may invite someone to at ``organization``; 403 if none."""
    roles = require_writer(person)
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
