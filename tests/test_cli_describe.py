"""`ahtgraph describe`: every way of naming an entity, the text page and the raw triples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"
ID = "https://w3id.org/ahtgraph/id/"


# The small fixture graph, whose answers do not move as data/ grows (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


PAYOKE_PAGE = """\
id:payoke  Payoke

type         aht:SupportCentre
label        en  Payoke
description  en  Specialised victim-support centre in Antwerp.
source       <https://www.payoke.be/>

Relations out (3):
  aht:publishes  id:payoke-report-2022  Annual report
  aht:publishes  id:payoke-report-2023  Annual report
  aht:serves     id:flanders            Flanders

Relations in (1):
  aht:funds  id:fps-justice  FPS Justice
"""


@pytest.mark.parametrize(
    "name", ["payoke", "id:payoke", ID + "payoke", f"<{ID}payoke>", "Payoke", "PAYOKE"]
)
def test_every_way_of_naming_finds_the_entity(name: str) -> None:
    result = run("describe", name)
    assert result.exit_code == 0, result.output
    assert result.stdout == PAYOKE_PAGE


def test_label_in_another_language() -> None:
    result = run("describe", "fod justitie")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:7] == [
        "id:fps-justice  FPS Justice",
        "",
        "type         aht:GovernmentBody",
        "label        en  FPS Justice",
        "             fr  SPF Justice",
        "             nl  FOD Justitie",
        "description  en  The Belgian federal ministry of justice.",
    ]
    assert "Relations in (0):" in result.stdout


def test_literal_relations_are_listed() -> None:
    result = run("describe", "id:payoke-report-2022")
    assert "  dcterms:issued  2022" in result.stdout
    assert "  aht:publishes  id:payoke  Payoke" in result.stdout


def test_turtle_holds_outgoing_and_incoming_triples() -> None:
    from rdflib import Graph, URIRef

    result = run("describe", "payoke", "--format", "turtle")
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    payoke = URIRef(ID + "payoke")
    assert len(graph) == 8
    assert len(list(graph.triples((payoke, None, None)))) == 7
    assert (URIRef(ID + "fps-justice"), None, payoke) in graph


def test_jsonld_holds_the_same_triples() -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    as_turtle = Graph().parse(
        data=run("describe", "payoke", "--format", "turtle").stdout, format="turtle"
    )
    text = run("describe", "payoke", "--format", "jsonld").stdout
    assert json.loads(text)["@graph"][0]["@id"] == "id:fps-justice"
    assert isomorphic(Graph().parse(data=text, format="json-ld"), as_turtle)
