"""The schema.org checker: the real snippets pass, and each rule finds what it should."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SDO

from ahtgraph import schema_org
from ahtgraph.cli import cli
from ahtgraph.schema_check import Finding, Vocabulary, check, context_mismatches

MINI = Path(__file__).parent / "fixtures" / "schemaorg-mini.ttl"
ID = "https://w3id.org/ahtgraph/id/"


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary(Graph().parse(MINI))


def test_the_whole_mapping_passes(graph: Graph, vocabulary: Vocabulary) -> None:
    assert check(schema_org.schema_graph(graph, "en"), vocabulary) == []


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_the_published_all_document_passes(graph: Graph, vocabulary: Vocabulary, lang: str) -> None:
    document = schema_org.all_snippets(graph, lang)
    assert check(schema_org.to_graph(document), vocabulary) == []


def _data(*triples: tuple[str, str, object]) -> Graph:
    g = Graph()
    for s, p, o in triples:
        predicate = RDF.type if p == "a" else URIRef(str(SDO) + p)
        g.add((URIRef(ID + s), predicate, o))  # type: ignore[arg-type]
    return g


def test_property_on_the_wrong_type(vocabulary: Vocabulary) -> None:
    data = _data(("r", "a", SDO.Report), ("r", "foundingDate", Literal("2001")))
    assert check(data, vocabulary) == [
        Finding(ID + "r", "schema:foundingDate", "domain", "not a property of schema:Report")
    ]


def test_value_of_the_wrong_type(vocabulary: Vocabulary) -> None:
    data = _data(
        ("r", "a", SDO.Report),
        ("r", "publisher", URIRef(ID + "antwerp")),
        ("antwerp", "a", SDO.City),
    )
    assert check(data, vocabulary) == [
        Finding(
            ID + "r",
            "schema:publisher",
            "range",
            f"{ID}antwerp (schema:City) is not one of schema:Organization, schema:Person",
        )
    ]


def test_literal_where_a_node_is_needed_and_untyped_nodes(vocabulary: Vocabulary) -> None:
    data = _data(
        ("o", "a", SDO.NGO),
        ("o", "parentOrganization", Literal("FPS Justice")),
        ("o", "funder", URIRef(ID + "nobody")),
        ("x", "name", Literal("no type")),
    )
    assert check(data, vocabulary) == [
        Finding(
            ID + "o",
            "schema:funder",
            "range",
            f"{ID}nobody (untyped) is not one of schema:Organization, schema:Person",
        ),
        Finding(
            ID + "o",
            "schema:parentOrganization",
            "range",
            "literal 'FPS Justice' is not one of schema:Organization",
        ),
        Finding(ID + "x", "schema:name", "domain", "not a property of an untyped node"),
    ]


def test_unknown_and_superseded_terms(vocabulary: Vocabulary) -> None:
    data = _data(
        ("o", "a", SDO.NGO),
        ("o", "a", URIRef("https://schema.org/Charity")),
        ("o", "headquarters", Literal("Antwerp")),  # not a schema.org term
        ("o", "members", URIRef(ID + "p")),
        ("p", "a", SDO.NGO),
    )
    assert check(data, vocabulary) == [
        Finding(ID + "o", "schema:Charity", "unknown-type", "not a schema.org type"),
        Finding(ID + "o", "schema:headquarters", "unknown-property", "not a schema.org property"),
        Finding(ID + "o", "schema:members", "superseded", "use schema:member instead"),
    ]


def test_subclasses_and_literal_types_fit(vocabulary: Vocabulary) -> None:
    data = _data(
        ("o", "a", SDO.NGO),  # NGO ⊑ Organization: legalName fits
        ("o", "legalName", Literal("vzw Payoke")),
        ("o", "areaServed", URIRef(ID + "belgium")),  # Country ⊑ AdministrativeArea
        ("belgium", "a", SDO.Country),
        ("o", "url", URIRef("https://www.payoke.be/")),  # an IRI fits URL
        ("w", "a", SDO.Report),
        ("w", "isPartOf", URIRef(ID + "series")),  # Periodical ⊑ CreativeWork
        ("series", "a", SDO.Periodical),
        ("w", "datePublished", Literal("2024", datatype=SDO.Date)),
    )
    assert check(data, vocabulary) == []


def test_context_mismatches() -> None:
    published = {
        "@context": {
            "@vocab": "http://schema.org/",
            "url": {"@id": "schema:url", "@type": "@id"},
            "name": {"@id": "schema:name"},
            "foundingDate": {"@id": "schema:foundingDate"},
        }
    }
    assert context_mismatches(published, {"url", "name", "foundingDate", "member"}) == [
        "foundingDate: published @type None, local context 'Date'",
        "member: not in the published context",
    ]


def test_cli_check_vocabulary() -> None:
    result = CliRunner().invoke(cli, ["jsonld", "--check-vocabulary", str(MINI)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().endswith(": 0 finding(s)")


def test_cli_check_vocabulary_exits_1_on_a_finding(tmp_path: Path) -> None:
    smaller = tmp_path / "vocab.ttl"
    text = MINI.read_text(encoding="utf-8")
    smaller.write_text(text.replace("schema:funder a", "schema:funderX a"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["jsonld", "--check-vocabulary", str(smaller)])
    assert result.exit_code == 1
    assert f"{ID}payoke  schema:funder  unknown-property" in result.stdout
