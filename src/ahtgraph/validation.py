"""Running the SHACL shapes over the graph and reading pyshacl's answer into plain objects.

``advanced=True`` so SPARQL-based constraints and targets run; no inference, so the report
speaks about the triples as written. The ontology is part of the data graph already (it is
``data/ontology.ttl``), so it is not passed again as ``ont_graph``: with inference off that would
only merge the same triples a second time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

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
    """The outcome of a validation run, for code (``results``) and for RDF tools (``graph``)."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph | None = None
    text: str = ""


def _one(graph: Graph, subject: Node, name: str) -> Node | None:
    from rdflib import URIRef

    return graph.value(subject, URIRef(SH + name))


def read_results(results_graph: Graph) -> list[ValidationResult]:
    """Every top-level result of a pyshacl report, sorted by focus node, path and component.

    Only the report's own ``sh:result`` entries count: pyshacl also types the nested
    ``sh:detail`` results of ``sh:node``/``sh:or`` as ``sh:ValidationResult``, and listing those
    would report one broken rule several times.
    """
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


#: ``oxigraph``: SHACL-SPARQL targets and constraints run on Oxigraph, core constraints in
#: pyshacl (:mod:`ahtgraph.checks.shacl_sparql`); ``pyshacl``: everything in pyshacl, the
#: reference the fast path is tested against.
ENGINES = ("oxigraph", "pyshacl")


def _add_results(results_graph: Graph, extra: list[Any]) -> None:
    """Write the SPARQL constraints' results into pyshacl's report graph, as pyshacl would."""
    from rdflib import RDF, BNode, Literal, URIRef

    reports = list(results_graph.subjects(RDF.type, URIRef(SH + "ValidationReport")))
    if not reports or not extra:
        return
    report = reports[0]
    for r in extra:
        node = BNode()
        results_graph.add((report, URIRef(SH + "result"), node))
        results_graph.add((node, RDF.type, URIRef(SH + "ValidationResult")))
        results_graph.add((node, URIRef(SH + "focusNode"), r.focus_node))
        if r.path is not None:
            results_graph.add((node, URIRef(SH + "resultPath"), r.path))
        if r.value is not None:
            results_graph.add((node, URIRef(SH + "value"), r.value))
        if r.message:
            results_graph.add((node, URIRef(SH + "resultMessage"), Literal(r.message)))
        results_graph.add((node, URIRef(SH + "resultSeverity"), r.severity))
        component = URIRef(SH + "SPARQLConstraintComponent")
        results_graph.add((node, URIRef(SH + "sourceConstraintComponent"), component))
        results_graph.add((node, URIRef(SH + "sourceShape"), r.source_shape))
        results_graph.add((node, URIRef(SH + "sourceConstraint"), r.constraint))
    results_graph.set((report, URIRef(SH + "conforms"), Literal(False)))


def _engine(data_graph: Graph, sources: Sequence[DataSource]) -> Engine:
    """The SPARQL engine for the shapes' SPARQL constraints, on the same data as pyshacl.

    Plain files named by their extension are loaded by the engine itself (the quick path);
    standard input, gzip and ``--data-format`` sources were already read into ``data_graph``,
    which the engine then receives as N-Triples (a source cannot be read twice).
    """
    import pyoxigraph as ox

    from .graph.engine import Engine
    from .loading import guess_format

    if all(s.plain_file and s.path and guess_format(s.path) == s.format for s in sources):
        return Engine.load([s.path for s in sources if s.path is not None])
    store = ox.Store()
    store.load(input=data_graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    return Engine(store)


def validate(
    data: Iterable[str | Path | DataSource] = (), *, engine: str = "oxigraph"
) -> ValidationReport:
    """Validate the shipped graph plus ``data`` against every shape in ``shapes/``."""
    import pyshacl

    from .loading import data_sources, load_graph

    if engine not in ENGINES:
        raise AhtgraphError(f"unknown validation engine '{engine}': use {' or '.join(ENGINES)}")
    sources = data_sources(data)  # standard input is read once, here
    data_graph = load_graph(sources)
    shapes_graph = load_shapes()
    extra: list[Any] = []
    if engine == "oxigraph":
        from .checks.shacl_sparql import split

        shapes_graph, extra = split(shapes_graph, _engine(data_graph, sources))
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
    _add_results(results_graph, extra)
    ill_typed = _add_ill_typed(results_graph, data_graph)
    conforms = bool(conforms) and not extra and not ill_typed
    return ValidationReport(conforms, read_results(results_graph), results_graph, str(text))
