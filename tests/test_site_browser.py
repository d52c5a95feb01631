"""The pages in a real browser: headless Chromium (Debian's package) through Playwright, against
the static site served over HTTP on 127.0.0.1, and the query page against a stand-in SPARQL
endpoint (rdflib behind http.server). Both are served with a strict Content-Security-Policy
(scripts and styles from the same origin only), as ``ahtgraph serve`` does.

Skipped only when /usr/bin/chromium is absent; .ci/run installs it. Playwright's own browser
downloads are never used (no ``playwright install``).
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from rdflib import Graph

from ahtgraph import named_queries
from ahtgraph.prefixes import ID
from ahtgraph.web import site as site_module
from ahtgraph.web import static_dir, views
from ahtgraph.web.links import ServerLinks
from ahtgraph.web.render import render

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no /usr/bin/chromium (apt-get install chromium; CI installs it)",
    ),
]


#: What ``ahtgraph serve`` sends: nothing inline runs, nothing comes from elsewhere.
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()


def _serving(handler: Any) -> Iterator[str]:
    """Serve with ``handler`` on a free port of 127.0.0.1 until the generator is closed."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site, built once and served by http.server on a free port until the tests end."""
    root = tmp_path_factory.mktemp("browser") / "public"
    site_module.build(graph, root)
    handler = functools.partial(_Quiet, directory=str(root))
    yield from _serving(handler)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A blocked inline script or style shows up as a console error (an HTTP error status
    # the test provokes is logged too: those are checked by the tests themselves).
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    yield page
    context.close()
    assert errors == [], errors


def test_index_renders_with_the_network_picture(page: Any, base_url: str) -> None:
    response = page.goto(f"{base_url}/index.html")
    assert response.ok
    assert "ahtgraph" in page.title()
    h1 = page.locator("h1")
    assert h1.count() == 1
    assert "trafficking" in h1.inner_text()
    svg = page.locator("svg.network")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 0 and box["height"] > 0
    # The style sheet loaded: the entity lists are laid out in columns.
    columns = page.evaluate("getComputedStyle(document.querySelector('ul.entities')).columnWidth")
    assert columns != "auto"


def test_a_summary_box_leads_to_the_table_of_states(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/index.html")
    summaries = page.locator('svg.network a[href="#states"]')
    assert summaries.count() == 3
    summaries.first.click()
    assert page.url.endswith("#states")
    table = page.locator("table.states")
    assert table.is_visible() and table.locator("tbody tr").count() >= 48
    # The table scrolled into view: its heading is near the top of the window.
    top = page.evaluate("document.getElementById('states').getBoundingClientRect().top")
    assert -5 < top < 200


def test_search_box_filters_the_list(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/index.html")
    items = page.locator("li.entity")
    total = items.count()
    assert total > 100
    box = page.get_by_label("Filter the entities by name")
    assert box.is_visible()  # the script revealed the form
    box.fill("payoke")
    visible = page.locator("li.entity:visible")
    texts = visible.all_inner_texts()
    assert "Payoke" in texts
    assert 1 <= len(texts) < 5
    assert all("payoke" in t.lower() for t in texts), texts
    assert page.locator("#search-status").inner_text() == f"{len(texts)} of {total} entities match"
    # Groups with no match are hidden; accents do not matter; clearing shows everything again.
    assert not page.locator("#group-places").is_visible()
    box.fill("surya")
    assert "Sürya" in page.locator("li.entity:visible").all_inner_texts()
    box.fill("")
    assert page.locator("li.entity:visible").count() == total


def test_entity_page_renders_and_its_json_ld_parses(page: Any, base_url: str) -> None:
    response = page.goto(f"{base_url}/id/payoke.html")
    assert response.ok
    assert page.locator("h1").inner_text() == "Payoke"
    assert page.title().startswith("Payoke")
    json_id = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]')"
        ".textContent)['@id']"
    )
    assert json_id == ID + "payoke"
    turtle = page.locator('link[rel="alternate"][type="text/turtle"]')
    assert turtle.get_attribute("href") == "payoke.ttl"
    twin = page.request.get(f"{base_url}/id/payoke.ttl")
    assert twin.ok and "id:payoke" in twin.text()


def test_following_a_relation_link_reaches_its_page(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/id/payoke.html")
    link = page.locator("section[aria-labelledby=relations] a").filter(has_text="FPS Justice")
    with page.expect_navigation():
        link.first.click()
    assert page.url.endswith("/id/fps-justice.html")
    assert page.locator("h1").inner_text() == "FPS Justice"
    # And back up to the index through the site navigation.
    page.get_by_role("navigation", name="Site").get_by_role("link", name="ahtgraph").click()
    page.wait_for_url(f"{base_url}/index.html")
    assert page.locator("svg.network").is_visible()


def test_ontology_page_renders(page: Any, base_url: str) -> None:
    response = page.goto(f"{base_url}/ontology.html#funds")
    assert response.ok
    assert page.locator("#funds h3").inner_text().startswith("funds")
    assert page.locator('#funds [lang="fr"]').first.inner_text() == "finance"


# ------------------------------------------------------------------------------ the query page


def _stand_in(graph: Graph) -> type[http.server.BaseHTTPRequestHandler]:
    """A minimal endpoint: the query page at GET /sparql, static files, POST /sparql answered
    by rdflib in SPARQL JSON; a query that does not parse gets 400 and one line of text."""
    page = render(None, views.query_page_view(named_queries.catalogue(), "en"), links=ServerLinks())
    static = static_dir()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, media: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", CSP)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.startswith("/sparql"):
                self._send(200, page.encode(), "text/html; charset=utf-8")
            elif self.path.startswith("/static/") and "/" not in self.path[8:]:
                name = self.path[8:]
                media = "text/css" if name.endswith(".css") else "text/javascript"
                self._send(200, (static / name).read_bytes(), media)
            else:
                self._send(404, b"not found", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode())
            text = form.get("query", [""])[0]
            try:
                result = graph.query(text)
            except Exception:
                self._send(400, b"bad query: <b>not SPARQL</b>\n", "text/plain")
                return
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                self._send(200, result.serialize(format="turtle"), "text/turtle")
                return
            body = result.serialize(format="json")
            if "# cut" in text:  # as the server says when --max-rows cut the results
                self.send_response(200)
                self.send_header("X-Result-Limit", "2")
                self.send_header("X-Result-Truncated", "true")
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self._send(200, body, "application/sparql-results+json")

    return Handler


@pytest.fixture(scope="module")
def endpoint(graph: Graph) -> Iterator[str]:
    yield from _serving(_stand_in(graph))


LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { <https://w3id.org/ahtgraph/id/fps-justice> rdfs:label ?label }
ORDER BY ?label"""


def test_query_page_runs_a_query_and_shows_the_rows(
    page: Any, endpoint: str, tmp_path: Path
) -> None:
    assert page.goto(f"{endpoint}/sparql").ok
    page.get_by_label("SPARQL query").fill(LABELS)
    page.get_by_role("button", name="Run the query").click()
    status = page.locator("#results-status")
    status.filter(has_text="3 rows").wait_for()
    assert page.locator("#results-table th").all_inner_texts() == ["label"]
    cells = page.locator("#results-table tbody td")
    shown = cells.all_inner_texts()
    assert sorted(shown) == ["FOD Justitie", "FPS Justice", "SPF Justice"]
    languages = {"FOD Justitie": "nl", "FPS Justice": "en", "SPF Justice": "fr"}
    assert [cells.nth(i).get_attribute("lang") for i in range(3)] == [languages[t] for t in shown]
    # The downloads hold the same rows, in the same order.
    with page.expect_download() as download:
        page.locator("#download-csv").click()
    path = tmp_path / "results.csv"
    download.value.save_as(path)
    assert path.read_bytes() == "".join(f"{t}\r\n" for t in ["label", *shown]).encode()
    with page.expect_download() as download:
        page.locator("#download-json").click()
    download.value.save_as(tmp_path / "results.json")
    data = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == shown


def test_a_named_query_fills_the_editor_and_runs(page: Any, endpoint: str) -> None:
    query = named_queries.find("funded-centres")
    page.goto(f"{endpoint}/sparql")
    page.get_by_label("Start from a named query").select_option("funded-centres")
    assert page.get_by_label("SPARQL query").input_value() == query.text
    page.get_by_role("button", name="Run the query").click()
    page.locator("#results-status").filter(has_text="rows").wait_for()
    assert page.locator("#results-table tbody tr").count() >= 3
    assert "Payoke" in page.locator("#results-table tbody").inner_text()
    # A link to the page with the query's name as fragment opens on that query.
    page.goto(f"{endpoint}/sparql#campaigns")
    page.reload()
    assert page.get_by_label("SPARQL query").input_value() == named_queries.find("campaigns").text


def test_an_error_is_shown_as_text(page: Any, endpoint: str) -> None:
    page.goto(f"{endpoint}/sparql")
    page.get_by_label("SPARQL query").fill("SELEC nothing")
    page.get_by_role("button", name="Run the query").click()
    status = page.locator("#results-status")
    status.filter(has_text="failed").wait_for()
    assert status.inner_text() == "The query failed: bad query: <b>not SPARQL</b>"
    assert page.locator("#results-status b").count() == 0


def test_cut_results_are_said_so(page: Any, endpoint: str) -> None:
    page.goto(f"{endpoint}/sparql")
    page.get_by_label("SPARQL query").fill(LABELS.replace("ORDER BY ?label", "LIMIT 2 # cut"))
    page.get_by_role("button", name="Run the query").click()
    status = page.locator("#results-status")
    status.filter(has_text="rows").wait_for()
    assert status.inner_text() == "2 rows The results were cut at 2 rows."


def test_a_graph_result_is_shown_as_turtle(page: Any, endpoint: str) -> None:
    page.goto(f"{endpoint}/sparql")
    query = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { <https://w3id.org/ahtgraph/id/fps-justice> rdfs:label ?label }
WHERE { <https://w3id.org/ahtgraph/id/fps-justice> rdfs:label ?label }"""
    page.get_by_label("SPARQL query").fill(query)
    page.get_by_role("button", name="Run the query").click()
    shown = page.locator("#results-table pre")
    shown.wait_for()
    turtle = shown.inner_text()
    assert "FOD Justitie" in turtle and "SPF Justice" in turtle
    assert page.locator("#downloads").is_hidden()
