"""Helpers for the store tests: a real Oxigraph server, and comparing answers across engines.

Not a conftest pytest loads by itself: tests/test_remote.py and tests/test_oxigraph_store.py
import it. The server is the ``oxigraph`` command of the PyPI package ``oxigraph`` (in the
``test`` extra); when it cannot be found the server tests are skipped, saying so.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.query import Result
from rdflib.term import Node, Variable

from ahtgraph import named_queries, sparql
from ahtgraph.cli import cli

#: --param values that make each named query's parameter select something real.
PARAM_VALUES = {
    "organisation": "id:myria",
    "entity": "id:greta",
    "text": "traite",
    "instrument": "id:warsaw-convention",
}


def free_port() -> int:
    """A TCP port nobody listens on right now (bind to port 0, read it, release it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` command: on PATH, or next to this Python (a venv's bin/)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else None


@dataclass(frozen=True)
class Server:
    base: str

    @property
    def store(self) -> str:
        return self.base + "/store"

    @property
    def query(self) -> str:
        return self.base + "/query"


@contextlib.contextmanager
def running_oxigraph(location: Path) -> Iterator[Server]:
    """``oxigraph serve`` on a free 127.0.0.1 port until the block ends; skip without it."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server command is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(server.base + "/", timeout=1):
                    break
            except urllib.error.HTTPError:
                break  # it answers, even if / is not a page
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"oxigraph exited: {process.stderr.read().decode()}"  # type: ignore[union-attr]
                    ) from None
                if time.monotonic() > deadline:
                    raise RuntimeError("oxigraph did not answer within 20 s") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


# ----------------------------------------------------------------------- comparing answers


def named_query_cases() -> list[tuple[str, tuple[str, ...]]]:
    """(name, --param arguments) for every named query: with its parameters bound, and for
    queries whose parameters are optional, without them too."""
    cases = []
    for query in named_queries.catalogue():
        params = []
        for param in query.params:
            assert param.name in PARAM_VALUES, f"add a value for ?{param.name} to PARAM_VALUES"
            params += ["--param", f"{param.name}={PARAM_VALUES[param.name]}"]
        cases.append((query.name, tuple(params)))
        if params:
            cases.append((query.name, ()))
    return cases


def run_cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _key(term: Node | None) -> tuple[str, ...] | None:
    """A term with its kind, datatype and language: "1" and "1"^^xsd:integer differ."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return ("literal", str(term), str(term.datatype or ""), term.language or "")
    return (type(term).__name__, str(term))


def order_variables(name: str) -> list[str] | None:
    """The ORDER BY variables of a query (by name or text), or None if it has no ORDER BY
    (or orders by an expression, which this comparison does not try to evaluate)."""
    prepared = sparql.prepare(named_queries.text_for(name))
    stack = [prepared.query.algebra]
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) == "OrderBy":
            found = []
            for condition in node["expr"]:
                expr = getattr(condition, "expr", condition)
                if not isinstance(expr, Variable):
                    return None
                found.append(str(expr))
            return found
        if isinstance(node, dict):
            stack.extend(v for v in node.values() if isinstance(v, dict))
    return None


def assert_same_answers(name: str, expected_json: str, actual_json: str) -> int:
    """Same rows (as multisets of var → term, datatypes and languages included), and for an
    ORDER BY query the same order of sort keys. Returns the number of rows.

    Order is compared on the sort keys' lexical forms, not whole rows: rows that tie on every
    key may come in any order, and SPARQL leaves the relative order of literals that differ
    only in language tag or datatype to the engine ("Payoke"@en vs "Payoke"@nl), so two
    correct engines may disagree there. The multiset check still covers every term exactly.
    """
    expected = Result.parse(source=_bytes(expected_json), format="json")
    actual = Result.parse(source=_bytes(actual_json), format="json")
    assert expected.type == actual.type
    if expected.type == "ASK":
        assert expected.askAnswer == actual.askAnswer
        return 1
    assert [str(v) for v in expected.vars or []] == [str(v) for v in actual.vars or []]

    def rows(result: Result) -> list[dict[str, tuple[str, ...] | None]]:
        return [{str(v): _key(row[v]) for v in result.vars or []} for row in result]  # type: ignore[index]

    want, got = rows(expected), rows(actual)
    as_multiset = lambda rs: Counter(tuple(sorted(r.items())) for r in rs)  # noqa: E731
    assert as_multiset(got) == as_multiset(want), name
    keys = order_variables(name)
    if keys:
        sort_keys = lambda rs: [tuple((r[k] or ("", ""))[1] for k in keys) for r in rs]  # noqa: E731
        assert sort_keys(got) == sort_keys(want), f"{name}: ORDER BY {keys} differs"
    return len(want)


def assert_same_graph(expected_nt: str, actual_nt: str) -> None:
    assert isomorphic(
        Graph().parse(data=expected_nt, format="nt"), Graph().parse(data=actual_nt, format="nt")
    )


def _bytes(text: str):
    import io

    json.loads(text)  # a clear failure if it is not JSON at all
    return io.BytesIO(text.encode("utf-8"))
