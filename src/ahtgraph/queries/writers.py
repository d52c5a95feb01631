"""Writing the engine's answers, streamed, in the SPARQL 1.1 result formats and as a table.

Why our own writers instead of pyoxigraph's: ``SELECT *`` columns must come in the order of
the query text (pyoxigraph sorts them), and rows must reach the output as they are found
(rdflib's serializers build the whole document in memory). Each writer takes an iterator of
rows (tuples of pyoxigraph terms, None when unbound) and a text stream, and writes one row at
a time. No rdflib here.

* csv: SPARQL 1.1 CSV: header of bare names, CRLF line ends, IRIs and literals as plain
  values, blank nodes as ``_:label``, fields quoted when they hold ``"``, ``,`` or a line end;
* tsv: SPARQL 1.1 TSV: ``?name`` header, terms in N-Triples/Turtle syntax, LF line ends;
* json: SPARQL 1.1 JSON results (RDF-star triples as ``"type": "triple"``);
* xml: SPARQL Query Results XML;
* table: aligned columns with short names (``id:payoke``) for a terminal: the only format
  that needs every row before the first line (it measures column widths).

Graph answers (CONSTRUCT, DESCRIBE) are written by pyoxigraph's own serialisers.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Sequence
from typing import IO, Any

import pyoxigraph as ox

from ..prefixes import PREFIXES, shorten_iri
from ..table import MAX_WIDTH

ROW_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Graph formats pyoxigraph writes itself.
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
Term = Any  # a pyoxigraph NamedNode, BlankNode, Literal or Triple
_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING = _XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"


# ------------------------------------------------------------------------------ CSV, TSV


def _csv_field(term: Term | None) -> str:
    if term is None:
        return ""
    kind = type(term)
    if kind is ox.NamedNode or kind is ox.Literal:
        text = term.value
    elif kind is ox.BlankNode:
        text = "_:" + term.value
    else:  # an RDF-star triple: its N-Triples form is the only faithful plain text
        text = str(term)
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(variables: Sequence[str], rows: Iterable[Sequence[Term | None]], out: IO[str]) -> int:
    """SPARQL 1.1 CSV; returns the number of rows written."""
    out.write(",".join(_csv_field(ox.Literal(v)) for v in variables) + "\r\n")
    count = 0
    for row in rows:
        out.write(",".join([_csv_field(t) for t in row]) + "\r\n")
        count += 1
    return count


def tsv_term(term: Term | None) -> str:
    """A term as SPARQL TSV writes it: N-Triples syntax (tabs and line ends escaped)."""
    return "" if term is None else str(term)


def write_tsv(variables: Sequence[str], rows: Iterable[Sequence[Term | None]], out: IO[str]) -> int:
    """SPARQL 1.1 TSV; returns the number of rows written."""
    out.write("\t".join(f"?{v}" for v in variables) + "\n")
    count = 0
    for row in rows:
        out.write("\t".join(["" if t is None else str(t) for t in row]) + "\n")
        count += 1
    return count


# ------------------------------------------------------------------------------ JSON


#: The string escaping ``json.dumps(..., ensure_ascii=False)`` applies (C, in the standard
#: library): the fragments below are the bytes json.dumps wrote for the same dicts, so the
#: output did not change when the writer stopped calling json.dumps once per row (4.5 µs a
#: row, most of a simple query's writing time in the server).
#: Imported on first use, not at start-up: the table and CSV paths never need the json module
#: (start-up time, docs/scale.md). The first call puts the C function in this global's place.
def _json_string(text: str) -> str:
    global _json_string
    from json.encoder import encode_basestring

    _json_string = encode_basestring  # type: ignore[assignment]
    return encode_basestring(text)


#: The JSON of IRIs seen lately, so an IRI repeated across rows and queries (types, entities
#: that answer again and again) is escaped once per worker. Bounded: emptied when full, and
#: IRIs longer than _IRI_CACHE_LONGEST characters are never kept.
_iri_fragments: dict[str, str] = {}
_IRI_CACHE_SIZE = 4096
_IRI_CACHE_LONGEST = 512


def _json_iri(iri: str) -> str:
    fragment = _iri_fragments.get(iri)
    if fragment is None:
        fragment = '{"type": "uri", "value": ' + _json_string(iri) + "}"
        if len(iri) <= _IRI_CACHE_LONGEST:
            if len(_iri_fragments) >= _IRI_CACHE_SIZE:
                _iri_fragments.clear()
            _iri_fragments[iri] = fragment
    return fragment


def json_fragment(term: Term) -> str:
    """One term as a SPARQL 1.1 JSON results binding, as JSON text (RDF-star triples nest)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return _json_iri(term.value)
    if kind is ox.Literal:
        value = _json_string(term.value)
        language = term.language
        if language:
            return f'{{"type": "literal", "value": {value}, "xml:lang": {_json_string(language)}}}'
        datatype = term.datatype.value
        if datatype != _STRING:
            return f'{{"type": "literal", "value": {value}, "datatype": {_json_string(datatype)}}}'
        return '{"type": "literal", "value": ' + value + "}"
    if kind is ox.BlankNode:
        return '{"type": "bnode", "value": ' + _json_string(term.value) + "}"
    return (
        '{"type": "triple", "value": {"subject": '
        + json_fragment(term.subject)
        + ', "predicate": '
        + json_fragment(term.predicate)
        + ', "object": '
        + json_fragment(term.object)
        + "}}"
    )


def write_json(
    variables: Sequence[str], rows: Iterable[Sequence[Term | None]], out: IO[str]
) -> int:
    """SPARQL 1.1 JSON results, one binding per line as rows arrive.

    Each row is one string and one ``write``: the names' JSON (``"label": ``) is made once,
    each term's by :func:`json_fragment`; unbound variables are left out of the binding."""
    import json  # here: the other formats never need it (start-up time, docs/scale.md)

    out.write('{"head": {"vars": ' + json.dumps(list(variables), ensure_ascii=False) + "},\n")
    out.write(' "results": {"bindings": [')
    keys = [_json_string(v) + ": " for v in variables]
    write = out.write
    fragment = json_fragment
    count = 0
    for row in rows:
        binding = ", ".join(
            [key + fragment(t) for key, t in zip(keys, row, strict=True) if t is not None]
        )
        write(("\n  {" if count == 0 else ",\n  {") + binding + "}")
        count += 1
    write("\n]}}\n" if count else "]}}\n")
    return count


def write_json_boolean(value: bool, out: IO[str]) -> None:
    """An ASK answer as SPARQL 1.1 JSON results."""
    out.write('{"head": {}, "boolean": ' + ("true" if value else "false") + "}\n")


# ------------------------------------------------------------------------------ XML


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils would import urllib.request: 60 ms at start-up).

    A carriage return is written ``&#13;``: raw, an XML parser reads it back as a line feed."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes."""
    return '"' + escape(text).replace('"', "&quot;") + '"'


def _xml_term(term: Term) -> str:
    kind = type(term)
    if kind is ox.NamedNode:
        return "<uri>" + escape(term.value) + "</uri>"
    if kind is ox.Literal:
        value = escape(term.value)
        language = term.language
        if language:
            return f"<literal xml:lang={quoteattr(language)}>{value}</literal>"
        datatype = term.datatype.value
        if datatype != _STRING:
            return f"<literal datatype={quoteattr(datatype)}>{value}</literal>"
        return "<literal>" + value + "</literal>"
    if kind is ox.BlankNode:
        return "<bnode>" + escape(term.value) + "</bnode>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def write_xml(variables: Sequence[str], rows: Iterable[Sequence[Term | None]], out: IO[str]) -> int:
    """SPARQL Query Results XML; one ``write`` per result."""
    out.write(f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_NS}">\n<head>\n')
    for v in variables:
        out.write(f"  <variable name={quoteattr(v)}/>\n")
    out.write("</head>\n<results>\n")
    openers = [f"    <binding name={quoteattr(v)}>" for v in variables]
    count = 0
    for row in rows:
        bindings = "".join(
            [
                opener + _xml_term(t) + "</binding>\n"
                for opener, t in zip(openers, row, strict=True)
                if t is not None
            ]
        )
        out.write("  <result>\n" + bindings + "  </result>\n")
        count += 1
    out.write("</results>\n</sparql>\n")
    return count


def write_xml_boolean(value: bool, out: IO[str]) -> None:
    """An ASK answer as SPARQL Query Results XML."""
    out.write(
        f'<?xml version="1.0"?>\n<sparql xmlns="{_RESULTS_NS}">\n<head/>\n'
        f"<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n"
    )


# ------------------------------------------------------------------------------ table


def show(term: Term | None) -> str:
    """``id:payoke`` for IRIs, ``Payoke@en`` for tagged text, the lexical form otherwise."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    return str(term)


def write_table(
    variables: Sequence[str],
    rows: Iterable[Sequence[Term | None]],
    out: IO[str],
    max_width: int | None = MAX_WIDTH,
) -> int:
    """Aligned columns with a row count (every row is read first, to measure the widths).

    ``max_width`` cuts longer cells with … (``--width``); None never cuts (``--no-truncate``)."""
    from ..table import render

    cells = [[show(t) for t in row] for row in rows]
    out.write(render(list(variables), cells, max_width=max_width))
    return len(cells)


ROW_WRITERS = {
    "csv": write_csv,
    "tsv": write_tsv,
    "json": write_json,
    "xml": write_xml,
    "table": write_table,
}


def write_rows(
    fmt: str,
    variables: Sequence[str],
    rows: Iterable[Sequence[Term | None]],
    out: IO[str],
    *,
    max_width: int | None = MAX_WIDTH,
) -> int:
    """Rows in ``fmt`` (one of :data:`ROW_FORMATS`); returns the number written.

    ``max_width`` is for the table only: the longest cell, None for no limit."""
    if fmt == "table":
        return write_table(variables, rows, out, max_width)
    return ROW_WRITERS[fmt](variables, rows, out)


def write_boolean(fmt: str, value: bool, out: IO[str]) -> None:
    """An ASK answer: SPARQL JSON or XML, else ``true`` / ``false`` on one line."""
    if fmt == "json":
        write_json_boolean(value, out)
    elif fmt == "xml":
        write_xml_boolean(value, out)
    else:
        out.write("true\n" if value else "false\n")


# ------------------------------------------------------------------------------ graphs


class _TextSink:
    """A bytes ``write`` for pyoxigraph that passes UTF-8 text on to a text stream.

    pyoxigraph writes ``@prefix`` lines in hash-map order, which changes from run to run; the
    sink holds them back until the first other line and writes them in :data:`PREFIXES` order,
    so the same answer is the same bytes every time.
    """

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.head: str | None = ""

    def write(self, data: bytes) -> int:
        self._text(self.decoder.decode(data))
        return len(data)

    def _text(self, text: str) -> None:
        if self.head is None:
            self.out.write(text)
            return
        self.head += text
        lines = self.head.split("\n")
        done = [i for i, line in enumerate(lines[:-1]) if not line.startswith("@prefix")]
        if done:
            cut = done[0]
            order = {f"@prefix {p}:": i for i, p in enumerate(PREFIXES)}
            prefixes = sorted(
                lines[:cut], key=lambda line: order.get(line.split(" <")[0], len(order))
            )
            self.head = None
            self.out.write("\n".join([*prefixes, *lines[cut:]]))

    def flush(self) -> None:
        self._text(self.decoder.decode(b"", final=True))
        if self.head:
            self.out.write(self.head)
            self.head = None


def write_triples(fmt: str, triples: Iterable[Any], out: IO[str]) -> None:
    """Triples in one of :data:`GRAPH_FORMATS`, written by pyoxigraph as they come."""
    sink = _TextSink(out)
    prefixes = dict(PREFIXES) if fmt in ("turtle", "trig") else None
    ox.serialize(triples, output=sink, format=GRAPH_FORMATS[fmt], prefixes=prefixes)  # type: ignore[arg-type]
    sink.flush()
