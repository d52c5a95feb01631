"""``ahtgraph query``: one SPARQL query on the shipped graph, ``--data`` or an endpoint."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from .. import named_queries
from ..errors import AhtgraphError
from ..results import ALL_FORMATS
from .options import PARAM_BINDING, data_option, endpoint_auth_options, file_path, format_option


def _list_queries(fmt: str | None) -> None:
    queries = named_queries.catalogue()
    if fmt == "json":
        listing = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [{"name": p.name, "description": p.description} for p in q.params],
            }
            for q in queries
        ]
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    if fmt not in (None, "table"):
        raise AhtgraphError("query --list prints as table or json")
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        params = f" (params: {', '.join(p.name for p in q.params)})" if q.params else ""
        click.echo(f"{q.name.ljust(width)}  {q.title or '(no title)'}{params}")


def _query_text(query: str | None, query_file: Path | None) -> str:
    if query is not None and query_file is not None:
        raise AhtgraphError("give either a query (text or name) or -f FILE, not both")
    if query_file is not None:
        if not query_file.is_file():
            raise AhtgraphError(f"query file not found: {query_file}")
        return query_file.read_text(encoding="utf-8")
    if query is None or not query.strip():
        raise AhtgraphError("no query: give SPARQL text, a query name or -f FILE (see --help)")
    return named_queries.text_for(query)


@click.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=file_path(),
    metavar="FILE.rq",
    help="Read the query from this file.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@format_option(
    ALL_FORMATS,
    "SELECT/ASK: table (default), csv, tsv, json, xml. "
    "CONSTRUCT/DESCRIBE: turtle (default), nt, jsonld, xml, trig.",
)
@data_option
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    type=PARAM_BINDING,
    metavar="NAME=VALUE",
    help="Bind ?NAME (repeatable): a plain literal by default, <IRI> for an IRI, "
    "id:slug for an ahtgraph entity.",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE clauses fetch data from remote endpoints (refused by default).",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Send the query to this SPARQL 1.1 endpoint instead of the shipped graph "
    "(see docs/stores.md).",
)
@click.option(
    "--store",
    type=click.Choice(["rdflib", "oxigraph"]),
    default="rdflib",
    show_default=True,
    help="Engine for the shipped graph (+ --data): oxigraph is faster on large data "
    "(pip install 'ahtgraph[oxigraph]').",
)
@endpoint_auth_options
def query(
    query: str | None,
    query_file: Path | None,
    list_queries: bool,
    fmt: str | None,
    data: Sequence[Path],
    params: Sequence[tuple[str, str]],
    allow_service: bool,
    endpoint: str | None,
    store: str,
    user: str | None,
    password: str | None,
    timeout: float,
) -> None:
    """Run one SPARQL query: inline text, a named query, or -f FILE.

    A single word is the name of a query in queries/ (see --list). Updates
    (INSERT, DELETE, ...) are refused: the graph is read-only.

    \b
    Examples:
      ahtgraph query --list
      ahtgraph query funded-centres
      ahtgraph query publications-of --param entity=id:payoke --format json
      ahtgraph query 'SELECT ?s WHERE { ?s a <https://w3id.org/ahtgraph/ontology#NGO> }'
      ahtgraph query -f my-query.rq --data extra.ttl --format csv
      ahtgraph query funded-centres --endpoint http://localhost:7878/query
      ahtgraph query search --param text=traite --store oxigraph
    """
    if list_queries:
        _list_queries(fmt)
        return
    # The CLI boundary: the engines (rdflib, pyoxigraph, HTTP) load only when a query runs.
    from .. import params as params_module
    from .. import results, sparql
    from ..loading import load_graph

    text = _query_text(query, query_file)
    prepared = sparql.prepare(text, allow_service=allow_service)
    bindings = params_module.bindings(params)
    sparql.check_bindings(prepared, bindings)
    if endpoint is None and (user is not None or password is not None):
        raise AhtgraphError("--user and --password are for --endpoint")
    if endpoint is not None:
        from .. import remote

        if store != "rdflib":
            raise AhtgraphError("give either --endpoint or --store, not both")
        if data:
            raise AhtgraphError("--data is for the local graph; load it into the store instead")
        target = remote.Endpoint(endpoint, user, password, timeout)
        result = remote.query(target, prepared, text, bindings)
    elif store == "oxigraph":
        from .. import store_oxigraph

        result = store_oxigraph.query(data, prepared, text, bindings)
    else:
        result = sparql.run(load_graph(data), prepared, bindings)
    click.echo(results.render(result, fmt), nl=False)
