"""Writing query answers in the W3C formats, cut at a row limit and a byte limit.

Why our own writers for SELECT: pyoxigraph serialises a whole result set or nothing, while the
server must stop at ``--max-rows`` rows and at a byte cap, say so in headers, and count rows
for the access log. Writing here, from the engine's own terms, does all three in one pass and
keeps the whole body in memory before any status is sent (a timeout is never a broken 200).
Graph answers (CONSTRUCT, DESCRIBE) are cut to ``max_rows`` triples and then written by
pyoxigraph's own serialisers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..prefixes import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: media type → writer name, for SELECT and ASK answers; the first is the default.
RESULTS_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
#: media type → pyoxigraph format, for CONSTRUCT and DESCRIBE answers; the first is the default.
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
#: What a response says its type is (charset where the format is text).
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}


@dataclass
class Written:
    """A finished response body and what the headers must say about it."""

    body: bytes
    content_type: str
    rows: int
    truncated: bool


# --- terms -----------------------------------------------------------------------------------


def _json_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + json.dumps(term.value, ensure_ascii=False) + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + json.dumps(term.value, ensure_ascii=False) + "}"
    if isinstance(term, ox.Literal):
        head = '{"type":"literal","value":' + json.dumps(term.value, ensure_ascii=False)
        if term.language:
            return head + ',"xml:lang":' + json.dumps(term.language) + "}"
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return head + "}"
        return head + ',"datatype":' + json.dumps(datatype) + "}"
    if isinstance(term, ox.Triple):
        return (
            '{"type":"triple","value":{"subject":'
            + _json_term(term.subject)
            + ',"predicate":'
            + _json_term(term.predicate)
            + ',"object":'
            + _json_term(term.object)
            + "}}"
        )
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value == XSD_STRING:
            return f"<literal>{escape(term.value)}</literal>"
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"unexpected term {term!r}")


def _csv_field(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    elif isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    else:
        text = str(term)
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _tsv_field(term: Any) -> str:
    # N-Triples-like encoding; pyoxigraph's str() escapes tabs and newlines inside literals.
    return "" if term is None else str(term)


# --- SELECT and ASK --------------------------------------------------------------------------


def _rows(
    solutions: Iterable[Any],
    variables: list[str],
    row: Any,
    max_rows: int,
    max_bytes: int,
    size: int,
) -> tuple[list[str], bool]:
    """The written rows, and whether the row or byte limit cut the answer."""
    rows: list[str] = []
    for solution in solutions:
        if len(rows) >= max_rows:
            return rows, True
        text = row(solution, variables)
        size += len(text.encode())
        if size > max_bytes:
            return rows, True
        rows.append(text)
    return rows, False


def write_select(
    solutions: Any, variables: list[str], writer: str, max_rows: int, max_bytes: int
) -> Written:
    """A SELECT answer in ``writer``'s format, at most ``max_rows`` rows and about max_bytes."""
    if writer == "json":
        head = (
            '{"head":{"vars":'
            + json.dumps(variables, ensure_ascii=False, separators=(",", ":"))
            + '},"results":'
        )
        head += '{"bindings":['
        tail = "]}}"

        def row(solution: Any, names: list[str]) -> str:
            parts = []
            for name in names:
                term = solution[name]
                if term is not None:
                    parts.append(json.dumps(name, ensure_ascii=False) + ":" + _json_term(term))
            return "{" + ",".join(parts) + "}"

        sep = ","
    elif writer == "xml":
        head = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            "<head>"
            + "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
            + "</head><results>"
        )
        tail = "</results></sparql>\n"

        def row(solution: Any, names: list[str]) -> str:
            parts = ["<result>"]
            for name in names:
                term = solution[name]
                if term is not None:
                    parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            parts.append("</result>")
            return "".join(parts)

        sep = ""
    elif writer == "csv":
        head = ",".join(variables) + "\r\n"
        tail = ""

        def row(solution: Any, names: list[str]) -> str:
            return ",".join(_csv_field(solution[n]) for n in names) + "\r\n"

        sep = ""
    else:
        head = "\t".join("?" + v for v in variables) + "\n"
        tail = ""

        def row(solution: Any, names: list[str]) -> str:
            return "\t".join(_tsv_field(solution[n]) for n in names) + "\n"

        sep = ""
    rows, truncated = _rows(solutions, variables, row, max_rows, max_bytes, len(head))
    body = head + sep.join(rows) + tail
    return Written(body.encode(), CONTENT_TYPES[writer], len(rows), truncated)


def write_ask(answer: bool, writer: str) -> Written:
    """An ASK answer; CSV and TSV carry it as one column named ``_askResult`` (as Jena does)."""
    value = "true" if answer else "false"
    if writer == "json":
        body = '{"head":{},"boolean":' + value + "}"
    elif writer == "xml":
        body = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head></head><boolean>{value}</boolean></sparql>\n"
        )
    elif writer == "csv":
        body = f"_askResult\r\n{value}\r\n"
    else:
        body = f"?_askResult\n{value}\n"
    return Written(body.encode(), CONTENT_TYPES[writer], 1, False)


# --- CONSTRUCT and DESCRIBE ------------------------------------------------------------------


def write_graph(triples: Iterable[Any], media_type: str, max_rows: int, max_bytes: int) -> Written:
    """A graph answer: at most ``max_rows`` triples, fewer if the body would pass max_bytes."""
    kept: list[Any] = []
    truncated = False
    for triple in triples:
        if len(kept) >= max_rows:
            truncated = True
            break
        kept.append(triple)
    fmt = GRAPH_TYPES[media_type]
    while True:
        body = serialize_graph(kept, fmt)
        if len(body) <= max_bytes or not kept:
            break
        truncated = True
        kept = kept[: len(kept) // 2]
    ctype = media_type if media_type != "text/plain" else "application/n-triples"
    if media_type in ("text/turtle", "application/n-triples", "text/plain"):
        ctype += "; charset=utf-8"
    return Written(body, ctype, len(kept), truncated)


def serialize_graph(triples: list[Any], fmt: Any) -> bytes:
    """Triples in one RDF syntax; Turtle uses the project's fixed prefixes."""
    if fmt == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=fmt, prefixes=PREFIXES) or b""
    return ox.serialize(triples, format=fmt) or b""
