"""One local query, start to finish: load, run, stream the answer to stdout or ``-o FILE``.

Why here and not in the CLI: ``ahtgraph query`` only parses its options and calls
:func:`run_local` (DESIGN.md: a command never loads, formats or writes by itself), and the
time limit spans all three steps.

``--timeout``: while the data loads (inside pyoxigraph, which Python cannot interrupt), a
watchdog thread ends the process with exit status 3 and one line on stderr at the deadline;
no output file is open yet, so nothing is left behind. The query itself then runs in the
engine's killable child with the time that is left: at the deadline the child is killed, the
read of the next rows raises QueryTimeout in this thread, the ``-o`` writer removes its
temporary file as it unwinds, and the CLI exits with 3. Rows already streamed to stdout stay.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import AhtgraphError
from ..graph.engine import Boolean, Engine, QueryTimeout, Rows
from ..output import open_output
from ..table import MAX_WIDTH
from . import writers
from .inspect import inspect

#: What ``--format`` accepts for each kind of answer.
ROW_FORMATS = writers.ROW_FORMATS
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "xml", "trig")
#: Exit status when --timeout is reached (docs/cli.md).
EXIT_TIMEOUT = 3


def _expire(seconds: float) -> None:
    sys.stderr.write(
        f"Error: the query took longer than {seconds:g} s (--timeout) while loading the data\n"
    )
    sys.stderr.flush()
    os._exit(EXIT_TIMEOUT)


def _check_format(form: str | None, fmt: str | None) -> str:
    """The format to write, or an AhtgraphError before any output is opened."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise AhtgraphError(
                f"--format {fmt} is for SELECT/ASK results; a {form} query returns a "
                f"graph: use one of {', '.join(GRAPH_FORMATS)}"
            )
        return fmt
    fmt = fmt or "table"
    if fmt not in ROW_FORMATS:
        kind = "a boolean" if form == "ASK" else "rows"
        raise AhtgraphError(
            f"--format {fmt} is for CONSTRUCT/DESCRIBE results; a {form} query "
            f"returns {kind}: use one of {', '.join(ROW_FORMATS)}"
        )
    return fmt


def run_local(
    text: str,
    params: Iterable[Any] = (),
    *,
    data: Sequence[Path] = (),
    named_graphs: Sequence[str] = (),
    only_data: bool = False,
    store_dir: Path | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    force: bool = False,
    allow_service: bool = False,
    timeout: float | None = None,
    base_iri: str | None = None,
    max_width: int | None = MAX_WIDTH,
) -> None:
    """Load, run ``text`` with ``params`` and write the answer (see the module docstring).

    ``max_width`` cuts table cells (``--width``; None: ``--no-truncate``)."""
    if timeout is not None and timeout <= 0:
        raise AhtgraphError("--timeout must be a positive number of seconds")
    fmt = _check_format(inspect(text, base_iri=base_iri).form, fmt)
    deadline = None if timeout is None else time.monotonic() + timeout
    watchdog = None
    if timeout is not None:
        watchdog = threading.Timer(timeout, _expire, (timeout,))
        watchdog.daemon = True
        watchdog.start()
    try:
        engine = Engine.load(data, named_graphs, only_data=only_data, store_dir=store_dir)
    finally:
        if watchdog is not None:
            watchdog.cancel()
    left = None
    if deadline is not None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise QueryTimeout(
                f"the query took longer than {timeout:g} s (--timeout) and was stopped"
            )
    pairs = [f"{p[0]}={p[1]}" if isinstance(p, tuple) else p for p in params]
    try:
        answer = engine.query(
            text, pairs, allow_service=allow_service, timeout=left, base_iri=base_iri
        )
        with open_output(output, force) as sink:
            if isinstance(answer, Boolean):
                writers.write_boolean(fmt, answer.value, sink)  # type: ignore[arg-type]
            elif isinstance(answer, Rows):
                writers.write_rows(fmt, answer.variables, answer, sink, max_width=max_width)  # type: ignore[arg-type]
            elif fmt == "jsonld":
                from ..graph.rdflib_terms import to_graph
                from ..serialize import dumps

                sink.write(dumps(to_graph(answer), "jsonld"))
            else:
                writers.write_triples(fmt, answer, sink)  # type: ignore[arg-type]
    except QueryTimeout:
        raise QueryTimeout(
            f"the query took longer than {timeout:g} s (--timeout) and was stopped"
        ) from None
