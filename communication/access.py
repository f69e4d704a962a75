"""Who may read and change updates, meetings, action items and notifications."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from communication.models import (
    ActionItem,
    Meeting,
    Notification,
    Post,
)
from network.models import WorkingGroup
from partners.access import require_writer
from partners.models import Organization, Role
from partners.roles import Roles, roles_for


def get_post_for(person, pk: int, write: bool = False) -> Post:
    """Every signed-in person reads an update; partners and backbone staff comment on it."""
    if write:
        require_writer(person)
    return get_object_or_404(
        Post.objects.select_related("author", "organization", "working_group"), pk=pk
    )


def posting_identities_for(person) -> tuple[QuerySet, QuerySet]:
    """The organizations and working groups this person may post in the name of; 403 for
    read-only people."""
    require_writer(person)
    organizations = Organization.objects.filter(
        memberships__user=person,
        memberships__role__in=[Role.MEMBER, Role.LEAD, Role.BACKBONE],
    ).order_by("name")
    return organizations, person.working_groups.order_by("name")


def led_groups(user) -> QuerySet:
    """The working groups this person leads now."""
    return WorkingGroup.objects.filter(lead_terms__lead=user, lead_terms__end__isnull=True)


def meeting_groups_for(person) -> tuple[QuerySet, bool]:
    """The working groups this person may hold meetings for, and whether a meeting must
    belong to one: backbone staff hold any meeting; a group's lead, their group's only."""
    roles = require_writer(person)
    if roles.backbone:
        return WorkingGroup.objects.order_by("name"), False
    groups = led_groups(person).order_by("name")
    if not groups.exists():
        raise PermissionDenied("Only backbone staff and working group leads hold meetings.")
    return groups, True


def can_edit_meeting(roles: Roles, user, meeting: Meeting) -> bool:
    if roles.read_only:
        return False
    if roles.backbone:
        return True
    return (
        meeting.working_group_id is not None
        and led_groups(user).filter(pk=meeting.working_group_id).exists()
    )


def get_meeting_for(person, pk: int, write: bool = False) -> Meeting:
    """Every signed-in person reads a meeting; backbone staff and the current lead of its
    working group edit it."""
    roles = require_writer(person) if write else roles_for(person)
    meeting = get_object_or_404(
        Meeting.objects.select_related("working_group", "created_by"), pk=pk
    )
    if write and not can_edit_meeting(roles, person, meeting):
        raise PermissionDenied("Only backbone staff and the group's lead edit this meeting.")
    return meeting


def get_action_for(person, pk: int) -> ActionItem:
    """Marking an action done: its owner, or backbone staff."""
    roles = require_writer(person)
    item = get_object_or_404(ActionItem.objects.select_related("meeting"), pk=pk)
    if not (roles.backbone or item.owner_id == person.pk):
        raise PermissionDenied("Only the action's owner or backbone staff mark it done.")
    return item


def get_notification_for(person, pk: int) -> Notification:
    """A person's own notification; anyone else's is not found."""
    return get_object_or_404(Notification.objects.visible_to(person), pk=pk)
