"""Result writers: exact bytes for a small answer with every kind of term."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest

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


# Terms whose escaping is easy to get wrong, for exact bytes in every row format: quotes,
# a backslash, every kind of line end and control character, DEL (not escaped by JSON), a
# character outside the BMP (not escaped: the answers are UTF-8), a language tag (stored in
# lower case by pyoxigraph), a datatype, a plain string (no datatype written), a blank node,
# an RDF-star triple, unbound variables and a row with nothing bound.
TRICKY_VARS = ("a", "b", "c")
TRICKY = 'say "hi"\\ \n\r\t\b\f\x00\x1f\x7f <&> 😀'
TRICKY_ROWS = [
    (
        ox.NamedNode("https://w3id.org/ahtgraph/id/é😀"),
        ox.Literal(TRICKY, language="fr-BE"),
        None,
    ),
    (
        ox.BlankNode("b0"),
        ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("x, y"),
    ),
    (None, None, None),
]
TRIPLE_ROW = (
    ox.Triple(
        ox.NamedNode("http://ex.org/s"),
        ox.NamedNode("http://ex.org/p"),
        ox.Literal("o", language="en"),
    ),
    None,
    None,
)


def tricky(
    fmt: str, rows: list[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...]]
) -> str:
    out = io.StringIO()
    assert writers.write_rows(fmt, TRICKY_VARS, iter(rows), out) == len(rows)
    return out.getvalue()


def test_json_exact_bytes_for_tricky_terms() -> None:
    assert tricky("json", [*TRICKY_ROWS, TRIPLE_ROW]) == (
        '{"head": {"vars": ["a", "b", "c"]},\n'
        ' "results": {"bindings": [\n'
        '  {"a": {"type": "uri", "value": "https://w3id.org/ahtgraph/id/é😀"}, '
        '"b": {"type": "literal", '
        '"value": "say \\"hi\\"\\\\ \\n\\r\\t\\b\\f\\u0000\\u001f\x7f <&> 😀", '
        '"xml:lang": "fr-be"}},\n'
        '  {"a": {"type": "bnode", "value": "b0"}, '
        '"b": {"type": "literal", "value": "42", '
        '"datatype": "http://www.w3.org/2001/XMLSchema#integer"}, '
        '"c": {"type": "literal", "value": "x, y"}},\n'
        "  {},\n"
        '  {"a": {"type": "triple", "value": {'
        '"subject": {"type": "uri", "value": "http://ex.org/s"}, '
        '"predicate": {"type": "uri", "value": "http://ex.org/p"}, '
        '"object": {"type": "literal", "value": "o", "xml:lang": "en"}}}}\n'
        "]}}\n"
    )
    # read back by another implementation: the same terms
    parsed = ox.parse_query_results(
        tricky("json", TRICKY_ROWS).encode(), format=ox.QueryResultsFormat.JSON
    )
    assert [tuple(s) for s in parsed] == TRICKY_ROWS


def test_json_repeated_iris_stay_exact() -> None:
    """The writer remembers IRIs' JSON between rows and answers: every row still says its own."""
    iris = [ox.NamedNode(f"http://ex.org/{n}") for n in ("a", "b", "a", "a", "b")]
    for _ in range(2):
        out = io.StringIO()
        writers.write_rows("json", ("x",), iter([(i,) for i in iris]), out)
        assert out.getvalue().splitlines()[2:-1] == [
            '  {"x": {"type": "uri", "value": "http://ex.org/a"}},',
            '  {"x": {"type": "uri", "value": "http://ex.org/b"}},',
            '  {"x": {"type": "uri", "value": "http://ex.org/a"}},',
            '  {"x": {"type": "uri", "value": "http://ex.org/a"}},',
            '  {"x": {"type": "uri", "value": "http://ex.org/b"}}',
        ]


def test_json_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError):
        writers.write_rows("json", ("a", "b"), iter([(ox.Literal("x"),)]), io.StringIO())


def test_csv_exact_bytes_for_tricky_terms() -> None:
    assert tricky("csv", TRICKY_ROWS) == (
        "a,b,c\r\n"
        'https://w3id.org/ahtgraph/id/é😀,"say ""hi""\\ \n\r\t\b\f\x00\x1f\x7f <&> 😀",\r\n'
        '_:b0,42,"x, y"\r\n'
        ",,\r\n"
    )


def test_tsv_exact_bytes_for_tricky_terms() -> None:
    assert tricky("tsv", TRICKY_ROWS) == (
        "?a\t?b\t?c\n"
        "<https://w3id.org/ahtgraph/id/é😀>\t"
        '"say \\"hi\\"\\\\ \\n\\r\\t\\b\\f\\u0000\\u001F\\u007F <&> 😀"@fr-be\t\n'
        '_:b0\t"42"^^<http://www.w3.org/2001/XMLSchema#integer>\t"x, y"\n'
        "\t\t\n"
    )


def test_xml_exact_bytes_for_tricky_terms() -> None:
    # XML 1.0 has no way to write most control characters (and a parser reads \r as \n):
    # this test keeps to the characters XML can carry.
    rows = [(TRICKY_ROWS[0][0], ox.Literal('say "hi"\\ \n\t <&> 😀', language="fr-BE"), None)]
    assert tricky("xml", [*rows, *TRICKY_ROWS[1:], TRIPLE_ROW]) == (
        '<?xml version="1.0"?>\n'
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
        "<head>\n"
        '  <variable name="a"/>\n'
        '  <variable name="b"/>\n'
        '  <variable name="c"/>\n'
        "</head>\n"
        "<results>\n"
        "  <result>\n"
        '    <binding name="a"><uri>https://w3id.org/ahtgraph/id/é😀</uri></binding>\n'
        '    <binding name="b"><literal xml:lang="fr-be">'
        'say "hi"\\ \n\t &lt;&amp;&gt; 😀</literal></binding>\n'
        "  </result>\n"
        "  <result>\n"
        '    <binding name="a"><bnode>b0</bnode></binding>\n'
        '    <binding name="b"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">'
        "42</literal></binding>\n"
        '    <binding name="c"><literal>x, y</literal></binding>\n'
        "  </result>\n"
        "  <result>\n"
        "  </result>\n"
        "  <result>\n"
        '    <binding name="a"><triple>'
        "<subject><uri>http://ex.org/s</uri></subject>"
        "<predicate><uri>http://ex.org/p</uri></predicate>"
        '<object><literal xml:lang="en">o</literal></object>'
        "</triple></binding>\n"
        "  </result>\n"
        "</results>\n"
        "</sparql>\n"
    )


def test_a_carriage_return_survives_sparql_xml() -> None:
    # Raw, an XML parser would hand back "\n" for the "\r" (end-of-line normalisation).
    import io
    import xml.etree.ElementTree as ET

    from ahtgraph.queries import writers

    out = io.StringIO()
    writers.write_rows("xml", ["x"], [(ox.Literal("a\r\nb"),)], out)
    assert "a&#13;\nb" in out.getvalue()
    ns = "{http://www.w3.org/2005/sparql-results#}"
    literal = ET.fromstring(out.getvalue()).find(f"{ns}results/{ns}result/{ns}binding/{ns}literal")
    assert literal is not None
    assert literal.text == "a\r\nb"
