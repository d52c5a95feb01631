"""`ahtgraph diff`: facts added and removed per entity, as text and JSON; bad inputs exit 2."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ahtgraph import release, resources
from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"

OLD_TTL = """\
@prefix aht: <https://w3id.org/ahtgraph/ontology#> .
@prefix id: <https://w3id.org/ahtgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:payoke a aht:Organisation ;
    rdfs:label "Payoke"@en ;
    aht:basedIn id:antwerp ;
    schema:foundingDate "1987"^^xsd:gYear .

id:myria a aht:Organisation ;
    rdfs:label "Myria"@en .
"""

# The same facts in another syntax, with three changes: Payoke moves, its founding date loses
# its datatype (a plain string now), GRETA appears; Myria is untouched.
NEW_NT = """\
<https://w3id.org/ahtgraph/id/payoke> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ahtgraph/ontology#Organisation> .
<https://w3id.org/ahtgraph/id/payoke> <http://www.w3.org/2000/01/rdf-schema#label> "Payoke"@en .
<https://w3id.org/ahtgraph/id/payoke> <https://w3id.org/ahtgraph/ontology#basedIn> <https://w3id.org/ahtgraph/id/ghent> .
<https://w3id.org/ahtgraph/id/payoke> <https://schema.org/foundingDate> "1987" .
<https://w3id.org/ahtgraph/id/myria> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ahtgraph/ontology#Organisation> .
<https://w3id.org/ahtgraph/id/myria> <http://www.w3.org/2000/01/rdf-schema#label> "Myria"@en .
<https://w3id.org/ahtgraph/id/greta> <http://www.w3.org/2000/01/rdf-schema#label> "GRETA"@en .
"""  # noqa: E501

EXPECTED_TEXT = """\
id:greta
  + rdfs:label  GRETA@en

id:payoke
  - schema:foundingDate  1987^^xsd:gYear
  + schema:foundingDate  1987
  - aht:basedIn          id:antwerp
  + aht:basedIn          id:ghent

3 added, 2 removed, in 2 entities
"""

ID = "https://w3id.org/ahtgraph/id/"
EXPECTED_JSON = {
    "added": 3,
    "removed": 2,
    "entities": [
        {
            "entity": ID + "greta",
            "removed": [],
            "added": [
                {
                    "predicate": "http://www.w3.org/2000/01/rdf-schema#label",
                    "object": {"type": "literal", "value": "GRETA", "xml:lang": "en"},
                }
            ],
        },
        {
            "entity": ID + "payoke",
            "removed": [
                {
                    "predicate": "https://schema.org/foundingDate",
                    "object": {
                        "type": "literal",
                        "value": "1987",
                        "datatype": "http://www.w3.org/2001/XMLSchema#gYear",
                    },
                },
                {
                    "predicate": "https://w3id.org/ahtgraph/ontology#basedIn",
                    "object": {"type": "uri", "value": ID + "antwerp"},
                },
            ],
            "added": [
                {
                    "predicate": "https://schema.org/foundingDate",
                    "object": {"type": "literal", "value": "1987"},
                },
                {
                    "predicate": "https://w3id.org/ahtgraph/ontology#basedIn",
                    "object": {"type": "uri", "value": ID + "ghent"},
                },
            ],
        },
    ],
}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.ttl"
    new = tmp_path / "new.nt"
    old.write_text(OLD_TTL, encoding="utf-8")
    new.write_text(NEW_NT, encoding="utf-8")
    return old, new


@pytest.fixture
def fixture_resources(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(resources.RESOURCES_ENV, str(FIXTURE))
    resources.resource_root.cache_clear()
    yield
    resources.resource_root.cache_clear()


def test_diff_text_lists_changes_per_entity(pair: tuple[Path, Path]) -> None:
    result = run("diff", *pair)
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_TEXT


def test_diff_json_for_tools(pair: tuple[Path, Path]) -> None:
    old, new = pair
    result = run("diff", old, new, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"old": str(old), "new": str(new), **EXPECTED_JSON}


def test_diff_reads_gzip_by_inner_extension(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    packed = tmp_path / "old.ttl.gz"
    packed.write_bytes(gzip.compress(old.read_bytes()))
    result = run("diff", packed, new)
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_TEXT


def test_diff_of_a_file_with_itself_is_empty(pair: tuple[Path, Path]) -> None:
    old, _ = pair
    for fmt in ("text", "json"):
        result = run("diff", old, old, "--format", fmt)
        assert result.exit_code == 0
    assert run("diff", old, old).stdout == ""
    listing = json.loads(run("diff", old, old, "--format", "json").stdout)
    assert (listing["added"], listing["removed"], listing["entities"]) == (0, 0, [])


def test_diff_of_a_release_folder_with_itself_is_empty(
    fixture_resources: None, tmp_path: Path
) -> None:
    folder = tmp_path / "release"
    release.build(folder, version="1.0.0", environ={"SOURCE_DATE_EPOCH": "0"})
    result = run("diff", folder, folder)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    # and against its own Turtle and gzipped JSON-LD dumps: the same triples
    for dump in ("ahtgraph-1.0.0.ttl", "ahtgraph-1.0.0.jsonld.gz", "ahtgraph-1.0.0.nq.gz"):
        assert run("diff", folder, folder / dump).stdout == ""


def test_diff_with_blank_nodes_matches_them_by_structure(tmp_path: Path) -> None:
    head = "@prefix ex: <http://example.org/> .\n"
    a = tmp_path / "a.ttl"
    b = tmp_path / "b.ttl"
    c = tmp_path / "c.ttl"
    a.write_text(head + "ex:s ex:p [ ex:q 1 ] .\n", encoding="utf-8")
    b.write_text(head + "ex:s ex:p [ ex:q 1 ] .\n", encoding="utf-8")
    c.write_text(head + "ex:s ex:p [ ex:q 2 ] .\n", encoding="utf-8")
    assert run("diff", a, b).stdout == ""
    changed = json.loads(run("diff", a, c, "--format", "json").stdout)
    [entity] = changed["entities"]
    assert entity["entity"].startswith("cb")  # a canonical label, not the parser's
    assert [f["object"]["value"] for f in entity["removed"]] == ["1"]
    assert [f["object"]["value"] for f in entity["added"]] == ["2"]


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_missing_file_exits_2(pair: tuple[Path, Path], tmp_path: Path) -> None:
    line = _one_error_line(run("diff", tmp_path / "gone.ttl", pair[1]))
    assert line == f"Error: not found: {tmp_path / 'gone.ttl'}"


def test_unparsable_file_says_where(pair: tuple[Path, Path], tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c\nex:d .\n")
    line = _one_error_line(run("diff", pair[0], broken))
    assert line.startswith(f"Error: cannot parse {broken} as turtle: line 3, column")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "cannot tell the RDF syntax of"),
        ("bad.nt.gz", b"not gzip at all", "cannot decompress"),
        ("bad.nt.gz", gzip.compress(b"<a> <b> .\n", mtime=0), "cannot parse"),
    ],
)
def test_bad_inputs_exit_2_with_one_line(
    pair: tuple[Path, Path], tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert message in _one_error_line(run("diff", path, pair[1]))


def test_folder_without_a_release_dump_exits_2(pair: tuple[Path, Path], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    line = _one_error_line(run("diff", empty, pair[1]))
    assert line == f"Error: {empty} is not a release folder: no ahtgraph-X.Y.Z.nt file"
