"""``ahtgraph serve`` against ``oxigraph serve-read-only``, side by side, on the shipped graph.

Throughput: the same simple SELECT with wrk (4 keep-alive connections, 2 threads), in
alternating slices (ahtgraph, oxigraph, ahtgraph, ...) so a busy neighbour on the machine hits
both alike; the ratio of medians is the figure. Then a runaway query (a four-way cross product)
on each server with a timeout, while a client keeps asking the simple query: the slowest
simple answer during the runaway, and the CPU the server burns in the second after the
timeout (0 % once the query is really stopped).

Run: ``python benchmarks/bench_serve.py [--slices 3] [--seconds 3]``; needs wrk and the
``oxigraph`` command (pip package ``oxigraph``). Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "PREFIX aht: <https://w3id.org/ahtgraph/ontology#> "
    "SELECT ?centre ?label WHERE { ?centre a aht:VictimSupportCentre ; rdfs:label ?label }"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ACCEPT = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(url: str) -> None:
    for _ in range(200):
        try:
            httpx.get(url, params={"query": "ASK {}"}, trust_env=False, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise SystemExit(f"server at {url} did not start")


def start_ahtgraph(timeout: float) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ahtgraph.serve",
            "--port",
            "0",
            "--no-access-log",
            "--query-timeout",
            str(timeout),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    first = process.stderr.readline()
    found = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", first)
    if not found:
        process.kill()
        raise SystemExit(f"ahtgraph serve did not start: {first}")
    url = found.group(1)
    wait_up(url)
    time.sleep(8)  # each worker builds its page model in the background once: let it finish
    return process, url


def start_oxigraph(location: Path, timeout: float) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            "oxigraph",
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            "--timeout-s",
            str(int(timeout)),
        ],
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/query"
    wait_up(url)
    return process, url


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wrk(url: str, seconds: int) -> tuple[float, float]:
    """(requests per second, p99 ms) for the simple query."""
    target = f"{url}?query={quote(SIMPLE)}"
    out = subprocess.run(
        ["wrk", "-t2", "-c4", f"-d{seconds}s", "--latency", "-H", f"Accept: {ACCEPT}", target],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"  warning: {errors.group(1)} non-2xx answers from {url}")
    return rate, p99


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children still running."""
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    tick = os.sysconf("SC_CLK_TCK")
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            pass
    return total


def runaway(process: subprocess.Popen[str], url: str, timeout: float) -> tuple[float, str, float]:
    """(slowest simple answer in s during the runaway, runaway status, CPU % after it)."""
    client = httpx.Client(trust_env=False, timeout=timeout + 20)
    outcome: list[str] = []

    def run_away() -> None:
        try:
            response = client.get(url, params={"query": RUNAWAY}, headers={"Accept": ACCEPT})
            outcome.append(f"{response.status_code} {response.text[:60]!r}")
        except httpx.HTTPError as exc:
            outcome.append(type(exc).__name__)

    thread = threading.Thread(target=run_away)
    thread.start()
    time.sleep(0.3)
    slowest = 0.0
    end = time.perf_counter() + timeout - 0.5
    while time.perf_counter() < end:
        started = time.perf_counter()
        try:
            client.get(url, params={"query": SIMPLE}, headers={"Accept": ACCEPT}, timeout=5)
        except httpx.HTTPError:
            slowest = max(slowest, 5.0)
        slowest = max(slowest, time.perf_counter() - started)
        time.sleep(0.05)
    thread.join(timeout + 20)
    time.sleep(1.0)  # let a replacement worker finish loading
    before = cpu_seconds(process.pid)
    time.sleep(2.0)
    cpu = (cpu_seconds(process.pid) - before) / 2.0 * 100
    client.close()
    return slowest, outcome[0] if outcome else "no answer", cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--slices", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=4.0)
    args = parser.parse_args()
    if not shutil.which("wrk") or not shutil.which("oxigraph"):
        raise SystemExit("needs wrk (apt-get install wrk) and oxigraph (pip install oxigraph)")
    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "store"
        files = sorted((ROOT / "data").glob("*.ttl"))
        subprocess.run(
            [
                "oxigraph",
                "load",
                "--location",
                str(location),
                *[a for f in files for a in ("--file", str(f))],
            ],
            check=True,
            capture_output=True,
        )
        ours, our_url = start_ahtgraph(args.timeout)
        theirs, their_url = start_oxigraph(location, args.timeout)
        try:
            results: dict[str, list[tuple[float, float, float]]] = {
                "ahtgraph": [],
                "oxigraph": [],
            }
            servers = {"ahtgraph": (ours, our_url), "oxigraph": (theirs, their_url)}
            wrk(our_url, 1)
            wrk(their_url, 1)  # warm-up
            for _ in range(args.slices):
                for name, (process, url) in servers.items():
                    before = cpu_seconds(process.pid)
                    rate, p99 = wrk(url, args.seconds)
                    used = cpu_seconds(process.pid) - before
                    # requests per CPU-second of the server's own processes: what a busy
                    # machine (other programs taking the cores) does not distort
                    results[name].append((rate, p99, rate * args.seconds / max(used, 1e-9)))
            for name, runs in results.items():
                rates = [r for r, _, _ in runs]
                p99s = [p for _, p, _ in runs]
                per_cpu = [c for _, _, c in runs]
                print(
                    f"{name:9} req/s median {statistics.median(rates):8.0f} "
                    f"(slices {', '.join(f'{r:.0f}' for r in rates)}); "
                    f"p99 max {max(p99s):.1f} ms; "
                    f"req per CPU-second median {statistics.median(per_cpu):.0f}"
                )
            ours_rate = statistics.median(r for r, _, _ in results["ahtgraph"])
            theirs_rate = statistics.median(r for r, _, _ in results["oxigraph"])
            ours_cpu = statistics.median(c for _, _, c in results["ahtgraph"])
            theirs_cpu = statistics.median(c for _, _, c in results["oxigraph"])
            print(
                f"ratio ahtgraph/oxigraph: {ours_rate / theirs_rate:.2f} req/s, "
                f"{ours_cpu / theirs_cpu:.2f} req per CPU-second"
            )
            for name, process, url in (
                ("ahtgraph", ours, our_url),
                ("oxigraph", theirs, their_url),
            ):
                slowest, status, cpu = runaway(process, url, args.timeout)
                print(
                    f"{name:9} runaway: answer {status}; slowest simple query meanwhile "
                    f"{slowest:.2f} s; CPU after the timeout {cpu:.0f} %"
                )
        finally:
            stop(ours)
            stop(theirs)


if __name__ == "__main__":
    main()
