"""Figures and charts for the dashboard templates. Charts come from common/charts.py; each
is drawn from the same cells as the table printed beside it."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from common import charts
from measures.models import ScopeType, Unit
from partners.models import SectorType

register = template.Library()


def _suffix(indicator) -> str:
    return "%" if indicator.unit == Unit.PERCENT else ""


@register.filter
def figure(value, indicator) -> str:
    """A number in the indicator's unit: 45.2% for a percent, 1,234 for a count."""
    if value is None:
        return "—"
    if indicator.unit == Unit.PERCENT:
        return f"{floatformat(value, 1)}%"
    return floatformat(value, "-2g")


@register.filter
def change(value, indicator) -> str:
    """A change from the baseline, signed; percentage points for a percent."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    number = abs(value)
    if indicator.unit == Unit.PERCENT:
        return _("%(sign)s%(n)s points") % {"sign": sign, "n": floatformat(number, 1)}
    return f"{sign}{floatformat(number, '-2g')}"


def _shown(cell, indicator):
    if cell is None or cell.suppressed or cell.value is None:
        return None
    # Charts label their points as the tables beside them print them: a percent to 0.1.
    if indicator.unit == Unit.PERCENT:
        return cell.value.quantize(Decimal("0.1"))
    return cell.value


@register.simple_tag
def spark(series):
    values = [_shown(c, series.indicator) for c in series.cells]
    return charts.sparkline(
        values,
        label=_("%(name)s, recent periods") % {"name": series.indicator.name},
        id_prefix=f"spark-{series.indicator.code}",
    )


@register.simple_tag
def trend_chart(view, indicator, scope_label):
    points = [(c.period.label, _shown(c, indicator)) for c in view.trend]
    series = view.series
    region = view.scope_type == ScopeType.REGION
    targets = None
    if region and series.targets:
        ahead = series.targets_after(view.period)
        targets = [(c.period.label, series.target_for(c.period)) for c in view.trend]
        targets += [(p.label, v) for p, v in ahead]
        points += [(p.label, None) for p, _v in ahead]
    baseline = series.baseline[1] if region and series.baseline else None
    return charts.line_chart(
        points,
        title=_("%(name)s: %(scope)s, by period") % {"name": indicator.name, "scope": scope_label},
        description=_(
            "Actual figures%(target)s%(baseline)s. The same figures are in the table below."
        )
        % {
            "target": _(" against the target") if targets else "",
            "baseline": _(" and the baseline") if baseline is not None else "",
        },
        id_prefix=f"trend-{indicator.code}",
        unit_suffix=_suffix(indicator),
        target=targets,
        baseline=baseline,
    )


@register.simple_tag
def category_chart(cells, indicator, dimension):
    rows = [
        (category_name(c.category_code, dimension), _shown(c, indicator), _missing(c))
        for c in cells
    ]
    return charts.bar_chart(
        rows,
        title=_("%(name)s by %(dimension)s")
        % {"name": indicator.name, "dimension": dimension.name if dimension else ""},
        description=_("One bar per category; the same figures are in the table beside it."),
        id_prefix=f"cat-{indicator.code}",
        unit_suffix=_suffix(indicator),
    )


@register.simple_tag
def scope_chart(cells, indicator, scope_type):
    rows = [
        (scope_name(c.scope_type, c.scope_key), _shown(c, indicator), _missing(c)) for c in cells
    ]
    return charts.bar_chart(
        rows,
        title=_("%(name)s by %(scope)s")
        % {"name": indicator.name, "scope": ScopeType(scope_type).label.lower()},
        description=_("One bar per place or type; the same figures are in the table beside it."),
        id_prefix=f"scope-{indicator.code}-{scope_type}",
        unit_suffix=_suffix(indicator),
    )


def _missing(cell):
    if cell.suppressed:
        return _("suppressed")
    return _("no data") if cell.value is None else None


@register.filter
def category_name(code, dimension) -> str:
    if dimension is None:
        return code
    for category in dimension.categories.all():
        if category.code == code:
            return category.name
    return code


@register.filter
def scope_name(scope_type, key="") -> str:
    if scope_type == ScopeType.REGION:
        return _("The whole region")
    if scope_type == ScopeType.COUNTY:
        return _("%(county)s County") % {"county": key}
    if scope_type == ScopeType.ORG_TYPE:
        try:
            return str(SectorType(key).label)
        except ValueError:
            return key
    return key


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def is_number(value) -> bool:
    return isinstance(value, Decimal)


@register.filter
def target_of(series, period):
    return series.target_for(period)


@register.filter
def targets_after(series, period):
    return series.targets_after(period)
