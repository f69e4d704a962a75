"""Pathways as a scope of the shared measures.

Partners report values per pathway through a breakdown (dimension) named "pathway" whose
categories are the pathways; the roll-ups then give every pathway its figures in every scope.
A sector's figure is put together from its pathways' figures by the indicator's own rule:
counts are summed; shares, rates and averages take Σ numerators / Σ denominators.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, Q
from django.db.models.signals import post_save
from django.dispatch import receiver

from measures import publication
from measures.models import Category, Dimension, Indicator, ScopeType
from measures.publication import Audience, Figure
from pathways.models import Pathway

DIMENSION = "pathway"


def pathway_dimension() -> Dimension:
    dimension, _created = Dimension.objects.get_or_create(
        code=DIMENSION, defaults={"name": "Pathway", "order": 90, "complete": False}
    )
    return dimension


@receiver(post_save, sender=Pathway)
def keep_category(sender, instance: Pathway, **kwargs):
    """Every pathway is a category of the "pathway" breakdown, named after it in each
    language."""
    Category.objects.update_or_create(
        dimension=pathway_dimension(),
        code=instance.slug,
        defaults={
            "name": instance.title_en[:100] if instance.title_en else instance.title[:100],
            "name_en": (instance.title_en or instance.title)[:100],
            "name_es": (instance.title_es or "")[:100] or None,
        },
    )


@dataclass
class PathwayFigure:
    indicator: Indicator
    period_label: str
    pathway: Figure | None
    sector_value: Decimal | None
    sector_suppressed: bool
    region: Figure | None


def _sector_value(indicator, cells: list[Figure]):
    if not cells:
        return None, False
    if any(c.suppressed for c in cells):
        # A sector's sum could give a hidden pathway away by subtraction.
        return None, True
    values = [c.value for c in cells if c.value is not None]
    numerator = sum((c.numerator or 0) for c in cells)
    denominator = sum((c.denominator or 0) for c in cells)
    return indicator.compute(numerator, denominator, sum(values) if values else None), False


def pathway_figures(pathway: Pathway, audience: Audience) -> list[PathwayFigure]:
    """For each indicator reported by pathway: the latest region-wide figure of this pathway,
    of its sector (its pathways together), and of the whole region. Four queries; none
    while the figures are not published for the reader."""
    settings = publication.Publication.load()
    if not publication.may_read(audience, settings):
        return []
    stored = publication.restrict(audience, own_slugs=[])
    indicators = list(
        Indicator.objects.filter(dimensions__code=DIMENSION).order_by("name").distinct()
    )
    if not indicators:
        return []
    sector_slugs = set(
        Pathway.objects.filter(sector_id=pathway.sector_id).values_list("slug", flat=True)
    )
    newest = (
        stored.filter(
            indicator__in=indicators,
            scope_type=ScopeType.REGION,
            scope_key="",
            dimension_code="",
            period_type=F("indicator__period_type"),
        )
        .values("indicator_id", "period_type")
        .annotate(start=Max("period_start"))
    )
    wanted = Q(pk__in=[])
    for row in newest:
        wanted |= Q(
            indicator_id=row["indicator_id"],
            period_type=row["period_type"],
            period_start=row["start"],
        )
    by_indicator: dict[int, list] = {}
    for row in stored.filter(
        wanted, scope_type=ScopeType.REGION, scope_key="", dimension_code__in=["", DIMENSION]
    ):
        by_indicator.setdefault(row.indicator_id, []).append(row)
    figures = []
    for indicator in indicators:
        cells = publication.publish(
            indicator,
            by_indicator.get(indicator.pk, []),
            audience,
            publication=settings,
            own_slugs=[],
        )
        if not cells:
            figures.append(PathwayFigure(indicator, "", None, None, False, None))
            continue
        mine = next((c for c in cells if c.category_code == pathway.slug), None)
        total = next((c for c in cells if not c.dimension_code), None)
        in_sector = [c for c in cells if c.dimension_code and c.category_code in sector_slugs]
        value, hidden = _sector_value(indicator, in_sector)
        figures.append(PathwayFigure(indicator, cells[0].period.label, mine, value, hidden, total))
    return figures
