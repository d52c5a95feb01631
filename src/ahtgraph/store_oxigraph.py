"""``query --store oxigraph``: the same query over the same graph, in an in-memory pyoxigraph Store.

Why: docs/scale.md measured rdflib and pyoxigraph from 10k to 1M triples; pyoxigraph parses and
queries large user data one to three orders of magnitude faster in a fraction of the memory.
The shipped graph and ``--data`` files are read by pyoxigraph's own parsers (Turtle,
N-Triples, N-Quads, TriG, RDF/XML), relative IRIs resolved against the file as rdflib does;
JSON-LD and N3 go through rdflib first (rdflib's JSON-LD reading and N3 dialect are the
reference). Quads from named graphs are merged into the default graph, as with rdflib.

The query is the one :mod:`ahtgraph.sparql` checked; ``--param`` values are bound by the same
VALUES block as for ``--endpoint`` (:mod:`ahtgraph.values`). Answers are serialised by
pyoxigraph as SPARQL JSON results or N-Triples and read back into an rdflib ``Result``, so
every output format prints exactly as with the default store.

pyoxigraph is optional (``pip install 'ahtgraph[oxigraph]'``) and imported only here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import AhtgraphError
from .loading import DataSource, data_sources

if TYPE_CHECKING:
    from rdflib.query import Result
    from rdflib.term import Identifier

    from .sparql import PreparedQuery

#: rdflib parser name → pyoxigraph RdfFormat attribute, for the syntaxes pyoxigraph reads itself.
_NATIVE = {
    "turtle": "TURTLE",
    "nt": "N_TRIPLES",
    "nquads": "N_QUADS",
    "trig": "TRIG",
    "xml": "RDF_XML",
}
_QUADS = {"nquads", "trig"}
WHERE = "the oxigraph store"


def _pyoxigraph() -> Any:
    try:
        import pyoxigraph
    except ImportError:
        raise AhtgraphError(
            "--store oxigraph needs pyoxigraph: pip install 'ahtgraph[oxigraph]'"
        ) from None
    return pyoxigraph


def _load_file(ox: Any, store: Any, source: DataSource) -> None:
    fmt = source.format
    try:
        if fmt not in _NATIVE:  # JSON-LD, N3: rdflib reads them, pyoxigraph gets N-Triples
            from .loading import load_files

            text = load_files([source]).serialize(format="nt")
            store.load(input=text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
            return
        rdf_format = getattr(ox.RdfFormat, _NATIVE[fmt])
        where: dict[str, Any] = (
            {"path": str(source.path)} if source.plain_file else {"input": source.read_bytes()}
        )
        if fmt in _QUADS:
            quads = ox.parse(format=rdf_format, base_iri=source.base_iri, **where)
            store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        else:
            store.load(
                format=rdf_format,
                base_iri=source.base_iri,
                to_graph=ox.DefaultGraph(),
                **where,
            )
    except AhtgraphError:
        raise
    except SyntaxError as exc:
        raise AhtgraphError(f"cannot parse {source.name} as {fmt}: {exc.msg}") from exc
    except (ValueError, OSError) as exc:
        raise AhtgraphError(f"cannot load {source.name}: {' '.join(str(exc).split())}") from exc


def load_store(data: Iterable[str | Path | DataSource] = ()) -> Any:
    """An in-memory pyoxigraph Store with the shipped graph plus ``data`` in its default graph."""
    ox = _pyoxigraph()
    extra = data_sources(data)
    store = ox.Store()
    for source in [*data_sources(resources.graph_files()), *extra]:
        _load_file(ox, store, source)
    return store


def run(
    store: Any,
    prepared: PreparedQuery,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
) -> Result:
    """Evaluate a checked query in ``store``; the answer as an rdflib Result."""
    from rdflib.query import Result

    from . import remote, values

    ox = _pyoxigraph()
    sent = values.bind(text, bindings or {})
    try:
        answer = store.query(sent)
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        if isinstance(answer, ox.QueryTriples):
            body = answer.serialize(format=ox.RdfFormat.N_TRIPLES)
            return remote.parse_graph(body, "application/n-triples", prepared.form, WHERE)
        body = answer.serialize(format=ox.QueryResultsFormat.JSON)
    except AhtgraphError:
        raise
    except Exception as exc:  # pyoxigraph raises SyntaxError/RuntimeError/OSError
        raise AhtgraphError(f"query failed: {' '.join(str(exc).split())}") from exc
    return remote.align_vars(remote.parse_rows(body, prepared.form, WHERE), prepared)


def query(
    data: Iterable[str | Path | DataSource],
    prepared: PreparedQuery,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
) -> Result:
    """Load the graph (+ ``data``) into a fresh Store and run the query there."""
    return run(load_store(data), prepared, text, bindings)
