"""Writing a graph as text, byte-identical for the same triples whatever the parse order.

* turtle: rdflib's serializer already sorts subjects and predicates;
* nt: rdflib writes in store order, so the lines are sorted;
* jsonld: our own writer (``jsonld.py``), since rdflib's orders nodes by hash;
* xml: rdflib's RDF/XML, fed the triples in sorted order;
* trig: the triples in the default graph (rdflib would name a Graph's content with a random
  blank node).

Only our fixed prefixes are bound, so the output does not depend on the files' own prefixes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

#: Choices for ``export --format`` and for graph-shaped query results.
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "xml", "trig")


def _canonical(graph: Graph) -> Graph:
    """A copy with only our prefixes bound and blank nodes given repeatable labels."""
    # lazy: GRAPH_FORMATS is read at start-up (cli.export, results)
    from rdflib import BNode

    from .loading import new_graph

    if any(isinstance(t, BNode) for triple in graph for t in triple):
        # lazy: GRAPH_FORMATS is read at start-up (cli.export, results)
        from rdflib.compare import to_canonical_graph

        graph = to_canonical_graph(graph)
    out = new_graph()
    # rdflib's in-memory store iterates in insertion order, so sorted insertion gives every
    # serializer (RDF/XML in particular, which does not sort) a repeatable order.
    for triple in sorted(graph):
        out.add(triple)
    return out


def _subject_sorted(graph: Graph) -> Graph:
    """A copy whose ``subjects()`` come sorted: rdflib's RDF/XML writer walks them in hash order."""
    # lazy: GRAPH_FORMATS is read at start-up (cli.export, results)
    from rdflib import Graph

    class SubjectSorted(Graph):
        """A Graph listing its subjects in sorted order."""

        def subjects(self, predicate=None, object=None, unique=False):  # type: ignore[no-untyped-def]
            return iter(sorted(set(super().subjects(predicate, object))))

    out = SubjectSorted(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(graph):
        out.add(triple)
    return out


def dumps(graph: Graph, fmt: str) -> str:
    """The graph in ``fmt`` (one of GRAPH_FORMATS) as text."""
    if fmt == "jsonld":
        from . import jsonld

        return jsonld.dumps(graph)
    graph = _canonical(graph)
    if fmt == "nt":
        lines = graph.serialize(format="nt").splitlines()
        return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())
    if fmt == "turtle":
        return graph.serialize(format="turtle")
    if fmt == "xml":
        return _subject_sorted(graph).serialize(format="xml")
    if fmt == "trig":
        # lazy: GRAPH_FORMATS is read at start-up (cli.export, results)
        from rdflib import Dataset

        from .prefixes import PREFIXES

        dataset = Dataset()
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace, override=True, replace=True)
        for triple in sorted(graph):
            dataset.add(triple)
        return dataset.serialize(format="trig")
    raise ValueError(f"unknown graph format {fmt!r}")
