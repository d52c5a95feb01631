"""The prebuilt shipped graph (ahtgraph.graph.prebuilt) is used only while it matches the data.

A prebuilt file that no longer matches its Turtle would answer with stale facts, so these tests
tamper with one side or the other and check which one the engine answers from.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from ahtgraph.graph import prebuilt
from ahtgraph.graph.engine import Engine

TURTLE = """@prefix ex: <https://example.org/> .
ex:payoke ex:name "Payoke" ; ex:city "Antwerp" .
"""
TRIPLES = (
    b'<https://example.org/payoke> <https://example.org/city> "Antwerp" .\n'
    b'<https://example.org/payoke> <https://example.org/name> "Payoke" .\n'
)
ASK_CITY = 'ASK { <https://example.org/payoke> <https://example.org/city> "%s" }'


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resource root with one data file and its prebuilt form, used as the shipped graph."""
    folder = tmp_path / "resources"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "a.ttl").write_text(TURTLE, encoding="utf-8")
    prebuilt.build(sorted((folder / "data").glob("*.ttl")), folder)
    monkeypatch.setenv("AHTGRAPH_RESOURCES", str(folder))
    return folder


def test_build_writes_sorted_triples_and_an_exact_manifest(root: Path) -> None:
    data = (root / "data" / "a.ttl").read_bytes()
    assert (root / "graph.nt").read_bytes() == TRIPLES
    assert (root / "graph.manifest").read_text(encoding="utf-8").splitlines() == [
        "ahtgraph-prebuilt 1",
        f"graph.nt {len(TRIPLES)}",
        f"a.ttl {len(data)} {zlib.crc32(data):08x}",
    ]


def test_build_is_byte_identical(root: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    prebuilt.build(sorted((root / "data").glob("*.ttl")), again)
    for name in ("graph.nt", "graph.manifest"):
        assert (again / name).read_bytes() == (root / name).read_bytes()


def test_blank_nodes_get_no_prebuilt_form(tmp_path: Path) -> None:
    data = tmp_path / "b.ttl"
    data.write_text('[] <https://example.org/p> "x" .\n', encoding="utf-8")
    assert prebuilt.build([data], tmp_path / "out") is None
    assert not (tmp_path / "out" / "graph.nt").exists()


def test_relative_iris_are_refused_at_build(tmp_path: Path) -> None:
    data = tmp_path / "c.ttl"
    data.write_text('<rel> <https://example.org/p> "x" .\n', encoding="utf-8")
    with pytest.raises(SyntaxError):
        prebuilt.build([data], tmp_path / "out")


def test_the_engine_answers_from_the_prebuilt_file_while_it_matches(root: Path) -> None:
    # Same length, other value: only the prebuilt file says "Antwerx".
    graph = root / "graph.nt"
    graph.write_bytes(graph.read_bytes().replace(b'"Antwerp"', b'"Antwerx"'))
    engine = Engine.load()
    assert bool(engine.query(ASK_CITY % "Antwerx"))
    assert not bool(engine.query(ASK_CITY % "Antwerp"))


@pytest.mark.parametrize(
    "damage",
    ["edit data", "add data file", "truncate graph", "old header", "no manifest"],
)
def test_a_stale_or_damaged_prebuilt_file_is_never_used(root: Path, damage: str) -> None:
    graph = root / "graph.nt"
    graph.write_bytes(graph.read_bytes().replace(b'"Antwerp"', b'"Antwerx"'))
    data = root / "data" / "a.ttl"
    manifest = root / "graph.manifest"
    if damage == "edit data":
        data.write_text(TURTLE + "# a curator's comment\n", encoding="utf-8")
    elif damage == "add data file":
        (root / "data" / "b.ttl").write_text("", encoding="utf-8")
    elif damage == "truncate graph":
        graph.write_bytes(graph.read_bytes()[:-10])
    elif damage == "old header":
        manifest.write_text(manifest.read_text().replace(" 1\n", " 0\n", 1), encoding="utf-8")
    else:
        manifest.unlink()
    assert prebuilt.matching(root, sorted((root / "data").glob("*.ttl"))) is None
    engine = Engine.load()
    assert bool(engine.query(ASK_CITY % "Antwerp"))
    assert not bool(engine.query(ASK_CITY % "Antwerx"))


def test_only_data_never_loads_the_prebuilt_graph(root: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.ttl"
    mine.write_text("", encoding="utf-8")
    assert len(Engine.load(data=[mine], only_data=True)) == 0


def test_prebuilt_keeps_lexical_forms(tmp_path: Path) -> None:
    # A Store would write "2.5" and "1": the prebuilt file is read by rdflib-based commands
    # too, which must see the data as written.
    data = tmp_path / "d.ttl"
    data.write_text(
        '<https://example.org/a> <https://example.org/p> "2.50"^^'
        "<http://www.w3.org/2001/XMLSchema#decimal> , "
        '"01"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
        encoding="utf-8",
    )
    built = prebuilt.build([data], tmp_path / "out")
    assert built is not None
    assert built[0].read_bytes() == (
        b'<https://example.org/a> <https://example.org/p> "01"^^'
        b"<http://www.w3.org/2001/XMLSchema#integer> .\n"
        b'<https://example.org/a> <https://example.org/p> "2.50"^^'
        b"<http://www.w3.org/2001/XMLSchema#decimal> .\n"
    )
