"""``ahtgraph describe``: one entity, for people (text) or as its raw triples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from .options import ENTITY, data_option, format_option, progress_options


@click.command()
@click.argument("entity", type=ENTITY)
@format_option(
    ["text", "turtle", "jsonld"],
    "text for people; turtle or jsonld for the entity's raw triples.",
    default="text",
)
@data_option
@progress_options
def describe(entity: str, fmt: str, data: Sequence[Path], only_data: bool) -> None:
    """Show one entity: types, labels, description, sources and relations both ways.

    ENTITY is a slug (payoke), a prefixed name (id:payoke), a full IRI, or an
    exact label in any language (case-insensitive).

    \b
    Examples:
      ahtgraph describe payoke
      ahtgraph describe "FOD Justitie"
      ahtgraph describe https://w3id.org/ahtgraph/id/payoke --format turtle
      ahtgraph describe id:my-body --only-data --data mine.ttl
    """
    # The CLI boundary: rdflib loads only when the command runs.
    from .. import describe as describe_module
    from .. import serialize
    from ..loading import load_graph

    graph = load_graph(data, only_data=only_data)
    iri = describe_module.resolve(graph, entity)
    if fmt == "text":
        text = describe_module.to_text(graph, describe_module.facts(graph, iri))
    else:
        text = serialize.dumps(describe_module.triples(graph, iri), fmt)
    click.echo(text, nl=False)
