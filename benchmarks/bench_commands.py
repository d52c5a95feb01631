"""Whole-process time of the graph commands that are not SPARQL queries, side by side with bare
baselines: what an rdflib-based and a pyoxigraph-based script pay just to read the same graph.

Why: issue "Queries on Oxigraph" asks for each command (describe, check, site, release
statistics, the schema.org mapping) to be measured, and moved to the engine where that makes it
faster. These commands shape their output with rdflib (text pages, Turtle/JSON-LD, SHACL), so
the question is what their reading of the graph costs: since the shipped graph is parsed by
pyoxigraph and converted (ahtgraph.loading.shipped_graph), each should sit well under the
"bare rdflib parse" baseline's multiple. Runs interleave; medians of N.

    python benchmarks/bench_commands.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ahtgraph import resources

_SCRIPT = Path(sys.executable).parent / "ahtgraph"
AHTGRAPH = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "ahtgraph"]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

BARE_RDFLIB = """\
import sys
from rdflib import Graph
g = Graph()
for path in sys.argv[1:]:
    g.parse(path, format="turtle")
print(len(g))
"""
BARE_OXIGRAPH = """\
import sys
import pyoxigraph as ox
s = ox.Store()
for path in sys.argv[1:]:
    s.load(path=path, format=ox.RdfFormat.TURTLE)
print(len(s))
"""

COMMANDS = {
    "describe payoke": ["describe", "payoke"],
    "describe payoke --format turtle": ["describe", "payoke", "--format", "turtle"],
    "check": ["check"],
    "validate": ["validate"],
    "jsonld payoke": ["jsonld", "payoke"],
    "export --format nt": ["export", "--format", "nt"],
}


def _timed(cmd: list[str], ok: tuple[int, ...] = (0, 1)) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=ENV)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd[:4])}... failed: {done.stderr.decode()[-300:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", action="store_true", help="also time `site` and `release`")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    files = [str(p) for p in resources.graph_files()]
    (folder / "bare_rdflib.py").write_text(BARE_RDFLIB, encoding="utf-8")
    (folder / "bare_oxigraph.py").write_text(BARE_OXIGRAPH, encoding="utf-8")
    cmds = {
        "bare rdflib parse": [sys.executable, str(folder / "bare_rdflib.py"), *files],
        "bare pyoxigraph load": [sys.executable, str(folder / "bare_oxigraph.py"), *files],
    }
    cmds |= {f"ahtgraph {name}": [*AHTGRAPH, *argv] for name, argv in COMMANDS.items()}
    if args.site:
        cmds["ahtgraph site"] = [*AHTGRAPH, "site", "-o", str(folder / "site"), "--force", "-q"]
        cmds["ahtgraph release"] = [
            *AHTGRAPH, "release", "-o", str(folder / "release"), "--force", "-q",
        ]  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(args.runs):
        for name, cmd in cmds.items():
            # check and validate exit 1 when they find something; a baseline must succeed.
            times[name].append(_timed(cmd, ok=(0,) if name.startswith("bare") else (0, 1)))
    medians = {name: statistics.median(t) for name, t in times.items()}
    rdflib_base = medians["bare rdflib parse"]
    print(f"shipped graph: {len(files)} files; median of {args.runs} runs, interleaved")
    print(f"{'command':38} {'seconds':>8} {'x bare rdflib parse':>20}")
    for name, median in medians.items():
        print(f"{name:38} {median:8.3f} {median / rdflib_base:20.2f}")


if __name__ == "__main__":
    main()
