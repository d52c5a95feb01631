"""The HTTP/1.1 front: connections, request parsing (httptools), size caps, the access log.

Why not Starlette on uvicorn or granian: measured in benchmarks/bench_serve.py (docs/serve.md),
the front only parses requests and passes jobs to worker processes, and a plain asyncio
protocol on uvloop with httptools' parser (uvicorn's own) leaves most of the two cores to the
queries. Requests on one connection are answered in order; a response is sent only once its
body is complete.
"""

from __future__ import annotations

import asyncio
import email.utils
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus

import httptools

MAX_HEADER_BYTES = 64 * 1024
#: A connection that sends no complete request for this long is closed (slow or idle clients
#: must not hold connections for ever).
IDLE_SECONDS = 30.0


@dataclass
class Request:
    """One parsed request; header names lower-cased."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""


@dataclass
class Response:
    """A complete response: the body is final before the status line is written."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    rows: int | None = None


Handler = Callable[[Request], Awaitable[Response]]


def text_response(
    status: int, message: str, headers: list[tuple[str, str]] | None = None
) -> Response:
    """One line of text/plain."""
    head = [("Content-Type", "text/plain; charset=utf-8"), *(headers or [])]
    return Response(status, head, (" ".join(message.split()) + "\n").encode())


_REASONS = {s.value: s.phrase for s in HTTPStatus}
_date: tuple[int, str] = (0, "")


def http_date() -> str:
    """The Date header (RFC 9110 6.6.1), formatted once a second."""
    global _date
    now = int(time.time())
    if _date[0] != now:
        _date = (now, email.utils.formatdate(now, usegmt=True))
    return _date[1]


def encode(response: Response, head_only: bool, keep_alive: bool) -> bytes:
    """Status line, headers and body as bytes."""
    lines = [
        f"HTTP/1.1 {response.status} {_REASONS.get(response.status, 'Status')}",
        f"Date: {http_date()}",
        "Server: ahtgraph",
    ]
    for name, value in response.headers:
        lines.append(f"{name}: {value}")
    if not any(name == "X-Content-Type-Options" for name, _ in response.headers):
        lines.append("X-Content-Type-Options: nosniff")  # error lines echo client text
    lines.append(f"Content-Length: {len(response.body)}")
    if not keep_alive:
        lines.append("Connection: close")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
    return head if head_only else head + response.body


def _escape_log(text: str) -> str:
    """Control characters (and backslashes) escaped, so a log line stays one honest line."""
    return "".join(
        ch
        if 32 <= ord(ch) < 127 and ch != "\\"
        else ch.encode("unicode_escape").decode()
        if ch != "\\"
        else "\\\\"
        for ch in text
    )


class AccessLog:
    """One line per request on stderr: method, path (no query string), status, ms, rows."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def write(self, method: str, path: str, status: int, ms: float, rows: int | None) -> None:
        if not self.enabled:
            return
        shown = "-" if rows is None else str(rows)
        line = f"{_escape_log(method)} {_escape_log(path)} {status} {ms:.1f}ms rows={shown}\n"
        sys.stderr.write(line)


class HttpProtocol(asyncio.Protocol):
    """One client connection: parse, queue, answer in order, keep alive."""

    def __init__(
        self,
        handler: Handler,
        log: AccessLog,
        max_url: int,
        max_body: int,
        connections: set[HttpProtocol],
    ) -> None:
        self.handler = handler
        self.log = log
        self.max_url = max_url
        self.max_body = max_body
        self.connections = connections
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.pending: list[tuple[Request, bool, float]] = []
        self.worker: asyncio.Task[None] | None = None
        self._url = b""
        self._headers: dict[str, str] = {}
        self._header_bytes = 0
        self._body: list[bytes] = []
        self._body_size = 0
        self._refused: Response | None = None
        self._started = 0.0

    # -- asyncio

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.connections.add(self)
        self._idle_timer: asyncio.TimerHandle | None = None
        self._arm_idle()

    def _arm_idle(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        self._idle_timer = asyncio.get_running_loop().call_later(IDLE_SECONDS, self._on_idle)

    def _on_idle(self) -> None:
        """No complete request for IDLE_SECONDS: close, unless an answer is being prepared."""
        self._idle_timer = None
        if self.idle:
            self.close()
        else:
            self._arm_idle()

    def connection_lost(self, exc: Exception | None) -> None:
        self.connections.discard(self)
        self.transport = None
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        if self.worker is not None:
            self.worker.cancel()

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._fail(text_response(400, "protocol upgrades are not supported"))
        except httptools.HttpParserError:
            if self._refused is not None:
                self._fail(self._refused)
            else:
                self._fail(text_response(400, "malformed HTTP request"))

    def _fail(self, response: Response) -> None:
        """Answer at once and close: the rest of the input cannot be trusted or is unwanted."""
        if self.transport is None:
            return
        path = self._url.split(b"?", 1)[0].decode("latin-1")
        self.log.write("-", path or "-", response.status, 0.0, None)
        self.transport.write(encode(response, False, False))
        self.transport.close()
        self.transport = None

    # -- httptools callbacks

    def on_message_begin(self) -> None:
        self._url = b""
        self._headers = {}
        self._header_bytes = 0
        self._body = []
        self._body_size = 0
        self._refused = None
        self._started = time.perf_counter()

    def on_url(self, url: bytes) -> None:
        self._url += url
        if len(self._url) > self.max_url:
            self._refused = text_response(414, f"request URI over {self.max_url} bytes")
            raise httptools.HttpParserError("URI too long")

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_bytes += len(name) + len(value)
        if self._header_bytes > MAX_HEADER_BYTES:
            self._refused = text_response(431, "request headers too large")
            raise httptools.HttpParserError("headers too large")
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        self._headers[key] = f"{self._headers[key]}, {text}" if key in self._headers else text

    def on_headers_complete(self) -> None:
        length = self._headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            self._refused = text_response(413, f"request body over {self.max_body} bytes")
            raise httptools.HttpParserError("body too large")
        if self._headers.get("expect", "").lower() == "100-continue" and self.transport:
            self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def on_body(self, body: bytes) -> None:
        self._body_size += len(body)
        if self._body_size > self.max_body:
            self._refused = text_response(413, f"request body over {self.max_body} bytes")
            raise httptools.HttpParserError("body too large")
        self._body.append(body)

    def on_message_complete(self) -> None:
        raw = self._url.decode("latin-1")
        path, _, query = raw.partition("?")
        request = Request(
            self.parser.get_method().decode("latin-1"),
            path,
            query.split("#", 1)[0],
            self._headers,
            b"".join(self._body),
        )
        self.pending.append((request, self.parser.should_keep_alive(), self._started))
        self._arm_idle()
        if len(self.pending) > 16 and self.transport is not None:
            self.transport.pause_reading()
        if self.worker is None or self.worker.done():
            self.worker = asyncio.get_running_loop().create_task(self._answer())

    # -- answering

    async def _answer(self) -> None:
        while self.pending and self.transport is not None:
            request, keep_alive, started = self.pending.pop(0)
            try:
                response = await self.handler(request)
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug: logged, never shown to the client
                import traceback

                traceback.print_exc(file=sys.stderr)
                response = text_response(500, "internal error")
            if self.transport is None:
                return
            self.transport.write(encode(response, request.method == "HEAD", keep_alive))
            ms = (time.perf_counter() - started) * 1000
            self.log.write(request.method, request.path, response.status, ms, response.rows)
            if not keep_alive:
                self.transport.close()
                self.transport = None
                return
            if len(self.pending) <= 16:
                self.transport.resume_reading()

    @property
    def idle(self) -> bool:
        return not self.pending and (self.worker is None or self.worker.done())

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
            self.transport = None
