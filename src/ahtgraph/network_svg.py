"""The picture of the network: who funds, supervises, monitors, coordinates, publishes, runs what.

Our own layout, so the picture is the same on every build and needs no JavaScript or library:
organisations stand in columns by kind (left to right: intergovernmental, monitoring, public,
independent, coordination, victim support), what they act on stands in the last columns, and
each relation is a straight arrow, coloured and labelled by its kind. Boxes are drawn over the
arrows, so a line passing behind a column never hides a name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .prefixes import AHT

if TYPE_CHECKING:
    from rdflib import Graph

#: The relations drawn, in legend order, with the colour of their arrows.
RELATIONS: dict[str, str] = {
    "funds": "#1b7837",
    "supervises": "#762a83",
    "monitors": "#b35806",
    "coordinates": "#2166ac",
    "publishes": "#4d4d4d",
    "runs": "#c51b7d",
}

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"

#: Columns of the picture: (title, classes whose members stand there), left to right. An
#: entity stands in the first column one of its classes belongs to.
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("Intergovernmental", (AHT + "IntergovernmentalOrganisation",)),
    ("Monitoring, courts", (AHT + "MonitoringBody", AHT + "Court")),
    ("Public bodies", (AHT + "PublicBody",)),
    ("Independent bodies", (AHT + "IndependentPublicBody",)),
    ("Coordination, networks", (AHT + "CoordinationBody", AHT + "Network")),
    ("Victim support, NGOs", (AHT + "VictimSupportCentre", AHT + "NonGovernmentalOrganisation")),
    ("Other organisations", (AHT + "Organisation",)),
    (
        "What they act on",
        (
            SKOS_CONCEPT,
            AHT + "LegalInstrument",
            AHT + "Place",
            AHT + "Campaign",
            AHT + "Observance",
        ),
    ),
    ("Publications", (AHT + "PublicationSeries", AHT + "Publication")),
]
#: A more specific kind wins over the column order: an independent public body is also a
#: public body, but stands with its own kind.
_SPECIFIC_FIRST = [AHT + "IndependentPublicBody", AHT + "VictimSupportCentre"]
#: Groups from here on hold what organisations act on, not organisations.
_FIRST_TARGET_GROUP = 7
#: The column of the picture each group stands in: groups sharing a column are stacked, each
#: under its title, so the picture stays about as wide as a page.
PLACES = [0, 0, 1, 1, 2, 2, 2, 3, 3]

# Geometry, in SVG user units (pixels at 100 %).
BOX_W, BOX_H, ROW, COL = 168, 30, 40, 250
TOP, LEFT = 44, 16
MAX_CHARS = 24


@dataclass(frozen=True)
class Node:
    """One box: an entity with its full and short names, its group (an index of COLUMNS), and
    where it stands: the column of the picture and the row (slot) in that column."""

    iri: str
    label: str
    short: str
    group: int
    column: int
    row: int


@dataclass(frozen=True, order=True)
class Edge:
    """One arrow: ``source`` ``relation`` ``target`` (relation is a key of RELATIONS)."""

    source: str
    relation: str
    target: str


def _column(types: set[str]) -> int | None:
    for cls in _SPECIFIC_FIRST:
        if cls in types:
            return next(i for i, (_, classes) in enumerate(COLUMNS) if cls in classes)
    for i, (_, classes) in enumerate(COLUMNS):
        if types.intersection(classes):
            return i
    return None


def short_name(label: str, alternatives: list[str]) -> str:
    """A name that fits in a box: the label, a shorter alternative label, or the label cut."""
    if len(label) <= MAX_CHARS:
        return label
    fitting = sorted((a for a in alternatives if len(a) <= MAX_CHARS), key=lambda a: (len(a), a))
    if fitting:
        return fitting[-1]
    return label[: MAX_CHARS - 1].rstrip() + "…"


def network(graph: Graph) -> tuple[list[Node], list[Edge]]:
    """Every organisation and everything they are related to, with the relations, sorted."""
    from rdflib import Literal, URIRef

    from .describe import label_of

    edges = sorted(
        Edge(str(s), name, str(o))
        for name in RELATIONS
        for s, o in graph.subject_objects(URIRef(AHT + name))
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )
    members = {str(s) for s in graph.subjects(URIRef(RDF_TYPE), URIRef(AHT + "Organisation"))}
    members |= {e.source for e in edges} | {e.target for e in edges}
    placed: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for iri in sorted(members):
        types = {str(t) for t in graph.objects(URIRef(iri), URIRef(RDF_TYPE))}
        group = _column(types)
        if group is None:
            group = len(COLUMNS) - 2
        label = label_of(graph, URIRef(iri)) or iri.rsplit("/", 1)[-1]
        alternatives = [
            str(o)
            for o in graph.objects(
                URIRef(iri), URIRef("http://www.w3.org/2004/02/skos/core#altLabel")
            )
            if isinstance(o, Literal) and (o.language or "en").startswith("en")
        ]
        placed[group].append((label, iri, short_name(label, alternatives)))
    # Organisations stand in alphabetical order; what they act on stands level with those
    # acting on it (the mean row of its sources), so arrows cross as little as possible.
    rows: dict[str, float] = {}
    nodes = []
    next_row: dict[int, int] = defaultdict(int)
    for group in sorted(placed):
        if group >= _FIRST_TARGET_GROUP:
            sources: dict[str, list[float]] = defaultdict(list)
            for e in edges:
                if e.source in rows:
                    sources[e.target].append(rows[e.source])
            order = sorted(
                placed[group],
                key=lambda item: (_mean(sources.get(item[1], [])), *_sort_key(item)),
            )
        else:
            order = sorted(placed[group], key=_sort_key)
        column = PLACES[group]
        next_row[column] += 1  # the slot of the group's title
        for label, iri, short in order:
            row = next_row[column]
            next_row[column] += 1
            if group < _FIRST_TARGET_GROUP:
                rows[iri] = row
            nodes.append(Node(iri, label, short, group, column, row))
    return nodes, [e for e in edges if e.source in members and e.target in members]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("inf")


def _sort_key(item: tuple[str, str, str]) -> tuple[str, str]:
    return (item[0].casefold(), item[1])


def to_svg(nodes: list[Node], edges: list[Edge], title: str, description: str) -> str:
    """The picture as an SVG element (for inline use in HTML), with a title and description."""
    columns = sorted({n.column for n in nodes})
    x_of = {c: LEFT + i * COL for i, c in enumerate(columns)}
    by_iri = {n.iri: n for n in nodes}
    rows = max((n.row for n in nodes), default=0) + 1
    width = LEFT * 2 + (len(columns) - 1) * COL + BOX_W if columns else 2 * LEFT
    height = TOP + rows * ROW + LEFT

    def box(n: Node) -> tuple[float, float]:
        return x_of[n.column], TOP + n.row * ROW

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" role="img" '
        f'aria-labelledby="network-title network-desc" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="network-title">{escape(title)}</title>',
        f'<desc id="network-desc">{escape(description)}</desc>',
        "<defs>",
    ]
    for name, colour in RELATIONS.items():
        out.append(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="10" refY="5" '
            f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    # Legend, then column titles.
    x: float = LEFT
    for name, colour in RELATIONS.items():
        out.append(
            f'<line x1="{x}" y1="18" x2="{x + 28}" y2="18" stroke="{colour}" stroke-width="2" '
            f'marker-end="url(#arrow-{name})"/>'
            f'<text x="{x + 34}" y="22" fill="#1a1a1a">{name}</text>'
        )
        x += 40 + 8 * len(name) + 20
    titled = set()
    for n in nodes:
        if n.group not in titled:
            titled.add(n.group)
            x, y = box(n)
            out.append(
                f'<text x="{x}" y="{y - 12}" font-weight="bold" fill="#1a1a1a">'
                f"{escape(COLUMNS[n.group][0])}</text>"
            )
    # One arrow per pair of entities (its label lists every relation between them, its colour
    # is the first one's); arrows into one box enter it at spread-out heights. Arrows go under
    # the boxes, labels over everything.
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in edges:
        pairs[(e.source, e.target)].append(e.relation)
    entering: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source, target in sorted(pairs, key=lambda st: (box(by_iri[st[0]])[1], st)):
        entering[target].append((source, target))
    labels = []
    for (source, target), relations in sorted(pairs.items()):
        s, t = by_iri[source], by_iri[target]
        first = min(relations, key=list(RELATIONS).index)
        colour = RELATIONS[first]
        name = ", ".join(sorted(relations, key=list(RELATIONS).index))
        arrivals = entering[target]
        share = (arrivals.index((source, target)) + 1) / (len(arrivals) + 1)
        (sx, sy), (tx, ty) = box(s), box(t)
        sy, ty = sy + BOX_H / 2, ty + BOX_H * share
        attrs = f'stroke="{colour}" stroke-width="1.5" fill="none" marker-end="url(#arrow-{first})"'
        tooltip = f"<title>{escape(s.label)} {escape(name)} {escape(t.label)}</title>"
        if s.column == t.column:
            x1 = x2 = sx + BOX_W
            bulge = x1 + 40 + 6 * abs(s.row - t.row)
            out.append(
                f'<path d="M{x1},{sy:g} Q{bulge},{(sy + ty) / 2:g} {x2},{ty:g}" {attrs}>'
                f"{tooltip}</path>"
            )
            labels.append((bulge - 18, (sy + ty) / 2, "start", name, colour))
            continue
        forward = t.column > s.column
        x1 = sx + BOX_W if forward else sx
        x2 = tx if forward else tx + BOX_W
        out.append(f'<line x1="{x1}" y1="{sy:g}" x2="{x2}" y2="{ty:g}" {attrs}>{tooltip}</line>')
        # The label ends just before the arrow head, centred on the line (a white halo keeps
        # it readable where it crosses other lines).
        half = 3 * len(name)
        lx = x2 - 10 if forward else x2 + 10
        ly = ty + (sy - ty) * ((10 + half) / max(abs(x2 - x1), 1)) + 3
        labels.append((lx, ly, "end" if forward else "start", name, colour))
    for n in nodes:
        x, y = box(n)
        out.append(
            f"<g><title>{escape(n.label)}</title>"
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4" '
            f'fill="#f4f1ea" stroke="#8a8170"/>'
            f'<text x="{x + 6}" y="{y + 19}" fill="#1a1a1a">{escape(n.short)}</text></g>'
        )
    for lx, ly, anchor, name, colour in labels:
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="10" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">{name}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
