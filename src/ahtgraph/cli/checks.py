"""``ahtgraph validate`` (SHACL) and ``ahtgraph check`` (the quality report)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from .exit_codes import EXIT_INVALID
from .options import data_option, format_option, progress_options


@click.command()
@data_option
@progress_options
@format_option(
    ["text", "turtle", "json"],
    "text for people, turtle (SHACL report vocabulary) or json.",
    default="text",
)
@click.option(
    "--engine",
    type=click.Choice(["oxigraph", "pyshacl"]),
    default="oxigraph",
    show_default=True,
    help="oxigraph: the shapes checked on Oxigraph (fast; falls back to pyshacl for SHACL "
    "features it lacks); pyshacl: the reference implementation (slow on large data).",
)
@click.pass_context
def validate(
    ctx: click.Context, data: Sequence[Path], fmt: str, engine: str, only_data: bool
) -> None:
    """Check the graph against the SHACL shapes; exit 0 if it conforms, 1 if not.

    The text report groups problems by entity and says, for each, the property,
    the rule it breaks, the shape's message and what to fix.

    \b
    Examples:
      ahtgraph validate
      ahtgraph validate --data my-additions.ttl
      ahtgraph validate --format json
      ahtgraph validate --engine pyshacl
      ahtgraph validate --only-data --data my-additions.ttl
    """
    # The CLI boundary: pyshacl and rdflib load only when the command runs.
    from .. import validation_report
    from ..validation import validate as run_validation

    report = run_validation(data, engine=engine, only_data=only_data)
    render = {
        "text": validation_report.to_text,
        "json": validation_report.to_json,
        "turtle": validation_report.to_turtle,
    }[fmt]
    click.echo(render(report), nl=False)
    ctx.exit(0 if report.conforms else EXIT_INVALID)


@click.command()
@data_option
@progress_options
@format_option(
    ["text", "tsv", "json"], "text for people, tsv (ROBOT report columns) or json.", default="text"
)
@click.option(
    "--fail-on",
    type=click.Choice(["ERROR", "WARN", "INFO", "none"]),
    default="ERROR",
    show_default=True,
    help="Exit 1 when a finding of this level or a more serious one is found.",
)
@click.pass_context
def check(
    ctx: click.Context, data: Sequence[Path], only_data: bool, fmt: str, fail_on: str
) -> None:
    """Report data-quality findings: ERROR, WARN and INFO, with entity, property and value.

    Rules: missing English label, description or source (ERROR); stray whitespace
    in labels (ERROR); the same label on two entities (ERROR); sources or links
    that are not http(s) IRIs (ERROR); literals their datatype does not allow,
    such as "not-a-date"^^xsd:date (ERROR); plain-http links (WARN); organisations and
    instruments without a French or Dutch label (WARN); entities linked to no
    other entity (WARN); entities backed by a single page (INFO).

    \b
    Examples:
      ahtgraph check
      ahtgraph check --fail-on WARN --format tsv > report.tsv
      ahtgraph check --data my-additions.ttl --format json
      ahtgraph check --only-data --data any.ttl --fail-on none
    """
    from .. import quality  # the CLI boundary: rdflib loads here
    from ..loading import load_graph

    findings = quality.run(load_graph(data, only_data=only_data))
    render = {"text": quality.to_text, "tsv": quality.to_tsv, "json": quality.to_json}[fmt]
    click.echo(render(findings), nl=False)
    ctx.exit(EXIT_INVALID if quality.fails(findings, fail_on) else 0)
