"""``ahtgraph export``: the whole graph in one RDF syntax, to stdout or ``-o FILE``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..serialize import GRAPH_FORMATS
from .options import data_option, format_option, output_file_option, progress_options


@click.command()
@format_option(GRAPH_FORMATS, "RDF syntax of the export.", default="turtle")
@output_file_option
@data_option
@progress_options
def export(
    fmt: str, output: Path | None, force: bool, data: Sequence[Path], only_data: bool
) -> None:
    """Write the whole graph in one RDF syntax, byte-identical from run to run.

    JSON-LD uses the fixed context shipped as ahtgraph/context.jsonld.

    \b
    Examples:
      ahtgraph export > ahtgraph.ttl
      ahtgraph export --format nt -o ahtgraph.nt
      ahtgraph export --format jsonld -o ahtgraph.jsonld
      ahtgraph export --only-data --data mine.rdf --format nt  # convert any RDF
    """
    # The CLI boundary: rdflib loads only when the command runs.
    from .. import output as output_module
    from .. import serialize
    from ..loading import load_graph

    output_module.check_output(output, force)  # refuse before the long work
    graph = load_graph(data, only_data=only_data)
    with output_module.open_output(output, force=force) as sink:
        sink.write(serialize.dumps(graph, fmt))
