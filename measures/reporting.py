"""What each organization has to report, and what is waiting for review."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max

from measures.models import Indicator, Submission
from measures.periods import Period
from partners.models import Organization


@dataclass
class DueReport:
    organization: Organization
    period: Period
    submission: Submission | None
    due: date | None = None
    today: date | None = None

    @property
    def is_overdue(self) -> bool:
        return (
            self.due is not None
            and self.today is not None
            and self.today > self.due
            and (self.submission is None or self.submission.is_editable)
        )


def reports_due(organization_ids, today: date) -> list[DueReport]:
    """For each organization: the last closed period of every kind it reports, unless already
    submitted or approved, and every draft or returned submission. Two queries in all."""
    organization_ids = list(organization_ids)
    # The grace period of a report is the longest of its indicators'.
    grace = {
        (row["organization_id"], row["indicator__period_type"]): row["grace"]
        for row in Indicator.reporting_organizations.through.objects.filter(
            organization_id__in=organization_ids
        )
        .values("organization_id", "indicator__period_type")
        .annotate(grace=Max("indicator__grace_days"))
    }
    pairs = set(grace)
    submissions = {
        (s.organization_id, s.period_type, s.period_start): s
        for s in Submission.objects.filter(organization_id__in=organization_ids).select_related(
            "organization"
        )
    }
    organizations = {s.organization_id: s.organization for s in submissions.values()}
    missing = {org_id for org_id, _ in pairs} - organizations.keys()
    if missing:
        organizations.update(Organization.objects.in_bulk(missing))
    due: dict[tuple, DueReport] = {}
    for org_id, period_type in pairs:
        period = Period.last_closed(period_type, today)
        key = (org_id, period.type, period.start)
        submission = submissions.get(key)
        if submission is None or submission.is_editable:
            due[key] = DueReport(
                organizations[org_id],
                period,
                submission,
                period.end + timedelta(days=grace[(org_id, period_type)]),
                today,
            )
    for key, submission in submissions.items():
        if submission.is_editable and key not in due:
            days = grace.get((submission.organization_id, submission.period_type), 0)
            due[key] = DueReport(
                submission.organization,
                submission.period,
                submission,
                submission.period.end + timedelta(days=days),
                today,
            )
    return sorted(due.values(), key=lambda d: (d.organization.name, d.period.start, d.period.type))
