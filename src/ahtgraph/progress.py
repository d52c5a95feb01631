"""Progress of long work, as plain lines on stderr: ``ahtgraph: parsed x.ttl: 1,781 triples``.

Never on stdout (results and pipes stay clean). Shown when stderr is a terminal and the
command has already run for :data:`AUTO_AFTER` seconds (a quick ``describe`` prints nothing),
always with ``--progress``, never with ``--quiet``; :func:`settings` sets that per command.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: Seconds a command runs before progress appears on its own (terminal only).
AUTO_AFTER = 1.0

#: True: always (``--progress``); False: never (``--quiet``); None: on a terminal, once slow.
_forced: bool | None = None
_started = time.monotonic()


@contextmanager
def settings(progress: bool = False, quiet: bool = False) -> Iterator[None]:
    """Apply ``--progress`` / ``--quiet`` for one command; both at once: quiet wins."""
    global _forced, _started
    saved = _forced, _started
    _forced = False if quiet else (True if progress else None)
    _started = time.monotonic()
    try:
        yield
    finally:
        _forced, _started = saved


def enabled() -> bool:
    """Whether a progress line written now would be shown."""
    if _forced is not None:
        return _forced
    stream = sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)()) and (
        time.monotonic() - _started >= AUTO_AFTER
    )


def note(message: str) -> None:
    """One progress line on stderr, if progress is shown (see the module docstring)."""
    if enabled():
        print(f"ahtgraph: {message}", file=sys.stderr, flush=True)


def items(things: Iterable[T], total: int, what: str) -> Iterator[T]:
    """``things`` unchanged, with ``ahtgraph: WHAT: 25/100`` lines at each quarter and the end."""
    marks = {max(1, total * q // 4) for q in (1, 2, 3, 4)} if total else set()
    for done, thing in enumerate(things, start=1):
        yield thing
        if done in marks:
            note(f"{what}: {done:,}/{total:,}")
