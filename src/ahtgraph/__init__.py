"""ahtgraph: an RDF knowledge graph of organisations fighting human trafficking.

The notebook API is three functions; each imports rdflib/pyshacl only when called, so
``import ahtgraph`` (and the CLI's ``--help``) stays instant::

    import ahtgraph
    g = ahtgraph.load()                                   # rdflib.Graph of the shipped data
    rows = ahtgraph.query("funded-centres")               # a named query, or SPARQL text
    rows = ahtgraph.query("SELECT ?o WHERE { ?entity aht:funds ?o }",
                          params={"entity": "id:fps-justice"})
    report = ahtgraph.validate()                          # report.conforms, report.results

Errors in the caller's input (bad SPARQL, unknown query, unreadable file) raise
:class:`ahtgraph.errors.AhtgraphError` with a one-line message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from .validation import ValidationReport

__all__ = ["AhtgraphError", "load", "query", "validate"]

Row = dict[str, "Node"]


def load(data: Iterable[str | Path] = ()) -> Graph:
    """The shipped graph, plus the triples of the extra RDF files in ``data``.

    Each call parses afresh and returns a new graph, so changing it cannot affect the next call.
    """
    from .loading import load_graph

    return load_graph(data)


def query(
    text: str,
    params: Mapping[str, Any] | None = None,
    data: Iterable[str | Path] = (),
    *,
    allow_service: bool = False,
    named_graphs: Iterable[str | Path] = (),
    only_data: bool = False,
    timeout: float | None = None,
) -> list[Row] | bool | Graph:
    """Run one SPARQL query (or a named query, by name) over the graph.

    The engine is pyoxigraph (:mod:`ahtgraph.graph.engine`), the same as ``ahtgraph query``,
    so the rows are the CLI's rows; they are converted to rdflib terms here, at the edge.
    ``params`` binds query variables without pasting values into the text: rdflib or
    pyoxigraph terms are used as given, ``"<https://...>"`` becomes an IRI, ``"id:slug"`` an
    ahtgraph entity, any other value a literal; a list gives several values (a VALUES
    block). ``named_graphs`` are files loaded as named graphs (``"FILE=IRI"`` names one);
    ``only_data`` leaves the shipped graph out; ``timeout`` (seconds) stops a long query.
    Returns a list of ``{variable: term}`` dicts (unbound variables left out) for SELECT, a
    bool for ASK and an rdflib Graph for CONSTRUCT/DESCRIBE.
    """
    from . import named_queries
    from .graph.engine import Boolean, Engine, Rows
    from .graph.rdflib_terms import to_graph, to_rdflib

    sparql = named_queries.text_for(text)
    engine = Engine.load(data, named_graphs, only_data=only_data)
    answer = engine.query(sparql, params, allow_service=allow_service, timeout=timeout)
    if isinstance(answer, Boolean):
        return answer.value
    if isinstance(answer, Rows):
        names = answer.variables
        return [
            {
                name: to_rdflib(term)
                for name, term in zip(names, row, strict=True)
                if term is not None
            }
            for row in answer
        ]
    return to_graph(answer)


def validate(
    data: Iterable[str | Path] = (), *, engine: str = "oxigraph", only_data: bool = False
) -> ValidationReport:
    """Check the graph (plus ``data``; ``only_data``: ``data`` alone) against the SHACL shapes.

    The report has ``conforms``, ``results`` (focus node, path, constraint component,
    severity, message, source shape) and ``graph`` (the W3C SHACL report vocabulary).
    ``engine="pyshacl"`` runs the reference validator instead of the one on Oxigraph; both give
    the same results (messages may be worded differently).
    """
    from .validation import validate as run_validation

    return run_validation(data, engine=engine, only_data=only_data)
