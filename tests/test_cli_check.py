"""``ahtgraph check``: the quality report, its levels, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ahtgraph.cli import cli

PROBLEMS = Path(__file__).parent / "fixtures" / "check" / "problems.ttl"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_the_shipped_graph_has_no_error_and_passes_the_default_gate() -> None:
    code, out = run("check", "--format", "json")
    report = json.loads(out)
    assert report["counts"]["ERROR"] == 0
    assert [f for f in report["findings"] if f["level"] == "ERROR"] == []
    assert code == 0


def test_fail_on_warn_fails_the_shipped_graph_which_has_plain_http_sources() -> None:
    code, out = run("check", "--fail-on", "WARN", "--format", "json")
    assert code == 1
    assert json.loads(out)["counts"]["WARN"] > 0
    assert run("check", "--fail-on", "none")[0] == 0


def _findings(*args: str) -> set[tuple[str, ...]]:
    code, out = run("check", "--format", "json", "--fail-on", "none", *args)
    assert code == 0
    return {
        (f["level"], f["rule"], f["entity"], f["property"], f["value"])
        for f in json.loads(out)["findings"]
    }


def test_each_rule_reports_exactly_its_finding() -> None:
    # What the fixture adds to the report of the shipped graph, nothing more and nothing less.
    added = _findings("--data", str(PROBLEMS)) - _findings()
    assert sorted(added) == [
        ("ERROR", "duplicate-label", "id:payoke", "rdfs:label", "payoke@en"),
        ("ERROR", "duplicate-label", "id:test-lone-body", "rdfs:label", "payoke@en"),
        ("ERROR", "missing-description", "id:test-mandate", "dcterms:description", ""),
        ("ERROR", "not-a-url", "id:test-mandate", "dcterms:source", "a printed book"),
        ("ERROR", "stray-whitespace", "id:test-mandate", "rdfs:label", "'Test  mandate'"),
        ("INFO", "single-source", "id:test-mandate", "dcterms:source", "a printed book"),
        ("WARN", "missing-translation", "id:test-lone-body", "rdfs:label", "fr"),
        ("WARN", "missing-translation", "id:test-lone-body", "rdfs:label", "nl"),
        ("WARN", "missing-translation", "id:test-series", "rdfs:label", "fr"),
        ("WARN", "missing-translation", "id:test-series", "rdfs:label", "nl"),
        ("WARN", "no-relation", "id:test-lone-body", "", ""),
        ("WARN", "no-relation", "id:test-mandate", "", ""),
        ("WARN", "not-https", "id:test-lone-body", "foaf:homepage", "http://lone-body.example/"),
    ]
    assert run("check", "--data", str(PROBLEMS))[0] == 1


def test_tsv_has_robot_columns() -> None:
    code, out = run("check", "--data", str(PROBLEMS), "--format", "tsv")
    lines = out.splitlines()
    assert lines[0] == "Level\tRule Name\tSubject\tProperty\tValue\tMessage"
    assert (
        "ERROR\tnot-a-url\tid:test-mandate\tdcterms:source\ta printed book\t"
        "a link or source must be an http(s) IRI"
    ) in lines
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert code == 1


def test_text_report_ends_with_the_counts() -> None:
    _, out = run("check", "--data", str(PROBLEMS))
    last = out.splitlines()[-1]
    assert last.startswith("5 ERROR, ")
