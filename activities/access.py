"""Who may read and change commitments. Everyone signed in reads the commitments and the matrix;
partners (members and leads) record their own organization's commitments and post their
progress; backbone staff may record a commitment for any organization; funders read only."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from activities.models import Commitment
from partners.access import require_writer
from partners.models import Organization
from partners.roles import Roles, roles_for


def get_activities_for(person) -> Roles:
    """Every signed-in person reads the commitments and the matrix."""
    return roles_for(person)


def recordable_organizations(person):
    """The organizations this person may record commitments for; 403 if none.

    Backbone staff: any organization. A partner member or lead: their own organizations.
    """
    roles = require_writer(person)
    if roles.backbone:
        return Organization.objects.order_by("name")
    return Organization.objects.filter(pk__in=roles.member_org_ids).order_by("name")


def can_change(roles: Roles, commitment: Commitment) -> bool:
    return roles.backbone or roles.is_member_of(commitment.organization_id)


def can_post_progress(roles: Roles, commitment: Commitment) -> bool:
    """Progress is the organization's own account of its work: its members and leads."""
    return roles.is_member_of(commitment.organization_id)


def get_commitment_for(
    person, pk: int, *, write: bool = False, progress: bool = False
) -> Commitment:
    """The commitment. Everyone signed in reads it (commitments are shared with the whole
    partnership, so nobody gets a 404 for an existing one); changing it is for the
    organization's people and backbone staff, posting progress for the organization's
    people only. Others get 403."""
    roles = require_writer(person) if (write or progress) else roles_for(person)
    commitment = get_object_or_404(
        Commitment.objects.select_related("strategy__goal", "organization", "created_by"), pk=pk
    )
    if write and not can_change(roles, commitment):
        raise PermissionDenied("Only the organization's people or backbone staff may change it.")
    if progress and not can_post_progress(roles, commitment):
        raise PermissionDenied("Only the organization's people post its progress.")
    return commitment
