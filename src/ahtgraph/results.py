"""Printing query answers: rows and booleans in the SPARQL result formats, graphs as RDF.

rdflib's own serializers are used for csv, json and xml (SPARQL 1.1 Query Results CSV, JSON
and XML); tsv (absent from rdflib) and the terminal table are written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import AhtgraphError
from .serialize import GRAPH_FORMATS
from .table import MAX_WIDTH

if TYPE_CHECKING:
    from rdflib.query import Result

ROW_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Every format ``query --format`` accepts; xml means SPARQL XML for rows, RDF/XML for graphs.
ALL_FORMATS = tuple(dict.fromkeys(ROW_FORMATS + GRAPH_FORMATS))


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV: ``?var`` header, terms in N-Triples syntax, empty cell when unbound."""
    assert result.vars is not None
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result:
        lines.append("\t".join("" if t is None else t.n3() for t in row))  # type: ignore[union-attr]
    return "\n".join(lines) + "\n"


def _table(result: Result, max_width: int | None) -> str:
    """Aligned columns with short names (``id:payoke``) for reading in a terminal."""
    from . import table
    from .terms import show

    assert result.vars is not None
    header = [str(v) for v in result.vars]
    rows = [[show(term) for term in row] for row in result]  # type: ignore[union-attr]
    return table.render(header, rows, max_width=max_width)


def render(result: Result, fmt: str | None, max_width: int | None = MAX_WIDTH) -> str:
    """The answer of any query form in ``fmt`` (None picks table or turtle by query form).

    ``max_width`` is the table's longest cell (None: never cut), as ``table.render`` takes it.
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        fmt = fmt or "turtle"
        if fmt not in GRAPH_FORMATS:
            raise AhtgraphError(
                f"--format {fmt} is for SELECT/ASK results; a {result.type} query returns a "
                f"graph: use one of {', '.join(GRAPH_FORMATS)}"
            )
        from .serialize import dumps

        assert result.graph is not None
        return dumps(result.graph, fmt)

    fmt = fmt or "table"
    if fmt not in ROW_FORMATS:
        raise AhtgraphError(
            f"--format {fmt} is for CONSTRUCT/DESCRIBE results; a {result.type} query "
            f"returns {'a boolean' if result.type == 'ASK' else 'rows'}: "
            f"use one of {', '.join(ROW_FORMATS)}"
        )
    if fmt in ("json", "xml"):
        text = result.serialize(format=fmt, encoding="utf-8")
        assert text is not None
        return text.decode("utf-8").rstrip("\n") + "\n"
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    if fmt == "csv":
        text = result.serialize(format="csv", encoding="utf-8")
        assert text is not None
        return text.decode("utf-8")
    if fmt == "tsv":
        return _tsv(result)
    return _table(result, max_width)
