"""``ahtgraph.prefixes``: how IRIs are shortened for people and prefixed names expanded.

Expected names and IRIs are spelled out by hand; written to close what mutation testing
(docs/testing.md) showed the CLI tests left open (``expand`` had no test at all).
"""

from __future__ import annotations

import pytest

from ahtgraph.prefixes import expand, shorten_iri


@pytest.mark.parametrize(
    ("iri", "shown"),
    [
        ("https://w3id.org/ahtgraph/id/payoke", "id:payoke"),
        ("https://w3id.org/ahtgraph/ontology#funds", "aht:funds"),
        ("http://www.w3.org/2000/01/rdf-schema#label", "rdfs:label"),
        ("https://w3id.org/ahtgraph/shapes#OrganisationShape", "ahtsh:OrganisationShape"),
        ("http://www.w3.org/ns/shacl#Violation", "sh:Violation"),
        ("https://w3id.org/ahtgraph/id/a.b_c-9", "id:a.b_c-9"),
        ("https://w3id.org/ahtgraph/id/Sürya", "id:Sürya"),  # letters in any script
        # Nothing after the namespace, or characters a reader could not paste back: in full.
        ("https://w3id.org/ahtgraph/id/", "<https://w3id.org/ahtgraph/id/>"),
        ("https://w3id.org/ahtgraph/id/a/b", "<https://w3id.org/ahtgraph/id/a/b>"),
        ("https://w3id.org/ahtgraph/id/a b", "<https://w3id.org/ahtgraph/id/a b>"),
        ("https://w3id.org/ahtgraph/id/a:b", "<https://w3id.org/ahtgraph/id/a:b>"),
        ("https://example.org/x", "<https://example.org/x>"),
        ("", "<>"),
    ],
)
def test_shorten_iri(iri: str, shown: str) -> None:
    assert shorten_iri(iri) == shown


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("id:payoke", "https://w3id.org/ahtgraph/id/payoke"),
        ("aht:funds", "https://w3id.org/ahtgraph/ontology#funds"),
        ("schema:name", "https://schema.org/name"),
        ("id:", "https://w3id.org/ahtgraph/id/"),
        ("id:a:b", "https://w3id.org/ahtgraph/id/a:b"),
        ("dcat:Dataset", "http://www.w3.org/ns/dcat#Dataset"),
    ],
)
def test_expand_a_known_prefix(name: str, iri: str) -> None:
    assert expand(name) == iri


@pytest.mark.parametrize(
    "name",
    [
        "payoke",
        "https://w3id.org/ahtgraph/id/payoke",  # a full IRI is not a prefixed name
        "http://example.org/x",
        "id://example.org/x",  # reads as a URL, not as id: + "//..."
        "unknown:x",
        "sh:Violation",  # display-only prefixes are not expanded
        "ahtsh:OrganisationShape",
        ":x",
        "",
    ],
)
def test_expand_refuses_what_is_not_a_known_prefixed_name(name: str) -> None:
    assert expand(name) is None
