"""The query page of ``ahtgraph serve`` in headless Chromium: type a query, run it, see rows.

Against the real server (127.0.0.1, free port, stopped by pid) with its real
Content-Security-Policy, so a blocked script or style would show as a console error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_server import Server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
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
QUERY = """PREFIX aht: <https://w3id.org/ahtgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE {
  ?c a aht:VictimSupportCentre ; rdfs:label ?label FILTER(lang(?label) = "en")
} ORDER BY ?label"""


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server("--no-access-log", "--max-rows", "2")
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_type_a_query_run_it_and_see_the_rows(browser: Any, server: Server) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        response = page.goto(f"{server.base}/sparql")
        assert response.ok
        assert response.headers["content-type"].startswith("text/html")
        page.fill("#query", QUERY + " LIMIT 2")
        page.click("#query-form button[type=submit]")
        page.wait_for_selector("#results-table tbody tr")
        cells = page.locator("#results-table tbody td").all_text_contents()
        assert cells == ["PAG-ASA", "Payoke"]
        assert page.locator("#results-table thead th").all_text_contents() == ["label"]
        page.fill("#query", QUERY)  # three rows, cut at --max-rows 2: the page says so
        page.click("#query-form button[type=submit]")
        page.locator("#results-status", has_text="cut at").wait_for()
        assert "cut at 2 rows" in page.locator("#results-status").text_content()
        assert len(page.locator("#results-table tbody tr").all()) == 2
    finally:
        context.close()
    assert errors == [], errors
