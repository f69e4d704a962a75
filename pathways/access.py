"""Who may read and change pathways, programs and steps.

Every signed-in person reads pathways, occupations, programs and credentials. Backbone staff
edit any of them. A partner lead edits the programs their own organization provides and the
steps their organization delivers (in any pathway). Read-only people (funders) change nothing.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from common.cache import cached, counter
from partners.access import require_backbone, require_writer
from partners.roles import Roles, roles_for
from pathways.apps import VERSION
from pathways.models import Occupation, Pathway, Program, Step


def get_pathway_for(person, slug: str, write: bool = False) -> Pathway:
    """Reading is open to every signed-in person; changing a pathway itself (its title,
    sector, occupations, and its links between steps) is for backbone staff."""
    if write:
        require_backbone(person)
    return get_object_or_404(
        Pathway.objects.select_related("sector", "cluster", "owner"), slug=slug
    )


def _page_facts(slug: str) -> dict | None:
    pathway = Pathway.objects.select_related("sector", "cluster", "owner").filter(slug=slug).first()
    if pathway is None:
        return None
    return {
        "pathway": pathway,
        "targets": list(pathway.target_occupations.order_by("title")),
        "step_providers": list(pathway.steps.values_list("pk", "provider_id")),
    }


def get_pathway_page_for(person, slug: str) -> dict:
    """What a pathway's page shows about it (the pathway, its target occupations, who
    provides each step), for reading only: read once per change of the pathways and shared
    (never for a change: ``get_pathway_for(..., write=True)`` reads the row itself)."""
    roles_for(person)  # reading is open to every signed-in person
    facts = cached("pathway-page", (slug,), lambda: _page_facts(slug), stamp=counter(VERSION))
    if facts is None:
        raise Http404
    return facts


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
