"""The W3C SPARQL 1.1 query-evaluation tests, run through ahtgraph's engine and writers.

Why: "correct by the standard" is proven by a suite nobody here wrote. The tests live in
``../shared/w3c-rdf-tests/sparql/sparql11/`` (W3C test-suite licence; never copied into this
repository); without that folder this script says so and exits 0.

What runs: every ``mf:QueryEvaluationTest`` of ``manifest-sparql11-query.ttl`` and its
sub-manifests, the syntax tests of ``syntax-query``, and the result-format tests
(``json-res``, ``csv-tsv-res``). Each test loads only its own files (``--only-data``):
``qt:data`` into the default graph, ``qt:graphData`` as named graphs named by their file IRI.
The query's base IRI is its file's IRI. Every SELECT answer is written by our own JSON writer
(``--via cli``: by ``ahtgraph query --format json``) and read back before it is compared, so
the writers are tested on the whole suite; the csv-tsv tests compare our CSV and TSV bytes.

How answers are compared (as Jena's harness does): result sets as multisets of rows, blank
nodes matched by a consistent bijection, order only when the query has ORDER BY; graphs by
isomorphism (RDFC-1.0 canonical forms); numbers and booleans of the same datatype by value,
because Oxigraph stores them in canonical form ("2.5" where the data says "2.50"); language
tags case-insensitively.

Skipped, each listed with its reason: update, SERVICE and entailment tests (not in the
query manifests, except the ones named in SKIPS), tests marked withdrawn or rejected.

    python benchmarks/w3c_sparql.py                      # ../shared next to the checkout
    python benchmarks/w3c_sparql.py --shared /path/to/shared --via cli --min-pass 0.95
"""

from __future__ import annotations

import argparse
import atexit
import csv
import functools
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
DAWGT = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SUITE = Path("w3c-rdf-tests/sparql/sparql11")
MANIFESTS = ("manifest-sparql11-query.ttl", "manifest-sparql11-results.ttl")
_INTEGERS = (
    {XSD + "integer", XSD + "long", XSD + "int", XSD + "short", XSD + "byte"}
    | {XSD + sign + "Integer" for sign in ("nonPositive", "negative", "nonNegative", "positive")}
    | {XSD + "unsigned" + size for size in ("Long", "Int", "Short", "Byte")}
)

Term = Any
Row = dict[str, Term]


# ------------------------------------------------------------------------------ manifests


@dataclass
class W3CTest:
    """One manifest entry: what to load, what to run and what to expect."""

    iri: str
    kind: str  # the mf: type's local name
    name: str
    manifest: Path
    query: Path | None = None
    data: list[Path] = field(default_factory=list)
    graph_data: list[Path] = field(default_factory=list)
    result: Path | None = None
    approval: str = ""
    skip: str = ""


def _path(term: Term) -> Path:
    return Path(term.value.removeprefix("file://"))


def _objects(store: ox.Store, subject: Term, predicate: str) -> list[Term]:
    return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None)]


def _one(store: ox.Store, subject: Term, predicate: str) -> Term | None:
    found = _objects(store, subject, predicate)
    return found[0] if found else None


def _list(store: ox.Store, head: Term | None) -> Iterator[Term]:
    while head is not None and head != ox.NamedNode(RDF + "nil"):
        first = _one(store, head, RDF + "first")
        if first is not None:
            yield first
        head = _one(store, head, RDF + "rest")


def read_manifest(path: Path) -> Iterator[W3CTest]:
    """The tests of a manifest and, recursively, of the manifests it includes."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    this = ox.NamedNode(path.resolve().as_uri())
    for included in _list(store, _one(store, this, MF + "include")):
        yield from read_manifest(_path(included))
    for entry in _list(store, _one(store, this, MF + "entries")):
        kind = _one(store, entry, RDF + "type")
        name = _one(store, entry, MF + "name")
        test = W3CTest(
            iri=entry.value,
            kind=kind.value.rsplit("#", 1)[-1] if kind else "",
            name=name.value if name else entry.value,
            manifest=path,
        )
        approval = _one(store, entry, DAWGT + "approval")
        test.approval = approval.value.rsplit("#", 1)[-1] if approval else ""
        action = _one(store, entry, MF + "action")
        result = _one(store, entry, MF + "result")
        test.result = _path(result) if isinstance(result, ox.NamedNode) else None
        if isinstance(action, ox.NamedNode):  # syntax tests: the action is the query file
            test.query = _path(action)
        elif action is not None:
            query = _one(store, action, QT + "query")
            test.query = _path(query) if query is not None else None
            test.data = [_path(t) for t in _objects(store, action, QT + "data")]
            test.graph_data = [
                _path(t)
                for t in _objects(store, action, QT + "graphData")
                if isinstance(t, ox.NamedNode)
            ]
            if _objects(store, action, QT + "serviceData"):
                test.skip = "SERVICE test (needs remote endpoints)"
            if _objects(
                store, action, "http://www.w3.org/ns/sparql-service-description#entailmentRegime"
            ):
                test.skip = "entailment regime test"
        if "Update" in test.kind:
            test.skip = "update test (the graph is read-only)"
        if test.approval in ("Withdrawn", "Rejected"):
            test.skip = f"marked {test.approval} by the working group"
        yield test


# ------------------------------------------------------------------------------ comparing


def literal_key(term: Term) -> tuple[str, ...]:
    """A comparable key of a term: numbers and booleans by value, language tags lower-cased."""
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Triple):
        return (
            "triple",
            *literal_key(term.subject),
            *literal_key(term.predicate),
            *literal_key(term.object),
        )
    if term.language:
        return ("lit", term.value, "@" + term.language.lower())
    datatype = term.datatype.value
    value = term.value.strip()
    try:
        if datatype in _INTEGERS:
            return ("lit", str(int(value)), datatype)
        if datatype == XSD + "decimal":
            return ("lit", str(Decimal(value).normalize()), datatype)
        if datatype in (XSD + "double", XSD + "float"):
            return ("lit", repr(float(value)), datatype)
        if datatype == XSD + "boolean":
            return ("lit", str(value in ("true", "1")), datatype)
    except (ValueError, InvalidOperation):
        pass
    return ("lit", term.value, datatype)


def _row_keys(row: Row) -> dict[str, tuple[str, ...]]:
    return {v: literal_key(t) for v, t in row.items() if t is not None}


def same_rows(expected: Sequence[Row], actual: Sequence[Row], ordered: bool) -> bool:
    """True when the two result sets are equal up to a renaming of blank nodes."""
    if len(expected) != len(actual):
        return False
    exp = [_row_keys(r) for r in expected]
    act = [_row_keys(r) for r in actual]
    has_bnodes = any(k[0] == "bnode" for r in exp + act for k in r.values())
    if not has_bnodes:
        if ordered:
            return exp == act
        freeze = lambda rows: Counter(tuple(sorted(r.items())) for r in rows)  # noqa: E731
        return freeze(exp) == freeze(act)
    return _match(exp, act, 0, [False] * len(act), {}, {}, ordered)


def _match(
    exp: list[dict[str, tuple[str, ...]]],
    act: list[dict[str, tuple[str, ...]]],
    i: int,
    used: list[bool],
    forward: dict[str, str],
    backward: dict[str, str],
    ordered: bool,
) -> bool:
    """Backtracking search for a row pairing with one consistent blank-node bijection."""
    if i == len(exp):
        return True
    candidates = [i] if ordered else range(len(act))
    for j in candidates:
        if used[j] or exp[i].keys() != act[j].keys():
            continue
        added: list[str] = []
        ok = True
        for var, key in exp[i].items():
            other = act[j][var]
            if key[0] == "bnode" and other[0] == "bnode":
                if key[1] in forward:
                    ok = forward[key[1]] == other[1]
                elif other[1] in backward:
                    ok = False
                else:
                    forward[key[1]] = other[1]
                    backward[other[1]] = key[1]
                    added.append(key[1])
            else:
                ok = key == other
            if not ok:
                break
        if ok:
            used[j] = True
            if _match(exp, act, i + 1, used, forward, backward, ordered):
                return True
            used[j] = False
        for b in added:
            del backward[forward.pop(b)]
    return False


def _normal(term: Term) -> Term:
    """A literal in its canonical form, so isomorphism compares numbers by value."""
    if not isinstance(term, ox.Literal) or term.language:
        return term
    key = literal_key(term)
    return ox.Literal(key[1], datatype=term.datatype)


def same_graph(expected: Sequence[Term], actual: Sequence[Term]) -> bool:
    """Graph isomorphism: the RDFC-1.0 canonical forms of both, literals normalised, match."""

    def canonical(triples: Sequence[Term]) -> set[str]:
        dataset = ox.Dataset(
            ox.Quad(_normal(t.subject), t.predicate, _normal(t.object)) for t in triples
        )
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return {str(q) for q in dataset}

    return len(set(map(str, expected))) == len(set(map(str, actual))) and canonical(
        expected
    ) == canonical(actual)


# ------------------------------------------------------------------------------ answers


@dataclass
class Answer:
    """A query's answer in one of three shapes."""

    rows: list[Row] | None = None
    variables: list[str] | None = None
    boolean: bool | None = None
    triples: list[Term] | None = None


def _solutions(parsed: Any) -> Answer:
    if isinstance(parsed, ox.QueryBoolean):
        return Answer(boolean=bool(parsed))
    variables = [v.value for v in parsed.variables]
    rows = [{v: s[v] for v in variables if s[v] is not None} for s in parsed]
    return Answer(rows=rows, variables=variables)


def _result_set_graph(triples: list[Term]) -> Answer | None:
    """An answer written as an RDF graph in the rs: vocabulary, None for a plain graph."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    sets = [
        q.subject
        for q in store.quads_for_pattern(
            None, ox.NamedNode(RDF + "type"), ox.NamedNode(RS + "ResultSet")
        )
    ]
    if not sets:
        return None
    rs = sets[0]
    boolean = _one(store, rs, RS + "boolean")
    if boolean is not None:
        return Answer(boolean=boolean.value == "true")
    variables = [v.value for v in _objects(store, rs, RS + "resultVariable")]
    rows: list[tuple[int, Row]] = []
    for solution in _objects(store, rs, RS + "solution"):
        row: Row = {}
        for binding in _objects(store, solution, RS + "binding"):
            var = _one(store, binding, RS + "variable")
            value = _one(store, binding, RS + "value")
            if var is not None and value is not None:
                row[var.value] = value
        index = _one(store, solution, RS + "index")
        rows.append((int(index.value) if index is not None else 0, row))
    rows.sort(key=lambda pair: pair[0])
    return Answer(rows=[r for _, r in rows], variables=variables)


def expected_answer(path: Path) -> Answer:
    """The answer a test expects, from its result file of whatever kind."""
    suffix = path.suffix.lower()
    formats = {
        ".srx": ox.QueryResultsFormat.XML,
        ".srj": ox.QueryResultsFormat.JSON,
        ".tsv": ox.QueryResultsFormat.TSV,
    }
    if suffix in formats:
        return _solutions(ox.parse_query_results(path=str(path), format=formats[suffix]))
    rdf = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML}
    triples = [
        q.triple
        for q in ox.parse(path=str(path), format=rdf[suffix], base_iri=path.resolve().as_uri())
    ]
    return _result_set_graph(triples) or Answer(triples=triples)


def run_api(test: W3CTest, fmt: str = "json") -> tuple[Answer, str]:
    """Run through ahtgraph's engine; rows go through our writer in ``fmt`` and are read back."""
    from ahtgraph.graph.engine import Boolean, DataFile, Engine, Rows
    from ahtgraph.queries import writers

    assert test.query is not None
    engine = Engine.load(test.data, [DataFile.named(p) for p in test.graph_data], only_data=True)
    answer = engine.query(
        test.query.read_text(encoding="utf-8"), base_iri=test.query.resolve().as_uri()
    )
    out = io.StringIO()
    if isinstance(answer, Boolean):
        writers.write_boolean("json", answer.value, out)
        return _solutions(
            ox.parse_query_results(out.getvalue(), format=ox.QueryResultsFormat.JSON)
        ), out.getvalue()
    if isinstance(answer, Rows):
        writers.write_rows(fmt, answer.variables, answer, out)
        if fmt == "csv":
            return Answer(), out.getvalue()
        parser = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.TSV
        return _solutions(ox.parse_query_results(out.getvalue(), format=parser)), out.getvalue()
    writers.write_triples("nt", answer, out)
    return Answer(
        triples=[q.triple for q in ox.parse(out.getvalue(), format=ox.RdfFormat.N_TRIPLES)]
    ), out.getvalue()


@functools.cache
def _empty_data() -> Path:
    """An empty N-Triples file, removed when the process exits."""
    folder = Path(tempfile.mkdtemp(prefix="ahtgraph-w3c-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    empty = folder / "empty.nt"
    empty.write_bytes(b"")
    return empty


def run_cli(test: W3CTest, fmt: str = "json") -> tuple[Answer, str]:
    """Run through ``ahtgraph query --only-data`` in a fresh process, as a user would."""
    assert test.query is not None
    text = test.query.read_text(encoding="utf-8")
    graph_form = re.search(r"\b(CONSTRUCT|DESCRIBE)\b", re.sub(r"#[^\n]*", "", text), re.I)
    command = [sys.executable, "-m", "ahtgraph", "query", "--only-data", "-f", str(test.query)]
    for path in test.data:
        command += ["--data", str(path)]
    for path in test.graph_data:
        command += ["--named-graph", str(path)]
    if not test.data and not test.graph_data:
        # A syntax test has no data: query an empty file (--only-data needs one).
        command += ["--data", str(_empty_data())]
    command += ["--format", "nt" if graph_form else fmt]
    done = subprocess.run(command, capture_output=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:])
    body = done.stdout.decode("utf-8")
    if graph_form:
        return Answer(
            triples=[q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        ), body
    if fmt == "csv":
        return Answer(), body
    parser = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.TSV
    return _solutions(ox.parse_query_results(body, format=parser)), body


def csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    """A SPARQL CSV document as header and rows of plain strings."""
    reader = list(csv.reader(io.StringIO(text, newline="")))
    header = reader[0] if reader else []
    return header, [dict(zip(header, r, strict=False)) for r in reader[1:]]


def same_csv(expected: str, actual: str) -> bool:
    """CSV is lossy: compare cell strings, blank-node labels matched by a bijection."""
    eh, er = csv_rows(expected)
    ah, ar = csv_rows(actual)
    if set(eh) != set(ah):
        return False

    def cell(text: str) -> Term:
        if text.startswith("_:"):
            return ox.BlankNode(text[2:])
        try:  # numbers by value: Oxigraph writes 1.0E6 as its canonical 1000000
            return ox.Literal(repr(float(text)), datatype=ox.NamedNode(XSD + "double"))
        except ValueError:
            return ox.Literal(text)

    def as_rows(rows: list[dict[str, str]]) -> list[Row]:
        return [{k: cell(v) for k, v in r.items() if v != ""} for r in rows]

    return same_rows(as_rows(er), as_rows(ar), ordered=False)


# ------------------------------------------------------------------------------ running


def _ordered(query: Path) -> bool:
    return bool(
        re.search(r"\bORDER\s+BY\b", re.sub(r"#[^\n]*", "", query.read_text("utf-8")), re.I)
    )


def check(test: W3CTest, via: str) -> str:
    """ "" when the test passes, else why not."""
    runner = run_cli if via == "cli" else run_api
    if test.kind in (
        "PositiveSyntaxTest11",
        "NegativeSyntaxTest11",
        "PositiveSyntaxTest",
        "NegativeSyntaxTest",
    ):
        positive = test.kind.startswith("Positive")
        try:
            _answer, _ = runner(W3CTest(test.iri, test.kind, test.name, test.manifest, test.query))
            parsed = True
            error = ""
        except Exception as exc:  # the runner's errors are the test's outcome
            parsed = "malformed" not in str(exc) and "nests brackets" not in str(exc)
            error = " ".join(str(exc).split())[:200]
            if positive and not parsed:
                return f"rejected a valid query: {error}"
        if positive:
            return "" if parsed else f"rejected a valid query: {error}"
        return "accepted an invalid query" if parsed else ""
    assert test.result is not None and test.query is not None
    if test.result.suffix == ".csv":
        _answer, text = runner(test, "csv")
        expected = test.result.read_text(encoding="utf-8")
        return "" if same_csv(expected, text) else f"CSV differs:\n{text[:300]}"
    fmt = "tsv" if test.result.suffix == ".tsv" else "json"
    actual, _ = runner(test, fmt)
    expected = expected_answer(test.result)
    if expected.boolean is not None:
        return "" if actual.boolean == expected.boolean else f"ASK answered {actual.boolean}"
    if expected.triples is not None:
        if actual.triples is None:
            return "answered rows where a graph was expected"
        ok = same_graph(expected.triples, actual.triples)
        return (
            ""
            if ok
            else f"graph differs ({len(actual.triples)} triples, {len(expected.triples)} expected)"
        )
    if actual.rows is None:
        return "answered a graph or boolean where rows were expected"
    assert expected.rows is not None
    if set(expected.variables or []) != set(actual.variables or []) and expected.variables:
        return f"variables {actual.variables}, expected {expected.variables}"
    if same_rows(expected.rows, actual.rows, _ordered(test.query)):
        return ""
    return f"rows differ ({len(actual.rows)} rows, {len(expected.rows)} expected)"


def collect(shared: Path) -> list[W3CTest]:
    root = shared / SUITE
    tests: list[W3CTest] = []
    for name in MANIFESTS:
        tests.extend(read_manifest(root / name))
    for test in tests:
        if not test.skip and test.kind not in (
            "QueryEvaluationTest",
            "CSVResultFormatTest",
            "PositiveSyntaxTest11",
            "NegativeSyntaxTest11",
        ):
            test.skip = f"{test.kind}: not a query test"
    return tests


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared"
    )
    parser.add_argument("--via", choices=("api", "cli"), default="cli")
    parser.add_argument("--min-pass", type=float, default=0.95)
    parser.add_argument("--only", help="run only tests whose IRI contains this text")
    parser.add_argument("--json", type=Path, help="write every outcome to this JSON file")
    args = parser.parse_args(argv)
    if not (args.shared / SUITE).is_dir():
        print(f"skipped: no W3C test suite in {args.shared / SUITE}")
        return 0
    tests = collect(args.shared)
    if args.only:
        tests = [t for t in tests if args.only in t.iri]
    started = time.perf_counter()
    outcomes: list[dict[str, str]] = []
    for test in tests:
        if test.skip:
            outcome, why = "skip", test.skip
        else:
            try:
                why = check(test, args.via)
            except Exception as exc:  # a crash in one test is that test's failure
                why = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
            outcome = "fail" if why else "pass"
        outcomes.append(
            {
                "test": test.iri.split("sparql11/", 1)[-1],
                "name": test.name,
                "outcome": outcome,
                "why": why,
            }
        )
    counts = Counter(o["outcome"] for o in outcomes)
    runnable = counts["pass"] + counts["fail"]
    rate = counts["pass"] / runnable if runnable else 0.0
    for o in outcomes:
        if o["outcome"] != "pass":
            why = o["why"].splitlines()[0] if o["why"] else ""
            print(f"{o['outcome'].upper()} {o['test']} ({o['name']}): {why}")
    print(
        f"W3C SPARQL 1.1 query tests via {args.via}: {counts['pass']}/{runnable} runnable passed "
        f"({rate:.1%}), {counts['skip']} skipped, {time.perf_counter() - started:.1f} s"
    )
    if args.json:
        args.json.write_text(json.dumps(outcomes, indent=1) + "\n", encoding="utf-8")
    return 0 if rate >= args.min_pass else 1


if __name__ == "__main__":
    sys.exit(main())
