"""``ahtgraph jsonld``: schema.org JSON-LD snippets for websites, and their check against the
schema.org vocabulary (see docs/jsonld.md).

Only click is imported here; rdflib and pyld are imported when the command runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import AhtgraphError
from .exit_codes import EXIT_INVALID
from .options import ENTITY, data_option, file_path, progress_options


@click.command()
@click.argument("entity", required=False, type=ENTITY)
@click.option(
    "--lang",
    type=click.Choice(["en", "fr", "nl"]),
    default="en",
    show_default=True,
    help="Language of names and descriptions; missing ones fall back to en, fr, nl, untagged.",
)
@click.option("--html", "as_html", is_flag=True, help="Wrap the JSON-LD in a <script> element.")
@click.option("--all", "all_entities", is_flag=True, help="One @graph of every mapped entity.")
@click.option(
    "--type",
    "kind",
    type=click.Choice(["organisation", "publication", "legislation"]),
    help="With --all: only entities of this kind.",
)
@click.option(
    "--check-vocabulary",
    type=file_path(),
    metavar="FILE",
    help="Check every snippet against this schema.org vocabulary (Turtle); exit 1 on a finding.",
)
@click.option(
    "--context",
    "published_context",
    type=file_path(),
    metavar="FILE",
    help="With --check-vocabulary: schema.org's published JSON-LD context; check that the "
    "offline context agrees with it for every term the snippets use.",
)
@data_option
@progress_options
@click.pass_context
def jsonld(
    ctx: click.Context,
    entity: str | None,
    lang: str,
    as_html: bool,
    all_entities: bool,
    kind: str | None,
    check_vocabulary: Path | None,
    published_context: Path | None,
    data: Sequence[Path],
    only_data: bool,
) -> None:
    """Print schema.org JSON-LD for a web page: one entity, or --all of them.

    ENTITY is named as for describe (slug, id:slug, IRI or exact label). The
    snippet has "@context": "https://schema.org", the entity at the top and the
    entities it names nested with their @id, @type, name and url. Every @id is
    the entity's ahtgraph IRI, so snippets from several pages merge.

    \b
    Examples:
      ahtgraph jsonld payoke
      ahtgraph jsonld myria --lang fr --html
      ahtgraph jsonld --all --type organisation --lang nl
      ahtgraph jsonld --check-vocabulary schemaorg-current-https.ttl \\
        --context schemaorgcontext.jsonld
    """
    # The CLI boundary: rdflib and pyld load only when the command runs.
    from .. import schema_org
    from ..loading import load_graph

    if published_context is not None and check_vocabulary is None:
        raise AhtgraphError("--context is checked with --check-vocabulary")
    if check_vocabulary is not None:
        if entity or all_entities:
            raise AhtgraphError("--check-vocabulary checks every entity: give no ENTITY or --all")
        from .. import schema_check

        text, failed = schema_check.report(
            load_graph(data, only_data=only_data), check_vocabulary, published_context
        )
        click.echo(text, nl=False)
        ctx.exit(EXIT_INVALID if failed else 0)
    if all_entities == bool(entity):
        raise AhtgraphError("give either an ENTITY or --all")
    if kind is not None and not all_entities:
        raise AhtgraphError("--type selects entities for --all")

    graph = load_graph(data, only_data=only_data)
    if all_entities:
        document = schema_org.all_snippets(graph, lang, kind)
    else:
        from .. import describe

        document = schema_org.snippet(graph, describe.resolve(graph, entity or ""), lang)
    click.echo(schema_org.html(document) if as_html else schema_org.dumps(document), nl=False)
