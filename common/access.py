"""The pattern every resource's access helper follows.

A helper returns the object, raises Http404 for people who may not know it exists and
PermissionDenied (403) for people who may read it but not change it. Read-only people
(funders) are refused every write before anything else is looked at.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from partners.roles import Roles, roles_for


def require_writer(request: HttpRequest) -> Roles:
    roles = roles_for(request.user)
    if roles.read_only:
        raise PermissionDenied("This account can read but not change anything.")
    return roles


def require_backbone(request: HttpRequest) -> Roles:
    roles = require_writer(request)
    if not roles.backbone:
        raise PermissionDenied("Only backbone staff may do this.")
    return roles
