"""``ahtgraph serve``: the click command (the CLI group registers it; see docs/serve.md).

The data options are the shared ones (``cli.options.data_option``): ``--data FILE|-``,
``--data-format``, ``--only-data`` and ``--allow-remote-context`` read and check the same as in
every other command. Only ``--named-graph`` is serve's own.
"""

from __future__ import annotations

from typing import Any

import click

from ..cli.exit_codes import EXIT_USAGE
from ..cli.options import data_option
from ..errors import AhtgraphError
from ..loading import DataSource


class _UserError(click.ClickException):
    """``Error: ...`` on one line and exit status 2, as every ahtgraph command says it."""

    exit_code = EXIT_USAGE


class _ServeCommand(click.Command):
    """A command that reports AhtgraphError in one line itself: ``python -m ahtgraph.serve``
    runs it without the ``ahtgraph`` group, whose handler would otherwise do it (the shared
    ``--data`` checks raise before the command's own body runs)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AhtgraphError as exc:
            raise _UserError(" ".join(exc.message.split())) from None


@click.command("serve", cls=_ServeCommand)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port; 0 picks a free one (the first stderr line names it).",
)
@data_option
@click.option(
    "--named-graph",
    "named_graphs",
    multiple=True,
    metavar="FILE[=IRI]",
    help="Load a file as a named graph (by default named by the file's IRI; quads of "
    "--data .trig/.nq files stay in their own named graphs). Repeatable.",
)
@click.option(
    "--base-url",
    default=None,
    help="Public URL of this server (links and sd:endpoint), e.g. https://example.org",
)
@click.option(
    "--query-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may run; past it: 503 and its worker is replaced.",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows (or triples) per answer; more are cut and the headers say so.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Query worker processes; the queue holds four jobs per worker.",
)
@click.option(
    "--max-query-bytes",
    default=100 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Longest query text (413 POST, 414 GET).",
)
@click.option(
    "--max-response-bytes",
    default=50 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1024),
    help="Largest answer body; longer ones are cut.",
)
@click.option(
    "--memory-mb",
    default=1024,
    show_default=True,
    type=click.IntRange(min=0),
    help="Memory each query worker may add to what the graph takes (0: no cap).",
)
@click.option(
    "--proxy-headers",
    is_flag=True,
    help="Trust X-Forwarded-Host/-Proto (only behind a reverse proxy you run).",
)
@click.option("--no-access-log", is_flag=True, help="No line per request on stderr.")
def serve(
    host: str,
    port: int,
    data: tuple[DataSource, ...],
    named_graphs: tuple[str, ...],
    only_data: bool,
    base_url: str | None,
    query_timeout: float,
    max_rows: int,
    workers: int,
    max_query_bytes: int,
    max_response_bytes: int,
    memory_mb: int,
    proxy_headers: bool,
    no_access_log: bool,
) -> None:
    """Serve the graph over HTTP: a read-only SPARQL endpoint, Linked Data, named queries."""
    from .server import Options, run

    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise click.BadParameter("must start with http:// or https://", param_hint="--base-url")
    options = Options(
        host=host,
        port=port,
        data=list(data),
        named=list(named_graphs),
        only_data=only_data,
        base_url=base_url,
        query_timeout=query_timeout,
        max_rows=max_rows,
        workers=workers,
        max_query_bytes=max_query_bytes,
        max_response_bytes=max_response_bytes,
        memory_mb=memory_mb,
        proxy_headers=proxy_headers,
        access_log=not no_access_log,
    )
    raise SystemExit(run(options))
