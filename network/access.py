"""Who may read and change the network. Every signed-in person reads partnerships, working
groups and the map. Backbone staff record and edit any partnership; a partner lead records and
edits the partnerships of the organizations they lead. Backbone staff create and edit working
groups; backbone staff or a group's current lead manage its members and hand the lead on.
Read-only people (funders) change nothing."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from network.models import LeadTerm, Partnership, WorkingGroup
from partners.access import require_backbone, require_writer
from partners.roles import Roles, roles_for


def can_edit_partnership(roles: Roles, partnership: Partnership) -> bool:
    return not roles.read_only and (
        roles.backbone
        or roles.is_lead_of(partnership.first_id)
        or roles.is_lead_of(partnership.second_id)
    )


def require_partnership_recorder(person) -> Roles:
    """Recording a partnership: backbone staff, or a partner lead (for their organization)."""
    roles = require_writer(person)
    if not (roles.backbone or roles.lead_org_ids):
        raise PermissionDenied("Only backbone staff and partner leads record partnerships.")
    return roles


def get_partnership_for(person, pk: int, write: bool = False) -> Partnership:
    roles = require_writer(person) if write else roles_for(person)
    partnership = get_object_or_404(
        Partnership.objects.select_related("first", "second", "created_by"), pk=pk
    )
    if write and not can_edit_partnership(roles, partnership):
        raise PermissionDenied("Only backbone staff or a lead of either organization edit this.")
    return partnership


def current_lead_term(group: WorkingGroup) -> LeadTerm | None:
    return group.lead_terms.filter(end__isnull=True).select_related("lead").first()


def can_manage_group(roles: Roles, user, term: LeadTerm | None) -> bool:
    return not roles.read_only and (
        roles.backbone or (term is not None and term.lead_id == user.pk)
    )


def get_group_for(person, slug: str, *, edit: bool = False, manage: bool = False) -> WorkingGroup:
    """Reading: every signed-in person. ``edit`` (name, charter): backbone staff.
    ``manage`` (members, lead): backbone staff or the group's current lead."""
    if edit:
        require_backbone(person)
    roles = require_writer(person) if manage else roles_for(person)
    group = get_object_or_404(WorkingGroup, slug=slug)
    if manage and not can_manage_group(roles, person, current_lead_term(group)):
        raise PermissionDenied("Only backbone staff or the group's lead manage its members.")
    return group


def get_network_for(person) -> Roles:
    """Every signed-in person reads the network map, funders included; nobody writes here."""
    return roles_for(person)
