"""The one way out for stored figures.

Every page, download, API answer and message that shows figures to anyone but backbone staff
reads them here: ``restrict(audience)`` gives the stored figures an audience may ask for at
all, and ``publish(indicator, rows, audience)`` turns them into ``Figure`` objects that show
only what the disclosure rules allow (``measures.disclosure``, decided in the roll-up and
stored with each figure). An organization's own figures are shown in full to its own people.

The publication switches are absolute: a funder reads figures only while the dashboards are
published for funders, an anonymous reader only while they are published publicly; a share
link, made by backbone staff, is its own permission.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures import disclosure
from measures.models import Aggregate, Indicator, Publication, ScopeType, Unit
from measures.periods import Period
from partners.models import Organization
from partners.roles import Roles

BACKBONE, PARTNER, FUNDER, PUBLIC = "backbone", "partner", "funder", "public"
# Any reader but backbone staff, already let in by the page (the dashboards' access helpers):
# what the region's shared dashboards show, cached once for all of them.
OUTSIDE = "outside"
PUBLIC_SCOPES = (ScopeType.REGION, ScopeType.COUNTY, ScopeType.ORG_TYPE)

REASONS = {
    disclosure.FEW_ORGANIZATIONS: _("fewer than %(orgs)s organizations"),
    disclosure.FEW_PEOPLE: _("fewer than %(people)s people"),
    disclosure.COMPLEMENT: _("protects another figure"),
    disclosure.BOUND_LOW: _("a small group: shown as a bound"),
    disclosure.BOUND_HIGH: _("a small group: shown as a bound"),
    disclosure.PENDING: _("being worked out again"),
}


class NotPublished(PermissionDenied):
    """The figures are not published for this audience."""


@dataclass(frozen=True)
class Audience:
    """Who is reading: backbone staff, a partner's people, a funder, the public, or any of
    them already let in by a dashboard page (``outside``: the public and share-link pages)."""

    kind: str
    organization_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, roles: Roles) -> "Audience":
        if roles.backbone:
            return cls(BACKBONE)
        if roles.partner:
            return cls(PARTNER, roles.member_org_ids)
        if roles.funder:
            return cls(FUNDER)
        return cls(PUBLIC)

    @classmethod
    def public(cls) -> "Audience":
        return cls(PUBLIC)

    @classmethod
    def outside(cls) -> "Audience":
        return cls(OUTSIDE)

    @classmethod
    def dashboard(cls, everything: bool) -> "Audience":
        return cls(BACKBONE) if everything else cls(OUTSIDE)

    @property
    def everything(self) -> bool:
        return self.kind == BACKBONE

    @property
    def cache_key(self) -> str:
        """Every audience but backbone staff sees the same published figures of the region,
        its counties and its types."""
        return "all" if self.everything else "outside"

    def own_slugs(self) -> list[str]:
        if not self.organization_ids:
            return []
        return list(
            Organization.objects.filter(pk__in=self.organization_ids).values_list("slug", flat=True)
        )


def may_read(audience: Audience, publication: Publication | None = None) -> bool:
    if audience.kind in (BACKBONE, PARTNER, OUTSIDE):
        return True
    publication = publication or Publication.load()
    if audience.kind == FUNDER:
        return publication.for_funders
    return publication.public


def require(audience: Audience) -> None:
    """Raise NotPublished (403) unless the audience may read figures at all."""
    if not may_read(audience):
        raise NotPublished(_("The backbone staff have not published the figures for you."))


def restrict(audience: Audience, own_slugs: list[str] | None = None) -> QuerySet:
    """The stored figures an audience may ask for: none while they are not published for
    it; the region's, counties' and types' (with their decisions), and its own
    organizations'. Backbone staff may ask for every one."""
    if audience.everything:
        return Aggregate.objects.all()
    if not may_read(audience):
        return Aggregate.objects.none()
    slugs = audience.own_slugs() if own_slugs is None else own_slugs
    allowed = Q(scope_type__in=PUBLIC_SCOPES)
    if slugs:
        allowed |= Q(scope_type=ScopeType.ORGANIZATION, scope_key__in=slugs)
    return Aggregate.objects.filter(allowed)


@dataclass
class Figure:
    """A stored figure as one audience may see it: hidden parts read None."""

    aggregate: Aggregate = field(repr=False)
    indicator: Indicator = field(repr=False)
    reason: str = ""  # a disclosure code; "" when shown in full
    provisional: bool = False
    min_organizations: int = disclosure.MIN_ORGANIZATIONS

    # The stored cell's place, always readable.
    @property
    def pk(self):
        return self.aggregate.pk

    @property
    def indicator_id(self):
        return self.aggregate.indicator_id

    @property
    def period_type(self):
        return self.aggregate.period_type

    @property
    def period_start(self):
        return self.aggregate.period_start

    @property
    def period(self) -> Period:
        return self.aggregate.period

    @property
    def scope_type(self):
        return self.aggregate.scope_type

    @property
    def scope_key(self):
        return self.aggregate.scope_key

    @property
    def dimension_code(self):
        return self.aggregate.dimension_code

    @property
    def category_code(self):
        return self.aggregate.category_code

    @property
    def is_total(self) -> bool:
        return not self.aggregate.dimension_code

    @property
    def reported(self):
        return self.aggregate.reported

    @property
    def expected(self):
        return self.aggregate.expected

    @property
    def computed_at(self):
        return self.aggregate.computed_at

    # What the rules let through.
    @property
    def suppressed(self) -> bool:
        """The figure itself is not shown (hidden, or shown only as a bound)."""
        return bool(self.reason)

    @property
    def hidden(self) -> bool:
        return self.reason in disclosure.HIDDEN

    @property
    def value(self):
        return None if self.reason else self.aggregate.value

    @property
    def numerator(self):
        return None if self.reason else self.aggregate.numerator

    @property
    def denominator(self):
        if self.reason in disclosure.HIDDEN:
            return None
        return self.aggregate.denominator

    @property
    def bound(self) -> str:
        """ "≥ 91 %" or "≤ 9 %" for a percent of a small group, else ''."""
        if self.reason not in disclosure.BOUNDED or not self.aggregate.denominator:
            return ""
        number = disclosure.bound_percent(
            self.reason, self.aggregate.denominator, self.indicator.suppression_threshold
        )
        if self.reason == disclosure.BOUND_LOW:
            return _("≤ %(n)s%%") % {"n": number}
        return _("≥ %(n)s%%") % {"n": number}

    @property
    def reason_text(self) -> str:
        if not self.reason:
            return ""
        return REASONS[self.reason] % {
            "orgs": self.min_organizations,
            "people": self.indicator.suppression_threshold,
        }


def due_date(indicator: Indicator, period: Period) -> date:
    return period.end + timedelta(days=indicator.grace_days)


def is_provisional(
    indicator: Indicator,
    period: Period,
    reported: int,
    expected: int,
    complete_percent: int,
    today: date,
) -> bool:
    """A period whose reports are not all in: before its due date, or fewer reported than
    the share of the expected reports that makes a period complete."""
    if today <= due_date(indicator, period):
        return True
    return reported < math.ceil(expected * complete_percent / 100)


def publish(
    indicator: Indicator,
    rows,
    audience: Audience,
    *,
    publication: Publication | None = None,
    today: date | None = None,
    own_slugs: list[str] | None = None,
) -> list[Figure]:
    """The figures as this audience may see them, each with its reason and whether its
    period is still provisional."""
    rows = list(rows)
    if not rows:
        return []
    publication = publication or Publication.load()
    if not (audience.everything or may_read(audience, publication)):
        return []
    today = today or timezone.localdate()
    slugs = set(audience.own_slugs() if own_slugs is None else own_slugs)
    totals = {
        (a.scope_type, a.scope_key, a.period_type, a.period_start): a
        for a in rows
        if not a.dimension_code
    }
    figures = []
    for aggregate in rows:
        own = aggregate.scope_type == ScopeType.ORGANIZATION and aggregate.scope_key in slugs
        if aggregate.scope_type == ScopeType.ORGANIZATION and not (audience.everything or own):
            continue  # another organization's figures: never out
        reason = "" if audience.everything or own else aggregate.disclosure
        if reason in disclosure.BOUNDED and indicator.unit != Unit.PERCENT:
            reason = disclosure.COMPLEMENT
        total = totals.get(
            (
                aggregate.scope_type,
                aggregate.scope_key,
                aggregate.period_type,
                aggregate.period_start,
            ),
            aggregate,
        )
        figures.append(
            Figure(
                aggregate,
                indicator,
                reason,
                is_provisional(
                    indicator,
                    aggregate.period,
                    total.reported,
                    total.expected,
                    publication.complete_percent,
                    today,
                ),
                publication.min_organizations,
            )
        )
    return figures


def region_totals(indicators, period: Period, audience: Audience) -> dict[int, Figure]:
    """Each indicator's region-wide total for one period, as this audience may see it (one
    query): the figure beside a report under review, or a baseline's."""
    indicators = list(indicators)
    rows = defaultdict(list)
    for aggregate in restrict(audience).filter(
        indicator__in=indicators,
        scope_type=ScopeType.REGION,
        period_type=period.type,
        period_start=period.start,
        dimension_code="",
    ):
        rows[aggregate.indicator_id].append(aggregate)
    totals = {}
    for indicator in indicators:
        for figure in publish(indicator, rows[indicator.pk], audience):
            totals[indicator.pk] = figure
    return totals
