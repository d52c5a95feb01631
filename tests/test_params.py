"""``ahtgraph.params``: how a ``--param`` string (or an API value) becomes the bound term.

Exact terms for each rule, and the exact refusal; written to close what mutation testing
(docs/testing.md) showed the CLI tests left open. Expected IRIs are spelled out, not taken from
ahtgraph's own prefix table.
"""

from __future__ import annotations

import pytest
from rdflib import XSD, Literal, URIRef

from ahtgraph.errors import AhtgraphError
from ahtgraph.params import bindings, split_param, to_term

PAYOKE = URIRef("https://w3id.org/ahtgraph/id/payoke")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("entity=id:payoke", ("entity", "id:payoke")),
        ("x=a=b", ("x", "a=b")),  # the first "=" splits; the value keeps the rest
        ("?x=1", ("x", "1")),
        ("$x=1", ("x", "1")),
        (" x =1", ("x", "1")),
        ("x=", ("x", "")),
        ("x= spaced ", ("x", " spaced ")),
        ("Xvar=1", ("Xvar", "1")),
        ("_x9=1", ("_x9", "1")),
    ],
)
def test_split_param(text: str, expected: tuple[str, str]) -> None:
    assert split_param(text) == expected


@pytest.mark.parametrize("text", ["novalue", "=1", "1x=2", "x?=1", "x y=1", "?=1", "é=1", ""])
def test_split_param_refuses_what_is_not_name_equals_value(text: str) -> None:
    with pytest.raises(AhtgraphError) as caught:
        split_param(text)
    assert caught.value.message == (
        f"bad --param '{text}': expected name=value with a SPARQL variable name"
    )


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("id:payoke", PAYOKE),
        ("id:p", URIRef("https://w3id.org/ahtgraph/id/p")),
        ("id:a.b_c-9", URIRef("https://w3id.org/ahtgraph/id/a.b_c-9")),
        ("id:-x", Literal("id:-x")),
        ("id:", Literal("id:")),
        ("id:a b", Literal("id:a b")),
        ("<https://w3id.org/ahtgraph/id/payoke>", PAYOKE),
        ("<a>", URIRef("a")),
        ("<aXb>", URIRef("aXb")),
        ("<>", Literal("<>")),
        ("<abc", Literal("<abc")),
        ("abc>", Literal("abc>")),
        ("payoke", Literal("payoke")),
        ("", Literal("")),
    ],
)
def test_to_term_from_text(value: str, term: object) -> None:
    bound = to_term(value)
    assert bound == term
    assert type(bound) is type(term)
    if isinstance(term, Literal):
        assert bound.datatype is None and bound.language is None


@pytest.mark.parametrize("value", ["<a b>", "<a<b>", '<a"b>', "<a{b>", "<a|b>", "<a\\b>", "<a`b>"])
def test_an_iri_with_a_forbidden_character_is_refused(value: str) -> None:
    with pytest.raises(AhtgraphError) as caught:
        to_term(value)
    assert caught.value.message == f"bad IRI in --param value {value}"


def test_to_term_from_python_values() -> None:
    assert to_term(PAYOKE) is PAYOKE
    five = to_term(5)
    assert five == Literal(5) and five.datatype == XSD.integer and str(five) == "5"
    assert to_term(True).datatype == XSD.boolean


def test_bindings_from_a_mapping_strings_and_pairs() -> None:
    assert bindings(None) == {}
    assert bindings([]) == {}
    assert bindings(
        {"?x": "id:payoke", "$y": 1, "z": "<https://e.org/>", "w?": "v", "Xv": "X"}
    ) == {
        "x": PAYOKE,
        "y": Literal(1),
        "z": URIRef("https://e.org/"),
        "w?": Literal("v"),
        "Xv": Literal("X"),
    }
    assert bindings(["a=1", ("b", "id:payoke"), "?c=<https://e.org/c>"]) == {
        "a": Literal("1"),
        "b": PAYOKE,
        "c": URIRef("https://e.org/c"),
    }
    with pytest.raises(AhtgraphError):
        bindings(["no-equals-sign"])
