"""The partnership as a network: organizations are its nodes, active partnerships its ties.

Health metrics, in pure Python (no numpy, no networkx), each checked against networkx in the
tests:

* **density**: ties ÷ possible ties, 2m / (n(n−1)); 0 with fewer than two organizations.
* **cross-sector share**: the share of ties that join organizations of different sector types.
* **degree centralization** (Freeman): Σ(max degree − degree of each) ÷ ((n−1)(n−2)); 0 for a
  network where every organization has as many ties as any other, 1 for a star. Undefined
  (``None``) with fewer than three organizations.
* **hub**: the organization in the most ties, and the share of all ties it is in.
* **isolated**: organizations with no active tie.

Two organizations with several active partnerships count as one tie. A tie is active on a day
when its partnership has started and not yet ended (the end day still counts).

Over time: the same figures at the end of each of the last eight quarters that have ended by
the chosen day, for the organizations in the directory today.

The map is laid out on the server, deterministically: organizations around a circle, grouped
by sector type in the order of ``SectorType`` and by name within a sector. Ties are curves
drawn towards the centre; cross-sector ties are solid, ties within a sector dashed.
"""

import math
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from common.cache import cached, counter
from common.charts import line_chart
from measures.periods import Period, PeriodType
from network.models import Partnership, PartnershipKind
from partners.models import Organization, SectorType

# Warn when the network leans on one organization ("node, not hub").
CENTRALIZATION_WARNING = 0.5
HUB_SHARE_WARNING = 0.5
HUB_MIN_TIES = 3  # two organizations with one tie are not a hub
QUARTERS = 8

# The sector types every pathway needs among the providers of its steps.
PATHWAY_SECTORS = (SectorType.K12, SectorType.COLLEGE, SectorType.WORKFORCE, SectorType.EMPLOYER)

# Colour (each at least 4.5:1 on white, so its white letter is readable too) and a letter for
# each sector type: the letter says what the colour says.
SECTOR_STYLE = {
    SectorType.K12: ("#0b5394", "K"),
    SectorType.COLLEGE: ("#1e6b34", "C"),
    SectorType.UNIVERSITY: ("#5b2a86", "U"),
    SectorType.WORKFORCE: ("#8a4b00", "W"),
    SectorType.EMPLOYER: ("#a4161a", "E"),
    SectorType.NONPROFIT: ("#006d77", "N"),
    SectorType.GOVERNMENT: ("#4a5360", "G"),
    SectorType.FUNDER: ("#9c1f6e", "F"),
    SectorType.BACKBONE: ("#1b1f24", "B"),
}
SECTOR_ORDER = {value: n for n, value in enumerate(SectorType.values)}
EDGE = "#767676"  # 4.5:1 on white
INK = "#1b1f24"
SVG_NS = "http://www.w3.org/2000/svg"


@dataclass(frozen=True)
class Node:
    pk: int
    name: str
    slug: str
    sector: str

    @property
    def sector_label(self) -> str:
        return str(SectorType(self.sector).label) if self.sector in SectorType.values else ""

    @property
    def colour(self) -> str:
        return SECTOR_STYLE.get(self.sector, (INK, "?"))[0]

    @property
    def letter(self) -> str:
        return SECTOR_STYLE.get(self.sector, (INK, "?"))[1]


@dataclass
class Graph:
    """An undirected simple graph: ``ties`` are pairs (smaller pk, larger pk)."""

    nodes: list[Node]
    ties: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # pair → kinds

    @property
    def by_pk(self) -> dict[int, Node]:
        return {node.pk: node for node in self.nodes}

    def degrees(self) -> dict[int, int]:
        degree = dict.fromkeys((node.pk for node in self.nodes), 0)
        for a, b in self.ties:
            degree[a] += 1
            degree[b] += 1
        return degree

    def neighbours(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for a, b in self.ties:
            out[a].append(b)
            out[b].append(a)
        return out


def build_graph(nodes, partnerships, day: date) -> Graph:
    """The ties active on ``day``; ``partnerships`` are (first, second, kind, start, end)."""
    known = {node.pk for node in nodes}
    ties: dict[tuple[int, int], list[str]] = {}
    for first, second, kind, start, end in partnerships:
        if first == second or first not in known or second not in known:
            continue
        if start <= day and (end is None or end >= day):
            ties.setdefault((min(first, second), max(first, second)), []).append(kind)
    return Graph(nodes=list(nodes), ties=ties)


# Metrics ---------------------------------------------------------------------------------


def density(n: int, m: int) -> float:
    return 0.0 if n < 2 else 2 * m / (n * (n - 1))


def degree_centralization(degrees) -> float | None:
    """Freeman's degree centralization of a graph with these degrees."""
    degrees = list(degrees)
    n = len(degrees)
    if n < 3:
        return None
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def cross_sector_share(graph: Graph) -> float | None:
    if not graph.ties:
        return None
    sector = {node.pk: node.sector for node in graph.nodes}
    crossing = sum(1 for a, b in graph.ties if sector[a] != sector[b])
    return crossing / len(graph.ties)


@dataclass
class Health:
    organizations: int
    ties: int
    density: float
    cross_sector: float | None
    centralization: float | None
    hub: Node | None
    hub_share: float | None
    isolated: list[Node]

    @property
    def centralization_warning(self) -> bool:
        return self.centralization is not None and self.centralization > CENTRALIZATION_WARNING

    @property
    def hub_warning(self) -> bool:
        return (
            self.hub_share is not None
            and self.ties >= HUB_MIN_TIES
            and self.hub_share > HUB_SHARE_WARNING
        )

    @property
    def warning(self) -> bool:
        return self.centralization_warning or self.hub_warning

    # Percentages, for pages and tables.
    @property
    def density_percent(self) -> float:
        return 100 * self.density

    @property
    def cross_sector_percent(self) -> float | None:
        return None if self.cross_sector is None else 100 * self.cross_sector

    @property
    def hub_percent(self) -> float | None:
        return None if self.hub_share is None else 100 * self.hub_share


def health(graph: Graph) -> Health:
    degrees = graph.degrees()
    m = len(graph.ties)
    hub, hub_share = None, None
    if m:
        # The organization in the most ties; the first by name among equals.
        by_pk = graph.by_pk
        hub_pk = min(degrees, key=lambda pk: (-degrees[pk], by_pk[pk].name, pk))
        hub, hub_share = by_pk[hub_pk], degrees[hub_pk] / m
    return Health(
        organizations=len(graph.nodes),
        ties=m,
        density=density(len(graph.nodes), m),
        cross_sector=cross_sector_share(graph),
        centralization=degree_centralization(degrees.values()),
        hub=hub,
        hub_share=hub_share,
        isolated=sorted((n for n in graph.nodes if degrees[n.pk] == 0), key=lambda n: n.name),
    )


def quarter_ends(day: date, count: int = QUARTERS) -> list[Period]:
    """The last ``count`` quarters that have ended on or before ``day``, oldest first."""
    quarter = Period.containing(PeriodType.QUARTER, day)
    if quarter.end > day:
        quarter = quarter.previous()
    quarters = [quarter]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def over_time(nodes, partnerships, day: date, count: int = QUARTERS) -> list[tuple[Period, Health]]:
    return [
        (quarter, health(build_graph(nodes, partnerships, quarter.end)))
        for quarter in quarter_ends(day, count)
    ]


# Pathways and the sectors they need ------------------------------------------------------


@dataclass
class PathwayCoverage:
    slug: str
    title: str
    present: list[str]
    missing: list[str]


def pathway_coverage() -> list[PathwayCoverage]:
    """Each pathway, the sector types among its step providers, and the needed ones it lacks."""
    from pathways.models import Pathway, Step

    present: dict[int, set[str]] = defaultdict(set)
    rows = (
        Step.objects.filter(provider__isnull=False)
        .values_list("pathway_id", "provider__sector_type")
        .order_by()
        .distinct()
    )
    for pathway_id, sector in rows:
        present[pathway_id].add(sector)

    def labels(values):
        ordered = sorted(values, key=lambda v: SECTOR_ORDER.get(v, 99))
        return [str(SectorType(v).label) for v in ordered if v in SectorType.values]

    return [
        PathwayCoverage(
            slug=slug,
            title=title,
            present=labels(present[pk]),
            missing=labels(s for s in PATHWAY_SECTORS if s not in present[pk]),
        )
        for pk, slug, title in Pathway.objects.order_by("title").values_list("pk", "slug", "title")
    ]


# Loading ---------------------------------------------------------------------------------


def load(day: date, count: int = QUARTERS):
    """The organizations, and every partnership active on ``day`` or at one of the quarter
    ends before it: two queries, whatever the size of the network."""
    nodes = [
        Node(pk, name, slug, sector)
        for pk, name, slug, sector in Organization.objects.order_by("name").values_list(
            "pk", "name", "slug", "sector_type"
        )
    ]
    earliest = min(quarter_ends(day, count)[0].end, day)
    partnerships = list(
        Partnership.objects.filter(Q(end__isnull=True) | Q(end__gte=earliest), start__lte=day)
        .order_by("pk")
        .values_list("first_id", "second_id", "kind", "start", "end")
    )
    return nodes, partnerships


# Layout and drawing ----------------------------------------------------------------------


def sector_order(nodes) -> list[Node]:
    return sorted(nodes, key=lambda n: (SECTOR_ORDER.get(n.sector, 99), n.name.lower(), n.pk))


@dataclass
class Layout:
    size: float
    centre: float
    radius: float
    node_radius: float
    labelled: bool
    positions: dict[int, tuple[float, float]]


def circle_layout(nodes, *, label_limit: int = 40) -> Layout:
    """Organizations around a circle, a gap between sector groups. Deterministic."""
    ordered = sector_order(nodes)
    groups = len({n.sector for n in ordered})
    gap = 1 if groups > 1 else 0
    slots = len(ordered) + gap * groups
    node_radius = 13.0 if len(ordered) <= 60 else 9.0
    radius = max(180.0, slots * (2 * node_radius + 6) / (2 * math.pi))
    labelled = len(ordered) <= label_limit
    margin = 200.0 if labelled else 2 * node_radius + 10
    size = 2 * (radius + margin)
    centre = size / 2
    positions, slot, previous = {}, 0, None
    for node in ordered:
        if previous is not None and node.sector != previous:
            slot += gap
        angle = -math.pi / 2 + 2 * math.pi * slot / max(slots, 1)
        positions[node.pk] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
        slot += 1
        previous = node.sector
    return Layout(size, centre, radius, node_radius, labelled, positions)


def _c(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


def _label_lines(text: str, width: int = 24) -> list[str]:
    """A name on at most two lines of about ``width`` characters, broken between words;
    only a name longer than that is shortened, and says so with "…"."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return lines


def network_svg(graph: Graph, layout: Layout, *, title: str, description: str, id_prefix: str):
    """The map as inline SVG: ``role="img"``, named by its ``<title>`` and ``<desc>``."""
    by_pk = graph.by_pk
    degrees = graph.degrees()
    kinds = {value: str(label) for value, label in PartnershipKind.choices}
    sector_labels = {value: str(label) for value, label in SectorType.choices}
    node_tip = gettext("%(name)s (%(sector)s): %(n)s ties")
    centre = layout.centre
    body = []
    for (a, b), tie_kinds in sorted(graph.ties.items()):
        (x1, y1), (x2, y2) = layout.positions[a], layout.positions[b]
        # The control point pulls the curve a third of the way towards the centre.
        cx = centre + ((x1 + x2) / 2 - centre) * 0.35
        cy = centre + ((y1 + y2) / 2 - centre) * 0.35
        same = by_pk[a].sector == by_pk[b].sector
        dash = ' stroke-dasharray="6 4"' if same else ""
        width = min(1.5 + (len(tie_kinds) - 1), 4)
        names = ", ".join(sorted(kinds.get(k, k) for k in tie_kinds))
        tip = f"{by_pk[a].name} – {by_pk[b].name}: {names}"
        body.append(
            f'<path class="network-tie{" network-tie-same" if same else ""}" '
            f'd="M{_c(x1)} {_c(y1)} Q{_c(cx)} {_c(cy)} {_c(x2)} {_c(y2)}" fill="none" '
            f'stroke="{EDGE}" stroke-width="{_c(width)}"{dash}><title>{escape(tip)}</title></path>'
        )
    r = layout.node_radius
    for node in sector_order(graph.nodes):
        x, y = layout.positions[node.pk]
        tip = node_tip % {
            "name": node.name,
            "sector": sector_labels.get(node.sector, ""),
            "n": degrees[node.pk],
        }
        parts = [
            f'<g class="network-node"><title>{escape(tip)}</title>',
            f'<circle cx="{_c(x)}" cy="{_c(y)}" r="{_c(r)}" fill="{node.colour}" '
            f'stroke="#ffffff" stroke-width="1.5"/>',
            f'<text class="network-letter" x="{_c(x)}" y="{_c(y + r * 0.38)}" '
            f'text-anchor="middle" fill="#ffffff" font-size="{_c(r * 1.05)}" '
            f'font-weight="700">{escape(node.letter)}</text>',
        ]
        if layout.labelled:
            # Radial labels: each reads outwards from its node, so neighbours never overlap.
            angle = math.degrees(math.atan2(y - centre, x - centre))
            gap = r + 5
            if x >= centre - 0.01:
                lx, anchor, turn = x + gap, "start", angle
            else:
                lx, anchor, turn = x - gap, "end", angle + 180
            lines = _label_lines(node.name)
            top = y + 4 - 7 * (len(lines) - 1)  # two lines sit either side of the node
            spans = "".join(
                f'<tspan x="{_c(lx)}" dy="{"0" if n == 0 else "14"}">{escape(line)}</tspan>'
                for n, line in enumerate(lines)
            )
            parts.append(
                f'<text class="network-label" x="{_c(lx)}" y="{_c(top)}" '
                f'text-anchor="{anchor}" transform="rotate({_c(turn)} {_c(x)} {_c(y)})" '
                f'font-size="12" fill="{INK}">{spans}</text>'
            )
        parts.append("</g>")
        body.append("".join(parts))
    p = escape(id_prefix)
    size = _c(layout.size)
    return mark_safe(  # noqa: S308 - every text above went through escape()
        f'<svg xmlns="{SVG_NS}" class="network-map" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" preserveAspectRatio="xMidYMid meet" font-size="13" '
        f'role="img" aria-labelledby="{p}-title {p}-desc">'
        f'<title id="{p}-title">{escape(title)}</title>'
        f'<desc id="{p}-desc">{escape(description)}</desc>{"".join(body)}</svg>'
    )


def legend_swatch(sector: str) -> SafeString:
    """A small decorative circle with the sector's colour and letter, for the legend."""
    colour, letter = SECTOR_STYLE.get(sector, (INK, "?"))
    return mark_safe(  # noqa: S308 - constants only
        f'<svg xmlns="{SVG_NS}" class="network-swatch" viewBox="0 0 24 24" width="24" '
        f'height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="11" '
        f'fill="{colour}"/><text x="12" y="16.5" text-anchor="middle" fill="#ffffff" '
        f'font-size="13" font-weight="700">{letter}</text></svg>'
    )


def tie_swatch(same_sector: bool) -> SafeString:
    dash = ' stroke-dasharray="6 4"' if same_sector else ""
    return mark_safe(  # noqa: S308 - constants only
        f'<svg xmlns="{SVG_NS}" class="network-swatch" viewBox="0 0 40 24" width="40" '
        f'height="24" aria-hidden="true" focusable="false"><line x1="2" y1="12" x2="38" y2="12" '
        f'stroke="{EDGE}" stroke-width="2"{dash}/></svg>'
    )


# The page's figures ------------------------------------------------------------------------


@dataclass
class OrganizationRow:
    node: Node
    ties: int
    partners: list[Node]


@dataclass
class NetworkView:
    day: date
    graph: Graph
    health: Health
    rows: list[OrganizationRow]
    svg: SafeString
    legend: list[tuple[str, SafeString]]
    tie_legend: list[tuple[str, SafeString]]
    history: list[tuple[Period, Health]]
    chart: SafeString
    pathways: list[PathwayCoverage]
    required_sectors: list[str]


def network_view(day: date) -> NetworkView:
    nodes, partnerships = load(day)
    graph = build_graph(nodes, partnerships, day)
    figures = health(graph)
    degrees = graph.degrees()
    neighbours = graph.neighbours()
    by_pk = graph.by_pk
    rows = [
        OrganizationRow(
            node=node,
            ties=degrees[node.pk],
            partners=sorted((by_pk[pk] for pk in neighbours[node.pk]), key=lambda n: n.name),
        )
        for node in sector_order(nodes)
    ]
    day_text = day.isoformat()
    description = gettext(
        "%(orgs)s organizations and %(ties)s active ties on %(day)s, grouped by sector around "
        "a circle. The table beside the map lists each organization, its sector, its number "
        "of ties and its partners."
    ) % {"orgs": figures.organizations, "ties": figures.ties, "day": day_text}
    svg = network_svg(
        graph,
        circle_layout(nodes),
        title=gettext("Network of partnerships on %(day)s") % {"day": day_text},
        description=description,
        id_prefix="network-map",
    )
    present = {node.sector for node in nodes}
    legend = [
        (f"{SECTOR_STYLE[s][1]}: {s.label}", legend_swatch(s))
        for s in SectorType
        if s.value in present
    ]
    history = over_time(nodes, partnerships, day)
    tie_legend = [
        (str(_("Solid line: a tie across sectors")), tie_swatch(False)),
        (str(_("Dashed line: a tie within one sector")), tie_swatch(True)),
    ]
    return NetworkView(
        day=day,
        graph=graph,
        health=figures,
        rows=rows,
        svg=svg,
        legend=legend,
        tie_legend=tie_legend,
        history=history,
        chart=line_chart(
            [(quarter.label, figures_then.ties) for quarter, figures_then in history],
            title=gettext("Active ties at the end of each quarter"),
            description=gettext("The number of ties in the network at each quarter's end: %s")
            % ", ".join(f"{q.label}: {h.ties}" for q, h in history),
            id_prefix="network-ties",
        ),
        pathways=pathway_coverage(),
        required_sectors=[str(s.label) for s in PATHWAY_SECTORS],
    )


# Caching: the network's figures change only when an organization, a partnership, a pathway or
# a step changes. Each of those saves moves a version number in the cache on (NetworkConfig.ready),
# and the view is cached under it and the day.
VERSION = "network"


def cached_network_view(day: date) -> "NetworkView":
    return cached(
        "network",
        (day.isoformat(), get_language()),
        lambda: network_view(day),
        stamp=counter(VERSION),
    )


def cached_network_html(day: date) -> str:
    """The network's figures, map and tables on ``day`` as HTML (the same for every reader),
    rendered once per version and language."""

    def render():
        context = {
            "view": cached_network_view(day),
            "centralization_threshold": CENTRALIZATION_WARNING,
            "hub_threshold_percent": round(100 * HUB_SHARE_WARNING),
            "hub_min_ties": HUB_MIN_TIES,
        }
        return render_to_string("network/network.html#network", context)

    return cached("network-html", (day.isoformat(), get_language()), render, stamp=counter(VERSION))
