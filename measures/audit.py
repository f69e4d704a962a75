"""The disclosure audit: take exactly what one audience can see and try to work out every
figure it is not shown.

The attacker knows the published figures of an indicator (read through
``measures.publication``, as every page reads them), where each organization is counted
(its county and type are in the public directory), which organizations report which
categories, that every complete breakdown adds up to its total, that the region is the sum of
its places, and that a longer period is the sum of the periods inside it. A partner also knows
its own figures. Unknowns are each organization's figure for each category and base period.

- Exactly: a hidden figure can be worked out when its vector lies in the span of what is known
  (linear algebra, with a tolerance for rounding).
- As a range: the narrowest interval a hidden count of people can be pinned to, by linear
  programming with every unknown at least zero (SciPy's HiGHS through ``linprog``); an
  interval of width zero is an exact recovery too.

The audit reads the stored decisions only through what the audience sees; it does not call
the engine that made them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import linprog

from measures import publication
from measures.decisions import PARTIAL_DIMENSIONS, rules_for
from measures.disclosure import MIN_ORGANIZATIONS
from measures.models import Aggregate, Indicator, ScopeType
from measures.periods import Period
from measures.publication import Audience
from partners.models import Organization, SectorType

TOLERANCE = 1e-6


@dataclass
class Outcome:
    indicator: str
    audience: str
    readable: bool = True
    published: int = 0
    primary: int = 0
    complementary: int = 0
    bounded: int = 0
    few_organizations: int = 0  # published figures made from too few organizations (must be 0)
    recovered: list = field(default_factory=list)  # (period, key, layer, how)
    narrowest: float | None = None  # the narrowest range of a hidden count of people
    ranges: int = 0


def audiences_for(indicator: Indicator) -> list[str]:
    reporters = indicator.reporting_organizations.order_by("slug").values_list("slug", flat=True)
    return ["funder", "public", *reporters]


def audience_named(name: str) -> tuple[Audience, list[str]]:
    if name == "funder":
        return Audience(publication.FUNDER), []
    if name == "public":
        return Audience.public(), []
    organization = Organization.objects.filter(slug=name).exclude(
        sector_type__in=[SectorType.BACKBONE, SectorType.FUNDER]
    )
    organization = organization.first()
    if organization is None:
        raise ValueError(f"No partner organization has the short name {name!r}.")
    return Audience(publication.PARTNER, frozenset({organization.pk})), [organization.slug]


def _people_layer(indicator: Indicator) -> str:
    return "value" if indicator.aggregation == "sum" else "denominator"


def audit(indicator: Indicator, name: str, *, ranges: bool = True) -> Outcome:
    audience, own = audience_named(name)
    outcome = Outcome(indicator.code, name)
    if not publication.may_read(audience):
        outcome.readable = False
        return outcome
    settings = publication.Publication.load()
    seen = publication.publish(
        indicator,
        publication.restrict(audience, own_slugs=own).filter(indicator=indicator),
        audience,
        publication=settings,
        own_slugs=own,
    )
    places = {
        slug: (county, kind)
        for slug, county, kind in Organization.objects.values_list("slug", "county", "sector_type")
    }
    # What the attacker knows of the structure: which organization has a figure where.
    present = defaultdict(set)  # (period key) -> {(org, dim, cat)}
    for ptype, pstart, slug, dim, cat in Aggregate.objects.filter(
        indicator=indicator, scope_type=ScopeType.ORGANIZATION, period_type=indicator.period_type
    ).values_list("period_type", "period_start", "scope_key", "dimension_code", "category_code"):
        present[(ptype, pstart)].add((slug, dim, cat))

    figures_by_family = defaultdict(list)
    for figure in seen:
        if figure.scope_type == ScopeType.ORGANIZATION:
            if figure.scope_key not in own:
                continue
        else:
            if figure.hidden:
                if figure.aggregate.disclosure == "complement":
                    outcome.complementary += 1
                else:
                    outcome.primary += 1
            elif figure.bound:
                outcome.bounded += 1
            else:
                outcome.published += 1
                if figure.reported < settings.min_organizations:
                    outcome.few_organizations += 1
        figures_by_family[_family(indicator, figure.period)].append(figure)
    for family, figures in sorted(figures_by_family.items()):
        _audit_family(indicator, family, figures, present, places, own, outcome, ranges)
    return outcome


def _family(indicator: Indicator, period: Period) -> tuple:
    """The span whose periods are linked: the longest period the indicator rolls up to (a
    flow's sum, a stock's copy of its latest period), else the period itself."""
    kind = (indicator.rolled_up_period_types or [indicator.period_type])[-1]
    longest = Period.containing(kind, period.start)
    return (longest.type, longest.start)


def _audit_family(indicator, family, figures, present, places, own, outcome, ranges):
    start = Period(*family).start
    end = Period(*family).end
    bases = sorted(
        key for key in present if key[0] == indicator.period_type and start <= key[1] <= end
    )
    variables = {}
    for key in bases:
        for org, dim, cat in sorted(present[key]):
            variables[(key, org, dim, cat)] = len(variables)
    size = len(variables)
    if size == 0:
        return

    def scope_vector(figure) -> np.ndarray | None:
        period = figure.period
        if period.type == indicator.period_type:
            inside = [(period.type, period.start)]
        elif indicator.stock:
            inside = [
                k
                for k in bases
                if period.start <= k[1] <= period.end
                and any(
                    (k, o, figure.dimension_code, figure.category_code) in variables
                    and _in(places.get(o), figure.scope_type, figure.scope_key, o)
                    for o in places
                )
            ][-1:]
        else:
            inside = [k for k in bases if period.start <= k[1] <= period.end]
        vector = np.zeros(size)
        for (key, org, dim, cat), index in variables.items():
            if (
                key in inside
                and dim == figure.dimension_code
                and cat == figure.category_code
                and _in(places.get(org), figure.scope_type, figure.scope_key, org)
            ):
                vector[index] = 1.0
        return vector if vector.any() else None

    relations = []
    for key in bases:
        by_org = defaultdict(lambda: defaultdict(list))
        for org, dim, cat in present[key]:
            if dim and dim not in PARTIAL_DIMENSIONS:
                by_org[org][dim].append(variables[(key, org, dim, cat)])
        for org, dims in by_org.items():
            total = variables.get((key, org, "", ""))
            if total is None:
                continue
            for indices in dims.values():
                row = np.zeros(size)
                row[total] = 1.0
                row[indices] = -1.0
                relations.append(row)

    for layer in rules_for(indicator, MIN_ORGANIZATIONS).layers:
        rows, values, hidden = [], [], []
        for figure in figures:
            vector = scope_vector(figure)
            if vector is None:
                continue
            number = getattr(figure, layer)
            if number is None:
                if figure.scope_type != ScopeType.ORGANIZATION:
                    hidden.append((figure, vector))
                continue
            rows.append(vector)
            values.append(float(number))
        known = np.vstack([*rows, *relations]) if rows or relations else np.zeros((0, size))
        rhs = np.array(values + [0.0] * len(relations))
        space = null_space(known, rcond=1e-9) if known.shape[0] else np.eye(size)
        mine = _own_indices(variables, own)
        for figure, vector in hidden:
            support = set(np.flatnonzero(vector))
            if own and support <= mine:
                continue  # made of the partner's own figures only
            determined = space.shape[1] == 0 or np.abs(vector @ space).max() < TOLERANCE
            if determined and own and not _secret_from_partner(figure, layer, support, mine):
                continue
            if determined:
                outcome.recovered.append(
                    (figure.period.key, _name(figure), layer, "solving the sums")
                )
                continue
            if ranges and layer == _people_layer(indicator):
                width = _range(vector, known, rhs)
                if width is None:
                    continue
                outcome.ranges += 1
                if width < TOLERANCE:
                    outcome.recovered.append(
                        (figure.period.key, _name(figure), layer, "linear programming")
                    )
                elif outcome.narrowest is None or width < outcome.narrowest:
                    outcome.narrowest = width


def _secret_from_partner(figure, layer, support, mine) -> bool:
    """What a partner may not learn of the others in a hidden figure: a small group of people,
    or one other organization's figure. (The region less its own figures, the sum of two or
    more other organizations, is what the rule of three allows.)"""
    others = figure.reported - (1 if support & mine else 0)
    small_group = figure.reason == "people" or (layer == "numerator" and bool(figure.bound))
    return others >= 1 if small_group else others == 1


def _own_indices(variables, own) -> set[int]:
    return {index for (_k, org, _d, _c), index in variables.items() if org in own}


def _in(place, scope_type, scope_key, org) -> bool:
    if place is None:
        return False
    county, kind = place
    if scope_type == ScopeType.REGION:
        return True
    if scope_type == ScopeType.COUNTY:
        return county == scope_key
    if scope_type == ScopeType.ORG_TYPE:
        return kind == scope_key
    return org == scope_key


def _name(figure) -> str:
    parts = [figure.scope_type, figure.scope_key or "-", figure.dimension_code or "total"]
    if figure.category_code:
        parts.append(figure.category_code)
    return "/".join(parts)


def _range(vector, known, rhs) -> float | None:
    """Max − min of the hidden figure over every non-negative solution of what is known."""
    low = linprog(vector, A_eq=known, b_eq=rhs, bounds=(0, None), method="highs")
    high = linprog(-vector, A_eq=known, b_eq=rhs, bounds=(0, None), method="highs")
    if low.status != 0 or high.status != 0:
        return None  # unbounded, or what is published does not add up exactly
    return float(-high.fun - low.fun)


def run(indicators, names: list[str] | None, *, ranges: bool = True) -> list[Outcome]:
    outcomes = []
    for indicator in indicators:
        for name in names or audiences_for(indicator):
            outcomes.append(audit(indicator, name, ranges=ranges))
    return outcomes
