"""Real clients against ``ahtgraph serve``: SPARQLWrapper gets the local answers.

The expected answers come from ``ahtgraph.query`` in this process (the local path the CLI
uses), compared as sets of rows / graphs; the server runs in its own process.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import isomorphic
from serve_server import Server
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

import ahtgraph
from ahtgraph import named_queries
from ahtgraph.cli import cli

SELECT = """
PREFIX aht: <https://w3id.org/ahtgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?centre ?label WHERE { ?centre a aht:VictimSupportCentre ; rdfs:label ?label }
"""
CONSTRUCT = """
PREFIX org: <http://www.w3.org/ns/org#>
CONSTRUCT { ?a org:hasMember ?b } WHERE { ?a org:hasMember ?b }
"""


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server("--no-access-log")
    yield running
    assert running.stop() == 0


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.base + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def _rows_from_json(data: dict) -> set[tuple[str, ...]]:  # type: ignore[type-arg]
    names = data["head"]["vars"]
    return {
        tuple(b.get(n, {}).get("value", "") for n in names) for b in data["results"]["bindings"]
    }


def _local_rows(query: str, names: list[str]) -> set[tuple[str, ...]]:
    return {tuple(str(row.get(n, "")) for n in names) for row in ahtgraph.query(query)}


def test_sparqlwrapper_select_equals_the_local_answer(server: Server) -> None:
    remote = _rows_from_json(wrapper(server, SELECT, JSON).queryAndConvert())
    assert remote == _local_rows(SELECT, ["centre", "label"])
    assert len(remote) >= 3


def test_sparqlwrapper_ask_equals_the_local_answer(server: Server) -> None:
    for query in (
        "ASK { ?s a <https://w3id.org/ahtgraph/ontology#VictimSupportCentre> }",
        "ASK { ?s a <http://example.org/Nothing> }",
    ):
        remote = wrapper(server, query, JSON).queryAndConvert()["boolean"]
        assert remote is ahtgraph.query(query)


def test_sparqlwrapper_construct_equals_the_local_graph(server: Server) -> None:
    remote = wrapper(server, CONSTRUCT, TURTLE).queryAndConvert()
    graph = Graph().parse(data=remote, format="turtle")
    local = ahtgraph.query(CONSTRUCT)
    assert len(graph) > 3
    assert isomorphic(graph, local)


@pytest.mark.parametrize("name", [q.name for q in named_queries.catalogue() if not q.params])
def test_every_named_query_over_http_equals_the_local_rows(server: Server, name: str) -> None:
    text = named_queries.find(name).text
    remote = wrapper(server, text, JSON)
    remote.setMethod("POST")
    answer = remote.queryAndConvert()
    assert _rows_from_json(answer) == _local_rows(text, answer["head"]["vars"])


PARAMS = {
    "related": ["entity=id:greta"],
    "search": ["text=traite"],
    "mandates": ["organisation=id:myria"],
    "provenance": ["entity=id:payoke"],
    "publications": ["organisation=id:myria"],
}


def _cli(*args: str) -> str:
    """``ahtgraph query ... --format csv`` in this process (click's runner): the same command
    code as a subprocess at a fraction of its start-up (tests/test_packaging.py and
    tests/test_serve.py run the real entry point)."""
    result = CliRunner().invoke(cli, ["query", *args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", [q.name for q in named_queries.catalogue()])
def test_cli_endpoint_against_our_server_gives_the_local_rows(server: Server, name: str) -> None:
    params = [a for p in PARAMS.get(name, []) for a in ("--param", p)]
    local = _cli(name, *params)
    remote = _cli(name, *params, "--endpoint", server.base + "/sparql")
    assert sorted(remote.splitlines()) == sorted(local.splitlines())
    assert len(local.splitlines()) > 1
