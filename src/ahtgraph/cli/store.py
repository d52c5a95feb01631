"""``ahtgraph load``: push the graph into a SPARQL store and check it arrived.

Like the other commands it imports rdflib only when run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import AhtgraphError
from .options import data_option, endpoint_auth_options, progress_options


@click.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's SPARQL 1.1 Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store).",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Load into this named graph (default: the store's default graph).",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="Where to send the count query (default: the --endpoint URL with /store or /data "
    "replaced by /query, as Oxigraph and Fuseki lay them out).",
)
@data_option
@progress_options
@endpoint_auth_options
def load(
    endpoint: str,
    graph_iri: str | None,
    query_endpoint: str | None,
    data: Sequence[Path],
    only_data: bool,
    user: str | None,
    password: str | None,
    timeout: float,
) -> None:
    """Load the whole graph into a SPARQL store, replacing what the target graph held.

    Sends N-Triples with an HTTP PUT (SPARQL 1.1 Graph Store Protocol), so loading
    twice leaves the same triples; then counts the triples in the store and checks
    the count matches.

    \b
    Examples:
      ahtgraph load --endpoint http://localhost:7878/store
      ahtgraph load --endpoint http://localhost:7878/store --graph https://w3id.org/ahtgraph/
      ahtgraph load --endpoint https://db.example.org/ds/data --user me  # AHTGRAPH_PASSWORD set
      ahtgraph load --endpoint http://localhost:7878/store --only-data --data mine.ttl
    """
    # The CLI boundary: rdflib loads only when the command runs.
    from rdflib import URIRef

    from .. import remote, serialize
    from ..loading import load_graph

    if graph_iri is not None:
        scheme = graph_iri.split(":", 1)[0] if ":" in graph_iri else ""
        try:
            URIRef(graph_iri).n3()  # refuses spaces, quotes, <> and the like
        except Exception:
            scheme = ""
        if not (scheme[:1].isalpha() and scheme.replace("+", "").replace("-", "").isalnum()):
            raise AhtgraphError(f"--graph must be an absolute IRI, got '{graph_iri}'")
    store = remote.Endpoint(endpoint, user, password, timeout)
    if query_endpoint is not None:
        remote.check_url(query_endpoint, "--query-endpoint")
    counter = remote.Endpoint(
        query_endpoint or remote.query_endpoint_for(endpoint), user, password, timeout
    )
    graph = load_graph(data, only_data=only_data)
    expected = len(graph)
    remote.put_graph(store, graph_iri, serialize.dumps(graph, "nt").encode("utf-8"))
    found = remote.count_triples(counter, graph_iri)
    where = f"<{graph_iri}>" if graph_iri else "the default graph"
    if found != expected:
        raise AhtgraphError(
            f"loaded {expected} triples into {where} at {endpoint}, but the store now counts "
            f"{found} there (via {counter.url}): check --graph and --query-endpoint"
        )
    click.echo(f"loaded {expected} triples into {where} at {endpoint} (verified)")
