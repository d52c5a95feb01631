"""``ahtgraph export``: the whole graph in one RDF syntax, to stdout or ``-o FILE``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import AhtgraphError
from ..serialize import GRAPH_FORMATS
from .options import data_option, format_option, output_file_option


@click.command()
@format_option(GRAPH_FORMATS, "RDF syntax of the export.", default="turtle")
@output_file_option
@data_option
def export(fmt: str, output: Path | None, data: Sequence[Path]) -> None:
    """Write the whole graph in one RDF syntax, byte-identical from run to run.

    JSON-LD uses the fixed context shipped as ahtgraph/context.jsonld.

    \b
    Examples:
      ahtgraph export > ahtgraph.ttl
      ahtgraph export --format nt -o ahtgraph.nt
      ahtgraph export --format jsonld -o ahtgraph.jsonld
    """
    # The CLI boundary: rdflib loads only when the command runs.
    from .. import atomic, serialize
    from ..loading import load_graph

    if output is not None and not output.resolve().parent.is_dir():
        raise AhtgraphError(f"cannot write {output}: its folder does not exist")
    graph = load_graph(data)
    if output is None:
        click.echo(serialize.dumps(graph, fmt), nl=False)
    else:
        atomic.write_text(output, lambda: serialize.dumps(graph, fmt))
