"""The static site in a real browser: headless Chromium (Debian's package) through Playwright,
against the site served over HTTP on 127.0.0.1.

Skipped only when /usr/bin/chromium is absent; .ci/run installs it. Playwright's own browser
downloads are never used (no ``playwright install``).
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from ahtgraph import site as site_module
from ahtgraph.prefixes import ID

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

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium; CI installs it)"
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site, built once and served by http.server on a free port until the tests end."""
    root = tmp_path_factory.mktemp("browser") / "public"
    site_module.build(graph, root)
    handler = functools.partial(_Quiet, directory=str(root))
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
