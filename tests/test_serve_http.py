"""The HTTP front alone (no workers): parsing limits, pipelining, idle connections."""

from __future__ import annotations

import asyncio

import pytest

from ahtgraph.serve import http
from ahtgraph.serve.http import AccessLog, HttpProtocol, Request, Response


async def _echo(request: Request) -> Response:
    return Response(200, [("Content-Type", "text/plain")], request.path.encode())


async def _serve(limit: int = 1000) -> tuple[asyncio.AbstractServer, int]:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: HttpProtocol(_echo, AccessLog(False), limit, limit, set()), "127.0.0.1", 0
    )
    return server, server.sockets[0].getsockname()[1]


async def _exchange(port: int, data: bytes, wait: float = 2.0) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    answer = b""
    try:
        while chunk := await asyncio.wait_for(reader.read(65536), wait):
            answer += chunk
    except TimeoutError:
        pass
    writer.close()
    return answer


def test_pipelined_requests_are_answered_in_order() -> None:
    async def run() -> bytes:
        server, port = await _serve()
        async with server:
            return await _exchange(
                port,
                b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"
                b"GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            )

    answer = asyncio.run(run())
    assert answer.count(b"HTTP/1.1 200 OK") == 3
    assert answer.index(b"\r\n\r\n/a") < answer.index(b"\r\n\r\n/b") < answer.index(b"\r\n\r\n/c")


def test_malformed_and_oversized_requests_get_one_answer_and_a_close() -> None:
    async def run() -> list[bytes]:
        server, port = await _serve(limit=100)
        async with server:
            return [
                await _exchange(port, b"NOT HTTP AT ALL\r\n\r\n"),
                await _exchange(port, b"GET /" + b"x" * 200 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),
                await _exchange(
                    port, b"POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n" + b"y" * 500
                ),
            ]

    bad, long_url, big_body = asyncio.run(run())
    assert bad.startswith(b"HTTP/1.1 400 ")
    assert long_url.startswith(b"HTTP/1.1 414 ")
    assert big_body.startswith(b"HTTP/1.1 413 ")
    for answer in (bad, long_url, big_body):
        assert b"Connection: close" in answer
        assert answer.count(b"HTTP/1.1") == 1


def test_a_connection_that_never_finishes_its_request_is_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(http, "IDLE_SECONDS", 0.3)

    async def run() -> tuple[bytes, float]:
        server, port = await _serve()
        async with server:
            loop = asyncio.get_running_loop()
            started = loop.time()
            answer = await _exchange(port, b"GET /slow HTTP/1.1\r\nHost: x\r\n", wait=3.0)
            return answer, loop.time() - started

    answer, seconds = asyncio.run(run())
    assert answer == b""
    assert seconds < 2.0


def test_expect_100_continue_is_answered_before_the_body() -> None:
    async def run() -> bytes:
        server, port = await _serve()
        async with server:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                b"POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"
            )
            interim = await asyncio.wait_for(reader.read(100), 2)
            writer.write(b"ok")
            rest = await asyncio.wait_for(reader.read(1000), 2)
            writer.close()
            return interim + rest

    answer = asyncio.run(run())
    assert answer.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK")


def test_access_log_escapes_control_characters(capsys: pytest.CaptureFixture[str]) -> None:
    AccessLog(True).write("GET", "/a\nb\x1b[31m\\", 200, 1.25, 3)
    assert capsys.readouterr().err == "GET /a\\nb\\x1b[31m\\\\ 200 1.2ms rows=3\n"
