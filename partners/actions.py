"""Writes about organizations, people and invitations: views, commands and tests call these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import (
    Invitation,
    Membership,
    Organization,
    PlacementChange,
    User,
    check_role_fits_organization,
)
from partners.signals import placement_changed


@transaction.atomic
def invite(*, email: str, organization: Organization, role: str, invited_by: User) -> Invitation:
    """Record an invitation and email its one-time link."""
    check_role_fits_organization(role, organization)
    invitation, token = Invitation.new(
        email=email,
        organization=organization,
        role=role,
        invited_by=invited_by,
        valid_days=settings.INVITATION_VALID_DAYS,
    )
    invitation.save()
    link = settings.SITE_URL + reverse("invitation_accept", args=[token])
    context = {"invitation": invitation, "link": link, "site_name": settings.SITE_NAME}
    transaction.on_commit(
        lambda: send_mail(
            subject=_("You are invited to join %(org)s on %(site)s")
            % {"org": organization.name, "site": settings.SITE_NAME},
            message=render_to_string("partners/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, *, user: User | None, full_name="", password=""):
    """Use the invitation once: create the person if new, and give them the membership."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.is_used or invitation.is_expired:
        raise ValidationError(_("This invitation link has already been used or has expired."))
    if user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name
        )
    Membership.objects.update_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


def record_placement(organization: Organization, before: tuple[str, str], *, by: User) -> None:
    """Keep a change of county or type, and tell the apps whose figures depend on it (the
    shared measures roll its old and new scopes up again, after the commit)."""
    old_county, old_type = before
    if (old_county, old_type) == (organization.county, organization.sector_type):
        return
    PlacementChange.objects.create(
        organization=organization,
        changed_by=by,
        old_county=old_county,
        new_county=organization.county,
        old_sector_type=old_type,
        new_sector_type=organization.sector_type,
    )
    placement_changed.send(sender=Organization, organization=organization)


@transaction.atomic
def create_organization(form) -> Organization:
    return form.save()


@transaction.atomic
def save_organization(form, formset, before: tuple[str, str], *, by: User) -> Organization:
    """The profile and its contacts together; a change of county or type is recorded and
    moves the organization's figures (``record_placement``)."""
    organization = form.save()
    formset.save()
    record_placement(organization, before, by=by)
    return organization


def revoke_token(token) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
