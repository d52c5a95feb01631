"""``ahtgraph.table.render``: the exact text of a terminal table.

Expected tables are written out by hand; written to close what mutation testing
(docs/testing.md) showed the CLI tests left open (the cut at the width, "1 row").
"""

from __future__ import annotations

import pytest

from ahtgraph.table import render


def test_columns_line_up_under_a_rule_and_the_rows_are_counted() -> None:
    assert render(["entity", "n"], [["id:payoke", "12"], ["id:a", "3"]]) == (
        "entity     n\n---------  --\nid:payoke  12\nid:a       3\n(2 rows)\n"
    )


def test_one_row_and_no_rows() -> None:
    assert render(["x"], [["a"]]) == "x\n-\na\n(1 row)\n"
    assert render(["long header"], []) == "long header\n-----------\n(0 rows)\n"


def test_whitespace_in_a_cell_becomes_single_spaces() -> None:
    assert render(["x"], [["a\n b\t\tc  "]]) == "x\n-----\na b c\n(1 row)\n"


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("abcde", "abcde"),  # exactly the width: whole
        ("abcdef", "abcd…"),  # one over: width - 1 characters and the ellipsis
        ("abcdefghij", "abcd…"),
    ],
)
def test_a_cell_over_the_width_is_cut_with_an_ellipsis(cell: str, shown: str) -> None:
    table = render(["h"], [[cell]], max_width=5)
    assert table.splitlines()[2] == shown
    assert len(shown) <= 5


def test_the_default_width_is_80() -> None:
    assert render(["h"], [["x" * 80]]).splitlines()[2] == "x" * 80
    assert render(["h"], [["x" * 81]]).splitlines()[2] == "x" * 79 + "…"
    assert render(["h" * 81], []).splitlines()[0] == "h" * 79 + "…"


def test_a_row_of_the_wrong_length_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        render(["a", "b"], [["1"]])
    with pytest.raises(ValueError):
        render(["a"], [["1", "2"]])
