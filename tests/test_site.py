"""The static site: structure of every page (links, headings, languages, footer, JSON-LD), the
Linked Data twins, determinism, safe writing, and the JSON-LD as a search engine extracts it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote, urldefrag

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ahtgraph import describe, serialize
from ahtgraph import site as site_module
from ahtgraph.cli import cli
from ahtgraph.prefixes import AHT, ID

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_PAGE = "https://samilia.org/en/other-resources/"
SAMPLES = ["payoke", "myria", "greta", "warsaw-convention", "world-migration-report"]


class Page(HTMLParser):
    """What the tests look at in one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.html_lang: str | None = None
        self.json_ld: list[str] = []
        self.alternates: list[tuple[str, str]] = []
        self.lang_texts: list[tuple[str, str]] = []
        self.footer = ""
        self._stack: list[tuple[str, str | None]] = []
        self._script: list[str] | None = None
        self._lang_buffers: list[tuple[str, list[str]]] = []
        self._in_footer = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name) is not None:
                self.links.append(a[name] or "")
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append((a.get("type") or "", a.get("href") or ""))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script = []
        if tag == "footer":
            self._in_footer += 1
        if tag in ("meta", "link", "input", "br", "img", "path", "line", "rect"):
            return
        self._stack.append((tag, a.get("lang")))
        if a.get("lang"):
            self._lang_buffers.append((a["lang"] or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        if tag == "footer":
            self._in_footer -= 1
        while self._stack:
            open_tag, lang = self._stack.pop()
            if lang:
                code, parts = self._lang_buffers.pop()
                self.lang_texts.append((code, "".join(parts)))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        for _, parts in self._lang_buffers:
            parts.append(data)
        if self._in_footer:
            self.footer += data


@pytest.fixture(scope="module")
def built(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "public"
    site_module.build(graph, out)
    return out


@pytest.fixture(scope="module")
def pages(built: Path) -> dict[str, Page]:
    return {
        path.relative_to(built).as_posix(): Page(path.read_text(encoding="utf-8"))
        for path in sorted(built.rglob("*.html"))
    }


def test_layout_index_ontology_and_a_page_with_twins_per_entity(built: Path, graph: Graph) -> None:
    names = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    assert {"index.html", "ontology.html", "style.css", "ahtgraph.ttl"} <= names
    for slug in ("payoke", "myria", "fps-justice", "blue-heart-campaign", "topic-crime"):
        assert {f"id/{slug}.html", f"id/{slug}.ttl", f"id/{slug}.jsonld"} <= names
    # Provenance records are shown on the pages of what they are about, not on pages of their own.
    claims = {str(s) for s in graph.subjects(URIRef(describe.RDF + "subject"), None)}
    assert claims
    assert not any(f"id/{c[len(ID) :]}.html" in names for c in claims)
    # No temporary folder is left beside the site.
    assert [p.name for p in built.parent.iterdir()] == ["public"]


def _resolve(page: str, href: str) -> tuple[str, str] | None:
    """The site path and fragment an internal link points to; None for an external link."""
    if href.startswith(("http://", "https://", "mailto:")):
        return None
    path, fragment = urldefrag(href)
    target = normpath(join(dirname(page), unquote(path))) if path else page
    return target, fragment


def test_every_internal_link_resolves_to_a_generated_file(
    built: Path, pages: dict[str, Page]
) -> None:
    checked = 0
    for name, page in pages.items():
        for href in page.links:
            resolved = _resolve(name, href)
            if resolved is None:
                continue
            target, fragment = resolved
            assert not target.startswith(".."), (name, href)
            assert (built / target).is_file(), f"{name}: {href} does not resolve"
            if fragment:
                assert fragment in pages[target].ids, f"{name}: {href} has no such anchor"
            checked += 1
    assert checked > 2000


def test_one_h1_and_no_skipped_heading_level(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        assert page.headings[0] == 1, name
        assert page.headings.count(1) == 1, name
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} followed by h{after}"


def test_every_page_is_english_and_marks_french_and_dutch_names(
    graph: Graph, pages: dict[str, Page]
) -> None:
    for name, page in pages.items():
        assert page.html_lang == "en", name
    for name, page in pages.items():
        if not name.startswith("id/"):
            continue
        iri = URIRef(ID + name[3:-5])
        for predicate in (describe.RDFS_LABEL, site_module.ALT_LABEL):
            for label in graph.objects(iri, URIRef(predicate)):
                if isinstance(label, Literal) and label.language in ("fr", "nl"):
                    assert (label.language, str(label)) in page.lang_texts, (name, label)
    myria = pages["id/myria.html"].lang_texts
    assert ("fr", "Centre fédéral Migration") in myria
    assert ("nl", "Federaal Migratiecentrum") in myria


def test_ontology_page_labels_in_three_languages(pages: dict[str, Page]) -> None:
    page = pages["ontology.html"]
    assert {"Organisation", "funds", "VictimSupportCentre", "readOn"} <= page.ids
    assert ("fr", "finance") in page.lang_texts
    assert ("nl", "financiert") in page.lang_texts
    assert ("nl", "Gespecialiseerd opvangcentrum voor slachtoffers") in page.lang_texts


def test_every_footer_has_the_licence_and_the_source(built: Path, pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        assert "CC BY 4.0" in page.footer, name
        assert "Other resources" in page.footer and "Source:" in page.footer, name
        assert LICENCE in page.links and SOURCE_PAGE in page.links, name


def test_json_ld_block_names_the_page_entity(graph: Graph, pages: dict[str, Page]) -> None:
    organisations = {
        str(s) for s in graph.subjects(URIRef(describe.RDF_TYPE), URIRef(AHT + "Organisation"))
    }
    with_block = 0
    for name, page in pages.items():
        if not name.startswith("id/"):
            assert not page.json_ld, name
            continue
        iri = ID + name[3:-5]
        assert len(page.json_ld) <= 1, name
        if iri in organisations:
            assert page.json_ld, f"{name} has no JSON-LD"
        for block in page.json_ld:
            document = json.loads(block)
            assert document["@id"] == iri
            assert document["@context"] == "https://schema.org"
            with_block += 1
    assert with_block >= 60


def test_page_json_ld_is_the_schema_org_snippet(graph: Graph, pages: dict[str, Page]) -> None:
    from ahtgraph import schema_org

    for slug in SAMPLES:
        (block,) = pages[f"id/{slug}.html"].json_ld
        assert json.loads(block) == schema_org.snippet(graph, URIRef(ID + slug), "en")


def test_json_ld_as_a_search_engine_extracts_it(graph: Graph, built: Path) -> None:
    extruct = pytest.importorskip("extruct")
    from ahtgraph import schema_org

    for slug in SAMPLES:
        html = (built / "id" / f"{slug}.html").read_text(encoding="utf-8")
        found = extruct.extract(
            html, base_url=f"https://example.org/id/{slug}.html", syntaxes=["json-ld"]
        )
        (item,) = found["json-ld"]
        assert item["@id"] == ID + slug
        assert item == schema_org.snippet(graph, URIRef(ID + slug), "en")
    payoke = extruct.extract(
        (built / "id" / "payoke.html").read_text(encoding="utf-8"), syntaxes=["json-ld"]
    )["json-ld"][0]
    assert payoke["name"] == "Payoke"


def test_twins_hold_the_entity_triples_as_describe_prints_them(
    graph: Graph, built: Path, pages: dict[str, Page]
) -> None:
    for slug in ("payoke", "fps-justice", "topic-crime"):
        triples = describe.triples(graph, URIRef(ID + slug))
        turtle = (built / "id" / f"{slug}.ttl").read_text(encoding="utf-8")
        jsonld = (built / "id" / f"{slug}.jsonld").read_text(encoding="utf-8")
        assert turtle == serialize.dumps(triples, "turtle")
        assert jsonld == serialize.dumps(triples, "jsonld")
        assert isomorphic(Graph().parse(data=turtle, format="turtle"), triples)
        assert isomorphic(Graph().parse(data=jsonld, format="json-ld"), triples)
        page = pages[f"id/{slug}.html"]
        assert ("text/turtle", f"{slug}.ttl") in page.alternates
        assert ("application/ld+json", f"{slug}.jsonld") in page.alternates
        assert f"{slug}.ttl" in page.links and f"{slug}.jsonld" in page.links


def test_entity_page_shows_relations_both_ways_sources_and_notes(built: Path) -> None:
    html = (built / "id" / "payoke.html").read_text(encoding="utf-8")
    assert "<h1>Payoke</h1>" in html
    # In: FPS Justice funds Payoke; out: its mandate, its region.
    assert (
        '<a href="../id/fps-justice.html">FPS Justice</a> <span class="predicate">funds</span>'
        in html
    )
    assert 'href="../id/payoke-victim-support.html"' in html
    assert '<span class="predicate">area served</span> <a href="../id/flanders.html">' in html
    assert '<a href="https://www.payoke.be/en/">https://www.payoke.be/en/</a> (read on ' in html
    assert "federally funded" in html
    myria = (built / "id" / "myria.html").read_text(encoding="utf-8")
    assert '<h2 id="publications">Publications</h2>' in myria
    assert '<h2 id="mandates">Mandates</h2>' in myria


def test_index_groups_search_and_network(graph: Graph, built: Path, pages: dict[str, Page]) -> None:
    from ahtgraph.network_svg import network

    html = (built / "index.html").read_text(encoding="utf-8")
    for heading in (
        "Organisations",
        "Specialised victim-support centres",
        "Intergovernmental organisations",
        "Publications",
        "Legal instruments",
        "Campaigns and observances",
        "Places",
        "Concepts",
    ):
        assert f">{heading}</h" in html, heading
    # Readable without JavaScript: the search form appears only when the script runs.
    assert '<form id="search-form" role="search" hidden>' in html
    assert 'data-search="payoke' in html
    _nodes, edges = network(graph)
    assert len(edges) >= 30
    assert '<title id="network-title">' in html and '<desc id="network-desc">' in html
    assert html.count("<svg") == 1
    # The same relations as a list, for screen readers and text browsers.
    assert html.count('<li><a href="id/') >= len(edges)
    assert (
        '<li><a href="id/fps-justice.html">FPS Justice</a> <span class="predicate">funds</span> '
        '<a href="id/payoke.html">Payoke</a></li>'
    ) in html


def test_network_layout_is_columns_by_kind(graph: Graph) -> None:
    from ahtgraph.network_svg import COLUMNS, network

    nodes, edges = network(graph)
    column = {n.iri[len(ID) :]: COLUMNS[n.group][0] for n in nodes}
    assert column["payoke"] == "Victim support, NGOs"
    assert column["myria"] == "Independent bodies"
    assert column["fps-justice"] == "Public bodies"
    assert column["unodc"] == "Intergovernmental"
    assert column["blue-heart-campaign"] == "What they act on"
    rows = [(n.column, n.row) for n in nodes]
    assert len(rows) == len(set(rows))
    relations = {(e.source[len(ID) :], e.relation, e.target[len(ID) :]) for e in edges}
    assert ("fps-justice", "supervises", "surya") in relations
    assert ("unodc", "runs", "blue-heart-campaign") in relations


def test_text_is_escaped(graph: Graph) -> None:
    evil = Graph()
    for triple in graph:
        evil.add(triple)
    iri = URIRef(ID + "evil")
    evil.add((iri, URIRef(describe.RDF_TYPE), URIRef(AHT + "Organisation")))
    evil.add((iri, URIRef(describe.RDFS_LABEL), Literal('<script>alert("x")</script> & co', "en")))
    evil.add((iri, URIRef(AHT + "funds"), URIRef(ID + "payoke")))
    pages = site_module.Pages(evil)
    entity = pages.entities[str(iri)]
    for html in (pages.entity_page(entity), pages.index_page()):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    payoke = pages.entity_page(pages.entities[ID + "payoke"])
    assert '<a href="../id/evil.html">&lt;script&gt;' in payoke


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    # The second build runs in another process, with another hash seed, through the CLI.
    out = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-m", "ahtgraph", "site", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote ")
    first, second = _tree(built), _tree(out)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_folder_with_content_is_refused_even_with_force(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    for force in ([], ["--force"]):
        result = CliRunner().invoke(cli, ["site", "-o", str(out), *force])
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: {out} is not empty and holds no ahtgraph build (no .ahtgraph-build); "
            "not writing into it: choose a new or empty folder\n"
        )
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "file")])
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(f"'{tmp_path / 'file'}' is a file.\n")  # click's own check


def test_write_replaces_an_earlier_build_with_force(tmp_path: Path) -> None:
    out = tmp_path / "public"
    site_module.write({"old.html": "old"}, out)
    site_module.write({"index.html": "new", "id/a.html": "a"}, out, force=True)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".ahtgraph-build",
        "id/a.html",
        "index.html",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_an_empty_folder_is_filled_without_force(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    site_module.write({"index.html": "x"}, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "x"


def test_site_help_does_not_import_rdflib() -> None:
    code = (
        "import sys\nfrom ahtgraph.cli import main\ntry:\n    main(['site', '--help'])\n"
        "except SystemExit:\n    pass\n"
        "print('HEAVY:' + ','.join(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'rdflib', 'pyshacl', 'pyld'})), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "HEAVY:"
    assert "Examples:" in done.stdout and "ahtgraph site -o public" in done.stdout
