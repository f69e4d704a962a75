"""The SVG charts: round ticks, accessible names, positions, gaps, escaping and safe markup."""

import itertools
import re
import xml.etree.ElementTree as ET
from decimal import Decimal as D

import html5lib
import pytest
from django.utils.safestring import SafeString

from common.charts import SVG_NS, bar_chart, line_chart, nice_ticks, sparkline

NS = f"{{{SVG_NS}}}"
SERIES = [("2019", D(0)), ("2020", D(50)), ("2021", D(100))]


def parse(markup):
    assert isinstance(markup, SafeString)
    root = ET.fromstring(str(markup))  # noqa: S314 - our own output; raises unless well-formed
    assert root.tag == f"{NS}svg"
    return root


def find_all(root, tag, cls=None):
    found = root.iter(f"{NS}{tag}")
    return [e for e in found if cls is None or cls in e.get("class", "").split()]


def subpaths(path):
    """The (x, y) points of each ``M ... L ...`` run of a path."""
    runs = [run for run in path.get("d").split("M") if run.strip()]
    return [[tuple(float(n) for n in p.split()) for p in run.split("L")] for run in runs]


def data_markers(root, tag):
    """Markers on the data (they have a tooltip), not the ones in the legend."""
    return [m for m in find_all(root, tag, "chart-marker") if m.find(f"{NS}title") is not None]


def texts(root, cls):
    return ["".join(e.itertext()) for e in find_all(root, "text", cls)]


def gridline_ys(root):
    return sorted(float(line.get("y1")) for line in find_all(root, "line", "chart-grid"))


def axis_y(root):
    (axis,) = find_all(root, "line", "chart-axis")
    return float(axis.get("y1"))


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0, 100, ["0", "20", "40", "60", "80", "100"]),
        (0, 7, ["0", "2", "4", "6", "8"]),
        (0, 97, ["0", "20", "40", "60", "80", "100"]),
        (0, 30, ["0", "10", "20", "30"]),
        ("0.3", "0.91", ["0.2", "0.4", "0.6", "0.8", "1.0"]),
        (-13, 42, ["-20", "-10", "0", "10", "20", "30", "40", "50"]),
        (0, 0, ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        (100, 100, ["90", "95", "100", "105", "110"]),
        (100, 0, ["0", "20", "40", "60", "80", "100"]),
        (0, 1234567, [str(200000 * i) for i in range(8)]),
    ],
)
def test_nice_ticks(lo, hi, expected):
    ticks = nice_ticks(D(lo), D(hi))
    assert ticks == [D(t) for t in expected]
    assert all(isinstance(t, D) for t in ticks)


def test_nice_ticks_cover_the_range_in_even_steps():
    for lo, hi in [(D("3.7"), D("88.1")), (D(-5), D(5)), (D("0.001"), D("0.0173"))]:
        ticks = nice_ticks(lo, hi)
        assert ticks[0] <= lo and ticks[-1] >= hi
        steps = {b - a for a, b in itertools.pairwise(ticks)}
        assert len(steps) == 1
        assert 3 <= len(ticks) <= 8
    with pytest.raises(ValueError):
        nice_ticks(0, 1, count=1)


def test_line_chart_is_a_named_image():
    root = parse(line_chart(SERIES, title="Enrolled", description="Up", id_prefix="enr"))
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 640 280"
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    assert root.get("aria-labelledby") == "enr-title enr-desc"
    assert root.find(f"{NS}title").get("id") == "enr-title"
    assert root.find(f"{NS}title").text == "Enrolled"
    assert root.find(f"{NS}desc").get("id") == "enr-desc"
    assert root.find(f"{NS}desc").text == "Up"


def test_charts_on_one_page_are_valid_html5_with_unique_ids():
    charts = [
        line_chart(SERIES, title="A", description="a", id_prefix="one", target=SERIES),
        line_chart(SERIES, title="B", description="b", id_prefix="two", baseline=D(5)),
        bar_chart([("x", D(1)), ("y", None)], title="C", description="c", id_prefix="three"),
        sparkline([D(1), None, D(2), D(3)], label="Trend", id_prefix="four"),
    ]
    page = f"<!DOCTYPE html><html lang='en'><title>t</title><main>{''.join(charts)}</main></html>"
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(page)  # raises on any parse error
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) == 7


def test_line_points_sit_at_their_scaled_positions():
    root = parse(line_chart(SERIES, title="t", description="d", id_prefix="c"))
    (path,) = find_all(root, "path", "chart-actual")
    ((low, middle, high),) = subpaths(path)
    grid = gridline_ys(root)
    assert high[1] == grid[0]  # 100, the top tick, is at the top of the plot area
    assert low[1] == grid[-1] == axis_y(root)  # zero is on the x axis at the bottom
    assert middle[1] == pytest.approx((low[1] + high[1]) / 2)
    assert low[0] < middle[0] < high[0]
    assert middle[0] - low[0] == pytest.approx(high[0] - middle[0])
    assert texts(root, "chart-tick") == ["0", "20", "40", "60", "80", "100"]
    assert texts(root, "chart-xlabel") == ["2019", "2020", "2021"]


def test_y_axis_starts_at_zero_for_positive_data():
    points = [("a", D(80)), ("b", D(90))]
    root = parse(line_chart(points, title="t", description="d", id_prefix="c", unit_suffix="%"))
    assert texts(root, "chart-tick")[0] == "0%"
    assert texts(root, "chart-tick")[-1] == "100%"


def test_none_is_a_gap_not_a_zero():
    points = [("a", D(10)), ("b", D(20)), ("c", None), ("d", D(30)), ("e", D(40))]
    root = parse(line_chart(points, title="t", description="d", id_prefix="c"))
    (path,) = find_all(root, "path", "chart-actual")
    runs = subpaths(path)
    assert [len(run) for run in runs] == [2, 2]
    xs = [float(t.get("x")) for t in find_all(root, "text", "chart-xlabel")]
    drawn = [x for run in runs for x, _ in run]
    assert drawn == [xs[0], xs[1], xs[3], xs[4]]  # nothing drawn at "c"
    assert all(y < axis_y(root) for run in runs for _, y in run)
    tips = [m.find(f"{NS}title").text for m in data_markers(root, "circle")]
    assert tips == ["a: 10", "b: 20", "d: 30", "e: 40"]


def test_title_labels_and_suffix_are_escaped():
    evil = "<script>alert(1)</script> & Co"
    markup = line_chart(
        [(evil, D(1)), ("b", None)],
        title=evil,
        description=evil,
        id_prefix="c",
        unit_suffix="<b>",
        baseline=D(1),
    )
    assert "<script" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in markup
    root = parse(markup)
    assert root.find(f"{NS}title").text == evil
    assert texts(root, "chart-xlabel")[0] == evil
    assert texts(root, "chart-tick")[-1] == "1<b>"
    bars = bar_chart([(evil, None)], title=evil, description="d", id_prefix="b", missing_label=evil)
    assert "<script" not in bars
    assert texts(parse(bars), "chart-missing") == [evil]
    spark = sparkline([D(1)], label=evil, id_prefix="s")
    assert "<script" not in spark
    assert parse(spark).get("aria-label") == f"{evil}: 1"


def test_target_and_baseline_only_when_given():
    plain = line_chart(SERIES, title="t", description="d", id_prefix="c")
    root = parse(plain)
    assert "chart-target" not in plain and "chart-baseline" not in plain
    assert texts(root, "chart-legend-label") == ["Actual"]

    target = [("2019", D(20)), ("2020", None), ("2021", D(80))]
    root = parse(
        line_chart(SERIES, title="t", description="d", id_prefix="c", target=target, baseline=D(40))
    )
    assert texts(root, "chart-legend-label") == ["Actual", "Target", "Baseline"]
    (actual,) = find_all(root, "path", "chart-actual")
    (goal,) = find_all(root, "path", "chart-target")
    assert actual.get("stroke-dasharray") is None and goal.get("stroke-dasharray")
    assert [len(run) for run in subpaths(goal)] == [1, 1]  # 2020 has no target: a gap
    assert len(data_markers(root, "rect")) == 2  # hollow squares, where actual has circles
    assert len(data_markers(root, "circle")) == 3
    (line,) = find_all(root, "line", "chart-series")
    assert "chart-baseline" in line.get("class") and line.get("stroke-dasharray")
    assert line.get("y1") == line.get("y2")
    assert float(line.get("y1")) == gridline_ys(root)[-3]  # 40 of 0..100 by 20
    assert "Baseline: 40" in texts(root, "chart-label")


def test_target_is_matched_by_label():
    target = [("2021", D(100)), ("1999", D(5))]
    root = parse(line_chart(SERIES, title="t", description="d", id_prefix="c", target=target))
    (goal,) = find_all(root, "path", "chart-target")
    ((point,),) = subpaths(goal)
    assert point == subpaths(find_all(root, "path", "chart-actual")[0])[0][2]


def test_many_x_labels_are_thinned_without_overlap():
    points = [(f"Q{i % 4 + 1} {2015 + i // 4}", D(i)) for i in range(40)]
    root = parse(line_chart(points, title="t", description="d", id_prefix="c"))
    shown = find_all(root, "text", "chart-xlabel")
    assert 3 < len(shown) < 40
    assert "".join(shown[-1].itertext()) == "Q4 2024"  # the latest period is always labelled
    xs = [float(t.get("x")) for t in shown]
    assert all(b - a >= 7 * len("Q4 2024") for a, b in itertools.pairwise(xs))


def test_sparkline_names_its_values_and_leaves_gaps():
    markup = sparkline([D(12), D(15), None, D(18), D("18.5")], label="Trend", id_prefix="sp")
    root = parse(markup)
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Trend: 12, 15, —, 18, 18.5"
    assert root.get("id") == "sp"
    assert root.get("viewBox") == "0 0 120 32"
    (path,) = find_all(root, "path")
    first, second = subpaths(path)
    assert first[0][1] == 28 and second[-1][1] == 4  # lowest at the bottom, highest at the top


def test_bar_chart_shows_missing_labels_instead_of_bars():
    rows = [("Durham Tech", D(40)), ("Small", None), ("Zero", D(0)), ("Odd", None, "withheld")]
    markup = bar_chart(
        rows,
        title="t",
        description="d",
        id_prefix="bars",
        unit_suffix="%",
        missing_label={"Small": "suppressed"},
    )
    root = parse(markup)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "bars-title bars-desc"
    assert texts(root, "chart-label") == ["Durham Tech", "Small", "Zero", "Odd"]
    assert texts(root, "chart-missing") == ["suppressed", "withheld"]
    assert texts(root, "chart-value") == ["40%", "0%"]
    bars = find_all(root, "rect", "chart-bar")
    assert len(bars) == 2  # none for the missing rows
    assert float(bars[1].get("width")) == 0
    (value_40,) = [t for t in find_all(root, "text", "chart-value") if t.text == "40%"]
    end = float(bars[0].get("x")) + float(bars[0].get("width"))
    assert float(value_40.get("x")) > end  # the value sits at the bar's end


def test_bar_chart_default_missing_label_and_height():
    two = parse(bar_chart([("a", None), ("b", D(2))], title="t", description="d", id_prefix="b"))
    assert texts(two, "chart-missing") == ["no data"]
    rows = [(str(i), D(i)) for i in range(10)]
    ten = parse(bar_chart(rows, title="t", description="d", id_prefix="b"))
    assert float(ten.get("height")) > float(two.get("height"))
    assert ten.get("viewBox") == f"0 0 640 {ten.get('height')}"


def test_id_prefix_must_be_a_plain_token():
    for bad in ["", "1abc", 'x" onload="alert(1)', "a b"]:
        with pytest.raises(ValueError):
            line_chart(SERIES, title="t", description="d", id_prefix=bad)
        with pytest.raises(ValueError):
            sparkline([D(1)], label="t", id_prefix=bad)


def all_outputs():
    target = [("2019", D(10)), ("2020", D(60)), ("2021", D(90))]
    return [
        line_chart(SERIES, title="t", description="d", id_prefix="a", target=target, baseline=D(3)),
        sparkline([D(1), None, D(3)], label="Trend", id_prefix="b"),
        bar_chart([("a", D(1)), ("b", None)], title="t", description="d", id_prefix="c"),
    ]


def test_no_scripts_handlers_or_inline_styles():
    for markup in all_outputs():
        assert "<script" not in markup.lower()
        assert not re.search(r"\sstyle=", markup)
        for element in parse(markup).iter():
            assert not any(name.lower().startswith("on") for name in element.attrib)
            assert "style" not in element.attrib


def contrast_with_white(colour):
    def linear(channel):
        c = int(channel, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(colour[i : i + 2]) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_colours_have_3_to_1_contrast_against_white():
    colours = set()
    for markup in all_outputs():
        for element in parse(markup).iter():
            colours |= {element.get(a) for a in ("stroke", "fill") if element.get(a)}
    colours -= {"none", "#ffffff"}
    assert colours
    for colour in colours:
        assert contrast_with_white(colour) >= 3, colour
