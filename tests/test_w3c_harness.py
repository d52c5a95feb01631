"""The W3C harness's comparisons (benchmarks/w3c_sparql.py), on hand-made answers.

The suite itself needs ../shared and runs as its own .ci/run step; these tests keep the
comparison rules honest without it: a harness that says "equal" too easily proves nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pyoxigraph as ox

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "w3c_sparql.py"
_SPEC = importlib.util.spec_from_file_location("w3c_sparql", _PATH)
assert _SPEC and _SPEC.loader
w3c = importlib.util.module_from_spec(_SPEC)
sys.modules["w3c_sparql"] = w3c
_SPEC.loader.exec_module(w3c)

XSD = "http://www.w3.org/2001/XMLSchema#"
A, B = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b")


def lit(value: str, datatype: str = "string") -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def test_rows_compare_as_multisets_unless_ordered() -> None:
    one = [{"x": A}, {"x": B}]
    two = [{"x": B}, {"x": A}]
    assert w3c.same_rows(one, two, ordered=False)
    assert not w3c.same_rows(one, two, ordered=True)
    assert not w3c.same_rows(one, [{"x": A}, {"x": A}], ordered=False)
    assert not w3c.same_rows(one, [{"x": A}], ordered=False)
    assert not w3c.same_rows([{"x": A}], [{"x": A, "y": B}], ordered=False)


def test_numbers_compare_by_value_within_a_datatype() -> None:
    assert w3c.same_rows([{"n": lit("2.50", "decimal")}], [{"n": lit("2.5", "decimal")}], False)
    assert w3c.same_rows([{"n": lit("01", "integer")}], [{"n": lit("1", "integer")}], False)
    assert not w3c.same_rows([{"n": lit("2.5", "decimal")}], [{"n": lit("2.5", "double")}], False)
    assert not w3c.same_rows([{"n": lit("2.5")}], [{"n": lit("2.50")}], False)


def test_blank_nodes_match_by_one_consistent_bijection() -> None:
    b1, b2, c1, c2 = (ox.BlankNode(x) for x in ("b1", "b2", "c1", "c2"))
    assert w3c.same_rows(
        [{"x": b1, "y": b1}, {"x": b2, "y": A}],
        [{"x": c2, "y": A}, {"x": c1, "y": c1}],
        ordered=False,
    )
    # the same expected blank node cannot stand for two different actual ones
    assert not w3c.same_rows(
        [{"x": b1, "y": b1}],
        [{"x": c1, "y": c2}],
        ordered=False,
    )
    # nor two expected blank nodes for one actual
    assert not w3c.same_rows([{"x": b1}, {"x": b2}], [{"x": c1}, {"x": c1}], ordered=False)


def test_graphs_compare_by_isomorphism() -> None:
    p = ox.NamedNode("http://example.org/p")
    b, c = ox.BlankNode("b"), ox.BlankNode("c")
    one = [ox.Triple(A, p, b), ox.Triple(b, p, lit("1.0", "decimal"))]
    two = [ox.Triple(A, p, c), ox.Triple(c, p, lit("1", "decimal"))]
    assert w3c.same_graph(one, two)
    assert not w3c.same_graph(one, [ox.Triple(A, p, c), ox.Triple(B, p, lit("1", "decimal"))])


def test_csv_compares_cells_and_numbers_by_value() -> None:
    assert w3c.same_csv("x,y\r\n1.0E6,_:a\r\n", "x,y\r\n1000000,_:z\r\n")
    assert not w3c.same_csv("x,y\r\n1,a\r\n", "x,y\r\n2,a\r\n")


def test_without_the_suite_the_runner_skips(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert w3c.main(["--shared", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("skipped: no W3C test suite")
