"""What the shell completes: named query names and entity slugs (``docs/cli.md``).

Completion runs a whole ``ahtgraph`` process on every Tab, so it stays light: query names come
from the ``queries/*.rq`` file names and slugs from pyoxigraph's parser over the shipped Turtle
(no rdflib, no store). Any failure completes nothing rather than printing a traceback into the
user's prompt.
"""

from __future__ import annotations

from . import named_queries, resources
from .prefixes import ID

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def query_names(incomplete: str) -> list[str]:
    """The named queries whose name starts with ``incomplete``, sorted."""
    try:
        names = [q.name for q in named_queries.catalogue()]
    except (OSError, ValueError):
        return []
    return sorted(n for n in names if n.startswith(incomplete))


def entity_slugs() -> list[str]:
    """The slugs of every typed entity in the shipped graph (``payoke`` for ``id:payoke``)."""
    # lazy: Tab completion of query names needs no pyoxigraph
    import pyoxigraph as ox

    slugs: set[str] = set()
    for path in resources.graph_files():
        try:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
                subject = quad.subject
                if (
                    isinstance(subject, ox.NamedNode)
                    and quad.predicate.value == _RDF_TYPE
                    and subject.value.startswith(ID)
                ):
                    slugs.add(subject.value[len(ID) :])
        except (OSError, SyntaxError):
            continue
    return sorted(slugs)


def entities(incomplete: str) -> list[str]:
    """Slugs starting with ``incomplete``; ``id:slug`` when the user began with ``id:``."""
    try:
        slugs = entity_slugs()
    except (OSError, FileNotFoundError):
        return []
    if incomplete.startswith("id:"):
        rest = incomplete[3:]
        return [f"id:{s}" for s in slugs if s.startswith(rest)]
    return [s for s in slugs if s.startswith(incomplete)]
