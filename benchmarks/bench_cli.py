"""Whole-process cost of ``ahtgraph query`` against a bare rdflib script doing the same work.

Why: the CLI adds click, our checks and formatting on top of "import rdflib, parse, query".
This measures that overhead where users feel it (a fresh process per command), interleaving the
two so machine noise hits both alike, and reports the median of N runs, the ratio (target
<= 1.3), the time of ``ahtgraph --help``, and how much of the baseline is parsing the Turtle.

    python benchmarks/bench_cli.py                # first named query without parameters
    python benchmarks/bench_cli.py --runs 11 --query funded-centres
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ahtgraph import named_queries, resources

#: Used when queries/ has no parameterless query yet: a typical "list with labels" query.
FALLBACK_QUERY = """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?entity ?type ?label WHERE {
  ?entity a ?type ; rdfs:label ?label .
  FILTER(lang(?label) = "en")
}
ORDER BY ?entity
"""

BASELINE = """\
import json, sys, time
t0 = time.perf_counter()
import rdflib
t1 = time.perf_counter()
g = rdflib.Graph()
for path in sys.argv[2:]:
    g.parse(path, format="turtle")
t2 = time.perf_counter()
rows = list(g.query(open(sys.argv[1], encoding="utf-8").read()))
for row in rows:
    print("\\t".join("" if t is None else str(t) for t in row))
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "parse": t2 - t1, "query": t3 - t2}), file=sys.stderr)
"""


def _pick_query(name: str | None) -> tuple[list[str], str]:
    """(CLI arguments selecting the query, its SPARQL text)."""
    if name:
        found = named_queries.find(name)
        return [found.name], found.text
    for query in named_queries.catalogue():
        if not query.params:
            return [query.name], query.text
    path = Path(tempfile.mkdtemp()) / "fallback.rq"
    path.write_text(FALLBACK_QUERY, encoding="utf-8")
    return ["-f", str(path)], FALLBACK_QUERY


def _timed(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument("--query", help="named query to run (default: first without params)")
    args = parser.parse_args()

    selector, text = _pick_query(args.query)
    query_file = Path(tempfile.mkdtemp()) / "query.rq"
    query_file.write_text(text, encoding="utf-8")
    files = [str(p) for p in resources.graph_files()]
    cli = [sys.executable, "-m", "ahtgraph", "query", *selector]
    baseline = [sys.executable, "-c", BASELINE, str(query_file), *files]
    help_cmd = [sys.executable, "-m", "ahtgraph", "--help"]

    _timed(cli), _timed(baseline)  # warm the OS file cache and .pyc files
    cli_times, base_times, help_times = [], [], []
    phases: dict[str, list[float]] = {"import": [], "parse": [], "query": []}
    for _ in range(args.runs):
        cli_times.append(_timed(cli)[0])
        elapsed, stderr = _timed(baseline)
        base_times.append(elapsed)
        for key, value in json.loads(stderr.strip().splitlines()[-1]).items():
            phases[key].append(value)
        help_times.append(_timed(help_cmd)[0])

    cli_med, base_med = statistics.median(cli_times), statistics.median(base_times)
    parse_med = statistics.median(phases["parse"])
    size = sum(Path(f).stat().st_size for f in files)
    print(f"query: {' '.join(selector)}  ({len(files)} Turtle files, {size / 1024:.0f} KiB)")
    print(f"runs: {args.runs} each, interleaved; medians:")
    print(f"  ahtgraph query      {cli_med * 1000:7.0f} ms")
    print(f"  bare rdflib script  {base_med * 1000:7.0f} ms")
    print(f"  ratio               {cli_med / base_med:7.2f}  (target <= 1.30)")
    print(f"  ahtgraph --help     {statistics.median(help_times) * 1000:7.0f} ms")
    print("baseline breakdown (in-process medians):")
    for key, values in phases.items():
        print(f"  {key:<8}{statistics.median(values) * 1000:7.0f} ms")
    print(f"  parsing is {parse_med / base_med:.0%} of the baseline's whole-process time")


if __name__ == "__main__":
    main()
