"""Every write of the network: partnerships, working group members and the rotation of leads."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import LeadTerm, Partnership, WorkingGroup
from partners.models import User


@transaction.atomic
def save_partnership(form, *, by: User | None) -> Partnership:
    """Save a valid partnership form (already checked by the model's ``clean``) and the
    pathways it serves."""
    partnership = form.instance
    if partnership.pk is None:
        partnership.created_by = by
    partnership.save()
    partnership.pathways.set(form.cleaned_data["pathways"])
    return partnership


@transaction.atomic
def add_member(group: WorkingGroup, user: User) -> None:
    group.members.add(user)


@transaction.atomic
def remove_member(group: WorkingGroup, user: User) -> None:
    """Take someone out of the group; its current lead must hand over first."""
    if group.lead_terms.filter(end__isnull=True, lead=user).exists():
        raise ValidationError(
            _("%(name)s leads this group. Hand the lead to another member first."),
            params={"name": user},
        )
    group.members.remove(user)


@transaction.atomic
def rotate_lead(group: WorkingGroup, lead: User, *, today: date | None = None) -> LeadTerm:
    """Close the open lead term today and open the new lead's; the terms are the record."""
    today = today or timezone.localdate()
    WorkingGroup.objects.select_for_update().get(pk=group.pk)  # one rotation at a time
    if not group.members.filter(pk=lead.pk).exists():
        raise ValidationError(
            _("%(name)s is not a member of this group. Add them as a member first."),
            params={"name": lead},
        )
    LeadTerm.objects.filter(group=group, end__isnull=True).update(end=today)
    return LeadTerm.objects.create(group=group, lead=lead, start=today)


@transaction.atomic
def save_working_group(form) -> WorkingGroup:
    return form.save()
