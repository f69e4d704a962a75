from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from common.cache import cached, counter
from measures.apps import LIBRARY
from measures.models import Indicator, Submission
from measures.periods import Period, parse_period
from partners.access import require_backbone, require_writer
from partners.models import Organization
from partners.roles import Roles, roles_for


def shown_indicator(code: str) -> Indicator | None:
    """The indicator of this code, to show (never to change): read once per change of the
    library and shared."""
    return cached(
        "indicator",
        (code,),
        lambda: Indicator.objects.filter(code=code).first(),
        stamp=counter(LIBRARY),
    )


def get_indicator_for(person, code: str, write: bool = False) -> Indicator:
    """Every signed-in person reads the indicator library; backbone staff edit it (their
    change reads the row itself)."""
    if write:
        require_backbone(person)
        return get_object_or_404(Indicator, code=code)
    indicator = shown_indicator(code)
    if indicator is None:
        raise Http404
    return indicator


@dataclass
class Report:
    organization: Organization
    period: Period
    submission: Submission | None
    roles: Roles

    @property
    def can_edit(self) -> bool:
        return self.roles.is_member_of(self.organization.pk) and (
            self.submission is None or self.submission.is_editable
        )

    @property
    def can_submit(self) -> bool:
        return self.can_edit and self.roles.is_lead_of(self.organization.pk)

    @property
    def can_review(self) -> bool:
        return self.roles.backbone


def get_report_for(person, slug: str, period_key: str, write: str | None = None) -> Report:
    """One organization's report for one period.

    Backbone staff and the organization's own people read it; anyone else gets 404 (a
    draft is never shown outside). ``write`` is "enter" (the organization's members),
    "submit" (its lead) or "review" (backbone staff); others get 403.
    """
    roles = require_writer(person) if write else roles_for(person)
    organization = get_object_or_404(Organization, slug=slug)
    if not (roles.backbone or roles.is_member_of(organization.pk)):
        raise Http404("No such report.")
    try:
        period = parse_period(period_key)
    except ValueError:
        raise Http404("No such period.") from None
    if (
        period.start > timezone.localdate()
        or not Indicator.objects.filter(
            reporting_organizations=organization, period_type=period.type
        ).exists()
    ):
        raise Http404("This organization reports nothing for that period.")
    submission = (
        Submission.objects.filter(
            organization=organization, period_type=period.type, period_start=period.start
        )
        .select_related("submitted_by", "reviewed_by")
        .first()
    )
    report = Report(organization, period, submission, roles)
    if write == "enter" and not roles.is_member_of(organization.pk):
        raise PermissionDenied("Only the organization's own people enter its data.")
    if write == "submit" and not roles.is_lead_of(organization.pk):
        raise PermissionDenied("Only the organization's lead submits its data.")
    if write == "review" and not roles.backbone:
        raise PermissionDenied("Only backbone staff review submissions.")
    return report


def require_reporting_role(person) -> Roles:
    """The reports list: partners see their own, backbone staff see all."""
    return require_writer(person)


def get_import_for(person, pk: int):
    """An import is seen by the person who started it and by backbone staff."""
    from measures.models import ImportJob

    try:
        return ImportJob.objects.visible_to(person).get(pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404("No such import.") from None
