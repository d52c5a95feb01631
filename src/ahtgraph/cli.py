"""The ``ahtgraph`` command line: query, validate, export and describe the graph.

Only click and our light modules are imported at start-up; rdflib and pyshacl are imported
inside the commands that use them, so ``ahtgraph --help`` answers at once. Every error the
user can cause becomes one ``Error: ...`` line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import named_queries
from .cli_options import data_option as _data_option
from .errors import AhtgraphError
from .results import ALL_FORMATS
from .serialize import GRAPH_FORMATS

#: Exit status for errors in what the user asked (click uses 2 for usage errors too).
EXIT_USAGE = 2
#: Exit status of ``validate`` when the graph does not conform.
EXIT_INVALID = 1


class _Group(click.Group):
    """A click group that turns AhtgraphError and file-system errors into one-line errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AhtgraphError as exc:
            raise _one_line(exc.message) from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            where = f": {exc.filename}" if exc.filename else ""
            raise _one_line(f"{exc.strerror or exc}{where}") from None


def _one_line(message: str) -> click.ClickException:
    error = click.ClickException(" ".join(message.split()))
    error.exit_code = EXIT_USAGE
    return error


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Query, validate, export and describe the ahtgraph knowledge graph.

    The graph ships with the package; --data adds your own RDF files to it for one command.
    Set AHTGRAPH_RESOURCES to a folder with data/, shapes/ and queries/ to use another copy.

    \b
    Examples:
      ahtgraph query --list
      ahtgraph query funded-centres --format csv
      ahtgraph describe payoke
      ahtgraph validate
      ahtgraph export --format jsonld -o ahtgraph.jsonld
      ahtgraph check
      ahtgraph sources check page.wp.json
    """


# --------------------------------------------------------------------------------- query


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


@cli.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.rq",
    help="Read the query from this file.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(ALL_FORMATS),
    help="SELECT/ASK: table (default), csv, tsv, json, xml. "
    "CONSTRUCT/DESCRIBE: turtle (default), nt, jsonld, xml, trig.",
)
@_data_option
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
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
@click.option("--user", metavar="USER", help="Basic-auth user name for --endpoint.")
@click.option(
    "--password",
    metavar="PASSWORD",
    envvar="AHTGRAPH_PASSWORD",
    help="Basic-auth password for --endpoint (or set AHTGRAPH_PASSWORD).",
)
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds to wait for the --endpoint's answer.",
)
def query(
    query: str | None,
    query_file: Path | None,
    list_queries: bool,
    fmt: str | None,
    data: Sequence[Path],
    params: Sequence[str],
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
    from . import params as params_module
    from . import results, sparql
    from .loading import load_graph

    text = _query_text(query, query_file)
    prepared = sparql.prepare(text, allow_service=allow_service)
    bindings = params_module.bindings(params)
    sparql.check_bindings(prepared, bindings)
    if endpoint is None and (user is not None or password is not None):
        raise AhtgraphError("--user and --password are for --endpoint")
    if endpoint is not None:
        from . import remote

        if store != "rdflib":
            raise AhtgraphError("give either --endpoint or --store, not both")
        if data:
            raise AhtgraphError("--data is for the local graph; load it into the store instead")
        target = remote.Endpoint(endpoint, user, password, timeout)
        result = remote.query(target, prepared, text, bindings)
    elif store == "oxigraph":
        from . import store_oxigraph

        result = store_oxigraph.query(data, prepared, text, bindings)
    else:
        result = sparql.run(load_graph(data), prepared, bindings)
    click.echo(results.render(result, fmt), nl=False)


# ------------------------------------------------------------------------------ validate


@cli.command()
@_data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle", "json"]),
    default="text",
    show_default=True,
    help="text for people, turtle (SHACL report vocabulary) or json.",
)
@click.pass_context
def validate(ctx: click.Context, data: Sequence[Path], fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit 0 if it conforms, 1 if not.

    The text report groups problems by entity and says, for each, the property,
    the rule it breaks, the shape's message and what to fix.

    \b
    Examples:
      ahtgraph validate
      ahtgraph validate --data my-additions.ttl
      ahtgraph validate --format json
    """
    from . import validation_report
    from .validation import validate as run_validation

    report = run_validation(data)
    render = {
        "text": validation_report.to_text,
        "json": validation_report.to_json,
        "turtle": validation_report.to_turtle,
    }[fmt]
    click.echo(render(report), nl=False)
    ctx.exit(0 if report.conforms else EXIT_INVALID)


# -------------------------------------------------------------------------------- export


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GRAPH_FORMATS),
    default="turtle",
    show_default=True,
    help="RDF syntax of the export.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write to FILE (atomically: complete or not at all) instead of stdout.",
)
@_data_option
def export(fmt: str, output: Path | None, data: Sequence[Path]) -> None:
    """Write the whole graph in one RDF syntax, byte-identical from run to run.

    JSON-LD uses the fixed context shipped as ahtgraph/context.jsonld.

    \b
    Examples:
      ahtgraph export > ahtgraph.ttl
      ahtgraph export --format nt -o ahtgraph.nt
      ahtgraph export --format jsonld -o ahtgraph.jsonld
    """
    from . import atomic, serialize
    from .loading import load_graph

    if output is not None and not output.resolve().parent.is_dir():
        raise AhtgraphError(f"cannot write {output}: its folder does not exist")
    graph = load_graph(data)
    if output is None:
        click.echo(serialize.dumps(graph, fmt), nl=False)
    else:
        atomic.write_text(output, lambda: serialize.dumps(graph, fmt))


# ------------------------------------------------------------------------------ describe


@cli.command()
@click.argument("entity")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle", "jsonld"]),
    default="text",
    show_default=True,
    help="text for people; turtle or jsonld for the entity's raw triples.",
)
@_data_option
def describe(entity: str, fmt: str, data: Sequence[Path]) -> None:
    """Show one entity: types, labels, description, sources and relations both ways.

    ENTITY is a slug (payoke), a prefixed name (id:payoke), a full IRI, or an
    exact label in any language (case-insensitive).

    \b
    Examples:
      ahtgraph describe payoke
      ahtgraph describe "FOD Justitie"
      ahtgraph describe https://w3id.org/ahtgraph/id/payoke --format turtle
    """
    from . import describe as describe_module
    from . import serialize
    from .loading import load_graph

    graph = load_graph(data)
    iri = describe_module.resolve(graph, entity)
    if fmt == "text":
        text = describe_module.to_text(graph, describe_module.facts(graph, iri))
    else:
        text = serialize.dumps(describe_module.triples(graph, iri), fmt)
    click.echo(text, nl=False)


# --------------------------------------------------------------------------------- check


@cli.command()
@_data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "tsv", "json"]),
    default="text",
    show_default=True,
    help="text for people, tsv (ROBOT report columns) or json.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["ERROR", "WARN", "INFO", "none"]),
    default="ERROR",
    show_default=True,
    help="Exit 1 when a finding of this level or a more serious one is found.",
)
@click.pass_context
def check(ctx: click.Context, data: Sequence[Path], fmt: str, fail_on: str) -> None:
    """Report data-quality findings: ERROR, WARN and INFO, with entity, property and value.

    Rules: missing English label, description or source (ERROR); stray whitespace
    in labels (ERROR); the same label on two entities (ERROR); sources or links
    that are not http(s) IRIs (ERROR); plain-http links (WARN); organisations and
    instruments without a French or Dutch label (WARN); entities linked to no
    other entity (WARN); entities backed by a single page (INFO).

    \b
    Examples:
      ahtgraph check
      ahtgraph check --fail-on WARN --format tsv > report.tsv
      ahtgraph check --data my-additions.ttl --format json
    """
    from . import quality
    from .loading import load_graph

    findings = quality.run(load_graph(data))
    render = {"text": quality.to_text, "tsv": quality.to_tsv, "json": quality.to_json}[fmt]
    click.echo(render(findings), nl=False)
    ctx.exit(EXIT_INVALID if quality.fails(findings, fail_on) else 0)


# ------------------------------------------------------------------------------- sources


@cli.group()
def sources() -> None:
    """Curator tools for the web pages the graph is built from."""


@sources.command("check")
@click.argument("page", type=click.Path(dir_okay=False, path_type=Path))
@_data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people or json.",
)
@click.pass_context
def sources_check(ctx: click.Context, page: Path, data: Sequence[Path], fmt: str) -> None:
    """List every link and named organisation of PAGE that the graph lacks; exit 1 if any.

    PAGE is a WordPress page as its REST API JSON (content.rendered holds the
    HTML). A link is present when an entity has it as foaf:homepage, foaf:page
    or aht:url; a name (a heading, or bold or italic text that reads as a proper
    name) when it is an entity's label or alternative label.

    \b
    Examples:
      ahtgraph sources check samilia-other-resources.wp.json
      ahtgraph sources check page.json --format json
    """
    from . import source_check, wp_page
    from .loading import load_graph

    content = wp_page.read(page)
    missing = source_check.check(load_graph(data), content)
    render = source_check.to_json if fmt == "json" else source_check.to_text
    click.echo(render(content, missing), nl=False)
    ctx.exit(EXIT_INVALID if missing else 0)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``ahtgraph`` script and ``python -m ahtgraph``."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="ahtgraph")
    except BrokenPipeError:
        # `ahtgraph export | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)


# Commands defined in their own modules
from .cli_jsonld import jsonld  # noqa: E402

cli.add_command(jsonld)
from .cli_site import site  # noqa: E402

cli.add_command(site)
from .cli_store import load  # noqa: E402

cli.add_command(load)
from .cli_release import diff, release  # noqa: E402

cli.add_command(release)
cli.add_command(diff)
