"""`ahtgraph query`: named, inline and file queries, parameters, and every output format."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph import resources
from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"
ID = "https://w3id.org/ahtgraph/id/"
AHT = "https://w3id.org/ahtgraph/ontology#"
SRX = "{http://www.w3.org/2005/sparql-results#}"


# The small fixture graph, whose answers do not move as data/ grows (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_list_names_every_query_with_its_title() -> None:
    result = run("query", "--list")
    assert result.exit_code == 0
    assert result.stdout == (
        "funded-centres   Centres funded by FPS Justice\n"
        "publications-of  Publications of an entity (params: entity)\n"
        "regions-graph    Regions served, as a graph\n"
    )


def test_list_as_json() -> None:
    result = run("query", "--list", "--format", "json")
    assert result.exit_code == 0
    listing = json.loads(result.stdout)
    assert [q["name"] for q in listing] == ["funded-centres", "publications-of", "regions-graph"]
    assert listing[1]["params"] == [
        {"name": "entity", "description": "IRI or slug of the publishing entity"}
    ]
    assert listing[0]["description"].startswith("The specialised victim-support centres")


def test_named_query_as_table() -> None:
    result = run("query", "funded-centres")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "centre      label       region\n"
        "----------  ----------  -----------\n"
        "id:pag-asa  PAG-ASA@en  id:brussels\n"
        "id:payoke   Payoke@en   id:flanders\n"
        "id:surya    Sürya@en    id:wallonia\n"
        "(3 rows)\n"
    )


def test_csv_is_sparql_csv() -> None:
    result = run("query", "funded-centres", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [
        ["centre", "label", "region"],
        [ID + "pag-asa", "PAG-ASA", ID + "brussels"],
        [ID + "payoke", "Payoke", ID + "flanders"],
        [ID + "surya", "Sürya", ID + "wallonia"],
    ]


def test_tsv_is_sparql_tsv() -> None:
    result = run("query", "funded-centres", "--format", "tsv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "?centre\t?label\t?region",
        f'<{ID}pag-asa>\t"PAG-ASA"@en\t<{ID}brussels>',
        f'<{ID}payoke>\t"Payoke"@en\t<{ID}flanders>',
        f'<{ID}surya>\t"Sürya"@en\t<{ID}wallonia>',
    ]


def test_json_is_sparql_json_with_exact_bindings() -> None:
    result = run("query", "publications-of", "--param", "entity=id:payoke", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["head"] == {"vars": ["publication", "issued"]}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert doc["results"]["bindings"] == [
        {
            "publication": {"type": "uri", "value": ID + "payoke-report-2023"},
            "issued": {"type": "literal", "value": "2023-06-30", "datatype": xsd + "date"},
        },
        {
            "publication": {"type": "uri", "value": ID + "payoke-report-2022"},
            "issued": {"type": "literal", "value": "2022", "datatype": xsd + "gYear"},
        },
    ]


def test_xml_is_sparql_xml() -> None:
    result = run("query", "funded-centres", "--format", "xml")
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout.encode())
    names = [v.get("name") for v in root.iter(SRX + "variable")]
    assert names == ["centre", "label", "region"]
    uris = [u.text for u in root.iter(SRX + "uri")]
    assert uris[:2] == [ID + "pag-asa", ID + "brussels"]
    assert len(list(root.iter(SRX + "result"))) == 3


def test_inline_select_and_iri_param() -> None:
    query = (
        "SELECT ?label WHERE { ?entity <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
        "ORDER BY STR(?label)"
    )
    result = run("query", query, "-p", f"entity=<{ID}fps-justice>", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["label", "FOD Justitie", "FPS Justice", "SPF Justice"]


def test_literal_param_is_bound_not_pasted() -> None:
    query = (
        "SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
        "FILTER(STR(?l) = ?name) }"
    )
    ok = run("query", query, "-p", "name=Payoke", "--format", "csv")
    assert ok.stdout.splitlines() == ["s", ID + "payoke"]
    # A value that would break out of a pasted string is just a literal that matches nothing.
    sneaky = run("query", query, "-p", 'name=x") || true || ("', "--format", "csv")
    assert sneaky.exit_code == 0
    assert sneaky.stdout.splitlines() == ["s"]


def test_ask_in_each_row_format() -> None:
    ask = "ASK { ?s <https://w3id.org/ahtgraph/ontology#funds> ?o }"
    assert run("query", ask).stdout == "true\n"
    assert run("query", "ASK { ?s <http://nowhere/p> ?o }").stdout == "false\n"
    assert run("query", ask, "--format", "csv").stdout == "true\n"
    assert json.loads(run("query", ask, "--format", "json").stdout)["boolean"] is True
    root = ET.fromstring(run("query", ask, "--format", "xml").stdout.encode())
    assert root.find(SRX + "boolean").text == "true"  # type: ignore[union-attr]


def test_query_from_file(tmp_path: Path) -> None:
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }\n", encoding="utf-8")
    result = run("query", "-f", str(path), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["n", "16"]


def test_data_option_adds_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.nt"
    extra.write_text(
        f"<{ID}fps-justice> <https://w3id.org/ahtgraph/ontology#funds> <{ID}new-centre> .\n",
        encoding="utf-8",
    )
    query = "SELECT ?c WHERE { ?f <https://w3id.org/ahtgraph/ontology#funds> ?c } ORDER BY ?c"
    result = run("query", query, "--data", str(extra), "--format", "csv")
    assert result.stdout.splitlines() == [
        "c",
        ID + "new-centre",
        ID + "pag-asa",
        ID + "payoke",
        ID + "surya",
    ]


CONSTRUCT_TRIPLES = {
    ("id:pag-asa", "id:brussels"),
    ("id:payoke", "id:flanders"),
    ("id:surya", "id:wallonia"),
}


def test_construct_defaults_to_turtle() -> None:
    result = run("query", "regions-graph")
    assert result.exit_code == 0
    assert "id:payoke aht:serves id:flanders ." in result.stdout
    assert result.stdout.startswith("@prefix aht: <https://w3id.org/ahtgraph/ontology#> .")


@pytest.mark.parametrize(
    "fmt,parser", [("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml"), ("turtle", "turtle")]
)
def test_construct_formats_parse_back(fmt: str, parser: str) -> None:
    from rdflib import Graph

    result = run("query", "regions-graph", "--format", fmt)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format=parser)
    pairs = {(str(s).replace(ID, "id:"), str(o).replace(ID, "id:")) for s, _, o in graph}
    assert pairs == CONSTRUCT_TRIPLES


def test_python_dash_m_runs_the_cli() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, resources.RESOURCES_ENV: str(FIXTURE)}
    done = subprocess.run(
        [sys.executable, "-m", "ahtgraph", "query", "funded-centres", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == f"{ID}pag-asa,PAG-ASA,{ID}brussels"


@pytest.mark.parametrize(
    "name,text",
    [
        ("extra.trig", f"<http://g/1> {{ <{ID}fps-justice> <{AHT}funds> <{ID}quad-centre> . }}\n"),
        ("extra.nq", f"<{ID}fps-justice> <{AHT}funds> <{ID}quad-centre> <http://g/1> .\n"),
        (
            "extra.jsonld",
            json.dumps({"@id": f"{ID}fps-justice", f"{AHT}funds": {"@id": f"{ID}quad-centre"}}),
        ),
        (
            "extra.rdf",
            f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:aht="{AHT}">'
            f'<rdf:Description rdf:about="{ID}fps-justice">'
            f'<aht:funds rdf:resource="{ID}quad-centre"/></rdf:Description></rdf:RDF>',
        ),
    ],
)
def test_data_in_other_syntaxes_is_merged(name: str, text: str, tmp_path: Path) -> None:
    """Quads from named graphs join the one queried graph, like triples from any other file."""
    extra = tmp_path / name
    extra.write_text(text, encoding="utf-8")
    query = f"ASK {{ <{ID}fps-justice> <{AHT}funds> <{ID}quad-centre> }}"
    result = run("query", query, "--data", str(extra))
    assert result.exit_code == 0, result.output
    assert result.stdout == "true\n"
