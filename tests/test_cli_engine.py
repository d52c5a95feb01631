"""`ahtgraph query` on the Oxigraph engine: datasets, timeouts, -o and the SELECT * order.

Expectations are written by hand from tests/fixtures/engine/.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "engine"
FUNDS, GRAPHS, EXTRA = FIXTURES / "funds.ttl", FIXTURES / "graphs.trig", FIXTURES / "extra.nt"
EX = "http://example.org/"
SLOW = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x }"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def bindings(result: Result) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return sorted(
        ({k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]),
        key=lambda b: sorted(b.items()),
    )


def test_only_data_with_named_graphs() -> None:
    result = run(
        "query", "--only-data", "--data", str(GRAPHS), "--named-graph", f"{EXTRA}={EX}extra",
        "--format", "json",
        "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
    )  # fmt: skip
    assert bindings(result) == [
        {"g": EX + "extra", "s": EX + "delta"},
        {"g": EX + "g1", "s": EX + "beta"},
        {"g": EX + "g2", "s": EX + "gamma"},
        {"g": EX + "g2", "s": EX + "gamma"},
    ]
    # the default graph is the file's default graph alone
    result = run(
        "query", "--only-data", "--data", str(GRAPHS), "--format", "json",
        "SELECT ?s WHERE { ?s ?p ?o }",
    )  # fmt: skip
    assert bindings(result) == [{"s": EX + "alpha"}]


def test_from_an_unknown_graph_is_one_line() -> None:
    result = run("query", "SELECT * FROM <http://elsewhere.example/x> WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: FROM <http://elsewhere.example/x> names no graph loaded here (nothing is "
        "fetched); named graphs: none\n"
    )


def test_select_star_columns_in_text_order() -> None:
    result = run(
        "query", "--only-data", "--data", str(FUNDS), "--format", "csv",
        "SELECT * WHERE { ?zeta <http://example.org/funds> ?alpha . ?alpha ?mid ?b } LIMIT 1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "zeta,alpha,mid,b"


def test_repeated_param_is_a_values_block() -> None:
    result = run(
        "query", "--only-data", "--data", str(FUNDS), "--format", "json",
        "--param", f"org=<{EX}alpha>", "--param", f"org=<{EX}gamma>",
        "SELECT ?name WHERE { ?org <http://example.org/name> ?name }",
    )  # fmt: skip
    assert bindings(result) == [{"name": "Alpha"}, {"name": "Gamma"}]


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "answer.csv"
    args = ["query", "--only-data", "--data", str(FUNDS), "--format", "csv", "-o", str(out)]
    query = "SELECT ?o WHERE { <http://example.org/alpha> <http://example.org/funds> ?o }"
    result = run(*args, query)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == b"o\r\nhttp://example.org/beta\r\n"
    again = run(*args, query)
    assert again.exit_code == 2
    assert again.stderr == f"Error: {out} exists; pass --force to replace it\n"


def test_timeout_exits_3_and_leaves_the_output_file_alone(tmp_path: Path) -> None:
    out = tmp_path / "answer.csv"
    out.write_text("before\n")
    command = [
        sys.executable, "-m", "ahtgraph", "query", "--only-data", "--data", str(FUNDS),
        "--timeout", "0.5", "--format", "csv", "-o", str(out), "--force", SLOW,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert done.stderr == ("Error: the query took longer than 0.5 s (--timeout) and was stopped\n")
    assert out.read_text() == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.csv"]


def test_short_query_with_a_timeout_answers() -> None:
    result = run(
        "query", "--only-data", "--data", str(FUNDS), "--timeout", "30", "--format", "tsv",
        "SELECT ?o WHERE { <http://example.org/alpha> <http://example.org/funds> ?o }",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "?o\n<http://example.org/beta>\n"


@pytest.mark.parametrize("seconds", ["0", "-1"])
def test_timeout_must_be_positive(seconds: str) -> None:
    result = run("query", "--timeout", seconds, "ASK { }")
    assert result.exit_code == 2
    assert result.stderr == "Error: --timeout must be a positive number of seconds\n"


def test_store_dir_answers_like_memory(tmp_path: Path) -> None:
    query = "SELECT ?n WHERE { <http://example.org/alpha> <http://example.org/name> ?n }"
    args = ["query", "--only-data", "--data", str(FUNDS), "--format", "tsv"]
    first = run(*args, "--store-dir", str(tmp_path / "store"), query)
    second = run(*args, "--store-dir", str(tmp_path / "store"), query)
    assert first.stdout == second.stdout == '?n\n"Alpha"\n'


def test_deep_nesting_is_one_line() -> None:
    result = run("query", "SELECT * WHERE " + "{" * 2500 + "}" * 2500)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the query nests brackets 2500 levels deep; at most 500 are accepted\n"
    )


def test_ill_typed_literal_in_data_answers(tmp_path: Path) -> None:
    result = run(
        "query", "--only-data", "--data", str(FUNDS), "--format", "csv",
        "SELECT ?d WHERE { ?s <http://example.org/founded> ?d } ORDER BY STR(?d)",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == b"d\r\n2001-05-04\r\nnot-a-date\r\n"


def test_a_reader_that_stops_early_is_not_an_error() -> None:
    """`ahtgraph query ... | head -1`: exit 0, nothing on stderr (the answer streams)."""
    command = [sys.executable, "-m", "ahtgraph", "query", "--format", "tsv"]
    reader = subprocess.Popen(
        [*command, "SELECT * WHERE { ?s ?p ?o }"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline() == b"?s\t?p\t?o\n"
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""


def test_a_repeated_param_is_refused_by_the_rdflib_comparison_store() -> None:
    result = run("query", "search", "--param", "text=a", "--param", "text=b", "--store", "rdflib")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: a repeated --param needs the Oxigraph engine, not --store rdflib\n"
    )
