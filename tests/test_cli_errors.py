"""Every error a user can cause: one `Error: ...` line on stderr, no traceback, exact exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph import resources
from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"


# The small fixture graph, whose answers do not move as data/ grows (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def assert_error(result: Result, message: str, code: int = 2) -> None:
    """Exit ``code``, nothing on stdout, exactly ``Error: message`` on stderr."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_malformed_query_reports_line_and_column() -> None:
    result = run("query", "SELECT ?x WHERE {\n  ?x ?y\n}")
    assert_error(
        result,
        "malformed SPARQL query at line 3, column 2 at end of query: "
        "expected one of LATERAL, SERVICE, [_]",
    )


def test_malformed_query_on_first_line() -> None:
    result = run("query", "SELEC ?x WHERE { ?x ?y ?z }")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: malformed SPARQL query at line 1, column 1 near 'SELEC'"
    )
    assert result.stderr.count("\n") == 1


def test_unknown_named_query_suggests_close_names() -> None:
    assert_error(
        run("query", "funded-centre"),
        "unknown named query 'funded-centre'; did you mean funded-centres?",
    )


def test_unknown_named_query_without_close_names() -> None:
    assert_error(run("query", "zzzzzz"), "unknown named query 'zzzzzz'; see: ahtgraph query --list")


UPDATE_MESSAGE = (
    "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is refused: the graph is read-only; "
    "write a SELECT, ASK, CONSTRUCT or DESCRIBE query"
)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }",
        "DELETE DATA { <http://a/b> <http://a/c> <http://a/d> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://a/> INSERT { ?s ex:p 1 } WHERE { ?s ?p ?o }",
        "WITH <http://a/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://a/g>",
        "CREATE GRAPH <http://a/g>",
        "ADD <http://a/g> TO <http://a/h>",
        "MOVE DEFAULT TO <http://a/h>",
        "COPY <http://a/g> TO DEFAULT",
    ],
)
def test_updates_are_refused(update: str) -> None:
    assert_error(run("query", update), UPDATE_MESSAGE)


SERVICE_QUERY = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"


def test_service_is_refused_without_allow_service() -> None:
    assert_error(
        run("query", SERVICE_QUERY),
        "the query uses SERVICE, which fetches data over the network; "
        "pass --allow-service to run it",
    )


def test_service_in_a_string_literal_is_not_service() -> None:
    result = run("query", 'SELECT ?s WHERE { ?s ?p "SERVICE <http://x/> { }" }', "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["s"]


def test_allow_service_lets_the_query_past_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """With --allow-service the query runs (the remote call is stubbed: tests use no network)."""
    import pyoxigraph

    from ahtgraph.graph import engine

    seen: list[str] = []

    def fake_evaluate(store, sent, kwargs, facts):  # type: ignore[no-untyped-def]
        seen.append(facts.form)
        return pyoxigraph.Store().query("SELECT * { }")

    monkeypatch.setattr(engine, "_evaluate", fake_evaluate)
    result = run("query", SERVICE_QUERY, "--allow-service")
    assert result.exit_code == 0, result.output
    assert seen == ["SELECT"]


def test_missing_data_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.ttl"
    assert_error(
        run("query", "funded-centres", "--data", str(missing)), f"data file not found: {missing}"
    )


def test_unparsable_turtle_says_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://ex/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n")
    assert_error(
        run("query", "funded-centres", "--data", str(bad)),
        f"cannot parse {bad} as turtle: line 3, column 1: "
        "A dot is expected at the end of statements",
    )


def test_unparsable_jsonld_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"@id":\n')
    assert_error(
        run("export", "--data", str(bad)),
        f"cannot parse {bad} as json-ld: line 2, column 1: Expecting value",
    )


def test_unparsable_rdfxml_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rdf"
    bad.write_text("<rdf:RDF\n")
    result = run("describe", "payoke", "--data", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot parse {bad} as xml: line ")
    assert result.stderr.count("\n") == 1


def test_unknown_extension(tmp_path: Path) -> None:
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n")
    result = run("validate", "--data", str(odd))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot tell the RDF syntax of {odd} from its exte")
    assert result.stderr.count("\n") == 1


def test_unknown_entity_with_suggestion() -> None:
    assert_error(run("describe", "payok"), "unknown entity 'payok'; did you mean 'payoke'?")


def test_unknown_entity() -> None:
    assert_error(run("describe", "nobody-at-all"), "unknown entity 'nobody-at-all'")


def test_ambiguous_label_lists_candidates() -> None:
    assert_error(
        run("describe", "annual report"),
        "'annual report' is the label of 2 entities: id:payoke-report-2022, "
        "id:payoke-report-2023; describe one of them by its id",
    )


@pytest.mark.parametrize("param", ["entity", "=x", "1abc=x", "a b=x"])
def test_bad_param_syntax(param: str) -> None:
    assert_error(
        run("query", "publications-of", "--param", param),
        f"bad --param '{param}': expected name=value with a SPARQL variable name",
    )


def test_param_for_a_variable_the_query_lacks() -> None:
    assert_error(
        run("query", "publications-of", "--param", "entitty=id:payoke"),
        "the query has no variable ?entitty to bind; its variables are: "
        "?entity, ?issued, ?publication",
    )


def test_bad_iri_param() -> None:
    assert_error(
        run("query", "publications-of", "--param", "entity=<has space>"),
        "bad IRI in --param value <has space>",
    )


def test_unknown_format_is_a_click_usage_error() -> None:
    result = run("query", "funded-centres", "--format", "yaml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr
    assert "Traceback" not in result.output


def test_graph_format_for_rows_is_refused() -> None:
    assert_error(
        run("query", "funded-centres", "--format", "turtle"),
        "--format turtle is for CONSTRUCT/DESCRIBE results; a SELECT query returns rows: "
        "use one of table, csv, tsv, json, xml",
    )


def test_row_format_for_graph_is_refused() -> None:
    assert_error(
        run("query", "regions-graph", "--format", "csv"),
        "--format csv is for SELECT/ASK results; a CONSTRUCT query returns a graph: "
        "use one of turtle, nt, jsonld, xml, trig",
    )


def test_missing_query_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.rq"
    assert_error(run("query", "-f", str(missing)), f"query file not found: {missing}")


def test_no_query_at_all() -> None:
    assert_error(run("query"), "no query: give SPARQL text, a query name or -f FILE (see --help)")


def test_query_and_file_together(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK {}")
    assert_error(
        run("query", "funded-centres", "-f", str(path)),
        "give either a query (text or name) or -f FILE, not both",
    )


def test_export_into_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.ttl"
    assert_error(
        run("export", "-o", str(target)), f"cannot write {target}: its folder does not exist"
    )


def test_errors_from_a_real_process_have_no_traceback() -> None:
    """End to end: the installed entry point prints one line and exits 2."""
    import os
    import subprocess
    import sys

    env = {**os.environ, resources.RESOURCES_ENV: str(FIXTURE)}
    done = subprocess.run(
        [sys.executable, "-m", "ahtgraph", "query", "DROP ALL"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"Error: {UPDATE_MESSAGE}\n"


def test_a_missing_object_says_line_and_column(tmp_path: Path) -> None:
    # pyoxigraph words this one "at line 2 column 11", not "between columns": same form out.
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n")
    assert_error(
        run("query", "funded-centres", "--data", str(bad)),
        f"cannot parse {bad} as turtle: line 2, column 11: . is not a valid RDF object",
    )
