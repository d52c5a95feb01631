"""Starting and stopping the server: bind, start the workers, say where, drain on SIGTERM.

The first line on stderr names the URL (``--port 0`` binds a free port, so scripts and tests
read the port there). SIGTERM and SIGINT stop accepting connections, let requests in flight
finish (up to the query timeout), close idle connections, then stop the workers; while the
workers are still loading the graph they stop them at once. Either way :func:`run` returns, so
standard input's private copy (:mod:`.sources`) is removed.
"""

from __future__ import annotations

import asyncio
import gc
import signal
import socket
import sys
from dataclasses import dataclass, field
from typing import Any

from ..loading import DataSource
from .app import App, Settings
from .http import AccessLog, HttpProtocol
from .pool import Pool, WorkerFailed
from .sources import staged


@dataclass
class Options:
    """Everything ``ahtgraph serve`` was told."""

    host: str = "127.0.0.1"
    port: int = 8000
    data: list[DataSource] = field(default_factory=list)
    named: list[str] = field(default_factory=list)
    only_data: bool = False
    base_url: str | None = None
    query_timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    max_query_bytes: int = 100 * 1024
    max_response_bytes: int = 50 * 1024 * 1024
    memory_mb: int = 1024
    proxy_headers: bool = False
    access_log: bool = True


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


async def serve(options: Options, data: list[dict[str, Any]]) -> int:
    """Run until SIGTERM/SIGINT; the exit status.

    ``data`` is ``options.data`` as worker JSON, from :func:`.sources.staged` (which must
    outlive this call: standard input's copy is read by every worker started, replacements
    too).
    """
    loop = asyncio.get_running_loop()
    stop = loop.create_future()

    def _stop() -> None:
        if not stop.done():
            stop.set_result(None)

    # Handled from the start: the workers take seconds to load, and a SIGTERM meanwhile must
    # still end in run()'s clean-up rather than Python's default (exit without it).
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, _stop)
    try:
        sock = _bind(options.host, options.port)
    except OSError as exc:
        sys.stderr.write(f"Error: cannot listen on {options.host}:{options.port}: {exc.strerror}\n")
        return 2
    port = sock.getsockname()[1]
    shown = f"[{options.host}]" if ":" in options.host else options.host
    bound_url = f"http://{shown}:{port}"
    config = {
        "data": data,
        "named": list(options.named),
        "only_data": options.only_data,
        "max_rows": options.max_rows,
        "max_bytes": options.max_response_bytes,
        "memory_mb": options.memory_mb,
    }
    pool = Pool(options.workers, config, options.query_timeout)
    starting = asyncio.ensure_future(pool.start())
    await asyncio.wait([starting, stop], return_when=asyncio.FIRST_COMPLETED)
    if not starting.done():
        starting.cancel()
        await pool.close()
        sock.close()
        return 0
    try:
        summary = starting.result()
    except WorkerFailed as exc:
        sys.stderr.write(f"Error: {exc}\n")
        await pool.close()
        return 2
    settings = Settings(
        options.base_url,
        bound_url,
        options.max_query_bytes,
        options.max_rows,
        options.proxy_headers,
    )
    app = App(pool, settings)
    log = AccessLog(options.access_log)
    connections: set[HttpProtocol] = set()
    limit = 3 * options.max_query_bytes + 8192  # a URL-encoded query may triple in size
    server = await loop.create_server(
        lambda: HttpProtocol(app, log, limit, limit, connections), sock=sock
    )
    gc.collect()
    gc.freeze()  # what exists now lives until exit: no GC pauses walking it (tail latency)
    sys.stderr.write(
        f"ahtgraph serve: {bound_url}/sparql ({summary.get('quads', 0)} triples, "
        f"{options.workers} query workers)\n"
    )
    sys.stderr.flush()
    await stop
    server.close()
    deadline = loop.time() + options.query_timeout + 1
    while loop.time() < deadline and any(not c.idle for c in connections):
        await asyncio.sleep(0.05)
    for connection in list(connections):
        connection.close()
    await pool.close()
    return 0


def run(options: Options) -> int:
    """Run the server on uvloop where installed, else asyncio's own loop.

    Standard input (``--data -``) is written to a private temporary folder for the workers
    first; the folder goes when the server ends, however it ends (SIGTERM and SIGINT end the
    loop normally, see :func:`serve`; an error too, through the ``with``).
    """
    # Until serve() hands SIGTERM to the loop, it ends the ``with`` as SIGINT does.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        with staged(options.data) as data:
            try:
                import uvloop
            except ImportError:  # pragma: no cover - uvloop is a dependency on Linux and macOS
                return asyncio.run(serve(options, data))
            return uvloop.run(serve(options, data))
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)
