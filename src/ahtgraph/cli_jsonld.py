"""``ahtgraph jsonld``: schema.org JSON-LD snippets for websites (see docs/jsonld.md).

Only click is imported here; rdflib and pyld are imported when the command runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from .cli_options import data_option
from .errors import AhtgraphError

#: Exit status when --check-vocabulary finds a problem.
EXIT_FINDINGS = 1


@click.command()
@click.argument("entity", required=False)
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
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Check every snippet against this schema.org vocabulary (Turtle); exit 1 on a finding.",
)
@data_option
@click.pass_context
def jsonld(
    ctx: click.Context,
    entity: str | None,
    lang: str,
    as_html: bool,
    all_entities: bool,
    kind: str | None,
    check_vocabulary: Path | None,
    data: Sequence[Path],
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
      ahtgraph jsonld --check-vocabulary schemaorg-current-https.ttl
    """
    from . import schema_org
    from .loading import load_graph, parse_into

    if check_vocabulary is not None:
        if entity or all_entities:
            raise AhtgraphError("--check-vocabulary checks every entity: give no ENTITY or --all")
        from rdflib import Graph

        from . import schema_check

        if not check_vocabulary.is_file():
            raise AhtgraphError(f"vocabulary file not found: {check_vocabulary}")
        vocabulary = Graph()
        parse_into(vocabulary, check_vocabulary)
        count, findings, _ = schema_check.check_all(load_graph(data), vocabulary)
        for finding in findings:
            click.echo(str(finding))
        click.echo(f"{count} documents: {len(findings)} finding(s)")
        ctx.exit(EXIT_FINDINGS if findings else 0)
    if all_entities == bool(entity):
        raise AhtgraphError("give either an ENTITY or --all")
    if kind is not None and not all_entities:
        raise AhtgraphError("--type selects entities for --all")

    graph = load_graph(data)
    if all_entities:
        document = schema_org.all_snippets(graph, lang, kind)
    else:
        from . import describe

        document = schema_org.snippet(graph, describe.resolve(graph, entity or ""), lang)
    click.echo(schema_org.html(document) if as_html else schema_org.dumps(document), nl=False)
