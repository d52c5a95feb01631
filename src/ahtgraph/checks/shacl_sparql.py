"""The SHACL-SPARQL half of validation, run as SPARQL on Oxigraph.

Why: measured on the shipped graph (3,131 triples), three quarters of ``ahtgraph validate``
went into pyshacl running the shapes' SPARQL targets (``sh:SPARQLTarget``) and constraints
(``sh:sparql``) on rdflib's evaluator, which scans every triple for each ``FILTER (?p IN ...)``;
on 100k triples it did not finish in 300 s. Oxigraph answers the same queries in milliseconds.

:func:`split` takes the shapes graph and the data (loaded in an :class:`Engine`) and returns

* a copy of the shapes graph for pyshacl in which every SPARQL target is replaced by the
  ``sh:targetNode`` list Oxigraph found, and every SPARQL constraint of a node shape removed;
* the validation results of those SPARQL constraints, computed here following SHACL 1.0
  section 5 (``$this`` pre-bound for every focus node of the shape, one result per solution,
  ``?path`` and ``?value`` from the solution, the focus node as value when none is bound,
  ``{?var}`` in messages replaced by the solution's values).

pyshacl then runs only the core constraints, and stays the reference: ``engine="pyshacl"``
runs everything in pyshacl, and tests/test_shapes.py checks both give the same report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from ..graph.engine import Engine

SH = "http://www.w3.org/ns/shacl#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class SparqlResult:
    """One result of a SPARQL constraint, in rdflib terms (as pyshacl's results are)."""

    focus_node: Node
    path: Node | None
    value: Node | None
    message: str
    source_shape: Node
    severity: Node
    constraint: Node


def _prefixes(shapes: Graph, node: Node) -> str:
    """The ``PREFIX`` lines a SPARQL target or constraint declares with ``sh:prefixes``."""
    from rdflib import URIRef

    lines = []
    for owner in shapes.objects(node, URIRef(SH + "prefixes")):
        for decl in shapes.objects(owner, URIRef(SH + "declare")):
            prefix = shapes.value(decl, URIRef(SH + "prefix"))
            namespace = shapes.value(decl, URIRef(SH + "namespace"))
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _select(shapes: Graph, node: Node) -> str | None:
    from rdflib import URIRef

    text = shapes.value(node, URIRef(SH + "select"))
    return None if text is None else _prefixes(shapes, node) + str(text)


def _rows(engine: Engine, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    from ..graph.engine import Rows

    answer = engine.query(text, params)
    assert isinstance(answer, Rows)
    names = answer.variables
    return [dict(zip(names, row, strict=True)) for row in answer]


def _targets(engine: Engine, shapes: Graph, shape: Node) -> set[Any]:
    """Focus nodes of a shape's declared (non-SPARQL) targets, as pyoxigraph terms."""
    from rdflib import URIRef

    from ..graph.engine import to_term

    found: set[Any] = set()
    for node in shapes.objects(shape, URIRef(SH + "targetNode")):
        found.add(to_term(node))
    for cls in shapes.objects(shape, URIRef(SH + "targetClass")):
        query = (
            "SELECT DISTINCT ?this WHERE { ?this a/<http://www.w3.org/2000/01/rdf-schema#"
            f"subClassOf>* <{cls}> }}"
        )
        found.update(r["this"] for r in _rows(engine, query))
    if (shape, URIRef(_RDF_TYPE), URIRef(SH + "NodeShape")) in shapes and (
        shape,
        URIRef(_RDF_TYPE),
        URIRef("http://www.w3.org/2000/01/rdf-schema#Class"),
    ) in shapes:
        found.update(r["this"] for r in _rows(engine, f"SELECT ?this {{ ?this a <{shape}> }}"))
    for predicate, position in (
        ("targetSubjectsOf", "?this ?p ?o"),
        ("targetObjectsOf", "?s ?p ?this"),
    ):
        for prop in shapes.objects(shape, URIRef(SH + predicate)):
            query = f"SELECT DISTINCT ?this WHERE {{ {position.replace('?p', f'<{prop}>')} }}"
            found.update(r["this"] for r in _rows(engine, query))
    return found


def _message(template: str, row: dict[str, Any]) -> str:
    from ..graph.rdflib_terms import to_rdflib

    def fill(match: re.Match[str]) -> str:
        term = row.get(match.group(1))
        return match.group(0) if term is None else str(to_rdflib(term))

    return re.sub(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", fill, template)


def split(shapes: Graph, engine: Engine) -> tuple[Graph, list[SparqlResult]]:
    """(shapes for pyshacl's core run, results of the SPARQL constraints); see module doc."""
    from rdflib import Graph, Literal, URIRef

    from ..graph.rdflib_terms import to_rdflib

    core = Graph(bind_namespaces="none")
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace)
    for triple in shapes:
        core.add(triple)

    sh_target, sh_sparql = URIRef(SH + "target"), URIRef(SH + "sparql")
    focus: dict[Node, set[Any]] = {}
    for shape, target in list(shapes.subject_objects(sh_target)):
        if (target, URIRef(_RDF_TYPE), URIRef(SH + "SPARQLTarget")) not in shapes:
            continue
        text = _select(shapes, target)
        if text is None:
            continue
        nodes = {r["this"] for r in _rows(engine, text) if r.get("this") is not None}
        focus.setdefault(shape, set()).update(nodes)
        core.remove((shape, sh_target, target))
        for node in nodes:
            core.add((shape, URIRef(SH + "targetNode"), to_rdflib(node)))

    results: list[SparqlResult] = []
    for shape, constraint in list(shapes.subject_objects(sh_sparql)):
        if shapes.value(shape, URIRef(SH + "path")) is not None:
            continue  # a property shape's SPARQL constraint ($PATH) stays with pyshacl
        core.remove((shape, sh_sparql, constraint))
        if shapes.value(constraint, URIRef(SH + "deactivated")) == Literal(True):
            continue
        text = _select(shapes, constraint)
        if text is None:
            continue
        nodes = focus.get(shape, set()) | _targets(engine, shapes, shape)
        if not nodes:
            continue
        severity = shapes.value(shape, URIRef(SH + "severity")) or URIRef(SH + "Violation")
        templates = [str(m) for m in shapes.objects(constraint, URIRef(SH + "message"))]
        rows = _rows(engine, text, {"this": sorted(nodes, key=str)})
        for row in rows:
            if row.get("failure") is not None:
                raise RuntimeError(f"the SPARQL constraint of {shape} reported a failure")
            this = row.get("this")
            if this is None:
                continue
            value = row.get("value")
            path = row.get("path")
            results.append(
                SparqlResult(
                    focus_node=to_rdflib(this),
                    path=None if path is None else to_rdflib(path),
                    value=to_rdflib(value if value is not None else this),
                    message=" ".join(sorted(_message(t, row) for t in templates)),
                    source_shape=shape,
                    severity=severity,
                    constraint=constraint,
                )
            )
    return core, results
