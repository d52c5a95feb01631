"""`ahtgraph validate`: exit 0 when the graph conforms, 1 with a grouped report when not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"

BROKEN = """\
@prefix aht: <https://w3id.org/ahtgraph/ontology#> .
@prefix id: <https://w3id.org/ahtgraph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:nameless a aht:SupportCentre ; dcterms:source "not an IRI" .
id:french-only a aht:SupportCentre ; rdfs:label "Centre"@fr ; dcterms:source <https://e.org/> .
"""


# The small fixture graph, whose answers do not move as data/ grows (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.ttl"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_shipped_fixture_conforms() -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == "Conforms: the graph satisfies every shape.\n"


def test_text_report_groups_by_entity_with_fixes(broken: Path) -> None:
    result = run("validate", "--data", str(broken))
    assert result.exit_code == 1
    shape = "ahtsh:OrganisationShape"
    assert (
        result.stdout
        == f"""\
Does not conform: 4 problem(s) in 2 entities.

id:french-only
  Violation: (the entity itself) [SPARQL]
    message: An organisation needs an English label.
    fix:     see the message; the rule is the SPARQL constraint of {shape}

id:nameless
  Violation: (the entity itself) [SPARQL]
    message: An organisation needs an English label.
    fix:     see the message; the rule is the SPARQL constraint of {shape}
  Violation: dcterms:source [NodeKind]
    message: Value is not of Node Kind sh:IRI
    value:   not an IRI
    fix:     use the required kind of node (IRI or literal) for dcterms:source
  Violation: rdfs:label [MinCount]
    message: An organisation needs a label.
    fix:     add the missing rdfs:label statement(s)
"""
    )


def test_json_report(broken: Path) -> None:
    result = run("validate", "--data", str(broken), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["conforms"] is False
    summary = [(r["focusNode"], r["path"], r["constraintComponent"]) for r in doc["results"]]
    assert summary == [
        ("id:french-only", None, "sh:SPARQLConstraintComponent"),
        ("id:nameless", None, "sh:SPARQLConstraintComponent"),
        ("id:nameless", "dcterms:source", "sh:NodeKindConstraintComponent"),
        ("id:nameless", "rdfs:label", "sh:MinCountConstraintComponent"),
    ]
    assert {r["severity"] for r in doc["results"]} == {"Violation"}


def test_turtle_report_is_a_shacl_report(broken: Path) -> None:
    from rdflib import Graph, Literal, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    result = run("validate", "--data", str(broken), "--format", "turtle")
    assert result.exit_code == 1
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert (None, sh.conforms, Literal(False)) in graph
    assert len(list(graph.subjects(None, sh.ValidationResult))) == 4


def test_json_when_conforming() -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"conforms": True, "results": []}
