"""A deterministic JSON-LD writer with a fixed, shipped ``@context``.

rdflib's JSON-LD serializer orders nodes by hash, so two runs differ; this writer sorts nodes by
``@id`` and keys alphabetically, and compacts IRIs with the same prefixes as ``context.jsonld``
(embedded in every document so it parses offline, without fetching a remote context).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.compare import to_canonical_graph

from .prefixes import PREFIXES

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"


@cache
def context() -> dict[str, str]:
    """The shipped ``@context``: prefix → namespace (same map as ``prefixes.PREFIXES``)."""
    text = importlib_resources.files("ahtgraph").joinpath("context.jsonld").read_text("utf-8")
    return dict(json.loads(text)["@context"])


def _compact(iri: str) -> str:
    """``prefix:local`` when a context prefix covers ``iri`` and the result cannot be misread."""
    for prefix, namespace in sorted(context().items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local and not local.startswith("//") and ":" not in local:
                return f"{prefix}:{local}"
    return iri


def _node_id(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else _compact(str(term))


def _value(term: Node) -> dict[str, str]:
    """An expanded-form value object; lexical forms are kept as strings so they round-trip."""
    if not isinstance(term, Literal):
        return {"@id": _node_id(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None:
        return {"@value": str(term), "@type": _compact(str(term.datatype))}
    return {"@value": str(term)}


def _sort_key(value: dict[str, str]) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def document(graph: Graph) -> dict[str, Any]:
    """The graph as a JSON-LD document: ``{"@context": ..., "@graph": [nodes sorted by @id]}``."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        # Blank node labels are random per parse; canonical labels make the output repeatable.
        graph = to_canonical_graph(graph)
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(_node_id(s), {"@id": _node_id(s)})
        if str(p) == RDF_TYPE and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_compact(str(o)))
        else:
            node.setdefault(_compact(str(p)), []).append(_value(o))
    for node in nodes.values():
        for key, values in node.items():
            if key == "@type":
                values.sort()
            elif key != "@id":
                values.sort(key=_sort_key)
    return {"@context": context(), "@graph": [nodes[k] for k in sorted(nodes)]}


def dumps(graph: Graph) -> str:
    """The graph as JSON-LD text, byte-identical for the same triples."""
    return json.dumps(document(graph), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
