"""Who may read and change pathways, programs and steps.

Every signed-in person reads pathways, occupations, programs and credentials. Backbone staff
edit any of them. A partner lead edits the programs their own organization provides and the
steps their organization delivers (in any pathway). Read-only people (funders) change nothing.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners.access import require_backbone, require_writer
from partners.roles import Roles, roles_for
from pathways.models import Occupation, Pathway, Program, Step


def get_pathway_for(person, slug: str, write: bool = False) -> Pathway:
    """Reading is open to every signed-in person; changing a pathway itself (its title,
    sector, occupations, and its links between steps) is for backbone staff."""
    if write:
        require_backbone(person)
    return get_object_or_404(
        Pathway.objects.select_related("sector", "cluster", "owner"), slug=slug
    )


def can_edit_provided_by(roles: Roles, organization_id: int | None) -> bool:
    return roles.backbone or (organization_id is not None and roles.is_lead_of(organization_id))


def get_step_for(person, pk: int, write: bool = False) -> Step:
    roles = require_writer(person) if write else roles_for(person)
    step = get_object_or_404(Step.objects.select_related("pathway", "provider"), pk=pk)
    if write and not can_edit_provided_by(roles, step.provider_id):
        raise PermissionDenied("Only backbone staff or the provider's lead edit this step.")
    return step


def get_program_for(person, pk: int, write: bool = False) -> Program:
    roles = require_writer(person) if write else roles_for(person)
    program = get_object_or_404(Program.objects.select_related("provider"), pk=pk)
    if write and not can_edit_provided_by(roles, program.provider_id):
        raise PermissionDenied("Only backbone staff or the provider's lead edit this program.")
    return program


def get_occupation_for(person, soc_code: str) -> Occupation:
    return get_object_or_404(Occupation, soc_code=soc_code)


def require_pathway_editor(person) -> Roles:
    """Adding a step: backbone staff anywhere; a lead for a step their organization provides
    (the form limits the provider to their organizations)."""
    roles = require_writer(person)
    if not (roles.backbone or roles.lead_org_ids):
        raise PermissionDenied("Only backbone staff and partner leads edit pathways.")
    return roles
