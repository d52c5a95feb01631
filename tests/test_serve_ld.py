"""``ahtgraph serve``: Linked Data (/id, /ontology), named queries, /healthz, VoID, caching.

The expected graphs come from rdflib (``describe.triples`` on the shipped graph, the ontology
file parsed by rdflib), not from the server's own pyoxigraph code.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from serve_server import FIXTURE, Server

from ahtgraph import describe, resources

ID = "https://w3id.org/ahtgraph/id/"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server("--data", str(FIXTURE / "data.trig"))
    yield running
    assert running.stop() == 0


def test_entity_is_the_same_graph_by_every_twin_and_by_accept(server: Server, graph: Graph) -> None:
    expected = describe.triples(graph, URIRef(ID + "payoke"))
    assert len(expected) > 10
    twins = {
        ".ttl": ("turtle", "text/turtle"),
        ".nt": ("nt", "application/n-triples"),
        ".rdf": ("xml", "application/rdf+xml"),
        ".jsonld": ("json-ld", "application/ld+json"),
    }
    for ext, (fmt, media) in twins.items():
        by_twin = server.client.get(f"/id/payoke{ext}")
        by_accept = server.client.get("/id/payoke", headers={"Accept": media})
        for response in (by_twin, by_accept):
            assert response.status_code == 200
            assert response.headers["content-type"].startswith(media)
            assert response.headers["vary"] == "Accept"
            assert response.headers["access-control-allow-origin"] == "*"
            assert isomorphic(Graph().parse(data=response.text, format=fmt), expected), ext


def test_entity_json_ld_has_an_inline_context_only(server: Server) -> None:
    document = server.client.get("/id/payoke.jsonld").json()
    assert isinstance(document["@context"], dict)
    assert "https://" not in json.dumps(document["@context"]).replace(
        '"https://w3id.org', ""
    ).replace('"https://schema.org', "")


def test_schema_org_snippet_twin(server: Server) -> None:
    response = server.client.get("/id/payoke.schema.jsonld")
    assert response.status_code == 200
    snippet = response.json()
    assert snippet["@id"] == ID + "payoke"
    assert snippet["@type"] == "NGO"


def test_unknown_entity_404_and_unmatched_accept_406(server: Server) -> None:
    assert server.client.get("/id/no-such-entity").status_code == 404
    assert server.client.get("/id/no-such-entity.ttl").status_code == 404
    assert server.client.get("/id/..%2F..%2Fetc%2Fpasswd").status_code == 404
    refused = server.client.get("/id/payoke", headers={"Accept": "image/png"})
    assert refused.status_code == 406


def test_entities_from_data_files_are_served(server: Server) -> None:
    response = server.client.get("/id/serve-fixture-entity.nt")
    assert response.status_code == 200
    assert response.text == (
        "<https://w3id.org/ahtgraph/id/serve-fixture-entity> <http://example.org/q> "
        '"from --data" .\n'
    )


def test_html_pages_carry_a_content_security_policy(server: Server) -> None:
    for path in ("/id/payoke", "/", "/ontology"):
        response = server.client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in response.headers["content-security-policy"]


def test_ontology_by_negotiation_and_twins(server: Server) -> None:
    expected = Graph().parse(resources.data_dir() / "ontology.ttl", format="turtle")
    for path, fmt, media in (
        ("/ontology", "turtle", "text/turtle"),
        ("/ontology.nt", "nt", None),
        ("/ontology.rdf", "xml", None),
    ):
        response = server.client.get(path, headers={"Accept": media} if media else {})
        assert response.status_code == 200
        assert isomorphic(Graph().parse(data=response.text, format=fmt), expected), path


def test_healthz_counts_every_loaded_quad(server: Server, graph: Graph) -> None:
    health = server.client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["triples"] == len(graph) + 5  # the fixture: three default, two named
    assert health["named_graphs"] == 2
    assert len(health["data_version"]) == 16
    assert health["workers"]["count"] == 2


def test_void_description_names_the_endpoint(server: Server, graph: Graph) -> None:
    response = server.client.get("/.well-known/void", headers={"Host": "example.org"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    void = Graph().parse(data=response.text, format="turtle")
    endpoint = URIRef("http://rdfs.org/ns/void#sparqlEndpoint")
    assert list(void.objects(None, endpoint)) == [URIRef("http://example.org/sparql")]


def test_named_queries_list_and_run_with_parameters_like_the_cli(server: Server) -> None:
    listing = server.client.get("/queries", headers={"Accept": "application/json"}).json()
    names = {q["name"] for q in listing["queries"]}
    assert {"funded-centres", "related"} <= names
    response = server.client.get("/queries/funded-centres.csv")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.text)))
    assert table[0] == ["centre", "centreLabel", "region", "regionLabel"]
    assert {row[1] for row in table[1:]} == {"PAG-ASA", "Payoke", "Sürya"}
    related = server.client.get(
        "/queries/related", params={"entity": "id:greta"}, headers={"Accept": "text/csv"}
    )
    assert related.status_code == 200
    assert "https://w3id.org/ahtgraph/id/council-of-europe" in related.text
    both = server.client.get(
        "/queries/related.csv", params=[("entity", "id:greta"), ("entity", "id:myria")]
    )
    assert both.status_code == 200  # a repeated parameter becomes a VALUES block
    assert len(both.text.splitlines()) > len(related.text.splitlines())
    bad = server.client.get("/queries/related", params={"nope": "1"})
    assert bad.status_code == 400
    assert "entity" in bad.text
    assert server.client.get("/queries/no-such-query").status_code == 404


def test_get_answers_carry_etag_and_cache_control_and_304(server: Server) -> None:
    first = server.client.get("/id/payoke.ttl")
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = server.client.get("/id/payoke.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    query = server.client.get("/sparql", params={"query": "ASK {}"})
    assert query.headers["etag"] == etag


def test_no_stack_trace_reaches_a_client(server: Server) -> None:
    for path in ("/id/%ff%fe", "/queries/%00", "/sparql?query=%ff", "/ontology.exe", "/x" * 50):
        response = server.client.get(path)
        assert response.status_code in (400, 404), path
        assert "Traceback" not in response.text
        assert 'File "' not in response.text


def test_pages_are_the_web_packages_pages_with_server_links(server: Server, graph: Graph) -> None:
    from ahtgraph.web import views
    from ahtgraph.web.links import ServerLinks
    from ahtgraph.web.render import render

    model = views.ViewModel(graph)
    for lang in ("en", "fr"):
        expected = render(
            None, views.entity_view(model, "greta", lang), links=ServerLinks("", lang)
        )
        query = {} if lang == "en" else {"lang": lang}
        served = server.client.get("/id/greta", params=query, headers={"Accept": "text/html"})
        assert served.status_code == 200
        assert served.text == expected
        assert served.text == server.client.get("/id/greta.html", params=query).text
    assert server.client.get(
        "/id/greta", params={"lang": "xx"}, headers={"Accept": "text/html"}
    ).text.startswith('<!DOCTYPE html>\n<html lang="en">')


def test_query_page_and_static_files(server: Server) -> None:
    page = server.client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert 'action="/sparql"' in page.text
    assert '<script src="/static/query.js"></script>' in page.text
    assert "<script>" not in page.text  # nothing inline: the CSP allows scripts from 'self' only
    assert "default-src 'none'" in page.headers["content-security-policy"]
    for name, media in (("query.js", "text/javascript"), ("style.css", "text/css")):
        response = server.client.get(f"/static/{name}")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
    assert server.client.get("/static/../app.py").status_code == 404
    assert server.client.get("/static/none.js").status_code == 404
