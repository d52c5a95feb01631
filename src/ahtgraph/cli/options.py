"""Click options and parameter types shared by several commands, declared once.

Every command that reads ``--data``, writes ``-o``, talks to an endpoint or picks a ``--format``
takes the decorator from here, so the same option reads the same in every ``--help``. Nothing
heavy is imported: these run while ``ahtgraph --help`` starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from ..params import split_param

F = TypeVar("F", bound=Callable[..., Any])

# click's own annotations accept ``path_type=Path``; the obsolete types-click stubs some
# environments still carry do not. Saying it once here keeps mypy quiet under both.
_PATH: Any = Path


def file_path(**kwargs: Any) -> click.Path:
    """A ``click.Path`` of a file, handed to the command as a ``pathlib.Path``."""
    return click.Path(dir_okay=False, path_type=_PATH, **kwargs)


def any_path(**kwargs: Any) -> click.Path:
    """A ``click.Path`` (file or folder) handed to the command as a ``pathlib.Path``."""
    return click.Path(path_type=_PATH, **kwargs)


def data_option(func: F) -> F:
    """``--data FILE`` (repeatable): the user's RDF files added to the shipped graph."""
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=file_path(),
        metavar="FILE",
        help="Add this RDF file to the shipped graph (repeatable; syntax from the extension: "
        ".ttl .nt .nq .trig .jsonld .json .rdf .xml .n3).",
    )(func)


def format_option(
    choices: Sequence[str], help: str, default: str | None = None
) -> Callable[[F], F]:
    """``--format`` among ``choices``, passed to the command as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help,
    )


def force_option(help: str) -> Callable[[F], F]:
    """``--force``: the one way to let a command replace what is already at its output."""
    return click.option("--force", is_flag=True, help=help)


def output_file_option(func: F) -> F:
    """``-o/--output FILE`` and ``--force``: where a single-file result goes (output.py)."""
    func = force_option("Replace FILE if it exists (a regular file; its permissions are kept).")(
        func
    )
    return click.option(
        "-o",
        "--output",
        type=file_path(),
        metavar="FILE",
        help="Write to FILE instead of stdout, complete or not at all. An existing file is "
        "refused without --force; a device or FIFO (e.g. /dev/stdout) is written through.",
    )(func)


def output_dir_option(help: str) -> Callable[[F], F]:
    """``-o/--output DIR`` (required) for commands that write a folder (site, release)."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=_PATH),
        metavar="DIR",
        help=help,
    )


def endpoint_auth_options(func: F) -> F:
    """``--user``, ``--password`` and ``--timeout`` for a remote SPARQL endpoint."""
    func = click.option(
        "--timeout",
        type=float,
        default=30.0,
        show_default=True,
        help="Seconds to wait for each answer of the endpoint.",
    )(func)
    func = click.option(
        "--password",
        metavar="PASSWORD",
        envvar="AHTGRAPH_PASSWORD",
        help="Basic-auth password for the endpoint (or set AHTGRAPH_PASSWORD, which keeps it "
        "out of `ps`).",
    )(func)
    return click.option("--user", metavar="USER", help="Basic-auth user name for the endpoint.")(
        func
    )


class EntityType(click.ParamType):
    """An entity as the user names it: a slug, ``id:slug``, a full IRI or an exact label.

    Naming is checked here (not empty); which entity it is needs the graph, so ``describe``
    resolves it once the graph is loaded.
    """

    name = "entity"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if not text:
            self.fail("an entity is a slug, id:slug, an IRI or a label, not empty", param, ctx)
        return text


class ParamBindingType(click.ParamType):
    """``--param NAME=VALUE``: split and checked while the command line is parsed.

    A malformed one raises the usual one-line ``bad --param`` error (an AhtgraphError, which
    the ``cli`` group reports with exit 2).
    """

    name = "name=value"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, str]:
        if isinstance(value, tuple):
            return cast(tuple[str, str], value)
        return split_param(str(value))


ENTITY = EntityType()
PARAM_BINDING = ParamBindingType()
