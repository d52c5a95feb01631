"""SHACL shapes: the shipped graph conforms, and each rule catches exactly what it should.

Each fixture in ``fixtures/shapes/`` adds a few triples with one defect to the shipped graph; the
test validates the result and compares every validation result (focus node, path, constraint
component) with the expected list: nothing missing, nothing extra.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph
from rdflib.namespace import SH

import ahtgraph

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
PREFIXES = {
    "https://w3id.org/ahtgraph/id/": "id:",
    "https://w3id.org/ahtgraph/ontology#": "aht:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dcterms:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/ns/org#": "org:",
}

Result = tuple[str, str | None, str]

EXPECTED: dict[str, list[Result]] = {
    "accession-with-signature": [("id:test-accession", "aht:signedOn", "MaxCount")],
    "claim-without-triple": [("id:claim-test", "rdf:object", "SPARQL")],
    "country-not-typed-place": [("id:test-country", "rdf:type", "HasValue")],
    "entry-into-force-before-the-convention": [
        ("id:test-ratification", "aht:entryIntoForce", "SPARQL")
    ],
    "entry-into-force-wrong-month": [("id:test-ratification", "aht:entryIntoForce", "SPARQL")],
    "relation-without-claim": [("id:myria", "aht:monitors", "SPARQL")],
    "source-without-read-date": [("https://example.org/unread", "aht:readOn", "MinCount")],
    "centre-without-area": [("id:test-centre", "aht:areaServed", "MinCount")],
    "court-not-typed-organisation": [("id:test-body", "rdf:type", "HasValue")],
    "evaluation-of-an-unmonitored-state": [("id:test-report", "dcterms:spatial", "SPARQL")],
    "evaluation-report-without-state": [("id:test-report", "dcterms:spatial", "MinCount")],
    "evaluation-round-zero": [("id:test-report", "aht:evaluationRound", "MinInclusive")],
    "founding-date-plain-string": [("id:emn", "schema:foundingDate", "Or")],
    "funds-a-place": [("id:fps-justice", "aht:funds", "Class")],
    "future-date": [("id:emn", "schema:foundingDate", "SPARQL")],
    # Ill-typed: validation.py's own Datatype result and the shape's sh:or; not "in the future".
    "ill-typed-date": [
        ("id:emn", "schema:foundingDate", "Datatype"),
        ("id:emn", "schema:foundingDate", "Or"),
    ],
    "homepage-literal": [("id:emn", "foaf:homepage", "NodeKind")],
    "homepage-not-http": [("id:ilo", "foaf:homepage", "Pattern")],
    "instrument-of-a-state-not-a-place": [("id:test-instrument", "dcterms:spatial", "Class")],
    "instrument-of-two-states": [
        ("id:fi-act-non-discrimination-ombudsman", "dcterms:spatial", "MaxCount")
    ],
    "label-duplicate-language": [("id:payoke", "rdfs:label", "UniqueLang")],
    "label-plain-string": [
        ("id:ilo", "rdfs:label", "Datatype"),
        ("id:ilo", "rdfs:label", "LanguageIn"),
    ],
    "label-stray-whitespace": [("id:surya", "skos:altLabel", "Pattern")],
    # Japanese: not an official language of any party to the convention (shapes/common.ttl).
    "label-wrong-language": [("id:myria", "rdfs:label", "LanguageIn")],
    "mandate-type-from-wrong-scheme": [("id:test-mandate", "aht:mandateType", "Node")],
    "mandate-without-holder": [("id:test-mandate", "^aht:hasMandate", "MinCount")],
    "mandate-without-type": [("id:test-mandate", "aht:mandateType", "MinCount")],
    "misspelt-predicate": [("id:payoke", "aht:fundz", "Closed")],
    # A series is closed to aht:hasMandate, the holder rule refuses it, and the mandate
    # now has two holders.
    "mandate-held-by-a-publication": [
        ("id:emn-analysis", "^aht:hasMandate", "MaxCount"),
        ("id:world-migration-report", "aht:hasMandate", "Closed"),
        ("id:world-migration-report", "rdf:type", "QualifiedMinCount"),
    ],
    # The office shape is closed to it and the privacy rule forbids it outright.
    "office-held-by-person": [
        ("id:un-special-rapporteur-trafficking", "org:heldBy", "Closed"),
        ("id:un-special-rapporteur-trafficking", "org:heldBy", "MaxCount"),
    ],
    "office-not-a-post": [("id:test-office", "rdf:type", "HasValue")],
    "office-post-in-without-claim": [("id:test-office", "org:postIn", "SPARQL")],
    "office-without-organisation": [("id:test-office", "org:postIn", "MinCount")],
    "monitors-a-literal": [("id:greta", "aht:monitors", "Or")],
    "no-english-label": [("id:test-body", "rdfs:label", "QualifiedMinCount")],
    "ontology-property-without-range": [("aht:testProperty", "rdfs:range", "MinCount")],
    "ontology-term-without-dutch-label": [("aht:TestClass", "rdfs:label", "MinCount")],
    # Both the organisation shape and the every-entity rule ask for a source.
    "org-missing-source": [
        ("id:test-body", "dcterms:source", "MinCount"),
        ("id:test-body", "dcterms:source", "MinCount"),
    ],
    "person": [("https://example.org/people/1", None, "Not")],
    "personal-data": [("https://example.org/people/2", "schema:birthDate", "MaxCount")],
    "publication-two-references": [
        ("id:eu-strategy-on-combatting-trafficking-2021-2025", "dcterms:identifier", "MaxCount")
    ],
    "publication-without-publisher": [("id:test-report", None, "SPARQL")],
    # The publisher of the series is not enough: the edition names its own (issue 12 A.9).
    "publication-published-only-through-series": [("id:test-edition", None, "SPARQL")],
    "ratification-dates-out-of-order": [("id:test-ratification", "aht:ratifiedOn", "SPARQL")],
    # A region is not a state, and Belgium is now one area too many.
    "rapporteur-for-a-region": [
        ("id:myria-national-rapporteur", "aht:areaServed", "Class"),
        ("id:myria-national-rapporteur", "aht:areaServed", "MaxCount"),
    ],
    "rapporteur-without-state": [("id:test-mandate", "aht:areaServed", "MinCount")],
    "ratification-without-direct-triple": [("id:test-ratification", None, "SPARQL")],
    "self-funding": [("id:payoke", "aht:funds", "SPARQL")],
    "self-monitoring": [("id:greta", "aht:monitors", "SPARQL")],
    "series-two-frequencies": [("id:myria-newsletter", "aht:frequency", "MaxCount")],
    "source-not-url": [
        ("id:ilo", "dcterms:source", "NodeKind"),
        ("id:ilo", "dcterms:source", "Pattern"),
    ],
    "unknown-type-without-source": [("id:test-thing", "dcterms:source", "MinCount")],
}


def short(term: object) -> str:
    text = str(term)
    for iri, prefix in PREFIXES.items():
        if text.startswith(iri):
            return prefix + text[len(iri) :]
    return text


def describe_path(report: Graph, path: object) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = report.value(path, SH.inversePath)
        assert inverse is not None, "only inverse paths are used by the shapes"
        return "^" + short(inverse)
    return short(path)


def results_for(data: list[Path]) -> tuple[bool, list[Result]]:
    report = ahtgraph.validate(data)
    assert report.graph is not None
    found = sorted(
        (short(r.focus_node), describe_path(report.graph, r.path), r.component_name)
        for r in report.results
    )
    return report.conforms, found  # type: ignore[return-value]


def test_the_shipped_graph_conforms() -> None:
    conforms, found = results_for([])
    assert found == []
    assert conforms


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.ttl")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_fails_with_exactly_the_expected_results(name: str) -> None:
    conforms, found = results_for([FIXTURES / f"{name}.ttl"])
    assert not conforms
    assert found == sorted(EXPECTED[name])


ACCEPTED = FIXTURES / "accepted"


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_a_name_in_an_official_language_of_a_party_is_accepted(engine: str) -> None:
    # Another state's body is named in its own language (issue 12 B): German, and Serbian
    # with a script subtag, pass the label and alternative-label shapes on both engines.
    report = ahtgraph.validate([ACCEPTED / "label-in-an-official-language.ttl"], engine=engine)
    assert [(short(r.focus_node), r.component_name) for r in report.results] == []
    assert report.conforms


@pytest.mark.slow
def test_messages_write_terms_as_turtle_not_python_reprs() -> None:
    # pyshacl's own messages (the Oxigraph validator writes its own, already without reprs).
    report = ahtgraph.validate([FIXTURES / "ill-typed-date.ttl"], engine="pyshacl")
    assert sorted(r.message for r in report.results) == [
        '"not-a-date" is not a valid xsd:date (an ill-typed literal)',
        'Node "not-a-date"^^xsd:date must conform to one or more shapes in '
        "[ sh:datatype xsd:date ] , [ sh:datatype xsd:gYear ]",
    ]
