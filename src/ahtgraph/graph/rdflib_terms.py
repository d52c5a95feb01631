"""pyoxigraph terms as rdflib terms, for the notebook API only.

Why a boundary: the engine answers in pyoxigraph's terms (no rdflib on the query path), but
``ahtgraph.query()`` has always returned rdflib terms and notebook code relies on them
(``URIRef`` comparisons, ``Literal.toPython()``). Converting once, at the edge, keeps both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from ..loading import new_graph, quiet_ill_typed_literals

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: Any) -> Node:
    """The rdflib term for a pyoxigraph NamedNode, BlankNode or Literal."""
    quiet_ill_typed_literals()  # an ill-typed literal is reported, not logged with a traceback
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"no rdflib term for {term!r} (RDF-star triples are not supported)")


def to_graph(triples: Iterable[Any]) -> Graph:
    """An rdflib Graph (with our prefixes bound) holding pyoxigraph triples."""
    graph = new_graph()
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph
