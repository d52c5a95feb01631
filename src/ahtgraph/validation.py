"""Running the SHACL shapes over the graph and reading pyshacl's answer into plain objects.

``advanced=True`` so SPARQL-based constraints and targets run; no inference, so the report
speaks about the triples as written. The ontology is part of the data graph already (it is
``data/ontology.ttl``), so it is not passed again as ``ont_graph``: with inference off that would
only merge the same triples a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from .checks.shacl_oxigraph import Result
    from .graph.engine import Engine
    from .loading import DataSource

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class ValidationResult:
    """One ``sh:ValidationResult``: which node broke which rule, and what the shape says."""

    focus_node: Node
    path: Node | None
    constraint_component: Node
    severity: Node
    message: str
    source_shape: Node | None
    value: Node | None = None

    @property
    def component_name(self) -> str:
        """``MinCount`` for ``sh:MinCountConstraintComponent``: the name people search for."""
        name = str(self.constraint_component).rsplit("#", 1)[-1]
        return name.removesuffix("ConstraintComponent")

    @property
    def severity_name(self) -> str:
        """``Violation``, ``Warning`` or ``Info``."""
        return str(self.severity).rsplit("#", 1)[-1]


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation run, for code (``results``) and for RDF tools (``graph``).

    ``graph`` (the W3C SHACL report vocabulary, as an rdflib Graph) may be given as a function
    that builds it: the Oxigraph path builds it only when asked, so a conforming run never
    imports rdflib.
    """

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    graph_source: Graph | Callable[[], Graph] | None = field(default=None, repr=False)
    text: str = ""

    @property
    def graph(self) -> Graph | None:
        """The report as an RDF graph (built on first use)."""
        source = self.graph_source
        if callable(source):
            source = source()
            object.__setattr__(self, "graph_source", source)
        return source


def _one(graph: Graph, subject: Node, name: str) -> Node | None:
    # lazy: a conforming run on Oxigraph imports neither rdflib nor pyshacl
    from rdflib import URIRef

    return graph.value(subject, URIRef(SH + name))


def read_results(results_graph: Graph) -> list[ValidationResult]:
    """Every top-level result of a pyshacl report, sorted by focus node, path and component.

    Only the report's own ``sh:result`` entries count: pyshacl also types the nested
    ``sh:detail`` results of ``sh:node``/``sh:or`` as ``sh:ValidationResult``, and listing those
    would report one broken rule several times.
    """
    # lazy: a conforming run on Oxigraph imports neither rdflib nor pyshacl
    from rdflib import RDF, URIRef

    found = []
    nodes = [
        result
        for report in results_graph.subjects(RDF.type, URIRef(SH + "ValidationReport"))
        for result in results_graph.objects(report, URIRef(SH + "result"))
    ]
    for node in nodes:
        messages = sorted(
            readable_message(str(m))
            for m in results_graph.objects(node, URIRef(SH + "resultMessage"))
        )
        found.append(
            ValidationResult(
                focus_node=_one(results_graph, node, "focusNode"),  # type: ignore[arg-type]
                path=_one(results_graph, node, "resultPath"),
                constraint_component=_one(results_graph, node, "sourceConstraintComponent"),  # type: ignore[arg-type]
                severity=_one(results_graph, node, "resultSeverity"),  # type: ignore[arg-type]
                message=" ".join(messages),
                source_shape=_one(results_graph, node, "sourceShape"),
                value=_one(results_graph, node, "value"),
            )
        )
    return sorted(
        found,
        key=lambda r: (str(r.focus_node), str(r.path), str(r.constraint_component), r.message),
    )


#: pyshacl writes terms in its messages as Python reprs: ``Literal("x", datatype=xsd:date)``.
_LITERAL_REPR = re.compile(
    r"""Literal\((?P<q>["'])(?P<text>.*?)(?P=q)"""
    r"""(?:, (?:datatype=(?P<dt>[^,)]+)|lang=(?P<lq>["'])(?P<lang>[^"']+)(?P=lq)))?\)"""
)
_IRI_REPR = re.compile(r"""URIRef\((?P<q>["'])(?P<iri>[^"']*)(?P=q)\)""")


def readable_message(message: str) -> str:
    """A pyshacl message with its Python reprs written as Turtle terms (``"x"^^xsd:date``)."""

    def literal(match: re.Match[str]) -> str:
        text = f'"{match["text"]}"'
        if match["dt"]:
            return f"{text}^^{match['dt']}"
        return f"{text}@{match['lang']}" if match["lang"] else text

    message = _LITERAL_REPR.sub(literal, message)
    return _IRI_REPR.sub(lambda m: f"<{m['iri']}>", message)


def _add_ill_typed(results_graph: Graph, data_graph: Graph) -> bool:
    """One Datatype violation per ill-typed literal (``"not-a-date"^^xsd:date``) in the data.

    SHACL reports one only where a shape gives the property a datatype; a value that is not
    a value of its own datatype is wrong wherever it is. True when any was added.
    """
    # lazy: a conforming run on Oxigraph imports neither rdflib nor pyshacl
    from rdflib import RDF, BNode, Literal, URIRef

    from .quality import is_ill_typed
    from .terms import show

    reports = list(results_graph.subjects(RDF.type, URIRef(SH + "ValidationReport")))
    if not reports:
        return False
    added = False
    for subject, prop, value in sorted(data_graph):
        if not (isinstance(value, Literal) and is_ill_typed(value)):
            continue
        node = BNode()
        datatype = show(value.datatype) if value.datatype is not None else ""
        message = f'"{value}" is not a valid {datatype} (an ill-typed literal)'
        for p, o in (
            (RDF.type, URIRef(SH + "ValidationResult")),
            (URIRef(SH + "focusNode"), subject),
            (URIRef(SH + "resultPath"), prop),
            (URIRef(SH + "value"), value),
            (URIRef(SH + "resultMessage"), Literal(message)),
            (URIRef(SH + "resultSeverity"), URIRef(SH + "Violation")),
            (URIRef(SH + "sourceConstraintComponent"), URIRef(SH + "DatatypeConstraintComponent")),
        ):
            results_graph.add((node, p, o))
        results_graph.add((reports[0], URIRef(SH + "result"), node))
        added = True
    if added:
        results_graph.set((reports[0], URIRef(SH + "conforms"), Literal(False)))
    return added


def load_shapes(paths: Iterable[Path] | None = None) -> Graph:
    """All shape files in one graph."""
    from .loading import load_files

    return load_files(resources.shape_files() if paths is None else paths)


#: ``oxigraph``: checks/shacl_oxigraph.py on the data in pyoxigraph (falls back to pyshacl for
#: shapes it does not support); ``pyshacl``: the reference.
ENGINES = ("oxigraph", "pyshacl")


def _pyshacl(sources: list[DataSource], only_data: bool = False) -> ValidationReport:
    # lazy: a conforming run on Oxigraph imports neither rdflib nor pyshacl
    import pyshacl

    from .loading import load_graph

    data_graph = load_graph(sources, only_data=only_data)
    shapes_graph = load_shapes()
    try:
        conforms, results_graph, text = pyshacl.validate(
            data_graph,
            shacl_graph=shapes_graph,
            inference="none",
            advanced=True,
            abort_on_first=False,
            allow_warnings=False,
        )
    except Exception as exc:  # a broken shape is the curator's to fix, not a crash
        raise AhtgraphError(f"validation could not run: {' '.join(str(exc).split())}") from exc
    if isinstance(results_graph, Exception):  # pyshacl returns, not raises, a ValidationFailure
        raise AhtgraphError(f"validation could not run: {' '.join(str(results_graph).split())}")
    ill_typed = _add_ill_typed(results_graph, data_graph)
    conforms = bool(conforms) and not ill_typed
    return ValidationReport(conforms, read_results(results_graph), results_graph, str(text))


def _report_graph(results: list[Any], shapes: Any) -> Graph:
    """pyshacl's report vocabulary for results found on Oxigraph; shapes' blank nodes copied."""
    # lazy: a conforming run on Oxigraph imports neither rdflib nor pyshacl
    from rdflib import RDF, BNode, Literal, URIRef

    from .graph.rdflib_terms import to_rdflib
    from .loading import new_graph

    graph = new_graph()
    graph.bind("sh", SH)
    report = BNode()
    graph.add((report, RDF.type, URIRef(SH + "ValidationReport")))
    graph.add((report, URIRef(SH + "conforms"), Literal(not results)))
    copied: set[Any] = set()

    def term(node: Any) -> Any:
        if node.__class__.__name__ == "BlankNode" and node not in copied:
            copied.add(node)
            for s, p, o in shapes.triples_of(node):
                graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
        return to_rdflib(node)

    for r in results:
        node = BNode()
        graph.add((report, URIRef(SH + "result"), node))
        graph.add((node, RDF.type, URIRef(SH + "ValidationResult")))
        graph.add((node, URIRef(SH + "focusNode"), to_rdflib(r.focus)))
        if r.path is not None:
            graph.add((node, URIRef(SH + "resultPath"), term(r.path)))
        if r.value is not None:
            graph.add((node, URIRef(SH + "value"), to_rdflib(r.value)))
        graph.add((node, URIRef(SH + "resultMessage"), Literal(r.message)))
        graph.add((node, URIRef(SH + "resultSeverity"), to_rdflib(r.severity)))
        graph.add((node, URIRef(SH + "sourceConstraintComponent"), URIRef(SH + r.component)))
        if r.shape is not None:  # an ill-typed literal breaks no shape: its datatype's own rule
            graph.add((node, URIRef(SH + "sourceShape"), term(r.shape)))
    return graph


#: The datatypes whose lexical forms Oxigraph can check by casting (XPath casts): a literal of
#: one of them that does not cast to it is ill-typed.
_CHECKED_DATATYPES = [
    "boolean",
    "date",
    "dateTime",
    "decimal",
    "double",
    "float",
    "gYear",
    "gYearMonth",
    "integer",
    "time",
]
_ILL_TYPED = (
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "SELECT ?s ?p ?o WHERE { VALUES ?dt { "
    + " ".join(f"xsd:{name}" for name in _CHECKED_DATATYPES)
    + " } ?s ?p ?o . FILTER(isLiteral(?o) && DATATYPE(?o) = ?dt) "
    "FILTER(!BOUND(?cast)) BIND("
    + "".join(f"IF(?dt = xsd:{name}, xsd:{name}(STR(?o)), " for name in _CHECKED_DATATYPES)
    + "?o"
    + ")" * len(_CHECKED_DATATYPES)
    + " AS ?cast) }"
)


def _ill_typed_on(engine: Engine) -> list[Result]:
    """One Datatype violation per ill-typed literal, found by Oxigraph's casts (no rdflib).

    The same results as ``_add_ill_typed`` gives pyshacl's report: SHACL reports a bad value
    only where a shape gives its property a datatype, but such a value is wrong wherever it is.
    """
    # lazy: a conforming run on Oxigraph imports neither rdflib nor pyshacl
    import pyoxigraph as ox

    from .checks.shacl_oxigraph import Result
    from .prefixes import shorten_iri

    violation = ox.NamedNode(SH + "Violation")
    found = []
    rows = engine.store.query(_ILL_TYPED, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        value = row["o"]
        datatype = shorten_iri(value.datatype.value)
        message = f'"{value.value}" is not a valid {datatype} (an ill-typed literal)'
        found.append(
            Result(
                row["s"], row["p"], "DatatypeConstraintComponent", None, violation, value, message
            )
        )
    return found


def _oxigraph(sources: list[DataSource], only_data: bool = False) -> ValidationReport | None:
    """The report from checks/shacl_oxigraph.py, or None when the shapes need pyshacl."""
    from .checks.shacl_oxigraph import Shapes, Unsupported, Validator, validate_with
    from .graph.engine import Engine

    try:
        engine = Engine.load(sources, only_data=only_data)
        shapes = Shapes.load(resources.shape_files())
        found = validate_with(Validator(engine, shapes)) + _ill_typed_on(engine)
    except Unsupported:
        return None
    if not found:
        return ValidationReport(True, [], lambda: _report_graph([], shapes))
    graph = _report_graph(found, shapes)
    return ValidationReport(False, read_results(graph), graph)


def validate(
    data: Iterable[str | Path | DataSource] = (),
    *,
    engine: str = "oxigraph",
    only_data: bool = False,
) -> ValidationReport:
    """Validate the shipped graph plus ``data`` (``only_data``: ``data`` alone) against every
    shape in ``shapes/``."""
    from .loading import data_sources

    if engine not in ENGINES:
        raise AhtgraphError(f"unknown validation engine '{engine}': use {' or '.join(ENGINES)}")
    sources = data_sources(data)  # standard input is read once, here
    if engine == "oxigraph":
        report = _oxigraph(sources, only_data)
        if report is not None:
            return report
    return _pyshacl(sources, only_data)
