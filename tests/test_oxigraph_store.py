"""`ahtgraph query --store oxigraph`: the same answers as the default rdflib store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_oxigraph import assert_same_answers, assert_same_graph, named_query_cases, run_cli

from ahtgraph.cli import cli

pytest.importorskip("pyoxigraph", reason="pyoxigraph is not installed (pip install pyoxigraph)")

PAYOKE = "https://w3id.org/ahtgraph/id/payoke"


@pytest.mark.parametrize(("name", "params"), named_query_cases())
def test_every_named_query_answers_the_same(name: str, params: tuple[str, ...]) -> None:
    default = run_cli("query", name, *params, "--format", "json")
    oxigraph = run_cli("query", name, *params, "--format", "json", "--store", "oxigraph")
    assert_same_answers(name, default, oxigraph)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_text_formats_print_identically(fmt: str) -> None:
    for args in (["funded-centres"], ["mandates", "--param", "organisation=id:myria"]):
        default = run_cli("query", *args, "--format", fmt)
        assert run_cli("query", *args, "--format", fmt, "--store", "oxigraph") == default


def test_ask_and_construct() -> None:
    ask = f"ASK {{ <{PAYOKE}> ?p ?o }}"
    assert run_cli("query", ask, "--store", "oxigraph") == "true\n"
    construct = f"CONSTRUCT {{ <{PAYOKE}> ?p ?o }} WHERE {{ <{PAYOKE}> ?p ?o }}"
    assert_same_graph(
        run_cli("query", construct, "--format", "nt"),
        run_cli("query", construct, "--format", "nt", "--store", "oxigraph"),
    )


def test_data_files_are_added_in_every_syntax(tmp_path: Path) -> None:
    """Turtle with a relative IRI, N-Quads (merged into one graph) and JSON-LD (via rdflib)."""
    ttl = tmp_path / "extra.ttl"
    ttl.write_text(f'<{PAYOKE}> <https://x.org/p> <rel> , "t"@fr .\n', encoding="utf-8")
    nq = tmp_path / "extra.nq"
    nq.write_text(f'<{PAYOKE}> <https://x.org/p> "q" <https://x.org/g> .\n', encoding="utf-8")
    jsonld = tmp_path / "extra.jsonld"
    jsonld.write_text(f'{{"@id": "{PAYOKE}", "https://x.org/p": "j"}}', encoding="utf-8")
    text = f"SELECT ?o WHERE {{ <{PAYOKE}> <https://x.org/p> ?o }}"
    files = ["--data", str(ttl), "--data", str(nq), "--data", str(jsonld)]
    default = run_cli("query", text, *files, "--format", "json")
    oxigraph = run_cli("query", text, *files, "--format", "json", "--store", "oxigraph")
    assert assert_same_answers(text, default, oxigraph) == 4


def test_errors_are_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://x.org/a> <https://x.org/b> \n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["query", "ASK { ?s ?p ?o }", "--data", str(broken), "--store", "oxigraph"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot parse {broken} as turtle: ")
    assert len(result.stderr.splitlines()) == 1
    both = CliRunner().invoke(
        cli, ["query", "ASK { ?s ?p ?o }", "--store", "oxigraph", "--endpoint", "http://h/q"]
    )
    assert both.exit_code == 2 and "not both" in both.stderr
