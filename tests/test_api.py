"""The notebook API: ahtgraph.load, ahtgraph.query and ahtgraph.validate."""

from __future__ import annotations

from pathlib import Path

import pytest

import ahtgraph

FIXTURE = Path(__file__).parent / "fixtures" / "cli"
ID = "https://w3id.org/ahtgraph/id/"
AHT = "https://w3id.org/ahtgraph/ontology#"


# The small fixture graph, whose answers do not move as data/ grows (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")


def test_load_returns_the_graph_and_extra_files(tmp_path: Path) -> None:
    from rdflib import Graph, URIRef

    graph = ahtgraph.load()
    assert isinstance(graph, Graph)
    assert len(graph) == 70
    extra = tmp_path / "extra.nt"
    extra.write_text(f"<{ID}a> <{AHT}funds> <{ID}b> .\n")
    bigger = ahtgraph.load(data=[extra])
    assert len(bigger) == 71
    assert (URIRef(ID + "a"), URIRef(AHT + "funds"), URIRef(ID + "b")) in bigger
    assert len(ahtgraph.load()) == 70  # a fresh graph each call


def test_select_returns_rows_of_terms() -> None:
    from rdflib import Literal, URIRef

    rows = ahtgraph.query("funded-centres")
    assert isinstance(rows, list)
    assert rows[0] == {
        "centre": URIRef(ID + "pag-asa"),
        "label": Literal("PAG-ASA", lang="en"),
        "region": URIRef(ID + "brussels"),
    }
    assert len(rows) == 3


def test_params_bind_iris_slugs_and_literals() -> None:
    from rdflib import URIRef

    text = f"SELECT ?p WHERE {{ ?entity <{AHT}publishes> ?p }} ORDER BY ?p"
    by_slug = ahtgraph.query(text, params={"entity": "id:payoke"})
    by_iri = ahtgraph.query(text, params={"entity": f"<{ID}payoke>"})
    by_term = ahtgraph.query(text, params={"entity": URIRef(ID + "payoke")})
    assert by_slug == by_iri == by_term
    assert [r["p"] for r in by_slug] == [
        URIRef(ID + "payoke-report-2022"),
        URIRef(ID + "payoke-report-2023"),
    ]
    assert ahtgraph.query(text, params={"entity": "payoke"}) == []  # a literal matches nothing


def test_unbound_optional_variables_are_left_out() -> None:
    rows = ahtgraph.query(
        f"SELECT ?s ?missing WHERE {{ ?s <{AHT}serves> ?r OPTIONAL {{ ?s <{AHT}none> ?missing }} }}"
    )
    assert isinstance(rows, list)
    assert all(set(r) == {"s"} for r in rows)


def test_ask_returns_bool_and_construct_a_graph() -> None:
    from rdflib import Graph

    assert ahtgraph.query(f"ASK {{ ?s <{AHT}funds> ?o }}") is True
    assert ahtgraph.query("ASK { ?s <http://nowhere/p> ?o }") is False
    graph = ahtgraph.query("regions-graph")
    assert isinstance(graph, Graph)
    assert len(graph) == 3


def test_errors_are_ahtgraph_errors() -> None:
    with pytest.raises(ahtgraph.AhtgraphError, match="refused"):
        ahtgraph.query("CLEAR DEFAULT")
    with pytest.raises(ahtgraph.AhtgraphError, match="malformed SPARQL query at line 1"):
        ahtgraph.query("SELECT WHERE")
    with pytest.raises(ahtgraph.AhtgraphError, match="did you mean funded-centres"):
        ahtgraph.query("funded-centers")


def test_validate_returns_a_report(tmp_path: Path) -> None:
    from rdflib import Graph, URIRef

    report = ahtgraph.validate()
    assert report.conforms is True
    assert report.results == []
    assert isinstance(report.graph, Graph)

    extra = tmp_path / "bad.ttl"
    extra.write_text(
        f"<{ID}x> a <{AHT}SupportCentre> ; <http://purl.org/dc/terms/source> <http://s/> ."
    )
    report = ahtgraph.validate(data=[extra])
    assert report.conforms is False
    assert [(r.focus_node, r.component_name, r.severity_name) for r in report.results] == [
        (URIRef(ID + "x"), "SPARQL", "Violation"),
        (URIRef(ID + "x"), "MinCount", "Violation"),
    ]
    min_count = report.results[1]
    assert min_count.path == URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    assert min_count.message == "An organisation needs a label."
    assert min_count.source_shape is not None


def test_query_runs_on_the_engine_with_lists_named_graphs_and_only_data() -> None:
    from rdflib import Literal, URIRef

    engine_fixtures = Path(__file__).parent / "fixtures" / "engine"
    ex = "http://example.org/"
    rows = ahtgraph.query(
        "SELECT * WHERE { ?org <http://example.org/name> ?name }",
        params={"org": [f"<{ex}alpha>", f"<{ex}beta>"]},
        data=[engine_fixtures / "funds.ttl"],
        only_data=True,
    )
    assert isinstance(rows, list)
    assert sorted(rows, key=lambda r: str(r["org"])) == [
        {"org": URIRef(ex + "alpha"), "name": Literal("Alpha")},
        {"org": URIRef(ex + "beta"), "name": Literal('Beta, "the" second', lang="en")},
    ]
    assert list(rows[0]) == ["org", "name"]  # SELECT * keeps the order of the text
    graphs = ahtgraph.query(
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        named_graphs=[f"{engine_fixtures / 'extra.nt'}={ex}extra"],
        only_data=True,
    )
    assert graphs == [{"g": URIRef(ex + "extra")}]
