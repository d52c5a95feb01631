"""The quality rules that guard every entity's basics: an English name and a cited page.

Each rule is proven by a fixture that breaks it and nothing else that the rule could hide
behind: deleting the rule from ``ahtgraph.quality`` must turn this test red.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "check" / "unsourced-unnamed.ttl"


def _findings(*args: str) -> set[tuple[str, str, str, str]]:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--fail-on", "none", *args])
    assert result.exit_code == 0, result.output
    return {
        (f["level"], f["rule"], f["entity"], f["property"])
        for f in json.loads(result.output)["findings"]
        if f["rule"] in {"missing-source", "missing-english-label"}
    }


def test_the_shipped_graph_breaks_neither_rule() -> None:
    assert _findings() == set()


def test_an_entity_without_a_source_or_an_english_name_is_an_error() -> None:
    assert _findings("--data", str(FIXTURE)) == {
        ("ERROR", "missing-source", "id:test-unsourced-body", "dcterms:source"),
        ("ERROR", "missing-english-label", "id:test-french-only-body", "rdfs:label"),
    }


def test_either_error_fails_the_default_gate() -> None:
    result = CliRunner().invoke(cli, ["check", "--data", str(FIXTURE)])
    assert result.exit_code == 1
