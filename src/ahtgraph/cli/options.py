"""Click options and parameter types shared by several commands, declared once.

Every command that reads ``--data``, writes ``-o``, talks to an endpoint or picks a ``--format``
takes the decorator from here, so the same option reads the same in every ``--help``. Nothing
heavy is imported: these run while ``ahtgraph --help`` starts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ..errors import AhtgraphError
from ..loading import DATA_FORMATS, data_sources
from ..params import split_param
from ..table import MAX_WIDTH, MIN_WIDTH

if TYPE_CHECKING:  # imported when tab completion asks, not on every start-up
    from click.shell_completion import CompletionItem

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


def check_only_data(
    only_data: bool, data: Sequence[object], named_graphs: Sequence[object] | None = None
) -> None:
    """Refuse ``--only-data`` with no file to read: it would leave an empty graph.

    ``named_graphs`` is the command's ``--named-graph`` files, None for a command without that
    option (the message then names --data alone). ``serve`` takes ``data_option`` too, so every
    command says the same.
    """
    if only_data and not data and not named_graphs:
        alternative = " or --named-graph FILE" if named_graphs is not None else ""
        raise AhtgraphError(
            f"--only-data works on the --data files alone: give at least one --data FILE"
            f"{alternative}"
        )


def data_option(func: F) -> F:
    """``--data FILE`` (repeatable), ``--data-format``, ``--only-data`` and
    ``--allow-remote-context``.

    The command receives ``data`` as a tuple of ``loading.DataSource`` (standard input read
    once, every file checked before the long work); any parser (rdflib or the engine) reads
    those. It also receives ``only_data``: True means it works on the ``--data`` files alone,
    not the shipped graph (hand it to ``loading.load_graph(data, only_data=...)`` or
    ``Engine.load(..., only_data=...)``). ``--only-data`` with nothing to read is refused here,
    once for every command: no ``--data`` (nor, for a command that takes them, ``--named-graph``
    files) would leave an empty graph, which is never what the user meant. The two other
    options are consumed here.
    """

    @functools.wraps(func)
    def with_sources(
        *args: Any,
        data: Sequence[str],
        data_format: str | None,
        allow_remote: bool,
        only_data: bool,
        **kw: Any,
    ) -> Any:
        check_only_data(only_data, data, kw.get("named_graphs"))
        kw["data"] = tuple(data_sources(data, data_format, allow_remote_context=allow_remote))
        return func(*args, only_data=only_data, **kw)

    command = cast(F, with_sources)
    command = click.option(
        "--allow-remote-context",
        "allow_remote",
        is_flag=True,
        help="Let a --data JSON-LD file's @context be fetched from the network or a local file "
        "(refused by default; schema.org's context is always answered offline).",
    )(command)
    command = click.option(
        "--data-format",
        "data_format",
        type=click.Choice(list(DATA_FORMATS)),
        default=None,
        help="Syntax of every --data input, whatever its extension; needed for --data -.",
    )(command)
    command = click.option(
        "--only-data",
        "only_data",
        is_flag=True,
        help="Work on the --data files alone, not the shipped graph with them (any RDF; "
        "needs --data).",
    )(command)
    return click.option(
        "--data",
        "data",
        multiple=True,
        type=click.Path(dir_okay=False, allow_dash=True),
        metavar="FILE",
        help="Add this RDF file to the shipped graph (repeatable; - reads standard input; "
        "syntax from the extension: .ttl .nt .nq .trig .jsonld .json .rdf .xml .owl .n3, "
        "each also .gz).",
    )(command)


def progress_options(func: F) -> F:
    """``--progress`` and ``-q/--quiet``: progress lines on stderr for long work (progress.py).

    By default they appear only on a terminal once the command has run a second; neither
    option reaches the command itself.
    """

    @functools.wraps(func)
    def with_progress(*args: Any, progress: bool, quiet: bool, **kw: Any) -> Any:
        from .. import progress as progress_module

        with progress_module.settings(progress=progress, quiet=quiet):
            return func(*args, **kw)

    command = cast(F, with_progress)
    command = click.option(
        "-q", "--quiet", is_flag=True, help="No progress lines on stderr, even on a terminal."
    )(command)
    return click.option(
        "--progress",
        is_flag=True,
        help="Progress lines on stderr (parsing, building, release steps) even when stderr "
        "is not a terminal; on a terminal they appear once the work takes a second.",
    )(command)


def table_width_options(func: F) -> F:
    """``--width N`` and ``--no-truncate`` for table output, passed as ``max_width``.

    ``max_width`` is the longest cell in characters (default ``table.MAX_WIDTH``), or None with
    ``--no-truncate``; hand it to ``table.render(..., max_width=max_width)``.
    """
    func = click.option(
        "--no-truncate",
        is_flag=True,
        help="Table output: never cut a cell (csv, tsv, json and xml are never cut).",
    )(func)
    func = click.option(
        "--width",
        "width",
        type=click.IntRange(min=MIN_WIDTH),
        default=None,
        metavar="N",
        help=f"Table output: cut cells longer than N characters with … (default {MAX_WIDTH}).",
    )(func)
    return func


def table_width(width: int | None, no_truncate: bool) -> int | None:
    """The ``max_width`` for ``table.render`` from ``--width`` and ``--no-truncate``.

    Both at once contradict each other: a usage error rather than one silently winning.
    """
    if no_truncate and width is not None:
        raise click.UsageError("give either --width N or --no-truncate, not both")
    if no_truncate:
        return None
    return MAX_WIDTH if width is None else width


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

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        """Tab completes the slugs of the shipped graph's entities (``id:`` too)."""
        from click.shell_completion import CompletionItem

        from ..completion import entities

        return [CompletionItem(slug) for slug in entities(incomplete)]

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


def complete_query_name(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """``shell_complete`` for an argument that takes a named query (``query``'s QUERY)."""
    from click.shell_completion import CompletionItem

    from ..completion import query_names

    return [CompletionItem(name) for name in query_names(incomplete)]


ENTITY = EntityType()
PARAM_BINDING = ParamBindingType()
