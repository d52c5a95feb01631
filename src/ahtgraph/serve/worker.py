"""A query worker process: loads the graph once, then answers jobs one at a time.

Why a process: a pyoxigraph query cannot be stopped from its own thread, so every query runs
where it can be killed. The HTTP front (:mod:`.pool`) sends one job at a time over this
process's stdin and reads the reply on its stdout; past ``--query-timeout`` it kills the
process and starts another. A memory cap (RLIMIT_AS) ends a query that grows too large the same
way: the allocation fails, the process dies or raises MemoryError, the client gets a 503.

Frames are a 4-byte big-endian length and a pickle; both ends are this package, nothing else
writes to these pipes (stdout is handed over to stderr for anything else that prints).
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import resource
import struct
import sys
import traceback
from typing import Any, BinaryIO

from ..errors import AhtgraphError

_HEADER = struct.Struct(">I")


def read_frame(stream: BinaryIO) -> Any:
    """The next pickled message, or None at end of input."""
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = _HEADER.unpack(head)
    return pickle.loads(stream.read(size))


def frame(message: Any) -> bytes:
    """A message as bytes on the wire."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space at what it uses now plus ``megabytes``."""
    if megabytes <= 0:
        return
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except OSError:  # not Linux: no cap (docs/serve.md says the cap is Linux-only)
        return
    used = pages * os.sysconf("SC_PAGE_SIZE")
    cap = used + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when the server process dies, even mid-query."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    except (OSError, AttributeError):  # not Linux: end of input still stops an idle worker
        pass


def _warm(state: Any) -> None:
    try:
        state.warm()
    except Exception:  # a page will show the same error to its first visitor, once
        traceback.print_exc(file=sys.stderr)


def main(argv: list[str]) -> int:
    """Run as ``python -m ahtgraph.serve.worker CONFIG_JSON``."""
    _die_with_parent()
    config = json.loads(argv[0])
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # stray prints must not corrupt the frames
    inp = sys.stdin.buffer

    from . import jobs

    try:
        state = jobs.State.load(config)
    except AhtgraphError as exc:
        out.write(frame(("error", exc.message)))
        out.flush()
        return 2
    out.write(frame(("ready", state.summary())))
    out.flush()
    # The loaded graph's Python objects live as long as the process: keep the cyclic garbage
    # collector from walking them again and again (pauses show up as slow answers).
    gc.collect()
    gc.freeze()
    _limit_memory(int(config.get("memory_mb", 0)))
    if config.get("pages", True):
        import threading

        threading.Thread(target=_warm, args=(state,), daemon=True).start()
    while True:
        message = read_frame(inp)
        if message is None:
            return 0
        try:
            reply = jobs.handle(state, message)
        except MemoryError:
            reply = jobs.text_reply(503, "query ran out of memory", retry=True)
        except Exception:  # a bug: logged here, never shown to the client
            traceback.print_exc(file=sys.stderr)
            reply = jobs.text_reply(500, "internal error")
        out.write(frame(reply))
        out.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
