"""`ahtgraph export`: every format is deterministic, round-trips, and `-o` is atomic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph import resources
from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"
FORMATS = ["turtle", "nt", "jsonld", "xml", "trig"]
PARSERS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}


# The small fixture graph, whose answers do not move as data/ grows (see conftest.py).
pytestmark = pytest.mark.usefixtures("fixture_graph")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def export_in_subprocess(fmt: str, seed: str, *extra: str) -> bytes:
    """A whole process per run, with its own hash seed: set order must not leak into output."""
    env = {**os.environ, resources.RESOURCES_ENV: str(FIXTURE), "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "ahtgraph", "export", "--format", fmt, *extra],
        capture_output=True,
        env=env,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_byte_identical_across_processes(fmt: str) -> None:
    first = export_in_subprocess(fmt, "1")
    assert first
    assert export_in_subprocess(fmt, "2") == first


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_round_trips_to_an_isomorphic_graph(fmt: str, tmp_path: Path) -> None:
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    import ahtgraph

    target = tmp_path / f"graph.{fmt}"
    result = run("export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    parsed = Dataset(default_union=True)
    parsed.parse(target, format=PARSERS[fmt])
    back = Graph()
    for triple in parsed.triples((None, None, None)):
        back.add(triple)
    assert isomorphic(back, ahtgraph.load())
    assert len(back) == 70


def test_stdout_and_file_hold_the_same_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.nt"
    run("export", "--format", "nt", "-o", str(target))
    assert run("export", "--format", "nt").stdout_bytes == target.read_bytes()


def test_nt_lines_are_sorted() -> None:
    lines = run("export", "--format", "nt").stdout.splitlines()
    assert lines == sorted(lines)
    assert len(lines) == 70


def test_jsonld_uses_the_shipped_context_and_sorted_nodes() -> None:
    from ahtgraph.prefixes import PREFIXES

    doc = json.loads(run("export", "--format", "jsonld").stdout)
    shipped = json.loads((resources_package() / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == shipped["@context"] == PREFIXES
    ids = [node["@id"] for node in doc["@graph"]]
    assert ids == sorted(ids)
    payoke = next(n for n in doc["@graph"] if n["@id"] == "id:payoke")
    assert payoke["@type"] == ["aht:SupportCentre"]
    assert payoke["rdfs:label"] == [{"@language": "en", "@value": "Payoke"}]


def resources_package() -> Path:
    import ahtgraph

    return Path(ahtgraph.__file__).parent


def test_export_includes_data_files(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("<https://w3id.org/ahtgraph/id/x> a <https://w3id.org/ahtgraph/ontology#T> .")
    lines = run("export", "--format", "nt", "--data", str(extra)).stdout.splitlines()
    assert len(lines) == 71


@pytest.mark.parametrize("fmt", ["nt", "jsonld"])
def test_blank_nodes_export_deterministically(fmt: str, tmp_path: Path) -> None:
    """User files may hold blank nodes; their labels are made canonical, not random."""
    extra = tmp_path / "bnodes.ttl"
    extra.write_text(
        "@prefix ex: <http://example.org/> .\nex:a ex:p [ ex:q 1 ; ex:r [ ex:s 2 ] ] .\n"
    )
    first = export_in_subprocess(fmt, "3", "--data", str(extra))
    assert b"_:" in first
    assert export_in_subprocess(fmt, "4", "--data", str(extra)) == first


def test_failed_serialisation_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ahtgraph import serialize

    def broken(graph: object, fmt: str) -> str:
        raise RuntimeError("serializer exploded")

    monkeypatch.setattr(serialize, "dumps", broken)
    target = tmp_path / "out.ttl"
    result = run("export", "-o", str(target))
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
    assert list(tmp_path.iterdir()) == []


def test_failed_serialisation_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ahtgraph import serialize

    target = tmp_path / "out.ttl"
    target.write_text("previous export\n")

    def broken(graph: object, fmt: str) -> str:
        raise RuntimeError("serializer exploded")

    monkeypatch.setattr(serialize, "dumps", broken)
    run("export", "-o", str(target), "--force")
    assert target.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_real_shipped_graph_round_trips(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The curated data/ (not the fixture) has features the fixture lacks; it must survive too."""
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    import ahtgraph
    from ahtgraph import serialize

    monkeypatch.delenv(resources.RESOURCES_ENV)
    resources.resource_root.cache_clear()
    graph = ahtgraph.load()
    parsed = Dataset(default_union=True)
    parsed.parse(data=serialize.dumps(graph, fmt), format=PARSERS[fmt])
    back = Graph()
    for triple in parsed.triples((None, None, None)):
        back.add(triple)
    assert isomorphic(back, graph)
