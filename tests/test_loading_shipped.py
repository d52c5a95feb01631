"""The shipped graph parsed by pyoxigraph into rdflib (loading.shipped_graph) equals rdflib's parse.

rdflib-based commands (describe, check, site, export, release) get the shipped graph this way
because it is about twice as fast; these tests hold it to rdflib's own reading of the same
Turtle, term for term, with and without the wheel's prebuilt N-Triples.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ahtgraph import loading, resources
from ahtgraph.graph import prebuilt

# Lexical forms Oxigraph's store would canonicalise ("2.50" -> "2.5", "01" -> "1"), language
# tags in mixed case, an ill-typed date, a blank node, and non-ASCII text. (An explicit
# ^^xsd:string is the same RDF 1.1 term as a plain literal, and reads as one: rdflib alone
# keeps the two apart; docs/engine.md says so.)
TURTLE = """@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:price "2.50"^^xsd:decimal ; ex:rank "01"^^xsd:integer ; ex:flag "1"^^xsd:boolean ;
    ex:name "Sürya"@fr-BE , "plain" ;
    ex:when "2014-03-15"^^xsd:date ; ex:bad "not-a-date"^^xsd:date ;
    ex:part [ ex:name "inner" ] .
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "resources"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "a.ttl").write_text(TURTLE, encoding="utf-8")
    monkeypatch.setenv("AHTGRAPH_RESOURCES", str(folder))
    return folder


def _rdflib_parse(folder: Path) -> Graph:
    graph = Graph()
    for path in sorted((folder / "data").glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def test_same_triples_as_rdflib_parsing_the_turtle(root: Path) -> None:
    got = loading.load_graph()
    expected = _rdflib_parse(root)
    # pyoxigraph writes language tags in lower case (RDF 1.1 compares them case-insensitively;
    # rdflib keeps "fr-BE" as typed): the one difference, and the shipped data has no such tag.
    fr_be = Literal("Sürya", lang="fr-BE")
    expected.remove((None, None, fr_be))
    expected.add(
        (
            URIRef("https://example.org/a"),
            URIRef("https://example.org/name"),
            Literal("Sürya", lang="fr-be"),
        )
    )
    assert isomorphic(got, expected)
    ex = "https://example.org/"
    # Lexical forms as written, not canonical ones.
    assert (URIRef(ex + "a"), URIRef(ex + "price"), None) in got
    prices = list(got.objects(URIRef(ex + "a"), URIRef(ex + "price")))
    assert [str(p) for p in prices] == ["2.50"]
    names = {n for n in got.objects(URIRef(ex + "a"), URIRef(ex + "name"))}
    assert Literal("Sürya", lang="fr-be") in names
    assert Literal("plain") in names


def test_same_triples_from_the_prebuilt_file(root: Path) -> None:
    # No blank nodes in a prebuilt graph: build it from a file without one.
    data = root / "data" / "a.ttl"
    data.write_text(TURTLE.replace(' ;\n    ex:part [ ex:name "inner" ] .', " ."), encoding="utf-8")
    assert prebuilt.build(resources.graph_files(), root) is not None
    graph_file = root / "graph.nt"
    # Only the prebuilt file says "plaim": proof that it, not the Turtle, was read.
    graph_file.write_bytes(graph_file.read_bytes().replace(b'"plain"', b'"plaim"'))
    got = loading.load_graph()
    expected = _rdflib_parse(root)
    expected.remove((None, None, Literal("plain")))
    expected.add(
        (URIRef("https://example.org/a"), URIRef("https://example.org/name"), Literal("plaim"))
    )
    assert set(got) == set(expected)


def test_the_shipped_graph_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AHTGRAPH_RESOURCES", raising=False)
    resources.resource_root.cache_clear()
    got = loading.load_graph()
    expected = _rdflib_parse(resources.resource_root())
    assert set(got) == set(expected)
    # Set equality ignores the case of language tags; the shipped data writes them in lower
    # case, so its outputs (export, release) are unchanged by the faster parse.
    tags = {o.language for o in expected.objects() if isinstance(o, Literal) and o.language}
    assert tags and all(tag == tag.lower() for tag in tags)
