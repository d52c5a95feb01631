"""schema.org JSON-LD snippets: real terms, exact round trip, languages, HTML, CLI, no network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SDO

from ahtgraph import schema_org
from ahtgraph.cli import cli

ID = "https://w3id.org/ahtgraph/id/"


@pytest.fixture(scope="module")
def entities(graph: Graph) -> list[URIRef]:
    return schema_org.entities(schema_org.schema_graph(graph, "en"))


def _snippet(graph: Graph, slug: str, lang: str = "en") -> dict[str, Any]:
    return schema_org.snippet(graph, URIRef(ID + slug), lang)


def test_every_mapped_entity_and_only_those(entities: list[URIRef], graph: Graph) -> None:
    statements = set(graph.subjects(RDF.type, RDF.Statement))
    documents = set(graph.subjects(RDF.type, URIRef("http://xmlns.com/foaf/0.1/Document")))
    assert not (set(entities) & (statements | documents))
    assert URIRef(ID + "payoke") in entities
    assert URIRef(ID + "payoke-victim-support") in entities
    aht = "https://w3id.org/ahtgraph/ontology#"
    skos = "http://www.w3.org/2004/02/skos/core#"
    kinds = ("Organisation", "Publication", "PublicationSeries", "LegalInstrument", "Campaign")
    expected = {
        s
        for k in (*kinds, "Observance", "Place", "Mandate", "Ratification")
        for s in graph.subjects(RDF.type, URIRef(aht + k))
    } | {
        s for k in ("Concept", "ConceptScheme") for s in graph.subjects(RDF.type, URIRef(skos + k))
    }
    # Every entity of the graph: all that is not a provenance record or a cited page.
    typed = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(ID)}
    assert expected == typed - statements - documents
    assert set(entities) == expected


def test_every_snippet_uses_only_schema_org_terms(graph: Graph, entities: list[URIRef]) -> None:
    for iri in entities:
        parsed = schema_org.to_graph(schema_org.snippet(graph, iri, "en"))
        for s, p, o in parsed:
            assert p in SDO or p == RDF.type, (iri, p)
            if p == RDF.type:
                assert o in SDO, (iri, o)
            assert isinstance(s, URIRef | BNode)
            if isinstance(s, URIRef):
                assert str(s).startswith(ID), s


@pytest.mark.parametrize("lang", ["en", "fr", "nl"])
def test_each_snippet_parses_to_exactly_its_mapping(
    graph: Graph, entities: list[URIRef], lang: str
) -> None:
    for iri in entities:
        document = schema_org.snippet(graph, iri, lang)
        assert document["@context"] == "https://schema.org"
        assert document["@id"] == str(iri)
        expected = schema_org.snippet_graph(graph, iri, lang)
        assert isomorphic(schema_org.to_graph(document), expected), iri


@pytest.mark.parametrize("kind", [None, "organisation", "publication", "legislation"])
def test_all_parses_to_exactly_the_selection(graph: Graph, kind: str | None) -> None:
    document = schema_org.all_snippets(graph, "fr", kind)
    assert set(document) == {"@context", "@graph"}
    expected = schema_org.selection_graph(graph, "fr", kind)
    assert isomorphic(schema_org.to_graph(document), expected)
    types = {node["@type"] for node in document["@graph"]}
    if kind is not None:
        assert types <= set(schema_org.KINDS[kind])


def test_the_types_of_the_mapping(graph: Graph) -> None:
    schema = schema_org.schema_graph(graph, "en")

    def kind(slug: str) -> str:
        (t,) = schema.objects(URIRef(ID + slug), RDF.type)
        return str(t).removeprefix("https://schema.org/")

    assert kind("payoke") == "NGO"
    assert kind("myria") == "GovernmentOrganization"
    assert kind("interdepartmental-coordination-unit") == "GovernmentOrganization"
    assert kind("greta") == "Organization"
    assert kind("ecthr") == "Organization"
    assert kind("world-migration-report-2024") == "Report"
    assert kind("pag-asa-awareness-materials") == "CreativeWork"
    assert kind("myria-newsletter") == "Periodical"
    assert kind("world-migration-report") == "CreativeWorkSeries"
    assert kind("warsaw-convention") == "Legislation"
    assert kind("blue-heart-campaign") == "Project"
    assert kind("world-day-against-trafficking-in-persons") == "Event"
    assert kind("belgium") == "Country"
    assert kind("antwerp") == "City"
    assert kind("world") == "Place"


def test_payoke_snippet(graph: Graph) -> None:
    payoke = _snippet(graph, "payoke")
    assert payoke["@type"] == "NGO"
    assert payoke["name"] == "Payoke"
    assert payoke["foundingDate"] == "1987"
    assert payoke["url"] == "https://www.payoke.be/en/"
    funders = sorted(payoke["funder"], key=lambda f: f["@id"])
    assert [f["@id"] for f in funders] == [
        ID + "flemish-government",
        ID + "fps-justice",
        ID + "national-lottery",
    ]
    assert funders[1] == {
        "@id": ID + "fps-justice",
        "@type": "GovernmentOrganization",
        "name": "FPS Justice",
        "url": "https://justice.belgium.be/",
    }
    assert payoke["memberOf"]["@id"] == ID + "interdepartmental-coordination-unit"
    assert payoke["location"] == {"@id": ID + "antwerp", "@type": "City", "name": "Antwerp"}


def test_relations_both_ways(graph: Graph) -> None:
    assert _snippet(graph, "greta")["parentOrganization"]["@id"] == ID + "council-of-europe"
    members = _snippet(graph, "emn-belgium")["member"]
    assert [m["@id"] for m in members] == [
        ID + s for s in ("cgrs", "fedasil", "immigration-office", "myria")
    ]
    report = _snippet(graph, "world-migration-report-2024")
    assert report["isPartOf"]["@id"] == ID + "world-migration-report"
    assert report["publisher"]["@id"] == ID + "iom"
    assert report["datePublished"] == "2024-05-07"  # dcterms:issued wins over dcterms:date
    decree = _snippet(graph, "royal-decree-2014-07-21")
    assert decree["legislationChanges"]["@id"] == ID + "royal-decree-2004-05-16"
    assert decree["legislationIdentifier"] == "2014009455"
    day = _snippet(graph, "world-day-against-trafficking-in-persons")
    assert day["eventSchedule"] == {
        "@type": "Schedule",
        "byMonth": 7,
        "byMonthDay": 30,
        "repeatFrequency": "P1Y",
    }


def test_language_fallback(graph: Graph) -> None:
    assert schema_org.language_order("nl") == ["nl", "en", "fr", None]
    assert _snippet(graph, "fps-justice", "nl")["name"] == "FOD Justitie"
    assert _snippet(graph, "fps-justice", "fr")["name"] == "SPF Justice"
    myria = _snippet(graph, "myria", "fr")
    assert myria["alternateName"] == "Centre fédéral Migration"
    assert myria["description"].startswith("Belgium's independent")  # no French: English
    assert _snippet(graph, "myria", "en")["legalName"].startswith("Centre fédéral")  # en, then fr
    assert _snippet(graph, "myria", "en")["alternateName"] == ["Federal Migration Centre", "MYRIA"]
    assert _snippet(graph, "wallonia", "nl")["name"] == "Wallonia"  # no Dutch label
    with pytest.raises(Exception, match="unknown language"):
        schema_org.schema_graph(graph, "de")


def test_pick_languages_untagged_last() -> None:
    g = Graph()
    s = URIRef(ID + "x")
    g.add((s, SDO.name, Literal("untagged")))
    g.add((s, SDO.name, Literal("deutsch", lang="de")))
    assert set(schema_org.pick_languages(g, "fr").objects(s, SDO.name)) == {Literal("untagged")}
    g.remove((s, SDO.name, Literal("untagged")))
    assert set(schema_org.pick_languages(g, "fr").objects(s, SDO.name)) == {Literal("deutsch")}


def test_output_is_deterministic() -> None:
    # Two processes with different hash seeds: set and dict order differ between them, so a
    # snippet that depended on either would come out differently.
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "ahtgraph", "jsonld", "--all"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    nodes = json.loads(outputs[0])["@graph"]
    assert [node["@id"] for node in nodes] == sorted(node["@id"] for node in nodes)


def test_html_escapes_closing_tags() -> None:
    document = {"@context": "https://schema.org", "name": "a </script><script>alert(1)"}
    text = schema_org.html(document)
    assert text.startswith('<script type="application/ld+json">\n')
    assert text.endswith("\n</script>\n")
    body = text.removeprefix('<script type="application/ld+json">\n').removesuffix("</script>\n")
    assert "</" not in body
    assert json.loads(body) == document


def test_no_network() -> None:
    from pyld.jsonld import JsonLdError

    assert schema_org.document_loader("https://schema.org")["document"]["@context"]["@vocab"] == (
        "http://schema.org/"
    )
    with pytest.raises(JsonLdError):
        schema_org.document_loader("https://example.org/context.jsonld")


def test_cli_snippet_and_html() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["jsonld", "payoke"])
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["@id"] == ID + "payoke"
    result = runner.invoke(cli, ["jsonld", "Myria", "--lang", "fr", "--html"])
    assert result.exit_code == 0
    assert result.stdout.startswith('<script type="application/ld+json">')
    result = runner.invoke(cli, ["jsonld", "--all", "--type", "legislation"])
    assert {n["@type"] for n in json.loads(result.stdout)["@graph"]} == {"Legislation"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: give either an ENTITY or --all"),
        (["payoke", "--all"], "Error: give either an ENTITY or --all"),
        (["payoke", "--type", "organisation"], "Error: --type selects entities for --all"),
        (["payok"], "Error: unknown entity 'payok'; did you mean 'payoke'?"),
        (
            ["claim-fps-justice-funds-payoke"],  # a provenance record: not mapped
            "Error: id:claim-fps-justice-funds-payoke has no schema.org description: every "
            "entity is mapped, but not provenance records (id:claim-...) or cited pages",
        ),
        (["--check-vocabulary", "missing.ttl"], "Error: vocabulary file not found: missing.ttl"),
    ],
)
def test_cli_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["jsonld", *args])
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_jsonld_help_does_not_import_rdflib_or_pyld() -> None:
    code = (
        "import sys\nfrom ahtgraph.cli import main\ntry:\n    main(['jsonld', '--help'])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rdflib', 'pyld')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "ahtgraph jsonld" in done.stdout
