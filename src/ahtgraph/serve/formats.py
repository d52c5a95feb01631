"""Answers as complete HTTP bodies: the engine's writers, cut at a row and a byte limit.

The writers are the CLI's (:mod:`ahtgraph.queries.writers`), so the endpoint and
``ahtgraph query`` print the same bytes. What the server adds: the whole body is written into
memory before any status is sent (a timeout is never a broken 200), rows stop at
``--max-rows`` (the engine's limit) or once the body passes the byte cap (checked before each
row, so a body ends at most one row past it), and the caller learns both counts for its
headers and the access log.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..graph.engine import Boolean, Rows, Triples
from ..queries import writers

#: media type → writer, for SELECT and ASK answers; the first is the default.
RESULTS_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
#: media type → writer, for CONSTRUCT and DESCRIBE answers; the first is the default.
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "text/plain": "nt",
}
#: What a response says its type is.
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples; charset=utf-8",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass
class Written:
    """A finished response body and what the headers must say about it."""

    body: bytes
    content_type: str
    rows: int
    truncated: bool


class _Capped(io.StringIO):
    """A text buffer that knows its size, so the row stream can stop at the byte cap."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def write(self, text: str) -> int:
        # The cap is on the UTF-8 body the client receives, not on characters.
        self.size += len(text) if text.isascii() else len(text.encode())
        return super().write(text)


def _until_full(
    items: Iterable[Any], out: _Capped, max_bytes: int, cut: list[bool]
) -> Iterator[Any]:
    for item in items:
        if out.size > max_bytes:
            cut.append(True)
            return
        yield item


def write(answer: Rows | Boolean | Triples, media: str, max_bytes: int) -> Written:
    """An engine answer in the negotiated media type, whole, with its row count."""
    out = _Capped()
    cut: list[bool] = []
    if isinstance(answer, Boolean):
        writer = RESULTS_TYPES[media]
        writers.write_boolean(writer, bool(answer), out)
        return Written(out.getvalue().encode(), CONTENT_TYPES[writer], 1, False)
    if isinstance(answer, Rows):
        writer = RESULTS_TYPES[media]
        count = writers.write_rows(
            writer, answer.variables, _until_full(answer, out, max_bytes, cut), out
        )
        truncated = answer.truncated or bool(cut)
        return Written(out.getvalue().encode(), CONTENT_TYPES[writer], count, truncated)
    writer = GRAPH_TYPES.get(media, "turtle")
    kept = list(_until_full(answer, out, max_bytes, cut))
    body = serialize_graph(kept, writer)
    while len(body) > max_bytes and kept:  # graph writers cannot stop half-way: halve
        cut.append(True)
        kept = kept[: len(kept) // 2]
        body = serialize_graph(kept, writer)
    kind = "rdfxml" if writer == "xml" else writer
    return Written(body, CONTENT_TYPES[kind], len(kept), answer.truncated or bool(cut))


def serialize_graph(triples: list[Any], writer: str) -> bytes:
    """Triples in one RDF syntax; JSON-LD with the project's inline context (never remote)."""
    if writer == "jsonld":
        from .. import jsonld
        from ..graph.rdflib_terms import to_graph

        return jsonld.dumps(to_graph(triples)).encode()
    out = io.StringIO()
    writers.write_triples(writer, triples, out)
    return out.getvalue().encode()
