"""Who reads the dashboards. Partners and backbone staff read them; funders read them once
backbone staff have published them for funders. Without an account, a dashboard is read
through the public pages (when published publicly) or through a share link that has not
expired or been revoked. Backbone staff decide on publication and manage the links."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from dashboards.models import ShareLink
from measures.models import Publication
from partners.access import require_backbone
from partners.roles import Roles, roles_for


class LinkGone(Exception):
    """A share link that existed but has expired or been revoked."""


def get_dashboard_for(person) -> Roles:
    """The dashboards of signed-in people. Returns their roles; 403 for a funder while the
    dashboards are not published for funders."""
    roles = roles_for(person)
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


def get_share_link_for(person, pk: int) -> ShareLink:
    """Managing share links is for backbone staff."""
    require_backbone(person)
    return get_object_or_404(ShareLink, pk=pk)
