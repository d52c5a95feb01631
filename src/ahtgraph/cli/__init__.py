"""The ``ahtgraph`` command line: the group, its error handling and ``main``.

One module per command group (query, checks, export, describe, sources, jsonld, site,
release, store); the options they share are declared once in ``options.py``. The group loads
command modules lazily: :data:`COMMANDS` names where each command lives and its short help, and
only the command that runs is imported, so ``ahtgraph query`` pays for query's imports alone
(start-up is most of a query's time on the shipped graph: docs/scale.md) and ``ahtgraph --help``
imports no command module at all. rdflib, pyshacl, pyld and pyoxigraph are imported inside the
commands that use them (the CLI boundary). Every error the user can cause becomes one
``Error: ...`` line on stderr and exit status 2.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import Any

import click

from ..errors import AhtgraphError, InvalidData, QueryTimeout
from .exit_codes import EXIT_INVALID, EXIT_TIMEOUT, EXIT_USAGE

__all__ = ["COMMANDS", "EXIT_INVALID", "EXIT_USAGE", "cli", "main"]

#: Every command: name → (``module:attribute`` of its click command, its short help). The short
#: help is the first sentence of the command's docstring, kept here so that ``ahtgraph --help``
#: lists every command without importing one; tests/test_cli_imports.py checks both against the
#: commands themselves (click's LazyGroup pattern).
COMMANDS: dict[str, tuple[str, str]] = {
    "query": (
        "ahtgraph.cli.query:query",
        "Run one SPARQL query: inline text, a named query, or -f FILE.",
    ),
    "validate": (
        "ahtgraph.cli.checks:validate",
        "Check the graph against the SHACL shapes; exit 0 if it conforms, 1 if not.",
    ),
    "export": (
        "ahtgraph.cli.export:export",
        "Write the whole graph in one RDF syntax, byte-identical from run to run.",
    ),
    "describe": (
        "ahtgraph.cli.describe:describe",
        "Show one entity: types, labels, description, sources and relations both ways.",
    ),
    "check": (
        "ahtgraph.cli.checks:check",
        "Report data-quality findings: ERROR, WARN and INFO, with entity, property and value.",
    ),
    "sources": (
        "ahtgraph.cli.sources:sources",
        "Curator tools for the web pages the graph is built from.",
    ),
    "jsonld": (
        "ahtgraph.cli.jsonld:jsonld",
        "Print schema.org JSON-LD for a web page: one entity, or --all of them.",
    ),
    "site": (
        "ahtgraph.cli.site:site",
        "Write a static website of the graph to DIR: an index with a search box and a picture "
        "of the network, a page per entity (with schema.org JSON-LD and its triples as Turtle "
        "and JSON-LD beside it) and a page for the ontology.",
    ),
    "load": (
        "ahtgraph.cli.store:load",
        "Load the whole graph into a SPARQL store, replacing what the target graph held.",
    ),
    "release": (
        "ahtgraph.cli.release:release",
        "Build a release for data reusers into DIR: dumps, description, checksums.",
    ),
    "diff": (
        "ahtgraph.cli.release:diff",
        "List the facts added (+) and removed (-) between two graphs, per entity.",
    ),
    "serve": (
        "ahtgraph.serve.command:serve",
        "Serve the graph over HTTP: a read-only SPARQL endpoint, Linked Data, named queries.",
    ),
}


class _Group(click.Group):
    """The ``ahtgraph`` group: commands loaded on demand from :data:`COMMANDS`, and
    AhtgraphError and file-system errors turned into one-line errors."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, its module imported now (None if there is none)."""
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        module_name, _, attribute = COMMANDS[cmd_name][0].partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{COMMANDS[cmd_name][0]} is not a click command")
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, but "Did you mean ...?" draws on every command, loaded or not (click
        8.4 suggests among the commands in ``self.commands``, which here are none)."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            no_such = getattr(click.exceptions, "NoSuchCommand", None)  # click >= 8.4
            if no_such is None or not isinstance(exc, no_such):
                raise
            raise no_such(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The ``Commands:`` section of ``--help`` from :data:`COMMANDS`, importing none of them.

        Each short help is cut to the terminal's width by click itself (a stand-in command
        carrying the same help text), so the listing is the one the commands would give.
        """
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.commands:
                command = self.commands[name]
            else:
                command = click.Command(name, help=COMMANDS[name][1])
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidData as exc:
            raise _DataRefused(" ".join(exc.message.split())) from None
        except QueryTimeout as exc:
            raise _Timeout(exc.message) from None
        except AhtgraphError as exc:
            raise _one_line(exc.message) from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                # `ahtgraph query ... | head`: the reader has what it wanted. click would exit
                # 1 here; the rest of the stream goes to /dev/null and the exit status is 0.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise SystemExit(0) from None
            where = f": {exc.filename}" if exc.filename else ""
            raise _one_line(f"{exc.strerror or exc}{where}") from None


class _UserError(click.ClickException):
    """What the user asked cannot be done: ``Error: ...`` on one line, exit status 2."""

    exit_code = EXIT_USAGE


class _DataRefused(_UserError):
    """The data fails the checks a command requires (``release``): exit status 1."""

    exit_code = EXIT_INVALID


class _Timeout(click.ClickException):
    """``--timeout`` reached: one line, exit status 3."""

    exit_code = EXIT_TIMEOUT


def _one_line(message: str) -> click.ClickException:
    return _UserError(" ".join(message.split()))


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``: the package's version and the data's (the ontology's owl:versionInfo)."""
    if not value or ctx.resilient_parsing:
        return
    from .. import version

    click.echo(version.text(), nl=False)
    ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Print the package version and the data's version (owl:versionInfo) and exit.",
)
def cli() -> None:
    """Query, validate, export and describe the ahtgraph knowledge graph.

    The graph ships with the package; --data adds your own RDF files to it for one command.
    Set AHTGRAPH_RESOURCES to a folder with data/, shapes/ and queries/ to use another copy.

    \b
    Examples:
      ahtgraph query --list
      ahtgraph query funded-centres --format csv
      ahtgraph describe payoke
      ahtgraph validate
      ahtgraph export --format jsonld -o ahtgraph.jsonld
      ahtgraph check
      ahtgraph sources check page.wp.json
    """


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (a CI cancel, ``timeout``) and SIGHUP unwind like Ctrl-C does, so every writer's
    clean-up runs (no ``.NAME.xxxx.tmp`` left behind); the exit status is 128 + the signal."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``ahtgraph`` script and ``python -m ahtgraph``."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="ahtgraph")
    except BrokenPipeError:
        # `ahtgraph export | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        sys.exit(0)
