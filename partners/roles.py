"""What a person may do, computed once from their memberships."""

from dataclasses import dataclass, field

from partners.models import Membership, Role


@dataclass(frozen=True)
class Roles:
    authenticated: bool = False
    backbone: bool = False
    funder: bool = False
    lead_org_ids: frozenset[int] = field(default_factory=frozenset)
    member_org_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def partner(self) -> bool:
        return bool(self.member_org_ids)

    @property
    def read_only(self) -> bool:
        """Funders, and signed-in people with no role that lets them write."""
        return not (self.backbone or self.partner)

    def is_member_of(self, organization_id: int) -> bool:
        return organization_id in self.member_org_ids

    def is_lead_of(self, organization_id: int) -> bool:
        return organization_id in self.lead_org_ids

    @property
    def label(self) -> str:
        if self.backbone:
            return str(Role.BACKBONE.label)
        if self.lead_org_ids:
            return str(Role.LEAD.label)
        if self.member_org_ids:
            return str(Role.MEMBER.label)
        if self.funder:
            return str(Role.FUNDER.label)
        return ""


# The memberships as (organization id, role) pairs, when the person was read with them
# (config/auth.py reads the signed-in person so).
MEMBERSHIP_ROWS = "_membership_rows"


def _rows(person) -> list[tuple[int, str]]:
    if hasattr(person, MEMBERSHIP_ROWS):
        return getattr(person, MEMBERSHIP_ROWS)
    return list(Membership.objects.filter(user=person).values_list("organization_id", "role"))


def roles_for(person) -> Roles:
    """What a person (a user, or an anonymous visitor) may do, from their memberships; kept
    on the user object, so a request asks the database once (or not at all, when the
    person was read with their memberships)."""
    cached = getattr(person, "_pathways_roles", None)
    if cached is not None:
        return cached
    if not person.is_authenticated:
        roles = Roles()
    else:
        rows = _rows(person)
        roles = Roles(
            authenticated=True,
            backbone=any(role == Role.BACKBONE for _, role in rows),
            funder=any(role == Role.FUNDER for _, role in rows),
            lead_org_ids=frozenset(org for org, role in rows if role == Role.LEAD),
            member_org_ids=frozenset(org for org, role in rows if role in (Role.MEMBER, Role.LEAD)),
        )
    person._pathways_roles = roles
    return roles
