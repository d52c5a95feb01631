"""The static site: structure of every page (links, headings, languages, footer, JSON-LD), the
Linked Data twins, determinism, safe writing, and the JSON-LD as a search engine extracts it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote, urldefrag
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ahtgraph import describe, schema_org, serialize
from ahtgraph.cli import cli
from ahtgraph.prefixes import AHT, ID
from ahtgraph.web import site as site_module
from ahtgraph.web import views
from ahtgraph.web.links import ServerLinks, SiteLinks
from ahtgraph.web.render import render

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
    assert {"index.html", "ontology.html", "ahtgraph.ttl"} <= names
    assert {"static/style.css", "static/search.js", "static/query.js"} <= names
    for slug in ("payoke", "myria", "fps-justice", "blue-heart-campaign", "topic-crime"):
        twins = {f"id/{slug}.{ext}" for ext in ("html", "ttl", "nt", "rdf", "jsonld")}
        assert twins | {f"id/{slug}.schema.jsonld"} <= names
    # Provenance records are shown on the pages of what they are about, not on pages of their own.
    claims = {str(s) for s in graph.subjects(URIRef(describe.RDF + "subject"), None)}
    assert claims
    assert not any(f"id/{c[len(ID) :]}.html" in names for c in claims)
    # No temporary folder is left beside the site.
    assert [p.name for p in built.parent.iterdir()] == ["public"]


def _resolve(page: str, href: str) -> tuple[str, str] | None:
    """The site path and fragment an internal link points to; None for an external link."""
    if href.startswith(("http://", "https://", "mailto:", "data:")):
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
        for predicate in (describe.RDFS_LABEL, views.ALT_LABEL):
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
        if name == "ontology.html":
            (block,) = page.json_ld
            assert json.loads(block)["@type"] == "DefinedTermSet"
            continue
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
    formats = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "jsonld"}
    parsers = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}
    for slug in ("payoke", "fps-justice", "topic-crime"):
        triples = describe.triples(graph, URIRef(ID + slug))
        page = pages[f"id/{slug}.html"]
        for ext, fmt in formats.items():
            text = (built / "id" / f"{slug}.{ext}").read_text(encoding="utf-8")
            assert text == serialize.dumps(triples, fmt), (slug, ext)
            assert isomorphic(Graph().parse(data=text, format=parsers[ext]), triples), (slug, ext)
            media = dict(views.TWINS)[ext]
            assert (media, f"{slug}.{ext}") in page.alternates
            assert f"{slug}.{ext}" in page.links
        # The page names its schema.org snippet, and the snippet file is what it embeds.
        assert f"{slug}.schema.jsonld" in page.links
        (block,) = page.json_ld
        snippet = (built / "id" / f"{slug}.schema.jsonld").read_text(encoding="utf-8")
        assert json.loads(snippet) == json.loads(block)
        assert "schema.jsonld" in (built / "id" / f"{slug}.html").read_text(encoding="utf-8")


#: A small graph of our own, and what its entity ``id:centre`` must publish, written out by
#: hand (not computed by the code under test): its triples out and in, and the provenance
#: record about one of its relations.
TWIN_FIXTURE = """\
@prefix aht: <https://w3id.org/ahtgraph/ontology#> .
@prefix id: <https://w3id.org/ahtgraph/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .

id:centre a aht:Organisation, aht:VictimSupportCentre ;
    rdfs:label "Centre </script> & co"@en, "Centre « un »"@fr ;
    dcterms:description "A centre."@en ;
    schema:foundingDate "1994"^^xsd:gYear ;
    dcterms:source <https://centre.example/about> .
id:ministry a aht:Organisation, aht:PublicBody ;
    rdfs:label "Ministry"@en ;
    aht:funds id:centre .
id:claim-1 a rdf:Statement ;
    rdf:subject id:ministry ; rdf:predicate aht:funds ; rdf:object id:centre ;
    dcterms:source <https://ministry.example/budget> .
<https://centre.example/about> aht:readOn "2026-01-02"^^xsd:date .
"""
TWIN_EXPECTED = """\
@prefix aht: <https://w3id.org/ahtgraph/ontology#> .
@prefix id: <https://w3id.org/ahtgraph/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
id:centre rdf:type aht:Organisation .
id:centre rdf:type aht:VictimSupportCentre .
id:centre rdfs:label "Centre </script> & co"@en .
id:centre rdfs:label "Centre \u00ab un \u00bb"@fr .
id:centre dcterms:description "A centre."@en .
id:centre schema:foundingDate "1994"^^xsd:gYear .
id:centre dcterms:source <https://centre.example/about> .
id:ministry aht:funds id:centre .
id:claim-1 rdf:object id:centre .
id:claim-1 rdf:type rdf:Statement .
id:claim-1 rdf:subject id:ministry .
id:claim-1 rdf:predicate aht:funds .
id:claim-1 dcterms:source <https://ministry.example/budget> .
"""


@pytest.fixture(scope="module")
def small_site() -> dict[str, str]:
    return site_module.render(Graph().parse(data=TWIN_FIXTURE, format="turtle"))


def test_every_rdf_twin_is_the_expected_graph(small_site: dict[str, str]) -> None:
    expected = Graph().parse(data=TWIN_EXPECTED, format="turtle")
    assert len(expected) == 13
    parsers = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}
    for ext, parser in parsers.items():
        text = small_site[f"id/centre.{ext}"]
        assert isomorphic(Graph().parse(data=text, format=parser), expected), ext
    # The JSON-LD twin carries its context inline: nothing to fetch, no remote context.
    document = json.loads(small_site["id/centre.jsonld"])
    assert isinstance(document["@context"], dict)
    assert document["@context"]["aht"] == AHT
    # Every twin the page links to was written; the claim has no page of its own.
    page = Page(small_site["id/centre.html"])
    for href in page.links:
        if not href.startswith(("http", "#", "data:")):
            assert normpath(join("id", href)) in small_site, href
    assert "id/claim-1.html" not in small_site
    # The schema.org twin is the snippet, with its @id the entity.
    assert json.loads(small_site["id/centre.schema.jsonld"])["@id"] == ID + "centre"


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
    from ahtgraph.web.network import network

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
    from ahtgraph.web.network import COLUMNS, PLACES, network

    nodes, edges = network(graph)
    column = {n.iri[len(ID) :]: COLUMNS[n.group][0] for n in nodes}
    assert column["payoke"] == "column.victim_support"
    assert column["myria"] == "column.independent"
    assert column["fps-justice"] == "column.public"
    assert column["unodc"] == "column.intergovernmental"
    assert column["blue-heart-campaign"] == "column.targets"
    relations = {(e.source[len(ID) :], e.relation, e.target[len(ID) :]) for e in edges}
    assert ("fps-justice", "supervises", "surya") in relations
    assert ("unodc", "runs", "blue-heart-campaign") in relations
    # In the picture: every entity in a box (its own, a summary's or its series'), each box of
    # its own in its kind's column, no two in one place.
    picture = _picture(graph)
    assert picture.boxes_by_iri.keys() == {n.iri for n in nodes}
    x_of_column: dict[int, set[float]] = {}
    for n in nodes:
        if not n.box:
            x_of_column.setdefault(PLACES[n.group], set()).add(picture.boxes_by_iri[n.iri][0])
    assert all(len(xs) == 1 for xs in x_of_column.values()), x_of_column
    assert len({min(xs) for xs in x_of_column.values()}) == len(x_of_column)
    places = [(b[0], b[1]) for b in picture.boxes]
    assert len(places) == len(set(places))


def test_text_is_escaped(graph: Graph) -> None:
    evil = Graph()
    for triple in graph:
        evil.add(triple)
    iri = URIRef(ID + "evil")
    evil.add((iri, URIRef(describe.RDF_TYPE), URIRef(AHT + "Organisation")))
    evil.add((iri, URIRef(describe.RDFS_LABEL), Literal('<script>alert("x")</script> & co', "en")))
    evil.add((iri, URIRef(AHT + "funds"), URIRef(ID + "payoke")))
    model = views.ViewModel(evil)
    entity_page = render(None, views.entity_view(model, "evil", "en"), links=SiteLinks(1))
    home = render(None, views.home_view(model, "en"), links=SiteLinks(0))
    for html in (entity_page, home):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
    payoke = render(None, views.entity_view(model, "payoke", "en"), links=SiteLinks(1))
    assert '<a href="../id/evil.html">&lt;script&gt;' in payoke
    # In JSON-LD, the text cannot close the script element: "<" is written \u003c.
    (block,) = Page(entity_page).json_ld
    assert "</" not in block and "<!--" not in block
    assert json.loads(block)["name"] == '<script>alert("x")</script> & co'


def test_json_ld_text_cannot_end_its_script_element() -> None:
    document = {"name": "a</script><script>alert(1)</script><!-- & \u2028 \u2029 >"}
    text = views.json_ld_text(document)
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text
    assert json.loads(text) == document


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
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


# ------------------------------------------------------------------------------ the picture
#
# Pure geometry on the SVG's own coordinates: the test reads the drawn rectangles, polylines
# and texts back from the markup and measures them itself (a text's extent is estimated
# generously from its length and font size).

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Drawn:
    """What the picture draws: boxes (x, y, w, h, iris), edges (source, target, points),
    texts (left, top, right, bottom, text)."""

    boxes: list[tuple[float, float, float, float, tuple[str, ...]]]
    edges: list[tuple[str, str, list[tuple[float, float]]]]
    texts: list[tuple[float, float, float, float, str]]
    #: Per box: its kind (``entity``, ``summary``, ``more``), its lines of text, its link.
    kinds: list[str] = field(default_factory=list)
    lines: list[tuple[str, ...]] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)

    @property
    def boxes_by_iri(self) -> dict[str, tuple[float, float, float, float]]:
        return {iri: b[:4] for b in self.boxes for iri in b[4]}


def _drawn(html: str) -> Drawn:
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ElementTree.fromstring(svg)
    boxes, edges, texts, kinds, lines, hrefs = [], [], [], [], [], []
    links = {id(g): a.get("href") or "" for a in root.iter(f"{SVG}a") for g in a}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "node":
            rect = group.find(f"{SVG}rect")
            assert rect is not None
            iris = tuple((group.get("data-iri") or "").split())
            boxes.append((*(float(rect.get(k) or 0) for k in ("x", "y", "width", "height")), iris))
            kinds.append(group.get("data-kind") or "entity")
            lines.append(tuple("".join(t.itertext()) for t in group.iter(f"{SVG}text")))
            hrefs.append(links.get(id(group), ""))
    for line in root.iter(f"{SVG}polyline"):
        pairs = [p.split(",") for p in (line.get("points") or "").split()]
        points = [(float(x), float(y)) for x, y in pairs]
        edges.append((line.get("data-source") or "", line.get("data-target") or "", points))
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size") or 12)
        bold = text.get("font-weight") == "bold"
        content = "".join(text.itertext())
        width = len(content) * size * (0.62 if not bold else 0.68)
        x, y = float(text.get("x") or 0), float(text.get("y") or 0)
        assert text.get("text-anchor") in (None, "start")
        texts.append((x, y - 0.8 * size, x + width, y + 0.25 * size, content))
    return Drawn(boxes, edges, texts, kinds, lines, hrefs)


def _picture(graph: Graph, lang: str = "en") -> Drawn:
    model = views.ViewModel(graph)
    return _drawn(render(None, views.home_view(model, lang), links=SiteLinks(0)))


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Two rectangles (left, top, right, bottom) share some area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(p: tuple[float, float], q: tuple[float, float], r: tuple[float, ...]) -> bool:
    """The segment p-q passes through the inside of rectangle r (left, top, right, bottom).

    Liang-Barsky clipping against the open rectangle: touching a side does not count."""
    (x1, y1), (x2, y2) = p, q
    t0, t1 = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for edge_p, edge_q in ((-dx, x1 - r[0]), (dx, r[2] - x1), (-dy, y1 - r[1]), (dy, r[3] - y1)):
        if edge_p == 0:
            if edge_q <= 0:
                return False
            continue
        ratio = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, ratio)
        else:
            t1 = min(t1, ratio)
        if t0 >= t1:
            return False
    return True


def geometry_problems(drawn: Drawn) -> list[str]:
    """Every way the picture breaks the rules: boxes or texts overlapping, an edge through a
    box or a text, an edge not starting and ending on its boxes' sides."""
    problems = []
    rects = [(x, y, x + w, y + h) for x, y, w, h, _ in drawn.boxes]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            if _overlap(a, b):
                problems.append(f"boxes overlap: {a} {b}")
    for i, a in enumerate(drawn.texts):
        for b in drawn.texts[i + 1 :]:
            if _overlap(a[:4], b[:4]):
                problems.append(f"texts overlap: {a[4]!r} {b[4]!r}")
        inside = [r for r in rects if r[0] <= a[0] and a[2] <= r[2] and r[1] <= a[1] <= r[3]]
        for r in rects:
            if _overlap(a[:4], r) and r not in inside:
                problems.append(f"text {a[4]!r} runs over the box {r}")
    for source, target, points in drawn.edges:
        for p, q in pairwise(points):
            for r in rects:
                if _crosses(p, q, r):
                    problems.append(f"edge {source} -> {target} crosses the box {r}")
            for text in drawn.texts:
                if _crosses(p, q, text[:4]):
                    problems.append(f"edge {source} -> {target} crosses the text {text[4]!r}")
        for point, iri in ((points[0], source), (points[-1], target)):
            # A "+ N more" box is named by the IRIs it stands for.
            box = next(
                ((x, y, x + w, y + h) for x, y, w, h, i in drawn.boxes if i == tuple(iri.split())),
                None,
            )
            if box is None:
                problems.append(f"edge end {iri} has no box")
                continue
            on_side = point[0] in (box[0], box[2]) and box[1] <= point[1] <= box[3]
            if not on_side:
                problems.append(f"edge {source} -> {target} does not touch {iri}'s side")
    return problems


def test_the_geometry_check_finds_what_it_looks_for() -> None:
    # An edge through a box, two overlapping texts, and an edge that misses its box.
    drawn = Drawn(
        boxes=[(0, 0, 100, 30, ("a",)), (200, 0, 100, 30, ("b",)), (100, 100, 100, 30, ("c",))],
        edges=[("a", "b", [(100, 15), (300, 15)]), ("a", "c", [(100, 10), (150, 90)])],
        texts=[(10, 50, 60, 60, "one"), (50, 55, 90, 65, "two")],
    )
    problems = geometry_problems(drawn)
    assert any("crosses the box (200" in p for p in problems)
    assert any("texts overlap" in p for p in problems)
    assert any("does not touch c's side" in p for p in problems)


def test_no_edge_crosses_a_box_and_no_texts_overlap(graph: Graph) -> None:
    drawn = _picture(graph)
    assert len(drawn.boxes) >= 40 and len(drawn.edges) >= 30
    assert geometry_problems(drawn) == []
    # Every edge is orthogonal: it runs in the gaps, not across them at an angle.
    for _, _, points in drawn.edges:
        for (x1, y1), (x2, y2) in pairwise(points):
            assert x1 == x2 or y1 == y2


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_the_picture_holds_in_french_and_dutch(graph: Graph, lang: str) -> None:
    assert geometry_problems(_picture(graph, lang)) == []


def _crowded(graph: Graph) -> Graph:
    """The shipped graph with 60 more public bodies and 50 places they coordinate: about what
    the EU countries will add."""
    more = Graph()
    for triple in graph:
        more.add(triple)
    for i in range(60):
        body = URIRef(f"{ID}body-{i:02d}")
        more.add((body, URIRef(describe.RDF_TYPE), URIRef(AHT + "Organisation")))
        more.add((body, URIRef(describe.RDF_TYPE), URIRef(AHT + "PublicBody")))
        more.add((body, URIRef(describe.RDFS_LABEL), Literal(f"National body {i:02d}", "en")))
        more.add((body, URIRef(AHT + "funds"), URIRef(ID + ("payoke", "surya")[i % 2])))
        if i < 50:
            place = URIRef(f"{ID}country-{i:02d}")
            more.add((place, URIRef(describe.RDF_TYPE), URIRef(AHT + "Place")))
            more.add((place, URIRef(describe.RDFS_LABEL), Literal(f"Country {i:02d}", "en")))
            more.add((body, URIRef(AHT + "coordinates"), place))
    return more


def test_a_crowded_network_is_summarised_and_still_clean(graph: Graph) -> None:
    from ahtgraph.web.network import MAX_PER_GROUP

    crowded = _crowded(graph)
    model = views.ViewModel(crowded)
    html = render(None, views.home_view(model, "en"), links=SiteLinks(0))
    drawn = _drawn(html)
    assert geometry_problems(drawn) == []
    # At most MAX_PER_GROUP boxes per group: the rest are counted in "+ N more" boxes.
    more = [b for b, kind in zip(drawn.boxes, drawn.kinds, strict=True) if kind == "more"]
    # The 60 bodies and the 50 places each end in a summary box (the shipped data, which grows,
    # may crowd other groups too: their count is not this test's business).
    summarised = {i for b in more for i in b[4]}
    assert {f"{ID}body-{i:02d}" for i in range(60)} & summarised
    assert {f"{ID}country-{i:02d}" for i in range(50)} & summarised
    # No entity is in two boxes.
    assert sum(len(b[4]) for b in drawn.boxes) == len({i for b in drawn.boxes for i in b[4]})
    assert len([t for t in drawn.lines if re.fullmatch(r"\+ \d+ more", t[0])]) == len(more)
    assert len(drawn.boxes) <= 9 * MAX_PER_GROUP
    # The picture stays about as tall as before; the list still names every relation.
    assert max(y + h for _, y, _, h, _ in drawn.boxes) < 2000
    assert html.count('<li><a href="id/body-') == 60 + 50


# ------------------------------------------------------------------------------ grouped by rule
#
# A small made-up graph: a home country (served by three bodies), three other States Parties to
# one treaty, two rapporteurs of other States under one legal basis, three reports on other
# States of one type, a report on home, and a series with two editions.

LAYERS = """
@prefix aht: <https://w3id.org/ahtgraph/ontology#> .
@prefix id: <https://w3id.org/ahtgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:home a aht:Place , aht:Country ; rdfs:label "Homeland"@en ; aht:ratified id:treaty .
id:country-a a aht:Place , aht:Country ; rdfs:label "Country A"@en ; aht:ratified id:treaty .
id:country-b a aht:Place , aht:Country ; rdfs:label "Country B"@en ; aht:ratified id:treaty .
id:country-c a aht:Place , aht:Country ; rdfs:label "Country C"@en ; aht:ratified id:treaty .
id:region a aht:Place ; rdfs:label "Home region"@en .
id:treaty a aht:LegalInstrument ;
    rdfs:label "Convention on Action against Trafficking in Things"@en ;
    skos:altLabel "Things Convention"@en , "TC"@en .
id:article a aht:LegalInstrument ; rdfs:label "Article 9 - Rapporteurs"@en .
id:type-evaluation skos:prefLabel "Evaluation report"@en ; rdfs:label "Evaluation report"@en .

id:home-agency a aht:Organisation , aht:PublicBody ; rdfs:label "Home Agency"@en ;
    aht:areaServed id:home ; aht:funds id:centre .
id:home-office a aht:Organisation , aht:PublicBody ; rdfs:label "Home Office"@en ;
    aht:areaServed id:home .
id:centre a aht:Organisation , aht:VictimSupportCentre ; rdfs:label "Centre"@en ;
    aht:areaServed id:home , id:region .
id:monitor a aht:Organisation , aht:MonitoringBody ; rdfs:label "Monitor"@en ;
    aht:monitors id:home , id:country-a , id:country-b , id:treaty ;
    aht:publishes id:report-a1 , id:report-a2 , id:report-b1 , id:report-home , id:series ,
        id:edition-1 , id:edition-2 .
id:rapporteur-a a aht:Organisation , aht:IndependentPublicBody ; rdfs:label "Rapporteur A"@en ;
    aht:areaServed id:country-a ; aht:hasMandate id:mandate-a ; aht:monitors id:country-a .
id:mandate-a a aht:Mandate ; aht:legalBasis id:article ; aht:areaServed id:country-a .
id:rapporteur-b a aht:Organisation , aht:PublicBody ; rdfs:label "Rapporteur B"@en ;
    aht:areaServed id:country-b ; aht:hasMandate id:mandate-b .
id:mandate-b a aht:Mandate ; aht:legalBasis id:article , id:b-law ; aht:areaServed id:country-b .

id:report-a1 a aht:Publication ; rdfs:label "First report on A"@en ; dcterms:spatial id:country-a ;
    aht:publicationType id:type-evaluation ; aht:evaluationRound 1 ;
    dcterms:date "2014"^^xsd:gYear .
id:report-a2 a aht:Publication ; rdfs:label "Second report on A"@en ; dcterms:spatial id:country-a ;
    aht:publicationType id:type-evaluation ; aht:evaluationRound 2 .
id:report-b1 a aht:Publication ; rdfs:label "First report on B"@en ; dcterms:spatial id:country-b ;
    aht:publicationType id:type-evaluation ; aht:evaluationRound 1 .
id:report-home a aht:Publication ; rdfs:label "Report on Homeland"@en ; dcterms:spatial id:home ;
    aht:publicationType id:type-evaluation .
id:series a aht:PublicationSeries ; rdfs:label "Yearbook"@en .
id:edition-1 a aht:Publication ; rdfs:label "Yearbook 2020"@en ; aht:inSeries id:series .
id:edition-2 a aht:Publication ; rdfs:label "Yearbook 2021"@en ; aht:inSeries id:series .

id:country-a-ratification a aht:Ratification ; aht:ratifyingState id:country-a ;
    aht:ratifiedInstrument id:treaty ; aht:signedOn "2005-05-16"^^xsd:date ;
    aht:ratifiedOn "2010-01-02"^^xsd:date ; aht:entryIntoForce "2010-05-01"^^xsd:date .
id:country-b-accession a aht:Ratification , aht:Accession ; aht:ratifyingState id:country-b ;
    aht:ratifiedInstrument id:treaty ; aht:ratifiedOn "2012-03-04"^^xsd:date .
"""


def _layers(extra: str = "") -> Graph:
    return Graph().parse(data=LAYERS + extra, format="turtle")


def _home(graph: Graph, lang: str = "en") -> tuple[views.HomeView, str, Drawn]:
    view = views.home_view(views.ViewModel(graph), lang)
    html = render(None, view, links=SiteLinks(0))
    return view, html, _drawn(html)


def test_the_european_layer_is_grouped_by_rule() -> None:
    from ahtgraph.web.network import home_country, network

    graph = _layers()
    assert home_country(graph) == ID + "home"
    nodes, _ = network(graph)
    placed = {n.iri[len(ID) :]: n.box.removeprefix(ID) for n in nodes}
    assert placed == {
        # The core: drawn in boxes of their own.
        "home": "",
        "home-agency": "",
        "home-office": "",
        "centre": "",
        "monitor": "",
        "treaty": "",
        "report-home": "",
        "series": "",
        # Editions in their series' box.
        "edition-1": "series",
        "edition-2": "series",
        # Other States, their bodies and the publications about them: summary boxes.
        "country-a": "summary:states",
        "country-b": "summary:states",
        "country-c": "summary:states",
        "rapporteur-a": "summary:bodies",
        "rapporteur-b": "summary:bodies",
        "report-a1": "summary:publications",
        "report-a2": "summary:publications",
        "report-b1": "summary:publications",
    }
    view, html, drawn = _home(graph)
    assert geometry_problems(drawn) == []
    boxes = {b[4]: (kind, lines, href) for b, kind, lines, href in zip(
        drawn.boxes, drawn.kinds, drawn.lines, drawn.hrefs, strict=True)}  # fmt: skip
    summaries = {iris: v for iris, v in boxes.items() if v[0] == "summary"}
    # The counts and what the members share, wrapped; each summary links to the table.
    assert summaries == {
        (f"{ID}country-a", f"{ID}country-b", f"{ID}country-c"): (
            "summary",
            ("3 other States Parties", "(Things Convention)"),
            "#states",
        ),
        (f"{ID}rapporteur-a", f"{ID}rapporteur-b"): (
            "summary",
            ("2 bodies of other", "States (Article 9 -", "Rapporteurs)"),
            "#states",
        ),
        (f"{ID}report-a1", f"{ID}report-a2", f"{ID}report-b1"): (
            "summary",
            ("3 publications on", "other States", "(Evaluation report)"),
            "#states",
        ),
    }
    # The series' box stands for its editions and links to the series' page.
    assert boxes[(f"{ID}series", f"{ID}edition-1", f"{ID}edition-2")] == (
        "entity",
        ("Yearbook",),
        "id/series.html",
    )
    assert len(drawn.boxes) == 8 + 3
    # Edges to and from a summary box are drawn once per relation between the boxes.
    ends = sorted((s.split()[0][len(ID) :], t.split()[0][len(ID) :]) for s, t, _ in drawn.edges)
    assert ends == [
        ("home-agency", "centre"),
        ("monitor", "country-a"),
        ("monitor", "home"),
        ("monitor", "report-a1"),
        ("monitor", "report-home"),
        ("monitor", "series"),
        ("monitor", "treaty"),
        ("rapporteur-a", "country-a"),
    ]
    assert view.network.summaries == [
        ("3 other States Parties (Things Convention)", 3),
        ("2 bodies of other States (Article 9 - Rapporteurs)", 2),
        ("3 publications on other States (Evaluation report)", 3),
    ]
    description = view.network_description
    assert "3 other States Parties (Things Convention); 2 bodies of other States" in description
    assert "2 editions of a series are drawn in their series' box." in description
    # Nothing hidden: the list below names every relation, summarised or not.
    assert html.count('<li><a href="id/monitor.html">Monitor</a> <span class="predicate">') == 4 + 7


def test_the_table_of_states_lists_every_member() -> None:
    view, html, _ = _home(_layers())
    table = view.states
    assert table is not None and table.anchor == "states"
    assert '<h2 id="states">States</h2>' in html
    assert table.bodies_heading == views.Ref("entity", "Article 9 - Rapporteurs", "article")
    rows = {
        r.state.text: (
            [(p.instrument.text, p.detail) for p in r.parties],
            [b.text for b in r.bodies],
            [(x.text, x.target) for x in r.reports],
        )
        for r in table.rows
    }
    assert list(rows) == ["Country A", "Country B", "Country C", "Homeland"]
    assert rows["Country A"] == (
        [("TC", "signed 2005-05-16, ratified 2010-01-02, in force 2010-05-01")],
        ["Rapporteur A"],
        [("round 1 (2014)", "report-a1"), ("round 2", "report-a2")],
    )
    assert rows["Country B"] == ([("TC", "acceded 2012-03-04")], ["Rapporteur B"],
                                 [("round 1", "report-b1")])  # fmt: skip
    assert rows["Country C"] == ([("TC", "")], [], [])
    assert rows["Homeland"] == ([("TC", "")], [], [("Report on Homeland", "report-home")])
    # In the page: each State, instrument, body and report links to its page.
    assert (
        '<tr><th scope="row"><a href="id/country-a.html">Country A</a></th><td>'
        '<a href="id/treaty.html">TC</a>: signed 2005-05-16, ratified 2010-01-02, '
        'in force 2010-05-01</td><td><a href="id/rapporteur-a.html">Rapporteur A</a></td><td>'
        '<a href="id/report-a1.html">round 1 (2014)</a>, <a href="id/report-a2.html">round 2</a>'
        "</td></tr>"
    ) in html
    pages = Page(html)
    assert "states" in pages.ids
    assert [h for h in pages.headings if h <= 2] == [1, 2, 2, 2]


def test_what_the_members_do_not_share_is_not_named() -> None:
    # A body of another State with no mandate, a report of another type, a State that
    # ratified nothing: the summary says only how many.
    extra = """
    id:ngo-b a aht:Organisation , aht:NonGovernmentalOrganisation ; rdfs:label "NGO B"@en ;
        aht:areaServed id:country-b .
    id:leaflet a aht:Publication ; rdfs:label "Leaflet on B"@en ; dcterms:spatial id:country-b .
    id:monitor aht:publishes id:leaflet .
    id:country-d a aht:Place , aht:Country ; rdfs:label "Country D"@en .
    """
    view, _, drawn = _home(_layers(extra))
    assert geometry_problems(drawn) == []
    assert view.network.summaries == [
        ("4 other States", 4),
        ("3 bodies of other States", 3),
        ("4 publications on other States", 4),
    ]
    # Without a shared legal basis, the table lists every organisation serving each State.
    assert view.states is not None
    assert view.states.bodies_heading == views.Ref("text", "Bodies serving the State")
    bodies = {r.state.text: [b.text for b in r.bodies] for r in view.states.rows}
    assert bodies["Country B"] == ["NGO B", "Rapporteur B"]
    assert bodies["Homeland"] == ["Centre", "Home Agency", "Home Office"]


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_a_summary_names_only_what_has_a_name_in_the_page_language(lang: str) -> None:
    # The made-up graph names its treaty, article and type in English only.
    view, _, drawn = _home(_layers(), lang)
    assert geometry_problems(drawn) == []
    texts = [text for text, _ in view.network.summaries]
    assert texts == [
        views.Messages(lang)(f"network.summary.{kind}", count=count)
        for kind, count in (("states", 3), ("bodies", 2), ("publications", 3))
    ]


def test_the_shipped_picture_stays_readable(graph: Graph) -> None:
    from rdflib import URIRef

    from ahtgraph.web.network import home_country

    view, _, drawn = _home(graph)
    assert home_country(graph) == ID + "belgium"
    # About as many boxes as before the European layer, however many States come in.
    assert len(drawn.boxes) <= 45
    # No text cut into a duplicate: every box reads differently.
    assert len(set(drawn.lines)) == len(drawn.lines)
    # Every country but Belgium is in the States' summary box, whose text counts them.
    countries = {str(c) for c in graph.subjects(URIRef(describe.RDF_TYPE), URIRef(AHT + "Country"))}
    states = next(
        (b[4], lines)
        for b, lines in zip(drawn.boxes, drawn.lines, strict=True)
        if ID + "albania" in b[4]
    )
    assert set(states[0]) == countries - {ID + "belgium"}
    assert " ".join(states[1]).startswith(f"{len(countries) - 1} other States Parties")
    assert ID + "belgium" in drawn.boxes_by_iri and (ID + "belgium",) in [b[4] for b in drawn.boxes]
    # The table lists every country, each summary box links to it.
    assert view.states is not None and len(view.states.rows) == len(countries)
    assert drawn.hrefs.count("#states") == len(view.network.summaries) == 3


# ------------------------------------------------------------------------------ languages


@pytest.mark.parametrize(
    ("lang", "nav", "heading"),
    [("en", "Ontology", "Names"), ("fr", "Ontologie", "Noms"), ("nl", "Ontologie", "Namen")],
)
def test_pages_take_their_language_from_the_view(
    graph: Graph, lang: str, nav: str, heading: str
) -> None:
    model = views.ViewModel(graph)
    entity = render(None, views.entity_view(model, "fps-justice", lang), links=SiteLinks(1))
    home = render(None, views.home_view(model, lang), links=SiteLinks(0))
    ontology = render(None, views.ontology_view(model, lang), links=SiteLinks(0))
    for html in (entity, home, ontology):
        assert Page(html).html_lang == lang
        assert f">{nav}</a>" in html
    assert f'<h2 id="names">{heading}</h2>' in entity
    # The name in the page's language is the title; the others are marked with theirs.
    names = {"en": "FPS Justice", "fr": "SPF Justice", "nl": "FOD Justitie"}
    assert f"<h1>{names[lang]}</h1>" in entity
    marked = {(code, text) for code, text in Page(entity).lang_texts if text in names.values()}
    assert marked == {(code, names[code]) for code in names if code != lang}
    # The schema.org snippet is in the page's language too.
    (block,) = Page(entity).json_ld
    assert json.loads(block) == schema_org.snippet(graph, URIRef(ID + "fps-justice"), lang)


def test_catalogues_have_the_same_keys_and_every_key_used_exists() -> None:
    from importlib.resources import files

    from ahtgraph.web import i18n

    keys = {lang: set(i18n.catalogue(lang)) for lang in i18n.LANGUAGES}
    assert keys["fr"] == keys["en"] == keys["nl"]
    templates = files("ahtgraph.web") / "templates"
    used = set()
    for entry in templates.iterdir():
        text = entry.read_text("utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.]+)["']\s*[,)]""", text))
    assert used and used <= keys["en"], used - keys["en"]


# ------------------------------------------------------------------------------ site and server


def _without_links(html: str) -> str:
    return re.sub(r'\b(href|src|action)="[^"]*"', r'\1=""', html)


def test_an_entity_renders_the_same_on_the_site_and_the_server(graph: Graph) -> None:
    model = views.ViewModel(graph)
    for slug in SAMPLES:
        view = views.entity_view(model, slug, "en")
        on_site = render(None, view, links=SiteLinks(1))
        served = render(None, view, links=ServerLinks())
        assert on_site != served
        assert _normalised(on_site) == _normalised(served), slug
    served = render(None, views.entity_view(model, "payoke", "fr"), links=ServerLinks(lang="fr"))
    assert 'href="/id/fps-justice?lang=fr"' in served
    assert 'href="/id/payoke.ttl"' in served and 'href="/id/payoke.schema.jsonld"' in served
    assert 'href="/static/style.css"' in served
    assert 'href="?lang=nl"' in served  # the language switch keeps the path


def _normalised(html: str) -> str:
    """The page without its links and without the navigation items only one side has
    (the static site has the whole graph's file; the server has the query page)."""
    html = _without_links(html)
    for item in (
        ' · <a href="" type="text/turtle">Whole graph (Turtle)</a>',
        ' · <a href="">Query</a>',
        '<a href="" type="text/turtle">the whole graph in Turtle</a>, ',
    ):
        html = html.replace(item, "")
    return re.sub(r'<ul class="languages".*?</ul>\n', "", html, flags=re.S)


# ------------------------------------------------------------------------------ ontology JSON-LD


def test_ontology_json_ld_is_a_valid_defined_term_set(graph: Graph, pages: dict[str, Page]) -> None:
    from ahtgraph import schema_check, schema_org

    (block,) = pages["ontology.html"].json_ld
    document = json.loads(block)
    assert document["@context"] == "https://schema.org"
    assert document["@id"] == "https://w3id.org/ahtgraph/ontology"
    # One DefinedTerm per class and property the ontology defines (counted here by SPARQL).
    defined = {
        str(row[0])
        for row in graph.query(
            "SELECT ?t WHERE { ?t rdfs:isDefinedBy <https://w3id.org/ahtgraph/ontology> "
            "FILTER(STRSTARTS(STR(?t), 'https://w3id.org/ahtgraph/ontology#')) }"
        )
    }
    terms = document["hasDefinedTerm"]
    assert {t["@id"] for t in terms} == defined
    funds = next(t for t in terms if t["@id"] == AHT + "funds")
    assert funds["name"] == "funds" and funds["@type"] == "DefinedTerm"
    # Valid against schema.org's terms (the offline extract the tests ship).
    vocabulary = Graph().parse(Path(__file__).parent / "fixtures" / "schemaorg-mini.ttl")
    assert schema_check.check(schema_org.to_graph(document), vocabulary) == []


# ------------------------------------------------------------------------------ query page


def test_query_page_offers_the_named_queries_escaped() -> None:
    from ahtgraph import named_queries

    queries = named_queries.catalogue()
    view = views.query_page_view(queries, "en")
    html = render(None, view, links=ServerLinks())
    page = Page(html)
    assert page.html_lang == "en" and page.headings[0] == 1
    assert '<form id="query-form" method="get" action="/sparql"' in html
    assert '<script src="/static/query.js"></script>' in html
    for q in queries:
        assert f'<option value="{q.name}">' in html
        assert f'<details id="{q.name}"' in html
    # Query text (with its <IRIs>) is escaped, and reads back exactly.
    blocks = re.findall(r'<code class="example-text">(.*?)</code>', html, flags=re.S)
    assert [unescape(b) for b in blocks] == [q.text for q in queries]
    assert "<https://" not in "".join(blocks)
    # No inline script: the page works under a Content-Security-Policy of 'self'.
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)", html) == []
