"""Property-based tests: generated and mutated input at the CLI never yields a traceback.

The contract (docs/cli.md): whatever the user passes, ``ahtgraph`` answers or prints one
``Error: ...`` line, exits with a documented status (0, 1 or 2), never shows a Python
traceback, and never leaves a partial or temporary file behind an ``-o``.

Hypothesis throws at the CLI: SPARQL generated from a small grammar (deep nesting, odd
Unicode, huge numbers, bad REGEX patterns, GROUP BY expressions, SUM over IRIs, GRAPH ?g,
FROM NAMED, SERVICE), the named queries of queries/*.rq with tokens deleted, duplicated or
inserted, ``--param`` values, and ``--data`` files that are truncated, bit-flipped, binary,
UTF-16 or hold ill-typed literals. Most examples run in-process through click's CliRunner;
a few run ``python -m ahtgraph`` as a subprocess, where a traceback would really reach stderr.

The default profile keeps the file fast (a few seconds); ``HYPOTHESIS_PROFILE=long`` runs
many more examples with a looser deadline.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.control import currently_in_test_context

from ahtgraph.cli import cli

# Hypothesis writes a cache of the constants it reads in the code under test (from collection
# on) and a patch file for failing or xfailing examples (at the end of the run): into a
# throw-away folder removed when the process exits, never into the checkout's .hypothesis/.
_HYPOTHESIS_HOME = Path(tempfile.mkdtemp(prefix="ahtgraph-hypothesis-"))
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "cli"
FIXTURE_TURTLE = (FIXTURE / "data" / "resources.ttl").read_bytes()
NAMED_QUERIES = sorted(
    p.read_text(encoding="utf-8")
    for p in [*(ROOT / "queries").glob("*.rq"), *(FIXTURE / "queries").glob("*.rq")]
)

# The documented exit statuses (docs/cli.md, src/ahtgraph/cli/exit_codes.py); 143 and 129
# (signals) cannot happen here.
DOCUMENTED_EXIT_CODES = {0, 1, 2}
TRACEBACK = "Traceback (most recent call last)"

# No example database and no patch files: tests write only under their temporary folder.
_COMMON = settings(
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "default", _COMMON, max_examples=20, deadline=timedelta(seconds=5), derandomize=True
)
settings.register_profile("long", _COMMON, max_examples=400, deadline=timedelta(seconds=30))
# Applied per test (not loaded globally), so other test files keep Hypothesis's defaults.
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The small fixture graph, whose answers do not move as data/ grows (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")


# --- running the CLI and checking the contract -----------------------------------------------


@dataclass
class Outcome:
    """What one CLI run showed the user."""

    args: list[str]
    exit_code: int
    stdout: str
    stderr: str
    escaped: BaseException | None = None
    logged: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"ahtgraph {' '.join(repr(a) for a in self.args)}\n"
            f"exit {self.exit_code}\nstderr: {self.stderr[-2000:]!r}\n"
            f"escaped: {self.escaped!r}"
        )


class _Records(logging.Handler):
    """Collects what logging would print: run outside pytest, a WARNING with exc_info goes to
    stderr through logging's last-resort handler, traceback and all (rdflib does this for
    ill-typed literals). Under pytest the root logger's capture handler swallows it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(logging.Formatter().format(record))


def invoke(args: list[str], stdin: bytes | None = None) -> Outcome:
    """Run ``ahtgraph ARGS`` in-process; an exception that escapes the CLI is a traceback."""
    records = _Records()
    root = logging.getLogger()
    root.addHandler(records)
    try:
        result = CliRunner().invoke(cli, args, input=stdin)
    finally:
        root.removeHandler(records)
    escaped = result.exception
    if isinstance(escaped, SystemExit):
        escaped = None
    stderr = result.stderr + "".join(line + "\n" for line in records.lines)
    if escaped is not None:
        stderr += "".join(traceback.format_exception(escaped))
    return Outcome(args, result.exit_code, result.stdout, stderr, escaped, records.lines)


def run_subprocess(args: list[str], cwd: Path) -> Outcome:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "AHTGRAPH_RESOURCES": str(FIXTURE)}
    proc = subprocess.run(
        [sys.executable, "-m", "ahtgraph", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=60,
        check=False,
    )
    return Outcome(args, proc.returncode, proc.stdout, proc.stderr)


def assert_contract(outcome: Outcome) -> None:
    """A documented exit status, no traceback, at most one line on stderr when it fails, and
    that line ``Error: ...`` when the request was refused (exit 2)."""
    info = outcome.describe()
    # Shown by --hypothesis-show-statistics: how many examples got past parsing.
    if currently_in_test_context():
        event(f"exit {outcome.exit_code}")
    assert outcome.escaped is None, info
    assert TRACEBACK not in outcome.stderr, info
    assert outcome.exit_code in DOCUMENTED_EXIT_CODES, info
    if outcome.exit_code != 0:  # a report (exit 1) goes to stdout; stderr holds one line at most
        assert outcome.stderr.count("\n") <= 1, info
    if outcome.exit_code == 2:
        assert outcome.stderr.startswith("Error: "), info


@contextmanager
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A fresh folder per Hypothesis example (tmp_path is shared by all of them)."""
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        yield Path(folder)


# --- SPARQL from a small grammar ---------------------------------------------------------------

# Constructs the rdflib query path evaluates outside the CLI's error handler today; the engine
# branch (ahtgraph query on pyoxigraph) owns them. Generated queries are tagged with the ones
# they use, so the test that must pass now can leave them out.
ENGINE_PENDING = frozenset(
    {"graph-var", "graph-iri", "from-named", "from", "group-by-expr", "regex", "sum", "service"}
    | {"deep"}
)

PREFIXES = (
    "PREFIX aht: <https://w3id.org/ahtgraph/ontology#>\n"
    "PREFIX id: <https://w3id.org/ahtgraph/id/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
)
VARIABLES = ["?s", "?p", "?o", "?l", "?x", "?é", "?変数"]
IRIS = [
    "<https://w3id.org/ahtgraph/id/payoke>",
    "id:fps-justice",
    "aht:funds",
    "rdfs:label",
    "<urn:x-ünï:☃>",
    "<http://example.org/a%20b>",
]
ODD_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=["Cs"], blacklist_characters=['"', "\\", "\n", "\r"]
    ),
    max_size=12,
)
HUGE_NUMBERS = st.sampled_from(
    ["9" * 400, "-" + "9" * 40, "1e999", "1.7976931348623157e309", "0.0000000001e-400", "0"]
)


@dataclass
class Query:
    text: str
    features: frozenset[str]


def _kinds(kinds: list[str], pending: bool) -> st.SearchStrategy[str]:
    """Choose among ``kinds``, leaving out the engine-pending ones unless ``pending``."""
    return st.sampled_from([k for k in kinds if pending or k not in ENGINE_PENDING])


@st.composite
def expressions(draw: st.DrawFn, features: set[str], pending: bool) -> str:
    var = draw(st.sampled_from(VARIABLES))
    kind = draw(_kinds(["compare", "number", "string", "lang", "regex", "cast", "arith"], pending))
    if kind == "compare":
        return f"{var} {draw(st.sampled_from(['=', '!=', '<', '>=']))} {draw(HUGE_NUMBERS)}"
    if kind == "number":
        return f"STRLEN(STR({var})) > {draw(HUGE_NUMBERS)}"
    if kind == "string":
        return f'CONTAINS(STR({var}), "{draw(ODD_TEXT)}")'
    if kind == "lang":
        return f'LANGMATCHES(LANG({var}), "{draw(st.sampled_from(["en", "*", "", "x-ü"]))}")'
    if kind == "regex":
        features.add("regex")
        pattern = draw(st.sampled_from(["(", "[a-", "*", "a{2,1}", "(?P<", "ok", "^P"]))
        return f'REGEX(STR({var}), "{pattern}")'
    if kind == "cast":
        return f"xsd:date(STR({var})) < NOW()"
    return f"({var} + {draw(HUGE_NUMBERS)}) * {draw(HUGE_NUMBERS)} / 0"


@st.composite
def group_patterns(draw: st.DrawFn, features: set[str], pending: bool, depth: int = 0) -> str:
    def triple() -> str:
        return " ".join(
            draw(st.sampled_from(VARIABLES + IRIS)) if i != 1 else draw(st.sampled_from(IRIS))
            for i in range(3)
        )

    parts = [f"{draw(st.sampled_from(VARIABLES))} {draw(st.sampled_from(IRIS))} ?o ."]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(
            _kinds(
                [
                    *["triple", "filter", "optional", "union", "minus", "bind", "values"],
                    *["graph-var", "graph-iri", "service", "nest"],
                ],
                pending,
            )
        )
        inner = (
            draw(group_patterns(features, pending, depth + 1))
            if depth < 3
            else "{ " + triple() + " }"
        )
        if kind == "triple":
            parts.append(triple() + " .")
        elif kind == "filter":
            parts.append(f"FILTER({draw(expressions(features, pending))})")
        elif kind == "optional":
            parts.append(f"OPTIONAL {inner}")
        elif kind == "union":
            parts.append(f"{inner} UNION {inner}")
        elif kind == "minus":
            parts.append(f"MINUS {inner}")
        elif kind == "bind":
            parts.append(f"BIND({draw(expressions(features, pending))} AS ?bound{depth})")
        elif kind == "values":
            parts.append(f'VALUES ?x {{ "{draw(ODD_TEXT)}" {draw(HUGE_NUMBERS)} UNDEF }}')
        elif kind in ("graph-var", "graph-iri"):
            features.add(kind)
            target = "?g" if kind == "graph-var" else "<https://w3id.org/ahtgraph/graph>"
            parts.append(f"GRAPH {target} {inner}")
        elif kind == "service":
            # Never reaches a network: without --allow-service it is refused, and the test
            # passes --allow-service only with a file: IRI.
            features.add("service")
            parts.append(f"SERVICE <file:///nonexistent/{depth}> {inner}")
        else:
            parts.append(inner)
    return "{ " + " ".join(parts) + " }"


@st.composite
def generated_queries(draw: st.DrawFn, pending: bool = True) -> Query:
    """A query from a small SPARQL grammar; ``pending=False`` leaves out ENGINE_PENDING."""
    features: set[str] = set()
    where = draw(group_patterns(features, pending))
    if pending and draw(st.integers(0, 9)) == 0:
        features.add("deep")
        depth = draw(st.sampled_from([200, 1000, 3000]))
        where = "{" * depth + where + "}" * depth
    dataset = ""
    clauses = st.lists(st.sampled_from(["FROM", "FROM NAMED"]), max_size=2 if pending else 0)
    for clause in draw(clauses):
        features.add("from" if clause == "FROM" else "from-named")
        dataset += f" {clause} <https://w3id.org/ahtgraph/graph/{draw(ODD_TEXT).strip()}>"
    form = draw(st.sampled_from(["select", "aggregate", "ask", "construct", "describe"]))
    modifiers = draw(st.sampled_from(["", " LIMIT 3", f" LIMIT {'9' * 30}", " OFFSET 1 LIMIT 2"]))
    if form == "select":
        head = "SELECT " + draw(st.sampled_from(["*", "DISTINCT ?s ?o", "?s"]))
        body = f"{head}{dataset} WHERE {where}"
        body += draw(st.sampled_from(["", " ORDER BY ?o", " ORDER BY DESC(STR(?s))"]))
        body += modifiers
    elif form == "aggregate":
        aggregate = draw(_kinds(["COUNT(*)", "sum", "MAX(?o)"], pending))
        if aggregate == "sum":
            features.add("sum")
            aggregate = draw(st.sampled_from(["SUM(?o)", "SUM(?s)"]))
        group = draw(_kinds(["?s", "group-by-expr"], pending))
        if group == "group-by-expr":
            features.add("group-by-expr")
            group = draw(st.sampled_from(["(LANG(?o))", "(STR(?s) AS ?k)"]))
        body = f"SELECT ({aggregate} AS ?n){dataset} WHERE {where} GROUP BY {group}{modifiers}"
    elif form == "ask":
        body = f"ASK{dataset} {where}"
    elif form == "construct":
        body = f"CONSTRUCT {{ ?s ?p ?o }}{dataset} WHERE {where}{modifiers}"
    else:
        body = f"DESCRIBE ?s{dataset} WHERE {where}{modifiers}"
    return Query(PREFIXES + body, frozenset(features))


# --- mutated named queries ---------------------------------------------------------------------

TOKEN = re.compile(r"\s+|[{}().;,]|[^\s{}().;,]+")
INSERTED_TOKENS = [
    "{",
    "}",
    "(",
    ")",
    ".",
    ";",
    "SELECT",
    "WHERE",
    "OPTIONAL",
    "UNION",
    "FILTER",
    "?x",
    "'",
    '"',
    "\\",
    "\x00",
    "\u202e",
    "\U0001f600",
    "ﬁ",
    "9" * 500,
    "1e999",
    "<",
    ">",
    "#",
    "$",
    "@en",
    "^^",
]


@st.composite
def mutated_named_queries(draw: st.DrawFn) -> Query:
    tokens = TOKEN.findall(draw(st.sampled_from(NAMED_QUERIES)))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(tokens) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "swap"]))
        if action == "delete":
            del tokens[i]
        elif action == "duplicate":
            tokens.insert(i, tokens[i])
        elif action == "insert":
            tokens.insert(i, draw(st.sampled_from(INSERTED_TOKENS)))
        else:
            j = draw(st.integers(0, len(tokens) - 1))
            tokens[i], tokens[j] = tokens[j], tokens[i]
    return Query("".join(tokens), frozenset())


# The queries of issue 11 part B, each a traceback on the rdflib path.
ISSUE_QUERIES = {
    "graph-var": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from-named": "SELECT * FROM NAMED <https://w3id.org/ahtgraph/graph> "
    "WHERE { GRAPH <https://w3id.org/ahtgraph/graph> { ?s ?p ?o } }",
    "group-by-expr": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?l } GROUP BY (LANG(?l))",
    "regex": 'SELECT * WHERE { ?s ?p ?o FILTER REGEX(STR(?o), "(") }',
    "sum": "SELECT (SUM(?s) AS ?x) WHERE { ?s ?p ?o }",
    "deep": "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000,
}

QUERY_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld", "trig"]


def query_args(query: Query, fmt: str | None) -> list[str]:
    args = ["query", query.text]
    if fmt is not None:
        args += ["--format", fmt]
    if "service" in query.features:
        args.append("--allow-service")
    return args


queries = st.one_of(generated_queries(), mutated_named_queries())


@PROFILE
@given(
    query=st.one_of(generated_queries(pending=False), mutated_named_queries()),
    fmt=st.none() | st.sampled_from(QUERY_FORMATS),
)
def test_queries_without_engine_pending_constructs_keep_the_contract(
    query: Query, fmt: str | None
) -> None:
    """Every generated or mutated query, minus the constructs the engine branch fixes."""
    assert not query.features & ENGINE_PENDING
    assert_contract(invoke(query_args(query, fmt)))


@PROFILE
@given(query=queries, fmt=st.none() | st.sampled_from(QUERY_FORMATS))
def test_every_query_keeps_the_contract(query: Query, fmt: str | None) -> None:
    assert_contract(invoke(query_args(query, fmt)))


@pytest.mark.parametrize("name", sorted(ISSUE_QUERIES))
def test_the_queries_of_issue_11_keep_the_contract(name: str) -> None:
    assert_contract(invoke(["query", ISSUE_QUERIES[name]]))


def test_service_on_a_file_keeps_the_contract(tmp_path: Path) -> None:
    endpoint = tmp_path / "endpoint.ttl"
    endpoint.write_bytes(FIXTURE_TURTLE)
    query = f"SELECT * WHERE {{ SERVICE <{endpoint.as_uri()}> {{ ?s ?p ?o }} }}"
    assert_contract(invoke(["query", query, "--allow-service"]))


# --- parameters ------------------------------------------------------------------------------

PARAM_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "id:payoke",
            "id:",
            "id:ü ☃",
            "<https://w3id.org/ahtgraph/id/payoke>",
            "<not an iri>",
            "<>",
            '" } ; DROP ALL ; #',
            "> } SERVICE <http://example.org/> { ?s ?p ?o",
            "9" * 400,
            "\x00",
            "=",
        ]
    ),
)


@PROFILE
@given(
    name=st.sampled_from(["entity", "entity", "x", "", "é", "1", "entity="]),
    value=PARAM_VALUES,
    repeat=st.booleans(),
    fmt=st.none() | st.sampled_from(["table", "csv", "json", "xml"]),
)
def test_params_keep_the_contract(name: str, value: str, repeat: bool, fmt: str | None) -> None:
    args = ["query", "publications-of", "--param", f"{name}={value}"]
    if repeat:
        args += ["--param", f"{name}={value}"]
    if fmt is not None:
        args += ["--format", fmt]
    assert_contract(invoke(args))


# --- --data files ------------------------------------------------------------------------------

EXTENSIONS = [".ttl", ".nt", ".nq", ".trig", ".n3", ".jsonld", ".rdf", ".xml", ".txt", ""]
ILL_TYPED = [
    b'"not-a-date"^^xsd:date',
    b'"abc"^^xsd:integer',
    b'"maybe"^^xsd:boolean',
    b'"99999999999-13-45T99:99:99"^^xsd:dateTime',
    b'"1e5"^^xsd:decimal',
    b'"2022-02-30"^^xsd:date',
]


@dataclass
class DataFile:
    name: str
    content: bytes
    ill_typed: bool = False


@st.composite
def data_files(draw: st.DrawFn, ill_typed: bool = False) -> DataFile:
    """A --data file that is broken in one way (or, with ``ill_typed``, holds an ill-typed
    literal and is otherwise valid Turtle)."""
    if ill_typed:
        literal = draw(st.sampled_from(ILL_TYPED))
        content = FIXTURE_TURTLE + b"\nid:payoke dcterms:issued " + literal + b" .\n"
        return DataFile("extra.ttl", content, ill_typed=True)
    kind = draw(st.sampled_from(["truncated", "flipped", "binary", "utf16", "empty", "json"]))
    if kind == "truncated":
        content = FIXTURE_TURTLE[: draw(st.integers(1, len(FIXTURE_TURTLE) - 1))]
    elif kind == "flipped":
        data = bytearray(FIXTURE_TURTLE)
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        content = bytes(data)
    elif kind == "binary":
        content = draw(st.binary(min_size=1, max_size=200))
    elif kind == "utf16":
        content = FIXTURE_TURTLE.decode("utf-8").encode(draw(st.sampled_from(["utf-16", "utf-32"])))
    elif kind == "empty":
        content = b""
    else:
        # JSON-LD with an inline context only: the test never reaches the network.
        content = draw(
            st.sampled_from(
                [
                    b'{"@context": {"@vocab": "https://w3id.org/ahtgraph/ontology#"}, "@id": 5}',
                    b'{"@graph": [{"@id": "id:x", "@type": ["',
                    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                    b'{"@id": "\\ud800"}',
                ]
            )
        )
    return DataFile("extra" + draw(st.sampled_from(EXTENSIONS)), content)


COMMANDS = [
    ["validate"],
    ["validate", "--format", "json"],
    ["describe", "payoke"],
    ["describe", "payoke", "--format", "turtle"],
    ["query", "funded-centres"],
    ["query", "regions-graph", "--format", "nt"],
    ["export", "--format", "nt"],
    ["export", "--format", "jsonld"],
]


def data_args(folder: Path, data: DataFile) -> list[str]:
    path = folder / data.name
    path.write_bytes(data.content)
    return ["--data", str(path)]


@PROFILE
@given(command=st.sampled_from(COMMANDS), data=data_files())
def test_broken_data_files_keep_the_contract(
    tmp_path: Path, command: list[str], data: DataFile
) -> None:
    with scratch(tmp_path) as folder:
        assert_contract(invoke(command + data_args(folder, data)))


@PROFILE
@given(command=st.sampled_from(COMMANDS), data=data_files(ill_typed=True))
def test_ill_typed_literals_keep_the_contract(
    tmp_path: Path, command: list[str], data: DataFile
) -> None:
    with scratch(tmp_path) as folder:
        assert_contract(invoke(command + data_args(folder, data)))


# --- export -o: complete or absent, never a temp file ------------------------------------------

PRECIOUS = b"a file the user cares about\n"


@PROFILE
@given(
    fmt=st.sampled_from(["turtle", "nt", "jsonld", "xml", "trig"]),
    existing=st.booleans(),
    force=st.booleans(),
    data=st.none() | data_files(),
)
def test_export_output_is_complete_or_untouched(
    tmp_path: Path, fmt: str, existing: bool, force: bool, data: DataFile | None
) -> None:
    with scratch(tmp_path) as folder:
        inputs = folder / "inputs"
        inputs.mkdir()
        out_dir = folder / "out"
        out_dir.mkdir()
        target = out_dir / f"graph.{fmt}"
        if existing:
            target.write_bytes(PRECIOUS)
        extra = data_args(inputs, data) if data is not None else []
        args = ["export", "--format", fmt, "-o", str(target), *extra]
        if force:
            args.append("--force")
        outcome = invoke(args)
        assert_contract(outcome)
        left = sorted(p.name for p in out_dir.iterdir())
        if outcome.exit_code == 0:
            assert left == [target.name], outcome.describe()
            # Complete: the same bytes the export writes to stdout.
            stdout = invoke(["export", "--format", fmt, *extra])
            assert stdout.exit_code == 0
            assert target.read_bytes() == stdout.stdout.encode("utf-8")
            assert not existing or force
        else:
            assert left == ([target.name] if existing else []), outcome.describe()
            if existing:
                assert target.read_bytes() == PRECIOUS


# --- sources check on garbage pages ------------------------------------------------------------

PAGES = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            '{"content": {"rendered": "<h2>Payoke</h2><a href=\\"https://x\\">x</a>"}}',
            '{"content": {"rendered": 5}}',
            '{"content": ["rendered"]}',
            '{"content": {"rendered": "<b>' + "<i>" * 500 + 'Name</b>"}}',
            "[]",
            "null",
            '{"content": {"rendered": "\\ud800"}}',
        ]
    ).flatmap(
        lambda text: st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1"]).map(
            lambda enc: text.encode(enc, errors="replace")
        )
    ),
)


@PROFILE
@given(page=PAGES, fmt=st.sampled_from(["text", "json"]))
def test_sources_check_keeps_the_contract(tmp_path: Path, page: bytes, fmt: str) -> None:
    with scratch(tmp_path) as folder:
        path = folder / "page.wp.json"
        path.write_bytes(page)
        assert_contract(invoke(["sources", "check", str(path), "--format", fmt]))


# --- a few real processes ----------------------------------------------------------------------


@settings(PROFILE, max_examples=min(PROFILE.max_examples, 3), deadline=None)
@given(query=mutated_named_queries(), data=data_files())
@example(query=Query("SELECT * WHERE { ?s ?p ?o", frozenset()), data=DataFile("x.ttl", b"\xff"))
def test_a_real_process_keeps_the_contract(tmp_path: Path, query: Query, data: DataFile) -> None:
    """In a subprocess a traceback really reaches stderr (nothing in-process can hide it)."""
    with scratch(tmp_path) as folder:
        assert_contract(run_subprocess(["query", query.text, *data_args(folder, data)], folder))


# --- release with an odd SOURCE_DATE_EPOCH -----------------------------------------------------


@pytest.mark.parametrize("epoch", ["99999999999999999999", "253402300800", "\u00b2"])
def test_release_with_an_odd_source_date_epoch_keeps_the_contract(
    tmp_path: Path, epoch: str
) -> None:
    """Digits that are no date: one line, and no folder left behind."""
    out = tmp_path / "release"
    result = CliRunner().invoke(
        cli, ["release", "-o", str(out), "--version", "1.0.0"], env={"SOURCE_DATE_EPOCH": epoch}
    )
    escaped = None if isinstance(result.exception, SystemExit) else result.exception
    assert_contract(Outcome(["release"], result.exit_code, result.stdout, result.stderr, escaped))
    assert not out.exists()
