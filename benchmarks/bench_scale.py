"""How the embedded rdflib graph and pyoxigraph scale from 10k to 1M triples.

Why: users add their own data with --data; before promising that works at any size we need
figures. For each size (graphs from benchmarks/generate.py) and each engine this measures:

* parse    load the N-Triples file (rdflib ``Graph.parse`` / pyoxigraph ``Store.bulk_load``);
* join     funded organisations and the region each serves (labels in English);
* path     two hops: who funds someone who publishes something;
* validate pyshacl with our shapes, as ``ahtgraph validate`` runs it (rdflib only: pyoxigraph
           has no SHACL engine);
* export   write the graph as N-Triples to a file.

Every measurement runs in its own process (``--one``), so one run's memory cannot pollute the
next; the figure reported is the wall time of the step itself and the process's peak RSS
(``ru_maxrss``, which includes the loaded graph). Validation is time-boxed: when the 100k run
took over 120 s, the larger sizes are skipped and the table says so.

    python benchmarks/bench_scale.py                      # 10k 100k 1M, writes JSON + table
    python benchmarks/bench_scale.py --sizes 10k 100k --json /tmp/scale.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

JOIN = """\
PREFIX aht:  <https://w3id.org/ahtgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?funder ?organisation ?organisationLabel ?region ?regionLabel WHERE {
  ?funder aht:funds ?organisation .
  ?organisation a aht:Organisation ;
                rdfs:label ?organisationLabel ;
                aht:areaServed ?region .
  ?region rdfs:label ?regionLabel .
  FILTER (LANG(?organisationLabel) = "en" && LANG(?regionLabel) = "en")
}"""

PATH = """\
PREFIX aht: <https://w3id.org/ahtgraph/ontology#>
SELECT DISTINCT ?funder ?publication WHERE {
  ?funder aht:funds/aht:publishes ?publication .
}"""

OPS = {
    "rdflib": ["parse", "join", "path", "validate", "export"],
    "oxigraph": ["parse", "join", "path", "export"],
}
VALIDATION_BOX_S = 120.0
VALIDATION_TIMEOUT_S = 300.0


# ------------------------------------------------------------------ one measurement (child)


def _load(engine: str, path: Path):
    if engine == "rdflib":
        from rdflib import Graph

        graph = Graph()
        graph.parse(path, format="nt")
        return graph
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def measure(engine: str, op: str, path: Path) -> dict[str, object]:
    """Time ``op`` (after loading, unless op is parse) in this process; peak RSS included."""
    if engine == "oxigraph":
        import pyoxigraph
    else:
        import rdflib  # noqa: F401
    start = time.perf_counter()
    graph = _load(engine, path)
    loaded = time.perf_counter()
    out: dict[str, object] = {"triples": len(graph)}
    if op == "parse":
        seconds = loaded - start
    elif op in ("join", "path"):
        text = JOIN if op == "join" else PATH
        begin = time.perf_counter()
        rows = list(graph.query(text))
        seconds = time.perf_counter() - begin
        out["rows"] = len(rows)
    elif op == "validate":
        import pyshacl

        from ahtgraph.validation import load_shapes

        shapes = load_shapes()
        begin = time.perf_counter()
        conforms, _, _ = pyshacl.validate(
            graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False
        )
        seconds = time.perf_counter() - begin
        out["conforms"] = bool(conforms)
    elif op == "export":
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "out.nt"
            begin = time.perf_counter()
            if engine == "rdflib":
                graph.serialize(destination=str(target), format="nt")
            else:
                import pyoxigraph

                graph.dump(
                    str(target),
                    format=pyoxigraph.RdfFormat.N_TRIPLES,
                    from_graph=pyoxigraph.DefaultGraph(),
                )
            seconds = time.perf_counter() - begin
            out["bytes"] = target.stat().st_size
    else:
        raise SystemExit(f"unknown op {op}")
    out["seconds"] = round(seconds, 3)
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


# ------------------------------------------------------------------------ orchestration


def run_one(engine: str, op: str, path: Path, timeout: float | None) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--one", engine, op, str(path)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"skipped": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt(cell: dict[str, object] | None) -> str:
    if not cell:
        return "-"
    if "skipped" in cell:
        return f"not run ({cell['skipped']})"
    if "error" in cell:
        return f"error: {cell['error']}"
    seconds = float(cell["seconds"])  # type: ignore[arg-type]
    took = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"
    return f"{took} / {cell['peak_rss_mib']:.0f} MiB"


def table(results: dict[str, dict[str, dict[str, dict[str, object]]]]) -> str:
    """Markdown: one row per (op, engine), one column per size, plus growth ratios."""
    sizes = list(results)
    head = ["step", "engine", *sizes]
    ratios = [f"{a}→{b}" for a, b in itertools.pairwise(sizes)]
    head += [f"time x{r}" for r in ratios]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for op in OPS["rdflib"]:
        for engine in ("rdflib", "oxigraph"):
            if op not in OPS[engine]:
                continue
            cells = [results[s].get(engine, {}).get(op) for s in sizes]
            row = [op, engine, *(_fmt(c) for c in cells)]
            for a, b in itertools.pairwise(cells):
                if a and b and "seconds" in a and "seconds" in b and a["seconds"]:
                    row.append(f"{float(b['seconds']) / max(float(a['seconds']), 1e-3):.1f}")
                else:
                    row.append("-")
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "OP", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k", "1M"])
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "aht-scale")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--engines", nargs="+", default=list(OPS), choices=list(OPS))
    parser.add_argument("--ops", nargs="+", help="only these steps (default: all)")
    parser.add_argument(
        "--merge", type=Path, help="start from the figures in this JSON file (re-measure some)"
    )
    args = parser.parse_args(argv)
    if args.one:
        engine, op, file = args.one
        print(json.dumps(measure(engine, op, Path(file))))
        return

    from generate import generate

    args.data_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, dict[str, dict[str, object]]]] = {}
    if args.merge and args.merge.exists():
        results = json.loads(args.merge.read_text(encoding="utf-8"))
    skip_validation: str | None = None
    for label in args.sizes:
        path = args.data_dir / f"aht-{label}.nt"
        if not path.exists():
            lines = generate(__import__("generate").parse_size(label))
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        results.setdefault(label, {})
        for engine in args.engines:
            results[label].setdefault(engine, {})
            for op in OPS[engine]:
                if args.ops and op not in args.ops:
                    continue
                if op == "validate" and skip_validation:
                    cell: dict[str, object] = {"skipped": skip_validation}
                else:
                    timeout = VALIDATION_TIMEOUT_S if op == "validate" else None
                    cell = run_one(engine, op, path, timeout)
                results[label][engine][op] = cell
                print(f"{label:>5} {engine:8} {op:8} {json.dumps(cell)}", flush=True)
                if op == "validate" and label != args.sizes[0] and not skip_validation:
                    took = cell.get("seconds")
                    if took is None or float(took) > VALIDATION_BOX_S:  # type: ignore[arg-type]
                        skip_validation = f"{label} took over {VALIDATION_BOX_S:.0f} s"
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(table(results))


if __name__ == "__main__":
    main()
