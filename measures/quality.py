"""Data-quality checks on stored values: breakdowns that do not add up to their total."""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from measures.models import DataValue, Indicator


def _parts_sum(indicator: Indicator, values: list[DataValue]) -> list[tuple[str, Decimal]]:
    """What must add up: the value of a count, the numerator and denominator of a share."""
    if indicator.is_share:
        return [
            (_("numerator"), sum((v.numerator or 0) for v in values)),
            (_("denominator"), sum((v.denominator or 0) for v in values)),
        ]
    return [(_("value"), sum((v.value or 0) for v in values))]


def breakdown_warnings(values) -> dict[int, list[str]]:
    """indicator id → messages, for summable indicators whose categories of a breakdown are
    filled in but do not add up to the total. ``values`` carry indicator and
    category__dimension (select_related)."""
    by_indicator: dict[int, list[DataValue]] = defaultdict(list)
    for value in values:
        by_indicator[value.indicator_id].append(value)
    warnings: dict[int, list[str]] = {}
    for indicator_id, rows in by_indicator.items():
        indicator = rows[0].indicator
        total = next((v for v in rows if v.category_id is None), None)
        if total is None or total.value is None or not indicator.summable:
            continue
        by_dimension: dict = defaultdict(list)
        for row in rows:
            if row.category_id is not None and row.value is not None:
                by_dimension[row.category.dimension].append(row)
        for dimension, members in sorted(by_dimension.items(), key=lambda i: i[0].order):
            for (label, got), (_part, want) in zip(
                _parts_sum(indicator, members), _parts_sum(indicator, [total]), strict=True
            ):
                if got != want:
                    warnings.setdefault(indicator_id, []).append(
                        _(
                            "%(dimension)s: the categories' %(part)s adds up to %(got)s, "
                            "but the total is %(want)s."
                        )
                        % {
                            "dimension": dimension.name,
                            "part": label,
                            "got": f"{got.normalize():f}",
                            "want": f"{want.normalize():f}",
                        }
                    )
    return warnings
