"""The picture of the network: who funds, supervises, monitors, coordinates, publishes, runs what.

Two steps, both ours and deterministic (no JavaScript, no system program):

1. ``network(graph, lang)``: the organisations, everything they are related to by those six
   relations, and the relations (the data; the home page lists every relation from it);
2. ``layout(nodes, edges, t)``: a :class:`Picture` (boxes, edge paths, texts, all coordinates)
   that ``templates/_network.svg`` draws.

The layout is layered, as in Sugiyama's method, with layers fixed by kind rather than computed:
organisations stand in columns by kind (intergovernmental and monitoring; public and
independent bodies; coordination and victim support; what they act on and publications), each
group under its title, ordered so arrows cross little (organisations by name, what they act on
level with who acts on it). Edges are routed orthogonally, never over a box:

* an edge leaves its source by the side facing the target, at a port of its own on that side,
  and enters its target the same way (ports spread along the side, ordered by the other end);
* vertical runs go in the *channels* between columns, where no box stands, each on a track of
  its own (intervals that do not overlap share a track);
* an edge that skips columns crosses them on a horizontal *lane* in the gap between two rows,
  chosen free of the boxes and titles of every column it crosses and of the other lanes there.

So no segment can cross a box, and texts stand only inside boxes, above their column or in the
legend: no two overlap. Relations are told apart by colour and dash (legend on top); each
edge's tooltip names it, and the page lists every relation as text.

Readable with many more entities (``placements``): the picture draws the core network (the
home country's actors, the international bodies and what they act on) and *groups* the rest,
by rules on classes and relations, never by a list of names:

* the home country is the country that most organisations serve (``aht:areaServed``);
* every other country (``aht:Country``) is drawn in one summary box, "N other States
  Parties (…)" (the instrument all of them ratified, when there is one);
* an organisation that serves only other countries (a national rapporteur of another EU
  state, say) is drawn in one summary box of "bodies of other States", named after the legal
  basis all their mandates share, when there is one;
* a publication or series about other countries only (``dcterms:spatial``: GRETA's reports on
  other states) is drawn in one summary box, named after the publication type all share;
* an edition of a series the picture draws (``aht:inSeries``) is drawn in its series' box.

A summary box links to the table of States on the same page, which lists every member; the
list of relations below the picture names every relation. Last, a group of more than
``MAX_PER_GROUP`` still keeps its best-connected members and one "+ N more" box.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from ..prefixes import AHT
from .i18n import Messages
from .views import LABEL, literals, pick, slug_of

if TYPE_CHECKING:
    from rdflib import Graph

#: The relations drawn, in legend order: (colour, dash pattern).
RELATIONS: dict[str, tuple[str, str]] = {
    "funds": ("#1b7837", ""),
    "supervises": ("#762a83", "7 3"),
    "monitors": ("#b35806", "2 2"),
    "coordinates": ("#2166ac", "9 3 2 3"),
    "publishes": ("#4d4d4d", ""),
    "runs": ("#c51b7d", "4 2"),
}

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
COUNTRY = AHT + "Country"

#: Groups of the picture: (catalogue key of the title, classes whose members stand there). An
#: entity stands in the first group one of its classes belongs to.
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("column.intergovernmental", (AHT + "IntergovernmentalOrganisation",)),
    ("column.monitoring", (AHT + "MonitoringBody", AHT + "Court")),
    # No class stands here: the summary box of other States' bodies.
    ("column.other_states", ()),
    ("column.public", (AHT + "PublicBody",)),
    ("column.independent", (AHT + "IndependentPublicBody",)),
    ("column.coordination", (AHT + "CoordinationBody", AHT + "Network")),
    ("column.victim_support", (AHT + "VictimSupportCentre", AHT + "NonGovernmentalOrganisation")),
    ("column.other", (AHT + "Organisation",)),
    (
        "column.targets",
        (
            SKOS + "Concept",
            AHT + "LegalInstrument",
            AHT + "Place",
            AHT + "Campaign",
            AHT + "Observance",
        ),
    ),
    ("column.publications", (AHT + "PublicationSeries", AHT + "Publication")),
]
#: A more specific kind wins over the group order: an independent public body is also a
#: public body, but stands with its own kind.
_SPECIFIC_FIRST = [AHT + "IndependentPublicBody", AHT + "VictimSupportCentre"]
#: Groups from here on hold what organisations act on, not organisations.
FIRST_TARGET_GROUP = 8
#: The group of the summary box of other States' bodies (their members span several kinds).
OTHER_STATES_GROUP = 2
#: The column of the picture each group stands in: groups sharing a column are stacked.
PLACES = [0, 0, 0, 1, 1, 2, 2, 2, 3, 3]
#: More members than this in a group: the best-connected stay, the rest share one box.
MAX_PER_GROUP = 20

# Geometry, in SVG user units (pixels at 100 %).
BOX_W, BOX_H, ROW = 176, 28, 44
TOP, MARGIN = 64, 16
FONT, TITLE_FONT, LEGEND_FONT = 12, 12, 12
#: Estimated advance of one character, as a share of the font size (system-ui, Latin text).
CHAR_WIDTH = 0.6
PAD = 6  # text inside a box, from its left side
CHANNEL_MARGIN = 12  # from a column to the first or last track of a channel
TRACK = 7  # between two tracks of a channel
LANE_GAP = 4  # between two lanes, and between a lane and a box or title
MIN_CHANNEL = 56
MAX_CHARS = int((BOX_W - 2 * PAD) / (FONT * CHAR_WIDTH))
LINE = 15  # between two lines of a summary box
#: The summary boxes, in the order they are described: (kind, the catalogue key of the
#: caption of the description).
SUMMARY_KINDS = ("states", "bodies", "publications")


@dataclass(frozen=True)
class Node:
    """An entity of the network: IRI, full and short names, group (an index of COLUMNS), and
    the box it is drawn in when not its own (``placements``): ``summary:<kind>`` or the IRI of
    its series."""

    iri: str
    label: str
    short: str
    group: int
    box: str = ""


@dataclass(frozen=True, order=True)
class Edge:
    """``source relation target`` (relation is a key of RELATIONS)."""

    source: str
    relation: str
    target: str


@dataclass(frozen=True)
class Box:
    """A drawn box: the entity (``iri`` empty for a summary or "+ N more" box), its text and
    tooltip."""

    iri: str
    text: str
    title: str
    x: float
    y: float
    width: float = BOX_W
    height: float = BOX_H
    #: The IRIs the box stands for, when more than its own entity: the members of a summary
    #: or "+ N more" box, or a series and its editions.
    members: tuple[str, ...] = ()
    #: The slug of the entity's page (None: no page, or a summary or "+ N more" box).
    slug: str | None = None
    #: ``entity``, ``summary`` (a group by rule, listed in the table of States) or ``more``.
    kind: str = "entity"
    #: The lines of text drawn (a summary box wraps its text).
    lines: tuple[str, ...] = ()
    #: The id on the home page a summary box links to ("" : none).
    anchor: str = ""

    @property
    def ident(self) -> str:
        """How the drawing names the box: the IRIs it stands for."""
        return " ".join(self.members) if self.members else self.iri

    @property
    def drawn_lines(self) -> list[tuple[float, str]]:
        """(baseline y, text) of each line drawn in the box."""
        lines = self.lines or (self.text,)
        return [(self.y + 18 + k * LINE, line) for k, line in enumerate(lines)]


@dataclass(frozen=True)
class Path:
    """A drawn edge: a polyline from the source box's side to the target box's side."""

    source: str
    target: str
    relation: str
    colour: str
    dash: str
    points: tuple[tuple[float, float], ...]
    title: str

    @property
    def points_text(self) -> str:
        return " ".join(f"{x:g},{y:g}" for x, y in self.points)


@dataclass(frozen=True)
class Text:
    """A drawn text (column titles, legend): its baseline start and size."""

    x: float
    y: float
    text: str
    size: int
    bold: bool = False


@dataclass(frozen=True)
class LegendEntry:
    relation: str
    name: str
    colour: str
    dash: str
    x: float
    y: float


@dataclass
class Picture:
    """Everything ``_network.svg`` draws, with coordinates."""

    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    titles: list[Text] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)
    #: How many entities are counted in "+ N more" boxes instead of drawn.
    hidden: int = 0
    #: The summary boxes' texts, in SUMMARY_KINDS order, and how many entities they group.
    summaries: list[tuple[str, int]] = field(default_factory=list)

    @property
    def relations(self) -> list[tuple[str, str]]:
        """(relation, colour) for the arrow heads."""
        return [(name, colour) for name, (colour, _) in RELATIONS.items()]


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The estimated width of ``text``: what the layout leaves room for."""
    return len(text) * size * (CHAR_WIDTH + (0.05 if bold else 0))


# ------------------------------------------------------------------------------ the data


def _group(types: set[str]) -> int | None:
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


def network(graph: Graph, lang: str = "en") -> tuple[list[Node], list[Edge]]:
    """Every organisation, every country and everything they are related to, with the
    relations, sorted; each node knows the box it is drawn in (``placements``)."""
    edges = sorted(
        Edge(str(s), name, str(o))
        for name in RELATIONS
        for s, o in graph.subject_objects(URIRef(AHT + name))
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )
    members = {str(s) for s in graph.subjects(URIRef(RDF_TYPE), URIRef(AHT + "Organisation"))}
    members |= {str(s) for s in graph.subjects(URIRef(RDF_TYPE), URIRef(COUNTRY))}
    members |= {e.source for e in edges} | {e.target for e in edges}
    boxes = placements(graph, members)
    nodes = []
    for iri in sorted(members):
        node = URIRef(iri)
        group = _group({str(t) for t in graph.objects(node, URIRef(RDF_TYPE))})
        if group is None:
            group = FIRST_TARGET_GROUP
        chosen = pick(literals(graph, node, LABEL), lang)
        label = str(chosen) if chosen is not None else iri.rsplit("/", 1)[-1]
        language = getattr(chosen, "language", None)
        alternatives = [
            str(o)
            for o in graph.objects(node, URIRef(SKOS + "altLabel"))
            if isinstance(o, Literal) and o.language == language
        ]
        nodes.append(Node(iri, label, short_name(label, alternatives), group, boxes[iri]))
    return nodes, edges


def home_country(graph: Graph) -> str | None:
    """The country the graph is about: the one that most organisations serve
    (``aht:areaServed``; ties go to the first IRI), or None when they serve no country."""
    counts: dict[str, int] = defaultdict(int)
    for body, place in graph.subject_objects(URIRef(AHT + "areaServed")):
        if (place, URIRef(RDF_TYPE), URIRef(COUNTRY)) in graph and (
            body,
            URIRef(RDF_TYPE),
            URIRef(AHT + "Organisation"),
        ) in graph:
            counts[str(place)] += 1
    return min(counts, key=lambda iri: (-counts[iri], iri)) if counts else None


def placements(graph: Graph, members: set[str]) -> dict[str, str]:
    """The box each of ``members`` is drawn in: "" (its own), ``summary:states``,
    ``summary:bodies``, ``summary:publications`` or the IRI of its series (see the module's
    docstring for the rules)."""
    home = home_country(graph)
    rdf_type = URIRef(RDF_TYPE)

    def other_countries(node: URIRef, predicate: str) -> bool:
        """Every ``predicate`` value of ``node`` is a country other than home (and there is
        at least one)."""
        places = set(graph.objects(node, URIRef(predicate)))
        return bool(places) and all(
            (p, rdf_type, URIRef(COUNTRY)) in graph and str(p) != home for p in places
        )

    own: dict[str, str] = {}
    series_of: dict[str, str] = {}
    for iri in sorted(members):
        node = URIRef(iri)
        types = {str(t) for t in graph.objects(node, rdf_type)}
        box = ""
        if COUNTRY in types:
            box = "" if iri == home else "summary:states"
        elif AHT + "Organisation" in types:
            box = "summary:bodies" if other_countries(node, AHT + "areaServed") else ""
        elif types & {AHT + "Publication", AHT + "PublicationSeries"}:
            if other_countries(node, DCTERMS + "spatial"):
                box = "summary:publications"
            series = sorted(
                str(s) for s in graph.objects(node, URIRef(AHT + "inSeries")) if str(s) in members
            )
            if series and series[0] != iri:
                series_of[iri] = series[0]
        own[iri] = box

    def resolve(iri: str, seen: frozenset[str]) -> str:
        # An edition goes where its series goes: a summary box, or the series' own box.
        series = series_of.get(iri)
        if series is None or series in seen:
            return own[iri]
        return resolve(series, seen | {iri}) or series

    placed = {iri: resolve(iri, frozenset()) for iri in sorted(members)}
    return placed


def _name(graph: Graph, iri: str, lang: str) -> str | None:
    """An entity's name in ``lang`` for a summary box: its label, or a shorter alternative
    label when the label would not fit one line; None when it has no name in ``lang`` (a box's
    text is in one language: the SVG cannot mark a part of a wrapped line)."""
    labels = [lit for lit in literals(graph, URIRef(iri), LABEL) if lit.language == lang]
    if not labels:
        return None
    label = str(labels[0])
    alternatives = [
        str(o)
        for o in graph.objects(URIRef(iri), URIRef(SKOS + "altLabel"))
        if isinstance(o, Literal) and o.language == lang
    ]
    short = short_name(label, alternatives)
    return short if not short.endswith("…") else label


def shared(graph: Graph, nodes: list[Node]) -> dict[str, tuple[list[str], str | None]]:
    """Per summary kind: its members' IRIs and what they all share, if anything (the
    instrument every State ratified, the legal basis of a mandate of every body, the type of
    every publication; the first IRI when several)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        if n.box.startswith("summary:"):
            grouped[n.box.removeprefix("summary:")].append(n.iri)

    def objects(node: URIRef, predicate: str) -> set[str]:
        return {str(o) for o in graph.objects(node, URIRef(AHT + predicate))}

    def bases(node: URIRef) -> set[str]:
        return {
            str(b)
            for m in graph.objects(node, URIRef(AHT + "hasMandate"))
            for b in graph.objects(m, URIRef(AHT + "legalBasis"))
        }

    rules: dict[str, Callable[[URIRef], set[str]]] = {
        "states": lambda node: objects(node, "ratified"),
        "bodies": bases,
        "publications": lambda node: objects(node, "publicationType"),
    }
    found = {}
    for kind in SUMMARY_KINDS:
        iris = grouped.get(kind)
        if iris:
            common = set.intersection(*(rules[kind](URIRef(i)) for i in iris))
            found[kind] = (iris, min(common) if common else None)
    return found


def summary_texts(graph: Graph, nodes: list[Node], t: Messages) -> dict[str, str]:
    """The text of each summary box (``summary:<kind>`` → text): how many it groups, and what
    they all share when they do (``shared``) and it has a name in the page's language."""
    texts = {}
    for kind, (iris, common) in shared(graph, nodes).items():
        name = None if common is None else _name(graph, common, t.lang)
        if name is None:
            texts[f"summary:{kind}"] = t(f"network.summary.{kind}", count=len(iris))
        else:
            key = f"network.summary.{kind}_shared"
            texts[f"summary:{kind}"] = t(key, count=len(iris), name=name)
    return texts


def wrap(text: str, width: int = MAX_CHARS) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words (a longer word
    stands alone on its line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# ------------------------------------------------------------------------------ the layout


@dataclass(frozen=True)
class _Route:
    """An edge being routed: its boxes, relations, columns and the sides it leaves and enters
    by (``right`` or ``left``)."""

    source: str
    target: str
    relations: tuple[str, ...]
    source_column: int
    target_column: int
    out_side: str
    in_side: str

    @property
    def first_channel(self) -> int:
        """The channel beside the source: channel k runs right of column k."""
        return self.source_column - (self.out_side == "left")

    @property
    def last_channel(self) -> int:
        return self.target_column - (self.in_side == "left")


def _summarise(
    nodes: list[Node], edges: list[Edge], limit: int
) -> tuple[dict[str, str], dict[str, list[Node]], dict[str, list[Node]]]:
    """Which box each node is drawn in (its own IRI, a summary box, its series' box or
    ``more:<group>``), the members of each "+ N more" box, and the others each box holds
    (summary boxes' members, series' editions)."""
    degree: dict[str, int] = defaultdict(int)
    for e in edges:
        degree[e.source] += 1
        degree[e.target] += 1
    by_group: dict[int, list[Node]] = defaultdict(list)
    drawn_in: dict[str, str] = {}
    for n in nodes:
        if n.box.startswith("summary:"):
            drawn_in[n.iri] = n.box
        elif not n.box:
            drawn_in[n.iri] = n.iri
            by_group[n.group].append(n)
    hidden: dict[str, list[Node]] = {}
    for group, members in by_group.items():
        ranked = sorted(members, key=lambda n: (-degree[n.iri], n.label.casefold(), n.iri))
        if len(ranked) > limit:
            key = f"more:{group}"
            hidden[key] = sorted(ranked[limit - 1 :], key=lambda n: (n.label.casefold(), n.iri))
            for n in hidden[key]:
                drawn_in[n.iri] = key
    held: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.box and not n.box.startswith("summary:"):
            # An edition: drawn where its series is (its own box, or a "+ N more" box).
            drawn_in[n.iri] = drawn_in.get(n.box, n.box)
        if n.box and drawn_in[n.iri].startswith("more:"):
            hidden[drawn_in[n.iri]].append(n)
        elif n.box:
            held[drawn_in[n.iri]].append(n)
    for members in (*hidden.values(), *held.values()):
        members.sort(key=lambda n: (n.label.casefold(), n.iri))
    return drawn_in, hidden, dict(held)


def _span(lines: int) -> int:
    """How many rows a box of ``lines`` lines of text takes."""
    needed = 18 + (lines - 1) * LINE + 8
    return 1 + max(0, -(-(needed - BOX_H) // ROW))


def layout(
    nodes: list[Node],
    edges: list[Edge],
    t: Messages,
    names: Mapping[str, str] | None = None,
    max_per_group: int = MAX_PER_GROUP,
    summaries: Mapping[str, str] | None = None,
    anchor: str = "",
) -> Picture:
    """Place the boxes and route the edges (see the module's docstring); ``names`` gives each
    relation's name in the page's language (the ontology's label), for legend and tooltips;
    ``summaries`` the text of each summary box (``summary_texts``), ``anchor`` the id on the
    page that lists their members."""
    drawn_in, hidden, held = _summarise(nodes, edges, max_per_group)
    names = dict(names or {})
    texts = dict(summaries or {})

    # Boxes: one per drawn node, one per summary, one per "+ N more".
    box_group: dict[str, int] = {}
    box_label: dict[str, tuple[str, str]] = {}
    box_lines: dict[str, tuple[str, ...]] = {}
    box_members: dict[str, tuple[str, ...]] = {}
    for n in nodes:
        if drawn_in[n.iri] == n.iri:
            box_group[n.iri] = n.group
            box_label[n.iri] = (n.short, n.label)
    for key, members in held.items():
        names_of = ", ".join(m.label for m in members)
        if key.startswith("summary:"):
            groups = {m.group for m in members}
            box_group[key] = groups.pop() if len(groups) == 1 else OTHER_STATES_GROUP
            kind = key.removeprefix("summary:")
            text = texts.get(key) or t(f"network.summary.{kind}", count=len(members))
            box_label[key] = (text, f"{text}: {names_of}")
            box_lines[key] = tuple(wrap(text))
            box_members[key] = tuple(sorted(m.iri for m in members))
        else:  # a series and its editions
            box_label[key] = (box_label[key][0], f"{box_label[key][1]}: {names_of}")
            box_members[key] = (key, *sorted(m.iri for m in members))
    for key, members in hidden.items():
        box_group[key] = members[0].group
        text = t("network.more", count=len(members))
        box_label[key] = (text, ", ".join(m.label for m in members))
        box_members[key] = tuple(m.iri for m in members)
    span = {key: _span(len(box_lines.get(key, ("",)))) for key in box_group}

    def height(key: str) -> float:
        return BOX_H + (span[key] - 1) * ROW

    def fixed(key: str) -> bool:
        """Not an entity of its own: a summary or "+ N more" box."""
        return key.startswith(("more:", "summary:"))

    # One drawn edge per pair of boxes; its colour is its first relation's.
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in edges:
        pair = (drawn_in[e.source], drawn_in[e.target])
        if pair[0] != pair[1] and e.relation not in pairs[pair]:
            pairs[pair].append(e.relation)
    order = list(RELATIONS)
    for relations in pairs.values():
        relations.sort(key=order.index)

    # Rows: groups stacked in their column, each under a title slot; organisations by name,
    # what they act on level with the mean row of who acts on it.
    row_of: dict[str, int] = {}
    next_row: dict[int, int] = defaultdict(int)
    title_rows: list[tuple[int, int, int]] = []  # (group, column, row)
    for group in sorted(set(box_group.values())):
        keys = [k for k, g in box_group.items() if g == group]

        def name_key(key: str) -> tuple[int, str, str]:
            return (fixed(key), box_label[key][1].casefold(), key)

        if group >= FIRST_TARGET_GROUP:
            sources: dict[str, list[int]] = defaultdict(list)
            for s, o in pairs:
                if s in row_of:
                    sources[o].append(row_of[s])

            def mean_key(
                key: str, sources: dict[str, list[int]] = sources
            ) -> tuple[float, tuple[int, str, str]]:
                rows = sources.get(key, [])
                mean = sum(rows) / len(rows) if rows else float("inf")
                return (mean if not key.startswith("more:") else float("inf"), name_key(key))

            keys.sort(key=mean_key)
        else:
            keys.sort(key=name_key)
        column = PLACES[group]
        title_rows.append((group, column, next_row[column]))
        next_row[column] += 1
        for key in keys:
            row_of[key] = next_row[column]
            next_row[column] += span[key]
    column_of = {key: PLACES[g] for key, g in box_group.items()}
    columns = sorted(set(column_of.values()))
    index = {c: i for i, c in enumerate(columns)}  # empty columns close up
    column_of = {key: index[c] for key, c in column_of.items()}
    title_rows = [(g, index[c], r) for g, c, r in title_rows]
    rows_total = max(next_row.values(), default=0)

    def box_y(key: str) -> float:
        return TOP + row_of[key] * ROW

    # Sides and ports: an edge leaves by the side facing its target (right when both stand in
    # one column) and enters by the side facing its source.
    routes = [
        _Route(
            s,
            o,
            tuple(relations),
            column_of[s],
            column_of[o],
            "left" if column_of[o] < column_of[s] else "right",
            "right" if column_of[o] <= column_of[s] else "left",
        )
        for (s, o), relations in sorted(pairs.items())
    ]
    ports: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for i, r in enumerate(routes):
        ports[(r.source, r.out_side)].append((i, "s"))
        ports[(r.target, r.in_side)].append((i, "o"))
    port_y: dict[tuple[int, str], float] = {}
    for (key, _side), attached in ports.items():
        # Ordered by where the other end stands, so edges leaving one side do not cross.
        attached.sort(
            key=lambda port: (
                box_y(routes[port[0]].target if port[1] == "s" else routes[port[0]].source),
                routes[port[0]].source,
                routes[port[0]].target,
            )
        )
        for k, port in enumerate(attached):
            port_y[port] = round(box_y(key) + height(key) * (k + 1) / (len(attached) + 1), 1)

    # Lanes: horizontal runs across the columns an edge skips.
    blocked: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for key, c in column_of.items():
        blocked[c].append((box_y(key) - LANE_GAP, box_y(key) + height(key) + LANE_GAP))
    for _, c, row in title_rows:
        top = TOP + row * ROW
        blocked[c].append((top + BOX_H - TITLE_FONT - 2 - LANE_GAP, top + BOX_H + LANE_GAP))
    lanes: dict[int, float] = {}
    for i, r in enumerate(routes):
        lo, hi = sorted((r.source_column, r.target_column))
        crossed = range(lo + 1, hi)
        if not crossed:
            continue
        wanted = port_y[(i, "o")]
        busy = sorted(interval for c in crossed for interval in blocked[c])
        lane = _free_y(busy, wanted, TOP - LANE_GAP)
        lanes[i] = lane
        for c in crossed:
            blocked[c].append((lane - LANE_GAP, lane + LANE_GAP))

    # Vertical runs: (channel, i, end, y from, y to); channel k is right of column k.
    runs: list[tuple[int, int, str, float, float]] = []
    for i, r in enumerate(routes):
        ys, yo = port_y[(i, "s")], port_y[(i, "o")]
        if i in lanes:
            runs.append((r.first_channel, i, "s", ys, lanes[i]))
            runs.append((r.last_channel, i, "o", lanes[i], yo))
        else:
            runs.append((r.first_channel, i, "s", ys, yo))
    tracks: dict[tuple[int, str], int] = {}
    track_count: dict[int, int] = defaultdict(int)
    track_ends: dict[int, list[float]] = defaultdict(list)  # channel → last y of each track
    for channel, i, end, y1, y2 in sorted(runs, key=lambda r: (r[0], min(r[3:]), r[1])):
        low, high = min(y1, y2), max(y1, y2)
        for k, last_y in enumerate(track_ends[channel]):
            if last_y + LANE_GAP * 2 < low:
                track_ends[channel][k] = high
                tracks[(i, end)] = k
                break
        else:
            tracks[(i, end)] = len(track_ends[channel])
            track_ends[channel].append(high)
        track_count[channel] = len(track_ends[channel])

    # Columns' x: each channel as wide as its tracks need.
    def channel_width(k: int) -> float:
        return max(MIN_CHANNEL, 2 * CHANNEL_MARGIN + (track_count.get(k, 1) - 1) * TRACK)

    column_x: dict[int, float] = {}
    x: float = MARGIN + (channel_width(-1) if track_count.get(-1) else 0)
    for c in range(len(columns)):
        column_x[c] = x
        x += BOX_W + channel_width(c)
    last = len(columns) - 1
    width = column_x[last] + BOX_W + (channel_width(last) if track_count.get(last) else 0) + MARGIN

    def track_x(channel: int, k: int) -> float:
        left = column_x[channel] + BOX_W if channel >= 0 else column_x[0] - channel_width(-1)
        return left + CHANNEL_MARGIN + k * TRACK

    picture = Picture(width=0, height=0, hidden=sum(len(m) for m in hidden.values()))
    picture.summaries = [
        (box_label[f"summary:{kind}"][0], len(held[f"summary:{kind}"]))
        for kind in SUMMARY_KINDS
        if f"summary:{kind}" in held
    ]
    for key in sorted(box_group, key=lambda k: (column_of[k], row_of[k])):
        text, title = box_label[key]
        kind = "more" if key.startswith("more:") else "summary" if fixed(key) else "entity"
        picture.boxes.append(
            Box(
                "" if fixed(key) else key,
                text,
                title,
                column_x[column_of[key]],
                box_y(key),
                height=height(key),
                members=box_members.get(key, ()),
                slug=None if fixed(key) else slug_of(key),
                kind=kind,
                lines=box_lines.get(key, ()),
                anchor=anchor if kind == "summary" else "",
            )
        )
    for group, c, row in title_rows:
        title = t(COLUMNS[group][0])
        size = TITLE_FONT
        while size > 8 and text_width(title, size, bold=True) > BOX_W:
            size -= 1
        picture.titles.append(Text(column_x[c], TOP + row * ROW + BOX_H - 6, title, size, True))

    # How the drawing names a box: its IRI, or the IRIs it stands for (Box.ident).
    ident = {key: " ".join(box_members[key]) if key in box_members else key for key in box_group}
    for i, r in enumerate(routes):
        s, o = r.source, r.target
        ys, yo = port_y[(i, "s")], port_y[(i, "o")]
        sx = column_x[r.source_column] + (BOX_W if r.out_side == "right" else 0)
        ox = column_x[r.target_column] + (BOX_W if r.in_side == "right" else 0)
        x1 = track_x(r.first_channel, tracks[(i, "s")])
        points = [(sx, ys), (x1, ys)]
        if i in lanes:
            x2 = track_x(r.last_channel, tracks[(i, "o")])
            points += [(x1, lanes[i]), (x2, lanes[i]), (x2, yo)]
        else:
            points += [(x1, yo)]
        points.append((ox, yo))
        cleaned: list[tuple[float, float]] = []
        for px, py in points:
            point = (round(px, 1), round(py, 1))
            if not cleaned or cleaned[-1] != point:
                cleaned.append(point)
        colour, dash = RELATIONS[r.relations[0]]
        said = ", ".join(names.get(rel, rel) for rel in r.relations)
        # A summary box is named by its text here, not by the list of its members.
        title = " ".join(
            (
                box_label[s][0] if fixed(s) else box_label[s][1],
                said,
                box_label[o][0] if fixed(o) else box_label[o][1],
            )
        )
        picture.paths.append(
            Path(ident[s], ident[o], r.relations[0], colour, dash, tuple(cleaned), title)
        )

    # Legend on top, wrapped to the picture's width.
    lx: float = MARGIN
    ly = 20.0
    for relation, (colour, dash) in RELATIONS.items():
        name = names.get(relation, relation)
        needed = 34 + text_width(name, LEGEND_FONT) + 18
        if lx + needed > width - MARGIN and lx > MARGIN:
            lx, ly = MARGIN, ly + 20
        picture.legend.append(LegendEntry(relation, name, colour, dash, lx, ly))
        lx += needed
    picture.width = max(width, MARGIN * 2 + BOX_W)
    lowest = max([y for p in picture.paths for _, y in p.points] + [TOP + rows_total * ROW])
    picture.height = lowest + MARGIN
    if ly > 20:  # a wrapped legend pushes everything down
        shift = ly - 20
        picture = _shifted(picture, shift)
    return picture


def _free_y(busy: list[tuple[float, float]], wanted: float, floor: float) -> float:
    """The y nearest ``wanted`` outside every busy interval (and below ``floor``)."""
    candidates = [max(wanted, floor)]
    for low, high in busy:
        candidates += [low - 0.5, high + 0.5]
    candidates = sorted((c for c in candidates if c >= floor), key=lambda c: (abs(c - wanted), c))
    for y in candidates:
        if not any(low <= y <= high for low, high in busy):
            return round(y, 1)
    return round(max(high for _, high in busy) + LANE_GAP, 1)


def _shifted(picture: Picture, dy: float) -> Picture:
    """The picture moved down by ``dy`` below the legend (when the legend wrapped)."""
    from dataclasses import replace

    picture.boxes = [replace(b, y=b.y + dy) for b in picture.boxes]
    picture.titles = [replace(x, y=x.y + dy) for x in picture.titles]
    picture.paths = [
        replace(p, points=tuple((x, round(y + dy, 1)) for x, y in p.points)) for p in picture.paths
    ]
    picture.height += dy
    return picture
