"""The ``ahtgraph release`` and ``ahtgraph diff`` commands: publishing versioned dumps.

Only click is imported here; rdflib comes in inside the commands, so ``ahtgraph --help``
stays fast. User errors are raised as AhtgraphError, which the ``cli`` group turns into one
``Error: ...`` line and exit status 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from .options import any_path, force_option, format_option, output_dir_option


@click.command()
@output_dir_option(
    "Write the release into this folder (created with its parents; absent, empty, or an "
    "earlier ahtgraph build with --force)."
)
@click.option(
    "--version",
    "version",
    metavar="X.Y.Z",
    help="Release version (default: the ontology's owl:versionInfo).",
)
@click.option(
    "--previous",
    type=any_path(),
    metavar="DIR",
    help="The previous release (folder or dump file): CHANGELOG.md lists what changed.",
)
@force_option("Replace an earlier ahtgraph build in DIR (never a folder ahtgraph did not build).")
def release(out_dir: Path, version: str | None, previous: Path | None, force: bool) -> None:
    """Build a release for data reusers into DIR: dumps, description, checksums.

    The whole graph as Turtle, N-Triples, N-Quads, JSON-LD and RDF/XML (each also
    .gz), the ontology, the shapes, the named queries, dataset.ttl (DCAT + VoID),
    CITATION.cff, CHANGELOG.md and SHA256SUMS. Every dump is parsed back and
    checked; the marker .ahtgraph-build is written last. The date comes from SOURCE_DATE_EPOCH, else
    the ontology's dcterms:modified, so building twice gives identical bytes.

    \b
    Examples:
      ahtgraph release -o dist/0.1.0
      ahtgraph release -o dist/0.2.0 --version 0.2.0 --previous dist/0.1.0
      SOURCE_DATE_EPOCH=1767225600 ahtgraph release -o out --force
    """
    # The CLI boundary: rdflib loads only when the command runs.
    from .. import release as release_module

    built = release_module.build(out_dir, version=version, previous=previous, force=force)
    click.echo(release_module.to_text(built), nl=False)


@click.command()
@click.argument("old", type=any_path())
@click.argument("new", type=any_path())
@format_option(["text", "json"], "text for people, json for tools.", default="text")
def diff(old: Path, new: Path, fmt: str) -> None:
    """List the facts added (+) and removed (-) between two graphs, per entity.

    OLD and NEW are dump files (syntax from the extension; .gz too) or release
    folders (their ahtgraph-X.Y.Z.nt). Prints nothing when they hold the same
    triples. Exit 0 whatever the differences; 2 if an input cannot be read.

    \b
    Examples:
      ahtgraph diff dist/0.1.0 dist/0.2.0
      ahtgraph diff old.ttl new.nt.gz --format json
    """
    from .. import graph_diff  # the CLI boundary: rdflib loads here

    changes = graph_diff.diff_paths(old, new)
    render = graph_diff.to_json if fmt == "json" else graph_diff.to_text
    click.echo(render(changes), nl=False)
