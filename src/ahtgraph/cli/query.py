"""``ahtgraph query``: one SPARQL query on the shipped graph, ``--data`` or an endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from .. import named_queries
from ..errors import AhtgraphError
from ..results import ALL_FORMATS
from .options import (
    PARAM_BINDING,
    any_path,
    complete_query_name,
    data_option,
    endpoint_auth_options,
    file_path,
    format_option,
    output_file_option,
    progress_options,
    table_width,
    table_width_options,
)


def _list_queries(fmt: str | None) -> None:
    queries = named_queries.catalogue()
    if fmt == "json":
        import json

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
@click.argument("query", required=False, shell_complete=complete_query_name)
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
    "--named-graph",
    "named_graphs",
    multiple=True,
    metavar="FILE[=IRI]",
    help="Load FILE as a named graph, named IRI or, without it, the file's own IRI "
    "(repeatable; as arq's --namedGraph).",
)
@click.option(
    "--store-dir",
    type=any_path(file_okay=False),
    metavar="DIR",
    help="Keep the loaded graph in an on-disk store in DIR and reuse it while the input "
    "files are unchanged (an empty or new folder, or one ahtgraph made).",
)
@click.option(
    "--store",
    type=click.Choice(["oxigraph", "rdflib"]),
    default="oxigraph",
    show_default=True,
    help="Engine for the local graph: oxigraph (pyoxigraph), or rdflib for comparison only.",
)
@output_file_option
@endpoint_auth_options
@table_width_options
@progress_options
def query(
    query: str | None,
    query_file: Path | None,
    list_queries: bool,
    fmt: str | None,
    data: Sequence[Path],
    params: Sequence[tuple[str, str]],
    allow_service: bool,
    endpoint: str | None,
    only_data: bool,
    named_graphs: Sequence[str],
    store_dir: Path | None,
    store: str,
    output: Path | None,
    force: bool,
    user: str | None,
    password: str | None,
    timeout: float,
    width: int | None,
    no_truncate: bool,
) -> None:
    """Run one SPARQL query: inline text, a named query, or -f FILE.

    A single word is the name of a query in queries/ (see --list). Updates
    (INSERT, DELETE, ...) are refused: the graph is read-only.

    \b
    Examples:
      ahtgraph query --list
      ahtgraph query funded-centres
      ahtgraph query publications --param organisation=id:myria --format json
      ahtgraph query 'SELECT ?s WHERE { ?s a <https://w3id.org/ahtgraph/ontology#Campaign> }'
      ahtgraph query -f my-query.rq --data extra.ttl --format csv
      ahtgraph query funded-centres --endpoint http://localhost:7878/query
      ahtgraph query search --param text=traite --param text=traite --format csv
      ahtgraph query --only-data --data mine.ttl --named-graph g.ttl -f q.rq
      ahtgraph query funded-centres --timeout 5 -o centres.csv --format csv

    With --only-data the default graph is the --data files' default graphs
    alone and every named graph (from .trig/.nq files or --named-graph) stays
    separate, as in arq and the W3C tests; otherwise the default graph is the
    union of all graphs.

    \b
    Exit status: 0 done; 2 bad input; 3 --timeout reached (rows already written to
    stdout stay there; a file given with -o is left as it was).
    """
    if list_queries:
        _list_queries(fmt)
        return
    max_width = table_width(width, no_truncate)
    ctx = click.get_current_context()
    default = click.core.ParameterSource.DEFAULT
    timeout_given = ctx.get_parameter_source("timeout") is not default
    if endpoint is not None and ctx.get_parameter_source("store") is not default:
        raise AhtgraphError("give either --endpoint or --store, not both")
    text = _query_text(query, query_file)
    if endpoint is None and (user is not None or password is not None):
        raise AhtgraphError("--user and --password are for --endpoint")
    local_only = {"--only-data": only_data, "--named-graph": named_graphs, "--store-dir": store_dir}
    if endpoint is not None or store == "rdflib":
        given = [name for name, value in local_only.items() if value]
        if given:
            where = "--endpoint" if endpoint is not None else "--store rdflib"
            raise AhtgraphError(f"{given[0]} is for the Oxigraph engine, not {where}")
    if endpoint is None and store == "oxigraph":
        from ..output import check_output
        from ..queries.run import run_local

        check_output(output, force)
        run_local(
            text,
            params,
            data=data,
            named_graphs=named_graphs,
            only_data=only_data,
            store_dir=store_dir,
            fmt=fmt,
            output=output,
            force=force,
            allow_service=allow_service,
            timeout=timeout if timeout_given else None,
            base_iri=query_file.resolve().as_uri() if query_file is not None else None,
            max_width=max_width,
        )
        return
    # The CLI boundary: rdflib and HTTP load only when a query runs.
    from .. import params as params_module
    from .. import results, sparql
    from ..loading import load_graph
    from ..output import open_output

    prepared = sparql.prepare(text, allow_service=allow_service)
    names = [name for name, _ in params]
    repeated = len(set(names)) < len(names)
    if repeated and endpoint is None:
        raise AhtgraphError("a repeated --param needs the Oxigraph engine, not --store rdflib")
    bindings = params_module.bindings(params)
    sparql.check_bindings(prepared, bindings)
    if repeated:
        # Several values for one name: one VALUES block per name at the top of the WHERE
        # group, written by the engine's binder, as a local query gets them.
        from ..graph.engine import group_params, with_values
        from ..queries.inspect import inspect

        text = with_values(text, inspect(text), group_params([f"{n}={v}" for n, v in params]))
        bindings = {}
    if endpoint is not None:
        from .. import remote

        if data:
            raise AhtgraphError("--data is for the local graph; load it into the store instead")
        target = remote.Endpoint(endpoint, user, password, timeout)
        result = remote.query(target, prepared, text, bindings)
    else:
        result = sparql.run(load_graph(data), prepared, bindings)
    rendered = results.render(result, fmt, max_width)
    with open_output(output, force) as sink:
        sink.write(rendered)
