"""``ahtgraph sources check``: links and names of a WordPress page that the graph lacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ahtgraph import wp_page
from ahtgraph.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
PAGE = FIXTURES / "page.wp.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_reads_links_and_only_names_that_look_like_names() -> None:
    page = wp_page.read(PAGE)
    assert page.url == "https://example.org/test-page/"
    assert [(link.url, link.text) for link in page.links] == [
        ("https://www.payoke.be/en/", "PAYOKE"),
        ("https://example.org/not-in-the-graph", "the missing report"),
    ]
    assert page.names == [
        "PAYOKE",
        "Les Myriades",
        "Council of Europe",
        "Fictional Agency for Testing (FAT)",
        "ILO and the European Migration Network",
        "United Nations Office on Drugs and Crime (UNODC)",
        "Blue Heart Campaign",
    ]


def test_lists_exactly_what_the_graph_lacks_and_exits_1() -> None:
    code, out, _ = run("sources", "check", str(PAGE))
    assert code == 1
    assert out.splitlines() == [
        "missing link: https://example.org/not-in-the-graph  (the missing report)",
        "missing name: Fictional Agency for Testing (FAT)",
        "https://example.org/test-page/: 2 links and 7 names checked, 2 missing from the graph",
    ]


def test_json_output() -> None:
    code, out, _ = run("sources", "check", str(PAGE), "--format", "json")
    assert code == 1
    assert json.loads(out)["missing"] == [
        {
            "kind": "link",
            "value": "https://example.org/not-in-the-graph",
            "text": "the missing report",
        },
        {"kind": "name", "value": "Fictional Agency for Testing (FAT)", "text": ""},
    ]


def test_a_page_fully_covered_exits_0(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix id: <https://w3id.org/ahtgraph/id/> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "id:fat foaf:page <https://example.org/not-in-the-graph> ; skos:altLabel 'FAT'@en .\n",
        encoding="utf-8",
    )
    code, out, _ = run("sources", "check", str(PAGE), "--data", str(extra))
    assert (code, out.splitlines()[-1]) == (
        0,
        "https://example.org/test-page/: 2 links and 7 names checked, 0 missing from the graph",
    )


def test_bad_pages_get_one_line_and_exit_2() -> None:
    cases = {
        "not-json.wp.json": "is not JSON: line 2, column 1",
        "no-content.wp.json": "is not a WordPress page JSON: it has no content.rendered HTML",
        "absent.wp.json": "cannot read",
    }
    for name, expected in cases.items():
        code, out, err = run("sources", "check", str(FIXTURES / name))
        assert code == 2, name
        assert out == ""
        assert len(err.strip().splitlines()) == 1 and expected in err, (name, err)
        assert "Traceback" not in err


def test_a_binary_page_gets_one_line_and_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "page.wp.json"
    page.write_bytes(b"\x80\xff\x00binary")
    code, out, err = run("sources", "check", str(page))
    assert (code, out) == (2, "")
    assert err == f"Error: {page} is not JSON: not UTF-8, UTF-16 or UTF-32 text\n"


def test_a_utf16_page_reads_as_its_utf8_twin(tmp_path: Path) -> None:
    """JSON may be UTF-16 or UTF-32 (RFC 8259 readers detect it); the answer is the same."""
    expected = run("sources", "check", str(PAGE), "--format", "json")
    for encoding in ("utf-16", "utf-32", "utf-8-sig"):
        page = tmp_path / f"page-{encoding}.wp.json"
        page.write_bytes(PAGE.read_text(encoding="utf-8").encode(encoding))
        assert run("sources", "check", str(page), "--format", "json") == expected, encoding
