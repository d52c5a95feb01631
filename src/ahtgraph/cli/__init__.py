"""The ``ahtgraph`` command line: the group, its error handling and ``main``.

One module per command group (query, checks, export, describe, sources, jsonld, site,
release, store); the options they share are declared once in ``options.py``. Only click and
our light modules are imported at start-up; rdflib, pyshacl, pyld and pyoxigraph are imported
inside the commands that use them (the CLI boundary), so ``ahtgraph --help`` answers at once.
Every error the user can cause becomes one ``Error: ...`` line on stderr and exit status 2.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import Any

import click

from ..errors import AhtgraphError, InvalidData
from .exit_codes import EXIT_INVALID, EXIT_TIMEOUT, EXIT_USAGE

__all__ = ["EXIT_INVALID", "EXIT_USAGE", "cli", "main"]


class _Group(click.Group):
    """A click group that turns AhtgraphError and file-system errors into one-line errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidData as exc:
            raise _DataRefused(" ".join(exc.message.split())) from None
        except AhtgraphError as exc:
            if type(exc).__name__ == "QueryTimeout":  # engine not imported for --help
                raise _Timeout(exc.message) from None
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


def _register() -> None:
    """Add every command group's commands to ``cli``, in the order ``--help`` lists them."""
    from ..serve.command import serve
    from . import checks, describe, export, jsonld, query, release, site, sources, store

    for command in (
        query.query,
        checks.validate,
        export.export,
        describe.describe,
        checks.check,
        sources.sources,
        jsonld.jsonld,
        site.site,
        store.load,
        release.release,
        release.diff,
        serve,
    ):
        cli.add_command(command)


_register()
