"""`ahtgraph load` and `ahtgraph query --endpoint`, against a real Oxigraph server and small
local HTTP servers that fail in each way a store can (nothing leaves 127.0.0.1)."""

from __future__ import annotations

import base64
import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_oxigraph import (
    Server,
    assert_same_answers,
    assert_same_graph,
    free_port,
    named_query_cases,
    run_cli,
    running_oxigraph,
)
from rdflib import Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result

import ahtgraph
from ahtgraph import named_queries, remote, sparql, values
from ahtgraph.cli import cli

GRAPH = "https://w3id.org/ahtgraph/"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An Oxigraph server with the graph loaded in the default graph and in GRAPH."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as running:
        run_cli("load", "--endpoint", running.store)
        yield running


@pytest.fixture(scope="module")
def triples() -> int:
    return len(ahtgraph.load())


# ------------------------------------------------------------------------------- load


def test_load_into_a_named_graph_is_verified_and_idempotent(server: Server, triples: int) -> None:
    first = run_cli("load", "--endpoint", server.store, "--graph", GRAPH)
    assert first == f"loaded {triples} triples into <{GRAPH}> at {server.store} (verified)\n"
    second = run_cli("load", "--endpoint", server.store, "--graph", GRAPH)
    assert second == first  # PUT replaces: loading twice does not double the graph
    store = remote.Endpoint(server.query)
    assert remote.count_triples(store, GRAPH) == triples
    assert remote.count_triples(store, None) == triples  # the fixture's default-graph load


def test_load_with_an_explicit_query_endpoint(server: Server, triples: int) -> None:
    out = run_cli(
        "load", "--endpoint", server.store, "--query-endpoint", server.query, "--graph", GRAPH
    )
    assert out.startswith(f"loaded {triples} triples")


def test_load_refuses_a_url_whose_query_endpoint_it_cannot_guess() -> None:
    result = CliRunner().invoke(cli, ["load", "--endpoint", "http://127.0.0.1:9/gsp"])
    assert result.exit_code == 2
    assert "give --query-endpoint" in result.stderr


def test_load_refuses_a_relative_graph_name() -> None:
    result = CliRunner().invoke(
        cli, ["load", "--endpoint", "http://127.0.0.1:9/store", "--graph", "not an iri"]
    )
    assert result.exit_code == 2
    assert "--graph must be an absolute IRI" in result.stderr


def test_query_endpoint_layouts() -> None:
    assert remote.query_endpoint_for("http://h:7878/store") == "http://h:7878/query"
    assert remote.query_endpoint_for("http://h/fuseki/ds/data") == "http://h/fuseki/ds/query"


# ------------------------------------------------------------- the same answers remotely


@pytest.mark.parametrize(("name", "params"), named_query_cases())
def test_every_named_query_answers_the_same_at_the_endpoint(
    server: Server, name: str, params: tuple[str, ...]
) -> None:
    local = run_cli("query", name, *params, "--format", "json")
    remote_answer = run_cli("query", name, *params, "--format", "json", "--endpoint", server.query)
    assert_same_answers(name, local, remote_answer)


def test_the_named_queries_find_something_at_the_endpoint(server: Server) -> None:
    """The comparison above means little if the answers are empty."""
    for name, params in named_query_cases():
        if params:
            out = run_cli("query", name, *params, "--format", "tsv", "--endpoint", server.query)
            assert len(out.splitlines()) > 1, name


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_every_row_format_prints_identically(server: Server, fmt: str) -> None:
    """Byte for byte, except that a JSON object's keys may come in another order: rdflib
    writes each row's variables in the order its own evaluation bound them (JSON keys and
    XML <binding> elements within one result are unordered in those formats)."""
    for args in (["funded-centres"], ["search", "--param", "text=traite"]):
        local = run_cli("query", *args, "--format", fmt)
        there = run_cli("query", *args, "--format", fmt, "--endpoint", server.query)
        if fmt in ("json", "xml"):
            assert _rows(there, fmt) == _rows(local, fmt)
        else:
            assert there == local


def _rows(text: str, fmt: str) -> tuple[list[str], list[dict[str, object]]]:
    result = Result.parse(io.BytesIO(text.encode("utf-8")), format=fmt)
    return [str(v) for v in result.vars or []], [dict(row.asdict()) for row in result]


def test_ask_and_construct_and_describe(server: Server) -> None:
    ask = "ASK { ?s a <https://w3id.org/ahtgraph/ontology#Campaign> }"
    assert run_cli("query", ask, "--endpoint", server.query) == "true\n"
    construct = (
        "CONSTRUCT { ?o ?p ?x } WHERE { ?o ?p ?x ; a "
        "<https://w3id.org/ahtgraph/ontology#VictimSupportCentre> }"
    )
    for text in (construct, "DESCRIBE <https://w3id.org/ahtgraph/id/payoke>"):
        local = run_cli("query", text, "--format", "nt")
        there = run_cli("query", text, "--format", "nt", "--endpoint", server.query)
        if text.startswith("CONSTRUCT"):
            assert_same_graph(local, there)
        else:  # DESCRIBE is engine-defined; both give payoke's own triples at least
            assert "<https://w3id.org/ahtgraph/id/payoke> <http://www.w3.org/2000/01" in there


def test_a_hostile_param_value_stays_one_literal(server: Server) -> None:
    hostile = 'x") } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER("'
    out = run_cli(
        "query",
        "search",
        "--param",
        f"text={hostile}",
        "--format",
        "csv",
        "--endpoint",
        server.query,
    )
    assert out.strip() == "entity,label,language"  # no row contains that text
    assert run_cli("query", "ASK { ?s ?p ?o }", "--endpoint", server.query) == "true\n"


def test_a_repeated_param_binds_every_value_there_as_here(server: Server) -> None:
    args = ["search", "--param", "text=Payoke", "--param", "text=Myria", "--format", "csv"]
    local = run_cli("query", *args)
    there = run_cli("query", *args, "--endpoint", server.query)
    assert sorted(there.splitlines()) == sorted(local.splitlines())
    labels = {line.split(",")[1] for line in local.splitlines()[1:]}
    assert {"Payoke", "Myria"} <= labels


# ------------------------------------------------------------------- binding by VALUES


def test_values_block_is_written_from_terms() -> None:
    block = values.values_block({"a": URIRef("https://x.org/a"), "t": Literal('say\n"hi"')})
    assert block == 'VALUES (?a ?t) { (<https://x.org/a> "say\\n\\"hi\\"") }'
    tagged = values.values_block({"t": Literal("traite", lang="fr")})
    assert tagged == 'VALUES (?t) { ("traite"@fr) }'


def test_bind_opens_the_where_group_and_keeps_everything_else() -> None:
    text = named_queries.text_for("search")
    bound = values.bind(text, {"text": Literal("} DROP ALL #")})
    where = parseQuery(bound)[1]["where"]["part"]
    assert where[0].name == "InlineData"
    assert bound.replace(' VALUES (?text) { ("} DROP ALL #") }\n', "", 1) == text


def test_bind_skips_a_construct_template_and_braces_in_strings_and_comments() -> None:
    text = 'CONSTRUCT { ?s ?p "{" } # {\nWHERE { ?s ?p ?o }'
    bound = values.bind(text, {"s": URIRef("https://x.org/s")})
    assert bound.startswith('CONSTRUCT { ?s ?p "{" } # {\nWHERE { VALUES (?s)')


@pytest.mark.parametrize(
    "text",
    ["CONSTRUCT WHERE { ?s ?p ?o }", "SELECT * WHERE { SELECT ?s WHERE { ?s ?p ?o } }"],
)
def test_bind_refuses_what_it_cannot_place(text: str) -> None:
    with pytest.raises(ahtgraph.AhtgraphError, match="cannot bind --param"):
        values.bind(text, {"s": URIRef("https://x.org/s")})


def test_bind_refuses_an_iri_that_cannot_be_written() -> None:
    with pytest.raises(ahtgraph.AhtgraphError, match="cannot bind"):
        values.bind("SELECT * { ?s ?p ?o }", {"s": URIRef("https://x.org/> } DROP ALL")})


# ------------------------------------------------------------------------------ errors


class _Handler(http.server.BaseHTTPRequestHandler):
    """Fails in the way its path says: /401 /403 /404 /500 /garbage /slow /auth."""

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _answer(self, status: int, body: bytes, ctype: str = "text/plain") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # /slow: the client gave up long ago

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        path = self.path.split("?")[0]
        good = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
        if path in ("/401", "/403", "/404", "/500"):
            self._answer(int(path[1:]), b"server says no\nsecond line")
        elif path == "/garbage":
            self._answer(200, b"<html>not results</html>", "application/sparql-results+json")
        elif path == "/slow":
            time.sleep(3)
            self._answer(200, good, "application/sparql-results+json")
        elif path == "/auth":
            expected = "Basic " + base64.b64encode(b"curator:s3cret").decode()
            if self.headers.get("Authorization") == expected:
                self._answer(200, good, "application/sparql-results+json")
            else:
                self._answer(401, b"")
        else:
            self._answer(404, b"")

    do_PUT = do_POST


class _QuietServer(http.server.ThreadingHTTPServer):
    """Never prints: a traceback from its thread would land in whatever stderr CliRunner
    is capturing at that moment, in another test."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def failing() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _error(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


QUERY = "SELECT ?s WHERE { ?s ?p ?o }"


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    assert "connection refused" in _error("query", QUERY, "--endpoint", url)


def test_unknown_host() -> None:
    line = _error("query", QUERY, "--endpoint", "http://no-such-host.invalid/query")
    assert "cannot find the host 'no-such-host.invalid'" in line


def test_timeout(failing: str) -> None:
    line = _error("query", QUERY, "--endpoint", failing + "/slow", "--timeout", "0.5")
    assert "no answer" in line and "within 0.5 s" in line


@pytest.mark.parametrize("status", ["401", "403"])
def test_authentication_failed(failing: str, status: str) -> None:
    line = _error("query", QUERY, "--endpoint", f"{failing}/{status}")
    assert "authentication failed" in line and f"HTTP {status}" in line


def test_not_found(failing: str) -> None:
    line = _error("query", QUERY, "--endpoint", failing + "/404")
    assert "was not found (HTTP 404" in line


def test_other_http_errors_say_the_status_and_the_server_message(failing: str) -> None:
    line = _error("query", QUERY, "--endpoint", failing + "/500")
    assert "answered HTTP 500" in line and "server says no" in line


def test_an_answer_that_is_not_sparql_results(failing: str) -> None:
    line = _error("query", QUERY, "--endpoint", failing + "/garbage")
    assert "is not SPARQL JSON results" in line


def test_basic_auth(failing: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url = failing + "/auth"
    out = run_cli("query", QUERY, "--endpoint", url, "--user", "curator", "--password", "s3cret")
    assert out == "s\n-\n(0 rows)\n"
    assert "authentication failed" in _error(
        "query", QUERY, "--endpoint", url, "--user", "curator", "--password", "wrong"
    )
    monkeypatch.setenv("AHTGRAPH_PASSWORD", "s3cret")
    assert run_cli("query", QUERY, "--endpoint", url, "--user", "curator") == out


def test_load_errors_too(failing: str) -> None:
    line = _error("load", "--endpoint", failing + "/403", "--query-endpoint", failing + "/403")
    assert "authentication failed" in line
    url = f"http://127.0.0.1:{free_port()}/store"
    assert "connection refused" in _error("load", "--endpoint", url)


def test_checks_run_before_anything_is_sent() -> None:
    closed = f"http://127.0.0.1:{free_port()}/query"
    assert "SPARQL Update" in _error("query", "DROP ALL", "--endpoint", closed)
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert "SERVICE" in _error("query", service, "--endpoint", closed)
    assert "malformed SPARQL" in _error("query", "SELECT ?x WHERE { ?x", "--endpoint", closed)
    assert "no variable ?nope" in _error("query", QUERY, "--param", "nope=1", "--endpoint", closed)


def test_option_mistakes() -> None:
    assert "http:// or https://" in _error("query", QUERY, "--endpoint", "file:///etc/passwd")
    assert "--user and --password together" in _error(
        "query", QUERY, "--endpoint", "http://127.0.0.1:9/q", "--user", "me"
    )
    assert "are for --endpoint" in _error("query", QUERY, "--user", "me", "--password", "x")
    extra = Path(__file__).parent / "fixtures" / "cli" / "data" / "resources.ttl"
    assert "--data is for the local graph" in _error(
        "query", QUERY, "--endpoint", "http://127.0.0.1:9/q", "--data", str(extra)
    )


def test_prepare_still_guards_the_text_sent() -> None:
    # what the endpoint receives is exactly the checked text plus the VALUES block
    prepared = sparql.prepare(named_queries.text_for("related"))
    sent = values.bind(named_queries.text_for("related"), {"entity": URIRef(GRAPH + "id/greta")})
    assert sparql.prepare(sent).form == prepared.form
