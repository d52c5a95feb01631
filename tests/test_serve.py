"""``ahtgraph serve``: the SPARQL 1.1 Protocol, datasets, safety limits, Linked Data.

Each server runs on 127.0.0.1 with a free port and is stopped by pid. Exact answers come from
the small TriG fixture (the shipped graph has none of its triples), so they are written out
here by hand.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from serve_server import FIXTURE, SRC, Server

TRIG = str(FIXTURE / "data.trig")
EX = "http://example.org/"
SELECT_ALL = "PREFIX ex: <http://example.org/> SELECT ?s ?o WHERE { ?s ex:p ?o } ORDER BY ?s"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """The shipped graph plus the fixture: two ex:p triples in the default graph, one in each of
    the named graphs g1 and g2 (the shipped graph has no ex:p, so answers stay exact)."""
    running = Server("--data", TRIG, "--max-rows", "3")
    yield running
    assert running.stop() == 0


def rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    data = response.json()
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


# --- the query operation ---------------------------------------------------------------------


def test_get_post_form_and_post_direct_give_the_same_rows(server: Server) -> None:
    query = "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:p ?o } ORDER BY ?s LIMIT 3"
    expected = [{"s": EX + "a"}, {"s": EX + "b"}, {"s": EX + "c"}]
    c = server.client
    assert rows(c.get("/sparql", params={"query": query})) == expected
    assert rows(c.post("/sparql", data={"query": query})) == expected
    direct = c.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})
    assert rows(direct) == expected
    assert direct.headers["content-type"] == "application/sparql-results+json"


def test_result_formats_by_accept(server: Server) -> None:
    query = 'SELECT ?x ?y WHERE { VALUES (?x ?y) { (<http://e/a> "a,b") (<http://e/b> "t"@en) } }'
    c = server.client

    def get(accept: str) -> str:
        response = c.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        return response.text

    assert get("text/csv") == 'x,y\r\nhttp://e/a,"a,b"\r\nhttp://e/b,t\r\n'
    assert get("text/tab-separated-values") == '?x\t?y\n<http://e/a>\t"a,b"\n<http://e/b>\t"t"@en\n'
    xml = get("application/sparql-results+xml")
    assert '<binding name="y"><literal xml:lang="en">t</literal></binding>' in xml
    assert json.loads(get("application/sparql-results+json"))["head"]["vars"] == ["x", "y"]
    ask = c.get("/sparql", params={"query": "ASK {}"})
    assert ask.json() == {"head": {}, "boolean": True}


def test_graph_results_are_the_same_graph_in_every_format(server: Server) -> None:
    query = "CONSTRUCT { ?s <http://e/q> ?o } WHERE { ?s <http://example.org/p> ?o }"
    expected = Graph()
    for s, o in [("a", "1"), ("b", "2"), ("c", "3")]:
        expected.parse(data=f'<{EX}{s}> <http://e/q> "{o}" .', format="nt")
    expected.parse(data=f'<{EX}d> <http://e/q> "4"@en .', format="nt")
    formats = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/rdf+xml": "xml",
        "application/ld+json": "json-ld",
    }
    server_all = Server("--data", TRIG)
    try:
        for media, fmt in formats.items():
            response = server_all.client.get(
                "/sparql", params={"query": query}, headers={"Accept": media}
            )
            assert response.status_code == 200
            assert response.headers["content-type"].startswith(media)
            assert isomorphic(Graph().parse(data=response.text, format=fmt), expected), media
    finally:
        assert server_all.stop() == 0


def test_relative_iris_in_a_query_resolve_against_the_endpoint(server: Server) -> None:
    response = server.client.get(
        "/sparql",
        params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
        headers={"Accept": "application/n-triples", "Host": "example.org"},
    )
    assert response.text == (
        "<http://example.org/s> <http://example.org/p> "
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    )


def test_unmatched_accept_is_406(server: Server) -> None:
    response = server.client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("text/plain")


def test_bad_requests_are_4xx_with_one_line(server: Server) -> None:
    c = server.client
    cases = [
        c.get("/sparql", params={"query": "ASK {"}),
        c.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]),
        c.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}),
        c.post("/sparql", content="ASK {}"),
        c.post(
            "/sparql",
            content="ASK {}".encode("utf-16"),
            headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
        ),
        c.put("/sparql", params={"query": "ASK {}"}),
    ]
    for response in cases:
        assert 400 <= response.status_code < 500, response.text
        assert response.text.count("\n") == 1
        assert "Traceback" not in response.text


# --- service description, CORS ---------------------------------------------------------------


SD = "http://www.w3.org/ns/sparql-service-description#"


def sd_endpoint(text: str) -> str:
    graph = Graph().parse(data=text, format="turtle")
    found = list(graph.objects(None, URIRef(SD + "endpoint")))
    assert len(found) == 1
    return str(found[0])


def test_service_description_names_the_endpoint_from_a_valid_host(server: Server) -> None:
    c = server.client
    response = c.get("/sparql", headers={"Accept": "text/turtle", "Host": "example.org:8080"})
    assert response.status_code == 200
    assert sd_endpoint(response.text) == "http://example.org:8080/sparql"
    star = c.get("/sparql", headers={"Accept": "*/*"})
    assert star.headers["content-type"].startswith("text/turtle")
    bad = c.get("/sparql", headers={"Accept": "text/turtle", "Host": "evil.org/<script>"})
    assert sd_endpoint(bad.text) == server.base + "/sparql"
    forwarded = c.get(
        "/sparql",
        headers={"Accept": "text/turtle", "X-Forwarded-Host": "proxy.example", "Host": "a.b"},
    )
    assert sd_endpoint(forwarded.text) == "http://a.b/sparql"  # ignored without --proxy-headers


def test_base_url_and_proxy_headers_set_sd_endpoint() -> None:
    based = Server("--only-data", "--data", TRIG, "--base-url", "https://data.example/x")
    proxied = Server("--only-data", "--data", TRIG, "--proxy-headers")
    try:
        text = based.client.get("/sparql", headers={"Accept": "text/turtle"}).text
        assert sd_endpoint(text) == "https://data.example/x/sparql"
        page = based.client.get("/sparql", headers={"Accept": "text/html"}).text
        assert 'action="/x/sparql"' in page  # links go under --base-url's path
        assert 'src="/x/static/query.js"' in page
        text = proxied.client.get(
            "/sparql",
            headers={
                "Accept": "text/turtle",
                "X-Forwarded-Host": "proxy.example",
                "X-Forwarded-Proto": "https",
            },
        ).text
        assert sd_endpoint(text) == "https://proxy.example/sparql"
    finally:
        assert based.stop() == 0
        assert proxied.stop() == 0


def test_cors_preflight_and_headers_never_allow_credentials(server: Server) -> None:
    c = server.client
    preflight = c.options(
        "/sparql",
        headers={"Origin": "https://a.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    for response in (preflight, c.get("/sparql", params={"query": "ASK {}"})):
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers


# --- datasets --------------------------------------------------------------------------------


def subjects(response) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r["s"].removeprefix(EX) for r in rows(response))


def test_default_graph_is_the_union_and_named_graphs_stay_named(server: Server) -> None:
    c = server.client
    query = "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:p ?o }"
    count = "PREFIX ex: <http://example.org/> SELECT (COUNT(*) AS ?s) WHERE { ?s ex:p ?o }"
    assert rows(c.get("/sparql", params={"query": count})) == [{"s": "4"}]
    in_named = query.replace("?o }", "?o FILTER(?s IN (ex:c, ex:d)) }")
    assert subjects(c.get("/sparql", params={"query": in_named})) == ["c", "d"]
    only = Server("--only-data", "--data", TRIG)  # as the W3C tests assume: no union
    try:
        assert subjects(only.client.get("/sparql", params={"query": query})) == ["a", "b"]
    finally:
        assert only.stop() == 0
    graphs = c.get(
        "/sparql",
        params={"query": "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"},
    )
    assert rows(graphs) == [{"g": EX + "g1", "s": EX + "c"}, {"g": EX + "g2", "s": EX + "d"}]


def test_dataset_parameters_and_from_select_local_graphs(server: Server) -> None:
    c = server.client
    query = "PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:p ?o }"
    assert subjects(c.get("/sparql", params={"query": query, "default-graph-uri": EX + "g1"})) == [
        "c"
    ]
    two = c.post(
        "/sparql",
        params=[("default-graph-uri", EX + "g1"), ("default-graph-uri", EX + "g2")],
        content=query,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert subjects(two) == ["c", "d"]
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    only = c.get("/sparql", params={"query": named, "named-graph-uri": EX + "g2"})
    assert rows(only) == [{"g": EX + "g2"}]
    from_query = "PREFIX ex: <http://example.org/> SELECT ?s FROM ex:g2 WHERE { ?s ex:p ?o }"
    assert subjects(c.get("/sparql", params={"query": from_query})) == ["d"]


def test_unknown_graph_iris_get_400_naming_them_and_nothing_is_fetched(server: Server) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    iri = f"http://127.0.0.1:{port}/graph"
    c = server.client
    try:
        responses = [
            c.get("/sparql", params={"query": "ASK {}", "default-graph-uri": iri}),
            c.get("/sparql", params={"query": "ASK {}", "named-graph-uri": iri}),
            c.get("/sparql", params={"query": f"ASK FROM <{iri}> {{}}"}),
            c.get("/sparql", params={"query": f"ASK FROM NAMED <{iri}> {{}}"}),
        ]
        for response in responses:
            assert response.status_code == 400
            assert f"<{iri}> names no graph loaded here (nothing is fetched)" in response.text
            assert response.text.count("\n") == 1
        time.sleep(0.2)
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


# --- safety ----------------------------------------------------------------------------------


def test_updates_are_refused_on_every_route_and_nothing_changes(server: Server) -> None:
    c = server.client
    update = "INSERT DATA { <http://e/x> <http://e/y> <http://e/z> }"
    responses = [
        c.get("/sparql", params={"update": update}),
        c.post("/sparql", data={"update": update}),
        c.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        c.post("/sparql", content=update, headers={"Content-Type": "application/sparql-query"}),
        c.get("/sparql", params={"query": update}),
        c.post("/id/a", content=update, headers={"Content-Type": "application/sparql-update"}),
        c.put("/id/a", content=update),
        c.delete("/id/a"),
    ]
    for response in responses:
        assert 400 <= response.status_code < 500, (response.request.method, response.text)
    after = c.get("/sparql", params={"query": "ASK { <http://e/x> ?p ?o }"})
    assert after.json()["boolean"] is False


def test_service_is_refused_without_any_connection(server: Server) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    try:
        for query in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
        ):
            response = server.client.get("/sparql", params={"query": query})
            assert response.status_code == 400
            assert "SERVICE" in response.text
        time.sleep(0.2)
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


def test_query_size_cap_413_for_post_and_414_for_get(server: Server) -> None:
    big = "ASK {} #" + "x" * (100 * 1024)
    c = server.client
    assert (
        c.post(
            "/sparql", content=big, headers={"Content-Type": "application/sparql-query"}
        ).status_code
        == 413
    )
    assert c.post("/sparql", data={"query": big}).status_code == 413
    assert raw_status(server, "GET /sparql?query=" + quote(big) + " HTTP/1.1") == 414
    huge = "ASK {} #" + "x" * (400 * 1024)  # past the parser's own URL limit
    assert raw_status(server, "GET /sparql?query=" + quote(huge) + " HTTP/1.1") == 414
    small = "ASK {} #" + "x" * (90 * 1024)
    assert (
        c.post(
            "/sparql", content=small, headers={"Content-Type": "application/sparql-query"}
        ).status_code
        == 200
    )


def raw_status(server: Server, request_line: str) -> int:
    """The status of one request sent as raw bytes (httpx refuses URLs over 64 KB)."""
    port = int(server.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"{request_line}\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_deep_nesting_is_400_and_the_server_lives_on(server: Server) -> None:
    deep = "SELECT * WHERE " + "{ " * 600 + "?s ?p ?o" + " }" * 600
    response = server.client.post(
        "/sparql", content=deep, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 400
    assert "600 levels deep; at most 500 are accepted" in response.text
    ok = "SELECT * WHERE " + "{ " * 100 + "?s ?p ?o" + " }" * 100
    assert server.client.get("/sparql", params={"query": ok}).status_code == 200


def test_max_rows_cuts_and_says_so(server: Server) -> None:
    c = server.client
    cut = c.get("/sparql", params={"query": SELECT_ALL})
    assert len(rows(cut)) == 3
    assert cut.headers["x-result-limit"] == "3"
    assert cut.headers["x-result-truncated"] == "true"
    whole = c.get("/sparql", params={"query": SELECT_ALL + " LIMIT 3"})
    assert len(rows(whole)) == 3
    assert "x-result-truncated" not in whole.headers
    graph = c.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert len(graph.text.splitlines()) == 3
    assert graph.headers["x-result-truncated"] == "true"


def _children(pid: int) -> set[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return {int(p) for p in listing.read().split()}


def test_timeout_is_503_other_clients_keep_answers_and_the_worker_is_replaced() -> None:
    running = Server("--query-timeout", "2", "--workers", "2")
    try:
        c = running.client
        before = _children(running.process.pid)
        with ThreadPoolExecutor(2) as pool:
            slow = pool.submit(c.get, "/sparql", params={"query": RUNAWAY})
            time.sleep(0.3)
            for _ in range(5):
                started = time.perf_counter()
                fast = c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
                assert fast.status_code == 200
                assert time.perf_counter() - started < 1.5
            response = slow.result()
        assert response.status_code == 503
        assert response.text == "query timed out after 2 s\n"
        assert response.headers["content-type"].startswith("text/plain")
        assert response.headers["retry-after"]
        time.sleep(1.5)
        health = c.get("/healthz").json()
        assert health["workers"]["replaced"] == 1
        assert health["workers"]["running"] == 2
        after = _children(running.process.pid)
        assert len(after) == 2
        assert len(before - after) == 1  # the runaway's worker process is gone, not just ignored
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]
    finally:
        assert running.stop() == 0


def test_a_full_queue_answers_503_at_once() -> None:
    running = Server("--query-timeout", "1", "--workers", "1", "--no-access-log")
    try:
        with ThreadPoolExecutor(8) as pool:
            client = running.client
            futures = [
                pool.submit(client.get, "/sparql", params={"query": RUNAWAY + f" #{i}"})
                for i in range(5)
            ]
            time.sleep(0.5)
            started = time.perf_counter()
            busy = client.get("/sparql", params={"query": "ASK {}"})
            assert busy.status_code == 503
            assert time.perf_counter() - started < 0.5
            assert "busy" in busy.text
            for future in futures:
                future.cancel()
    finally:
        running.stop()


def test_memory_cap_ends_a_query_like_a_timeout() -> None:
    running = Server("--memory-mb", "150", "--query-timeout", "20")
    try:
        grow = "SELECT ?a ?c ?e WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?a ?d"
        response = running.client.get("/sparql", params={"query": grow})
        assert response.status_code == 503
        assert response.text == "query ended: its worker ran out of memory or crashed\n"
        assert running.client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    finally:
        running.stop()


# --- access log, start and stop --------------------------------------------------------------


def test_access_log_one_line_per_request_without_query_string(server: Server) -> None:
    server.client.get("/sparql", params={"query": "ASK { ?secret ?p ?o }"})
    server.client.get("/no/such%0Apage\x7f".replace("\x7f", ""))
    time.sleep(0.2)
    lines = [line for line in server.log if line.startswith("GET /")]
    assert any(line.startswith("GET /sparql 200 ") and "rows=1" in line for line in lines)
    assert not any("secret" in line for line in server.log)
    assert all(line.count("\n") == 1 for line in lines)


def test_no_access_log_and_first_line_names_the_url() -> None:
    quiet = Server("--only-data", "--data", TRIG, "--no-access-log")
    try:
        assert quiet.first_line.startswith("ahtgraph serve: http://127.0.0.1:")
        quiet.client.get("/sparql", params={"query": "ASK {}"})
        time.sleep(0.2)
    finally:
        assert quiet.stop() == 0
    assert quiet.log == []


def test_sigterm_lets_the_request_in_flight_finish() -> None:
    running = Server("--query-timeout", "1")
    with ThreadPoolExecutor(1) as pool:
        slow = pool.submit(running.client.get, "/sparql", params={"query": RUNAWAY})
        time.sleep(0.3)
        status = running.stop()
        response = slow.result()
    assert response.status_code == 503  # the request finished (by its timeout), not dropped
    assert status == 0


def _run_serve(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "ahtgraph.serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_a_port_in_use_or_a_bad_data_file_is_one_line_and_exit_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        done = _run_serve("--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert done.returncode == 2
    assert done.stderr.startswith("Error: cannot listen on 127.0.0.1:")
    assert done.stderr.count("\n") == 1
    missing = _run_serve("--port", "0", "--data", str(tmp_path / "nope.ttl"))
    assert missing.returncode == 2
    assert missing.stderr == f"Error: data file not found: {tmp_path / 'nope.ttl'}\n"
    assert "Traceback" not in missing.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <<<\n")
    broken = _run_serve("--port", "0", "--data", str(bad))
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
    assert broken.stderr.strip().count("\n") == 0, broken.stderr
