"""Whole-process ``ahtgraph query`` on Oxigraph against a bare pyoxigraph script, side by side.

Why: users run one command per question, so what counts is the whole process: interpreter,
imports, loading the graph, the query, printing. The baseline does the least anyone could:
import pyoxigraph, load the same files, run the same query, print one line per row. The two
run interleaved (machine noise hits both alike); the median of N runs and their ratio are
reported. Targets (issue "Queries on Oxigraph"): ratio <= 2.5 on the shipped graph, <= 1.5 on
1M synthetic triples, every named query under 0.5 s.

    python benchmarks/bench_engine.py                      # shipped graph, funded-centres
    python benchmarks/bench_engine.py --named              # every named query, whole-process
    python benchmarks/bench_engine.py --data /tmp/aht-1M.nt --only-data --runs 3
    python benchmarks/bench_engine.py --validate /tmp/aht-100k.nt  # validate, both engines

Run it with the interpreter of the environment to measure: a wheel install (`pip install .`)
loads the prebuilt graph (ahtgraph.graph.prebuilt); an editable install parses the Turtle.
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

from ahtgraph import named_queries, resources

BASELINE = """\
import sys
import pyoxigraph as ox
store = ox.Store()
for path in sys.argv[2:]:
    fmt = ox.RdfFormat.N_TRIPLES if path.endswith(".nt") else ox.RdfFormat.TURTLE
    store.load(path=path, format=fmt, base_iri="file://" + path)
for row in store.query(open(sys.argv[1], encoding="utf-8").read()):
    print("\\t".join("" if t is None else str(t) for t in row))
"""


#: The console script installed beside this interpreter (a wheel install or an editable one;
#: only a wheel carries the prebuilt graph, see ahtgraph.graph.prebuilt).
_SCRIPT = Path(sys.executable).parent / "ahtgraph"
AHTGRAPH = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "ahtgraph"]

#: As installed from a wheel: bytecode cached (some shells set PYTHONDONTWRITEBYTECODE, which
#: would make every run recompile ahtgraph's sources but not the bare script's one file).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _timed(cmd: list[str], ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=ENV)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(cmd[:6])}... failed: {done.stderr.decode()[-300:]}")
    return time.perf_counter() - start


def compare(query: str, data: list[str], only_data: bool, runs: int) -> None:
    text = named_queries.text_for(query)
    folder = Path(tempfile.mkdtemp())
    query_file = folder / "query.rq"
    query_file.write_text(text, encoding="utf-8")
    baseline_file = folder / "baseline.py"
    baseline_file.write_text(BASELINE, encoding="utf-8")
    files = ([] if only_data else [str(p) for p in resources.graph_files()]) + data
    # The command users type: the console script, with the named query's name (as the issue
    # measured it). `python -m ahtgraph` adds runpy's imports (about 5 ms; see docs/scale.md).
    ours = [*AHTGRAPH, "query", query, "--format", "tsv"]
    for path in data:
        ours += ["--data", path]
    if only_data:
        ours.append("--only-data")
    bare = [sys.executable, str(baseline_file), str(query_file), *files]
    mine, base = [], []
    for _ in range(runs):
        mine.append(_timed(ours))
        base.append(_timed(bare))
    m, b = statistics.median(mine), statistics.median(base)
    print(f"input: {_triples(files)} triples in {len(files)} file(s); median of {runs} runs")
    print(
        f"ahtgraph query {query[:40]!r}: {m:.3f} s  bare pyoxigraph: {b:.3f} s  ratio {m / b:.2f}"
    )


def _triples(files: list[str]) -> int:
    """How many triples the compared runs load (figures in docs/ name the graph's size)."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in files:
        fmt = ox.RdfFormat.N_TRIPLES if path.endswith(".nt") else ox.RdfFormat.TURTLE
        store.load(path=path, format=fmt, base_iri="file://" + path)
    return len(store)


def named(runs: int) -> None:
    files = [str(p) for p in resources.graph_files()]
    print(f"every named query, shipped graph of {_triples(files)} triples, median of {runs} runs")
    for q in named_queries.catalogue():
        cmd = [*AHTGRAPH, "query", q.name, "--format", "tsv"]
        for p in q.params:
            cmd += ["--param", f"{p.name}=id:payoke"]
        times = [_timed(cmd, ok=(0, 2)) for _ in range(runs)]
        print(f"  {q.name:24} {statistics.median(times):.3f} s")


def validate(data: list[str], runs: int) -> None:
    for engine_args in ([], ["--engine", "pyshacl"]):
        cmd = [*AHTGRAPH, "validate", *engine_args]
        for path in data:
            cmd += ["--data", path]
        times = [_timed(cmd, ok=(0, 1, 2)) for _ in range(runs)]
        label = "pyshacl" if engine_args else "oxigraph"
        print(f"validate ({label}, {len(data)} data file(s)): {statistics.median(times):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--query", default="funded-centres")
    parser.add_argument("--data", action="append", default=[])
    parser.add_argument("--only-data", action="store_true")
    parser.add_argument("--named", action="store_true", help="time every named query")
    parser.add_argument("--validate", nargs="*", help="time validate (data files optional)")
    args = parser.parse_args()
    if args.validate is not None:
        validate(args.validate, args.runs)
        return
    if args.named:
        named(args.runs)
        return
    compare(args.query, args.data, args.only_data, args.runs)
    help_time = statistics.median(
        _timed([sys.executable, "-m", "ahtgraph", "--help"]) for _ in range(args.runs)
    )
    print(f"ahtgraph --help: {help_time:.3f} s")


if __name__ == "__main__":
    main()
