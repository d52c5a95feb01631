"""Result writers: exact bytes for a small answer with every kind of term."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox

from ahtgraph.queries import writers

XSD = "http://www.w3.org/2001/XMLSchema#"
VARS = ("s", "label", "n")
ROWS = [
    (
        ox.NamedNode("https://w3id.org/ahtgraph/id/payoke"),
        ox.Literal('Payoke, "the" NGO\nline two', language="en"),
        ox.Literal("2", datatype=ox.NamedNode(XSD + "integer")),
    ),
    (ox.BlankNode("b0"), ox.Literal("plain\ttab"), None),
]


def written(fmt: str) -> str:
    out = io.StringIO()
    assert writers.write_rows(fmt, VARS, iter(ROWS), out) == 2
    return out.getvalue()


def test_csv() -> None:
    assert written("csv") == (
        "s,label,n\r\n"
        'https://w3id.org/ahtgraph/id/payoke,"Payoke, ""the"" NGO\nline two",2\r\n'
        "_:b0,plain\ttab,\r\n"
    )


def test_tsv() -> None:
    assert written("tsv") == (
        "?s\t?label\t?n\n"
        '<https://w3id.org/ahtgraph/id/payoke>\t"Payoke, \\"the\\" NGO\\nline two"@en\t'
        '"2"^^<http://www.w3.org/2001/XMLSchema#integer>\n'
        '_:b0\t"plain\\ttab"\t\n'
    )


def test_json() -> None:
    assert json.loads(written("json")) == {
        "head": {"vars": ["s", "label", "n"]},
        "results": {
            "bindings": [
                {
                    "s": {"type": "uri", "value": "https://w3id.org/ahtgraph/id/payoke"},
                    "label": {
                        "type": "literal",
                        "value": 'Payoke, "the" NGO\nline two',
                        "xml:lang": "en",
                    },
                    "n": {"type": "literal", "value": "2", "datatype": XSD + "integer"},
                },
                {
                    "s": {"type": "bnode", "value": "b0"},
                    "label": {"type": "literal", "value": "plain\ttab"},
                },
            ]
        },
    }
    empty = io.StringIO()
    writers.write_rows("json", ("x",), iter(()), empty)
    assert json.loads(empty.getvalue()) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}


def test_xml_parses_back_through_pyoxigraph() -> None:
    parsed = ox.parse_query_results(written("xml").encode(), format=ox.QueryResultsFormat.XML)
    assert [v.value for v in parsed.variables] == list(VARS)
    rows = [tuple(s) for s in parsed]
    assert rows[0] == ROWS[0]
    assert rows[1][1:] == ROWS[1][1:]


def test_table() -> None:
    assert written("table") == (
        "s          label                          n\n"
        "---------  -----------------------------  -\n"
        'id:payoke  Payoke, "the" NGO line two@en  2\n'
        "_:b0       plain tab\n"
        "(2 rows)\n"
    )


def test_boolean() -> None:
    out = io.StringIO()
    writers.write_boolean("json", True, out)
    assert json.loads(out.getvalue()) == {"head": {}, "boolean": True}
    out = io.StringIO()
    writers.write_boolean("table", False, out)
    assert out.getvalue() == "false\n"
