"""Server-side SVG charts for dashboards: a line chart, a sparkline and a horizontal bar chart.

Each function returns inline SVG markup (a ``SafeString``) for an HTML page, with no JavaScript.
Accessibility and safety rules that every chart follows:

* The ``<svg>`` has ``role="img"``. ``aria-labelledby`` names it from its ``<title>`` and
  ``<desc>``, whose ids start with ``id_prefix`` so that several charts can share a page. A
  sparkline is too small for a title, so its ``aria-label`` lists its values instead.
* A ``None`` value (no data, or suppressed) is a gap in a line or a text in a bar chart. It is
  never drawn as zero.
* Every colour has at least 3:1 contrast against white (WCAG 2.2 AA non-text contrast). Each
  series also has its own dash pattern and marker shape, so it can be told apart without colour
  and in black-and-white print.
* Every text goes through ``escape``. There are no scripts, event handlers or ``style``
  attributes, because the Content-Security-Policy forbids inline styles. Colours are
  presentation attributes, and the ``chart-*`` classes can be restyled in ``app.css``.
* Sizes are a ``viewBox``, so a chart scales to the width of its container.
"""

import math
import re
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

SVG_NS = "http://www.w3.org/2000/svg"
INK = "#1b1f24"  # text and axes, 16.6:1 on white
GRID = "#767676"  # 4.5:1
ACTUAL = "#0b5394"  # 7.8:1; solid line, filled circles
TARGET = "#8a4b00"  # 6.8:1; dashed line, hollow squares
BASELINE = "#4a5360"  # 7.8:1; dotted line, no markers
SERIES = {"actual": (ACTUAL, ""), "target": (TARGET, "6 4"), "baseline": (BASELINE, "2 3")}
CHAR = 7  # rough width of one character at font-size 12, for layout
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def nice_ticks(lo, hi, count=5) -> list[Decimal]:
    """About ``count`` round ticks (steps of 1, 2 or 5 × 10ⁿ) from ≤ ``lo`` to ≥ ``hi``."""
    if count < 2:
        raise ValueError("count must be at least 2")
    lo, hi = sorted((Decimal(str(lo)), Decimal(str(hi))))
    if lo == hi:
        lo, hi = (lo - abs(lo) / 10, hi + abs(hi) / 10) if lo else (lo, lo + 1)
    raw = (hi - lo) / (count - 1)
    power = raw.adjusted()
    error = raw.scaleb(-power)
    factor = 10 if error >= 50**0.5 else 5 if error >= 10**0.5 else 2 if error >= 2**0.5 else 1
    step = Decimal(factor).scaleb(power)
    first = (lo / step).to_integral_value(ROUND_FLOOR)
    last = (hi / step).to_integral_value(ROUND_CEILING)
    ticks = [(first + i) * step for i in range(int(last - first) + 1)]
    return [t.quantize(Decimal(1)) for t in ticks] if step >= 1 else ticks


def line_chart(
    points,
    *,
    title,
    description,
    id_prefix,
    unit_suffix="",
    target=None,
    baseline=None,
    width=640,
    height=280,
) -> SafeString:
    """The actual values over periods, with an optional target line and a baseline."""
    labels = [str(label) for label, _ in points]
    actual = [_dec(value) for _, value in points]
    by_label = {str(label): _dec(value) for label, value in target or []}
    targets = [by_label.get(label) for label in labels] if target is not None else None
    baseline = _dec(baseline)
    known = [v for v in [*actual, *(targets or []), baseline] if v is not None]
    ticks = nice_ticks(min([Decimal(0), *known]), max([Decimal(0), *known]))
    tick_texts = [_fmt(t, unit_suffix) for t in ticks]
    left = 12 + CHAR * max(len(t) for t in tick_texts)
    right, top, bottom = width - 16, 44, height - 36

    def y(value):
        return bottom - float((value - ticks[0]) / (ticks[-1] - ticks[0])) * (bottom - top)

    n = len(labels)
    slot = (right - left - 24) / (n - 1) if n > 1 else 0
    xs = [left + 12 + i * slot for i in range(n)] if n > 1 else [(left + right) / 2] * n
    body = []
    for tick, text in zip(ticks, tick_texts, strict=True):
        body.append(_line("chart-grid", left, y(tick), right, y(tick), GRID, width=0.5))
        body.append(_text("chart-tick", left - 6, y(tick) + 4, text, anchor="end"))
    body.append(_line("chart-axis", left, y(Decimal(0)), right, y(Decimal(0)), INK))
    widest = CHAR * max((len(label) for label in labels), default=0) + 8
    every = math.ceil(widest / slot) if slot else 1
    for i, (x, label) in enumerate(zip(xs, labels, strict=True)):
        if (n - 1 - i) % every == 0:  # keep the latest period, then every `every`-th before it
            half = CHAR * len(label) / 2  # and keep the label inside the chart
            x = min(max(x, half + 2), width - half - 2)
            body.append(_text("chart-xlabel", x, bottom + 20, label, anchor="middle"))
    legend = [("actual", gettext("Actual"))]
    if baseline is not None:
        legend.append(("baseline", gettext("Baseline")))
        at = y(baseline)
        body.append(_line("chart-series chart-baseline", left, at, right, at, BASELINE, 2, "2 3"))
        words = gettext("Baseline: %(value)s") % {"value": _fmt(baseline, unit_suffix)}
        body.append(_text("chart-label", right, at - 5, words, anchor="end"))
    if targets is not None:
        legend.insert(1, ("target", gettext("Target")))
        body += _series("target", xs, targets, y, labels, unit_suffix)
    body += _series("actual", xs, actual, y, labels, unit_suffix)
    body.append(_legend(legend, left, 18))
    naming, heading = _named(id_prefix, title, description)
    return _svg("chart chart-line", width, height, naming, [heading, *body])


def sparkline(values, *, label, id_prefix, width=120, height=32) -> SafeString:
    """A tiny trend line of ``values``, named "<label>: 12, 15, —, 18" for screen readers."""
    _check_id(id_prefix)
    values = [_dec(v) for v in values]
    words = ", ".join("—" if v is None else _fmt(v) for v in values) or gettext("no data")
    name = gettext("%(label)s: %(values)s") % {"label": label, "values": words}
    known = [v for v in values if v is not None]
    lo, hi = (min(known), max(known)) if known else (Decimal(0), Decimal(0))
    pad = 4

    def y(value):
        if hi == lo:
            return height / 2
        return height - pad - float((value - lo) / (hi - lo)) * (height - 2 * pad)

    slot = (width - 2 * pad) / (len(values) - 1) if len(values) > 1 else 0
    xs = [pad + i * slot if slot else width / 2 for i in range(len(values))]
    runs = _runs(xs, values, y)
    body = [_path("actual", runs, 1.5)] if runs else []
    dots = [run[0] for run in runs if len(run) == 1] + ([runs[-1][-1]] if runs else [])
    body += [_marker("actual", x, cy, 2) for x, cy in dict.fromkeys(dots)]
    naming = f'id="{escape(id_prefix)}" aria-label="{escape(name)}"'
    return _svg("chart chart-sparkline", width, height, naming, body)


def bar_chart(
    rows, *, title, description, id_prefix, unit_suffix="", width=640, missing_label=None
) -> SafeString:
    """Horizontal bars, one per ``(label, value)`` or ``(label, value, missing_label)`` row.

    A ``None`` value shows a text instead of a bar: the row's own third item, else
    ``missing_label`` (a text, or a dict from row label to text), else "no data".
    """
    rows = [(str(row[0]), _dec(row[1]), row[2] if len(row) > 2 else None) for row in rows]

    def shown(label, value, own):
        if value is not None:
            return _fmt(value, unit_suffix)
        given = missing_label.get(label) if isinstance(missing_label, dict) else missing_label
        return own or given or gettext("no data")

    texts = [shown(*row) for row in rows]
    row_height, top = 28, 8
    height = 2 * top + row_height * max(len(rows), 1)
    left = min(int(width * 0.4), 12 + CHAR * max((len(r[0]) for r in rows), default=0))
    right = width - 8 - CHAR * max((len(t) for t in texts), default=0)
    known = [value for _, value, _ in rows if value is not None]
    lo, hi = min([Decimal(0), *known]), max([Decimal(0), *known])
    hi = hi if hi > lo else lo + 1

    def x(value):
        return left + float((value - lo) / (hi - lo)) * (right - left)

    zero, fits = x(Decimal(0)), (left - 12) // CHAR
    body = []
    for i, ((label, value, _), text) in enumerate(zip(rows, texts, strict=True)):
        middle = top + i * row_height + row_height / 2
        short = label if len(label) <= fits else label[: max(fits - 1, 1)] + "…"
        body.append(_text("chart-label", left - 8, middle + 4, short, anchor="end", tip=label))
        if value is None:
            body.append(_text("chart-missing", zero + 6, middle + 4, text, italic=True))
            continue
        end = x(value)
        body.append(
            f'<rect class="chart-bar" x="{_c(min(zero, end))}" y="{_c(middle - 9)}" '
            f'width="{_c(abs(end - zero))}" height="18" fill="{ACTUAL}"/>'
        )
        anchor, shift = ("start", 6) if value >= 0 else ("end", -6)
        body.append(_text("chart-value", end + shift, middle + 4, text, anchor=anchor))
    body.append(_line("chart-axis", zero, top, zero, height - top, INK))
    naming, heading = _named(id_prefix, title, description)
    return _svg("chart chart-bar", width, height, naming, [heading, *body])


def _dec(value):
    return None if value is None else Decimal(str(value))


def _fmt(value, suffix=""):
    """At most two decimals, without trailing zeros, grouped as the locale groups them."""
    return number_format(round(value, 2).normalize(), force_grouping=True) + suffix


def _c(number):
    """A coordinate with one decimal at most."""
    return f"{number:.1f}".removesuffix(".0")


def _check_id(id_prefix):
    if not _ID.match(str(id_prefix)):
        raise ValueError(f"id_prefix must be a letter then letters, digits, _ or -: {id_prefix!r}")


def _svg(classes, width, height, naming, body):
    """The ``<svg>`` element around ``body``; ``naming`` is its escaped accessible name."""
    return mark_safe(  # noqa: S308 - every text in `naming` and `body` went through escape()
        f'<svg xmlns="{SVG_NS}" class="{classes}" viewBox="0 0 {_c(width)} {_c(height)}" '
        f'width="{_c(width)}" height="{_c(height)}" preserveAspectRatio="xMidYMid meet" '
        f'font-size="12" role="img" {naming}>{"".join(body)}</svg>'
    )


def _named(id_prefix, title, description):
    """The ``aria-labelledby`` attribute, and the ``<title>`` and ``<desc>`` it points to."""
    _check_id(id_prefix)
    p = escape(id_prefix)
    return (
        f'aria-labelledby="{p}-title {p}-desc"',
        f'<title id="{p}-title">{escape(title)}</title><desc id="{p}-desc">{escape(description)}'
        "</desc>",
    )


def _text(cls, x, y, content, *, anchor="start", italic=False, tip=None):
    slant = ' font-style="italic"' if italic else ""
    tip = f"<title>{escape(tip)}</title>" if tip and tip != content else ""
    return (
        f'<text class="{cls}" x="{_c(x)}" y="{_c(y)}" text-anchor="{anchor}" fill="{INK}"{slant}>'
        f"{tip}{escape(content)}</text>"
    )


def _line(cls, x1, y1, x2, y2, colour, width=1, dash=""):
    dash = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line class="{cls}" x1="{_c(x1)}" y1="{_c(y1)}" x2="{_c(x2)}" y2="{_c(y2)}" '
        f'stroke="{colour}" stroke-width="{width}"{dash}/>'
    )


def _runs(xs, values, y):
    """The (x, y) points of each run of known values; a ``None`` ends a run."""
    runs, run = [], []
    for x, value in zip(xs, values, strict=True):
        if value is None:
            runs, run = ([*runs, run] if run else runs), []
        else:
            run.append((x, y(value)))
    return [*runs, run] if run else runs


def _path(kind, runs, width=2.5):
    colour, dash = SERIES[kind]
    d = " ".join("M" + " L".join(f"{_c(x)} {_c(y)}" for x, y in run) for run in runs)
    dash = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<path class="chart-series chart-{kind}" d="{d}" fill="none" stroke="{colour}" '
        f'stroke-width="{width}" stroke-linejoin="round"{dash}/>'
    )


def _marker(kind, x, y, r=3.5, tip=""):
    """A filled circle on the actual line, a hollow square on the target line."""
    colour = SERIES[kind][0]
    tip = f"<title>{escape(tip)}</title>" if tip else ""
    if kind == "target":
        return (
            f'<rect class="chart-marker chart-{kind}" x="{_c(x - r)}" y="{_c(y - r)}" '
            f'width="{_c(2 * r)}" height="{_c(2 * r)}" fill="#ffffff" stroke="{colour}" '
            f'stroke-width="2">{tip}</rect>'
        )
    return (
        f'<circle class="chart-marker chart-{kind}" cx="{_c(x)}" cy="{_c(y)}" r="{r}" '
        f'fill="{colour}" stroke="{colour}">{tip}</circle>'
    )


def _series(kind, xs, values, y, labels, suffix):
    """The line with a gap at each ``None``, and a marker with a tooltip at each value."""
    runs = _runs(xs, values, y)
    out = [_path(kind, runs)] if runs else []
    for x, value, label in zip(xs, values, labels, strict=True):
        if value is not None:
            out.append(_marker(kind, x, y(value), tip=f"{label}: {_fmt(value, suffix)}"))
    return out


def _legend(items, x, y):
    out = ['<g class="chart-legend">']
    for kind, name in items:
        colour, dash = SERIES[kind]
        thickness = 2 if kind == "baseline" else 2.5
        out.append(_line(f"chart-{kind}", x, y, x + 24, y, colour, thickness, dash))
        if kind != "baseline":
            out.append(_marker(kind, x + 12, y))
        out.append(_text("chart-legend-label", x + 30, y + 4, name))
        x += 30 + CHAR * len(name) + 16
    return "".join([*out, "</g>"])
