"""A partner's own figures beside the region's: for each indicator an organization reports,
its latest rolled-up total and the region's total for the same period.

The organization's people always see their own figures in full; the region's figure goes
through the disclosure rules like every other reader's (``measures.publication``).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Subquery

from measures import publication
from measures.models import Aggregation, Indicator, ScopeType
from measures.publication import Audience, Figure
from partners.models import Organization
from partners.roles import Roles


@dataclass
class Contribution:
    indicator: Indicator
    own: Figure | None
    region: Figure | None

    @property
    def share_of_region(self) -> Decimal | None:
        """What part of the region's sum this organization reported, in percent: only for
        sums, and never from a suppressed regional figure."""
        if (
            self.indicator.aggregation != Aggregation.SUM
            or self.own is None
            or self.own.value is None
            or self.region is None
            or self.region.suppressed
            or not self.region.value
        ):
            return None
        return (self.own.value * 100 / self.region.value).quantize(Decimal("0.1"))


@dataclass
class OrganizationContributions:
    organization: Organization
    rows: list[Contribution]


def _totals(stored, **filters):
    """Totals at an indicator's own period type."""
    return stored.filter(
        dimension_code="", category_code="", period_type=F("indicator__period_type"), **filters
    )


def contributions(organization_ids, roles: Roles) -> list[OrganizationContributions]:
    """Three queries, however many organizations, indicators and periods: what the
    organizations report, their latest totals, and the region's totals of those periods."""
    pairs = list(
        Indicator.reporting_organizations.through.objects.filter(
            organization_id__in=list(organization_ids)
        )
        .select_related("indicator", "organization")
        .order_by("organization__name", "indicator__name")
    )
    if not pairs:
        return []
    slugs = sorted({pair.organization.slug for pair in pairs})
    indicator_ids = sorted({pair.indicator_id for pair in pairs})
    audience = Audience.of(roles)
    stored = publication.restrict(audience, own_slugs=slugs)
    latest = (
        stored.filter(
            indicator=OuterRef("indicator"),
            scope_type=ScopeType.ORGANIZATION,
            scope_key=OuterRef("scope_key"),
            period_type=OuterRef("period_type"),
            dimension_code="",
            category_code="",
        )
        .order_by("-period_start")
        .values("period_start")[:1]
    )
    own_latest = _totals(
        stored,
        scope_type=ScopeType.ORGANIZATION,
        scope_key__in=slugs,
        indicator_id__in=indicator_ids,
    ).filter(period_start=Subquery(latest))
    own = {(a.scope_key, a.indicator_id): a for a in own_latest}
    region_rows = _totals(
        stored, scope_type=ScopeType.REGION, scope_key="", indicator_id__in=indicator_ids
    ).filter(
        Exists(
            own_latest.filter(
                indicator=OuterRef("indicator"),
                period_type=OuterRef("period_type"),
                period_start=OuterRef("period_start"),
            )
        )
    )
    region = {(a.indicator_id, a.period_start): a for a in region_rows}
    settings = publication.Publication.load()
    grouped: dict[int, OrganizationContributions] = {}
    for pair in pairs:
        organization, indicator = pair.organization, pair.indicator
        mine = own.get((organization.slug, indicator.pk))
        theirs = region.get((indicator.pk, mine.period_start)) if mine else None
        mine = (
            publication.publish(indicator, [mine], audience, publication=settings, own_slugs=slugs)[
                0
            ]
            if mine
            else None
        )
        cell = (
            publication.publish(
                indicator, [theirs], audience, publication=settings, own_slugs=slugs
            )[0]
            if theirs
            else None
        )
        grouped.setdefault(
            organization.pk, OrganizationContributions(organization, [])
        ).rows.append(Contribution(indicator, mine, cell))
    return list(grouped.values())
