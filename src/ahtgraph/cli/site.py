"""``ahtgraph site``: write the static website of the graph (see ``site.py``).

Only click is imported here; rdflib comes with the command's body, so ``ahtgraph --help`` stays
fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from .options import data_option, force_option, output_dir_option, progress_options


@click.command()
@output_dir_option("Folder to write the site to (created with its parents; built in place).")
@force_option("Replace an earlier ahtgraph build in DIR (never a folder ahtgraph did not build).")
@data_option
@progress_options
def site(out_dir: Path, force: bool, data: Sequence[Path], only_data: bool) -> None:
    """Write a static website of the graph to DIR: an index with a search box and a
    picture of the network, a page per entity (with schema.org JSON-LD and its
    triples as Turtle and JSON-LD beside it) and a page for the ontology.

    The same graph gives byte-identical files. Each file is written atomically
    and the marker .ahtgraph-build last. A DIR with content is refused unless it
    holds an earlier ahtgraph build and --force is given.

    \b
    Examples:
      ahtgraph site -o public
      ahtgraph site -o public --force
      python -m http.server -d public 8000
    """
    # The CLI boundary: rdflib loads only when the command runs.
    from ..loading import load_graph
    from ..web import site as site_module

    site_module.check_target(out_dir, force)
    written = site_module.build(load_graph(data, only_data=only_data), out_dir, force=force)
    pages = sum(1 for path in written if path.endswith(".html"))
    click.echo(f"Wrote {len(written)} files ({pages} pages) to {out_dir}")
