"""Plain-text tables that line up in a terminal. No rdflib here: it only lays out strings."""

from __future__ import annotations

from collections.abc import Sequence

#: Cells longer than this are cut with "…" so one long description cannot wreck the layout;
#: the csv/tsv/json formats always carry the full values.
MAX_WIDTH = 80


#: The narrowest ``--width``: one character and the "…".
MIN_WIDTH = 2


def _fit(cell: str, width: int | None) -> str:
    cell = " ".join(cell.split())  # a newline in a cell would break the row in two
    return cell if width is None or len(cell) <= width else cell[: width - 1] + "…"


def render(
    header: Sequence[str], rows: Sequence[Sequence[str]], max_width: int | None = MAX_WIDTH
) -> str:
    """Columns padded to their widest cell, a rule under the header, a row count at the end.

    A cell longer than ``max_width`` characters is cut with "…" (``--width N``); None keeps
    every cell whole (``--no-truncate``).
    """
    if max_width is not None and max_width < MIN_WIDTH:
        raise ValueError(f"max_width must be at least {MIN_WIDTH}")
    cells = [[_fit(c, max_width) for c in row] for row in rows]
    head = [_fit(h, max_width) for h in header]
    widths = [len(h) for h in head]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(head), line(["-" * w for w in widths])]
    out.extend(line(row) for row in cells)
    count = len(rows)
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"
