"""``ahtgraph sources``: curator tools for the web pages the graph is built from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from .exit_codes import EXIT_INVALID
from .options import data_option, file_path, format_option, progress_options


@click.group()
def sources() -> None:
    """Curator tools for the web pages the graph is built from."""


@sources.command("check")
@click.argument("page", type=file_path())
@data_option
@progress_options
@format_option(["text", "json"], "text for people or json.", default="text")
@click.pass_context
def sources_check(
    ctx: click.Context, page: Path, data: Sequence[Path], only_data: bool, fmt: str
) -> None:
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
    # The CLI boundary: rdflib loads only when the command runs.
    from .. import source_check, wp_page
    from ..loading import load_graph

    content = wp_page.read(page)
    missing = source_check.check(load_graph(data, only_data=only_data), content)
    render = source_check.to_json if fmt == "json" else source_check.to_text
    click.echo(render(content, missing), nl=False)
    ctx.exit(EXIT_INVALID if missing else 0)
