"""Running the SHACL shapes over the graph and reading pyshacl's answer into plain objects.

``advanced=True`` so SPARQL-based constraints and targets run; no inference, so the report
speaks about the triples as written. The ontology is part of the data graph already (it is
``data/ontology.ttl``), so it is not passed again as ``ont_graph``: with inference off that would
only merge the same triples a second time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

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
        messages = sorted(str(m) for m in results_graph.objects(node, URIRef(SH + "resultMessage")))
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


def validate(data: Iterable[str | Path] = (), *, engine: str = "oxigraph") -> ValidationReport:
    """Validate the shipped graph plus ``data`` against every shape in ``shapes/``."""
    import pyshacl

    from .loading import load_graph

    if engine not in ENGINES:
        raise AhtgraphError(f"unknown validation engine '{engine}': use {' or '.join(ENGINES)}")
    data_graph = load_graph(data)
    shapes_graph = load_shapes()
    extra: list[Any] = []
    if engine == "oxigraph":
        from .checks.shacl_sparql import split
        from .graph.engine import Engine

        shapes_graph, extra = split(shapes_graph, Engine.load(data))
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
    conforms = bool(conforms) and not extra
    return ValidationReport(conforms, read_results(results_graph), results_graph, str(text))
