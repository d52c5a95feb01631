"""Which HTTP front for ``ahtgraph serve``: the cost of the server stack alone.

The front of ``ahtgraph serve`` only parses requests and hands jobs to query workers, so what
matters is how much CPU the stack itself takes per request, CPU the workers then lack. Each
candidate answers the same fixed 200-byte JSON body for GET /x with 4 keep-alive connections
(wrk, 2 threads), one candidate at a time, in alternating slices:

* ``asyncio``: ahtgraph's own front (``ahtgraph.serve.http``: httptools' parser on uvloop);
* ``uvicorn``: a Starlette app on uvicorn (httptools and uvloop too);
* ``granian``: the same Starlette app on granian (Rust HTTP, ASGI).

Run: ``python benchmarks/bench_front.py [--slices 3] [--seconds 3]`` (needs wrk; 127.0.0.1).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BODY = (
    '{"head":{"vars":["x"]},"results":{"bindings":['
    + ",".join(['{"x":{"type":"literal","value":"abc"}}'] * 4)
    + "]}}"
)

STARLETTE_APP = textwrap.dedent(
    f"""
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    async def x(request):
        return Response({BODY!r}, media_type="application/sparql-results+json")

    app = Starlette(routes=[Route("/x", x)])
    """
)
ASYNCIO_APP = textwrap.dedent(
    f"""
    import asyncio, socket, sys, uvloop
    from ahtgraph.serve.http import AccessLog, HttpProtocol, Response

    async def handler(request):
        return Response(200, [("Content-Type", "application/sparql-results+json")],
                        {BODY!r}.encode())

    async def main(port):
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: HttpProtocol(handler, AccessLog(False), 10**6, 10**6, set()),
            "127.0.0.1", port)
        await asyncio.Event().wait()

    uvloop.run(main(int(sys.argv[1])))
    """
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(name: str, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{folder}")
    if name == "asyncio":
        (folder / "front_asyncio.py").write_text(ASYNCIO_APP)
        cmd = [sys.executable, str(folder / "front_asyncio.py"), str(port)]
    elif name == "uvicorn":
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "front_starlette:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--loop",
            "uvloop",
            "--http",
            "httptools",
        ]
    else:
        cmd = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "front_starlette:app",
        ]
    process = subprocess.Popen(
        cmd, env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/x"
    for _ in range(200):
        try:
            if httpx.get(url, trust_env=False, timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"{name} did not start")


def wrk(url: str, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", "-c4", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slices", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "front_starlette.py").write_text(STARLETTE_APP)
        names = ["asyncio", "uvicorn", "granian"]
        rates: dict[str, list[float]] = {n: [] for n in names}
        for _ in range(args.slices):
            for name in names:
                process, url = start(name, folder)
                try:
                    wrk(url, 1)
                    rates[name].append(wrk(url, args.seconds))
                finally:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()
        for name in names:
            print(
                f"{name:8} req/s median {statistics.median(rates[name]):8.0f} "
                f"(slices {', '.join(f'{r:.0f}' for r in rates[name])})"
            )


if __name__ == "__main__":
    main()
