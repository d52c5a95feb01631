"""The questions the graph exists to answer, in plain SPARQL (no reasoner), with exact answers."""

from __future__ import annotations

from rdflib import Graph

import ahtgraph

PREFIXES = """
PREFIX aht:     <https://w3id.org/ahtgraph/ontology#>
PREFIX id:      <https://w3id.org/ahtgraph/id/>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org:     <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
ID = "https://w3id.org/ahtgraph/id/"


def select(graph: Graph, body: str) -> list[tuple[str, ...]]:
    """Rows of a SELECT as tuples of strings, slugs for ahtgraph entities."""
    rows = []
    for row in graph.query(PREFIXES + body):
        rows.append(tuple(str(v).removeprefix(ID) for v in row))  # type: ignore[union-attr]
    return sorted(rows)


def test_centres_funded_by_fps_justice_and_their_regions(graph: Graph) -> None:
    assert select(
        graph,
        "SELECT ?c ?r WHERE { id:fps-justice aht:funds ?c . ?c aht:areaServed ?r }",
    ) == [("pag-asa", "brussels"), ("payoke", "flanders"), ("surya", "wallonia")]


def test_what_greta_monitors_and_who_established_it(graph: Graph) -> None:
    assert select(graph, "SELECT ?x WHERE { id:greta aht:monitors ?x }") == [
        ("belgium",),
        ("warsaw-convention",),
    ]
    assert select(graph, "SELECT ?x WHERE { id:greta aht:establishedBy ?x }") == [
        ("council-of-europe",),
        ("warsaw-convention",),
    ]


def test_publications_myria_issues(graph: Graph) -> None:
    assert select(graph, "SELECT ?p WHERE { id:myria aht:publishes ?p }") == [
        ("myria-migration-in-figures-and-rights",),
        ("myria-migration-in-figures-and-rights-2025",),
        ("myria-newsletter",),
        ("myria-press-releases",),
        ("myria-trafficking-report-2024",),
        ("myria-trafficking-reports",),
    ]


def test_each_of_fps_justice_mandates(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?label ?type WHERE {
             id:fps-justice aht:hasMandate ?m .
             ?m rdfs:label ?label ; aht:mandateType ?type .
             FILTER (LANG(?label) = "en") }""",
    )
    assert rows == [
        (
            "Coordinating national policy through the Interdepartmental Group for the Fight "
            "against Human Trafficking and Smuggling",
            "mandate-type-policy-coordination",
        ),
        ("Developing national action plans", "mandate-type-policy-planning"),
        (
            "Drafting and monitoring the legislative and judicial framework",
            "mandate-type-legislation",
        ),
        (
            "Funding and supervising victim protection and support mechanisms "
            "(the 3 federal centres)",
            "mandate-type-funding-and-supervision",
        ),
        ("Monitoring European and international bodies", "mandate-type-monitoring"),
    ]


def test_the_coordination_mandate_runs_through_the_interdepartmental_unit(graph: Graph) -> None:
    assert select(
        graph, "SELECT ?b WHERE { id:fps-justice-national-coordination aht:exercisedThrough ?b }"
    ) == [("interdepartmental-coordination-unit",)]


def test_who_runs_the_blue_heart_campaign(graph: Graph) -> None:
    assert select(graph, "SELECT ?o WHERE { ?o aht:runs id:blue-heart-campaign }") == [("unodc",)]


def test_every_organisation_is_found_without_a_reasoner(graph: Graph) -> None:
    assert select(graph, "SELECT ?o WHERE { ?o a aht:Organisation }") == [
        (slug,)
        for slug in sorted(
            [
                "cgrs",
                "council-of-europe",
                "ecthr",
                "emn",
                "emn-belgium",
                "european-commission",
                "fedasil",
                "flemish-government",
                "fps-justice",
                "greta",
                "ilo",
                "immigration-office",
                "interdepartmental-coordination-unit",
                "iom",
                "myria",
                "national-lottery",
                "pag-asa",
                "payoke",
                "surya",
                "unodc",
            ]
        )
    ]


def test_named_query_funded_centres_gives_the_same_answer() -> None:
    rows = ahtgraph.query("funded-centres")
    assert isinstance(rows, list)
    assert [(str(r["centreLabel"]), str(r["regionLabel"])) for r in rows] == [
        ("PAG-ASA", "Brussels"),
        ("Payoke", "Flanders"),
        ("Sürya", "Wallonia"),
    ]


def test_named_query_publications_takes_the_organisation_as_a_bound_value() -> None:
    rows = ahtgraph.query("publications", params={"organisation": "id:iom"})
    assert isinstance(rows, list)
    got = [
        (
            str(r["publication"]).removeprefix(ID),
            str(r["kind"]),
            str(r["year"]) if "year" in r else None,
        )
        for r in rows
    ]
    editions = ["2000", "2003", "2005", "2008", "2010", "2011", "2013", "2015", "2018", "2020",
                "2022", "2024"]  # fmt: skip
    assert got == [("world-migration-report", "series", None)] + [
        (f"world-migration-report-{year}", "publication", year) for year in editions
    ]


def test_named_query_search_finds_labels_in_any_language() -> None:
    rows = ahtgraph.query("search", params={"text": "MIGRATIECENTRUM"})
    assert isinstance(rows, list)
    assert [(str(r["entity"]).removeprefix(ID), str(r["language"])) for r in rows] == [
        ("myria", "nl"),
    ]


def test_named_query_related_lists_both_directions() -> None:
    rows = ahtgraph.query("related", params={"entity": "id:warsaw-convention"})
    assert isinstance(rows, list)
    got = {
        (
            str(r["direction"]),
            str(r["relation"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1],
            str(r["other"]).removeprefix(ID),
        )
        for r in rows
    }
    # The 48 States Parties (46 member States, Belarus, Israel) each add two incoming relations.
    parties = {g for g in got if g[1] in ("ratified", "ratifiedInstrument")}
    assert got - parties == {
        ("out", "subject", "topic-trafficking-in-human-beings"),
        ("in", "adopted", "council-of-europe"),
        ("in", "establishedBy", "greta"),
        ("in", "monitors", "greta"),
        ("in", "legalBasis", "greta-convention-monitoring"),
    }
    assert len({g for g in parties if g[1] == "ratified"}) == 48
    assert len({g for g in parties if g[1] == "ratifiedInstrument"}) == 48
    assert ("in", "ratified", "belgium") in parties
    assert ("in", "ratifiedInstrument", "belarus-accession-warsaw-convention") in parties


def test_named_query_who_monitors_what() -> None:
    rows = ahtgraph.query("who-monitors-what")
    assert isinstance(rows, list)
    assert [
        (str(r["organisation"]).removeprefix(ID), str(r["monitored"]).removeprefix(ID))
        for r in rows
    ] == [
        ("greta", "belgium"),
        ("greta", "warsaw-convention"),
        ("myria", "topic-migrant-smuggling"),
        ("myria", "topic-trafficking-in-human-beings"),
    ]


def test_which_pages_state_that_fps_justice_funds_payoke_and_when_they_were_read(
    graph: Graph,
) -> None:
    rows = select(
        graph,
        """SELECT ?page ?readOn WHERE {
             ?claim rdf:subject id:fps-justice ; rdf:predicate aht:funds ; rdf:object id:payoke ;
                    dcterms:source ?page .
             ?page aht:readOn ?readOn }""".replace(
            "SELECT", "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> SELECT", 1
        ),
    )
    assert rows == [
        ("https://news.belgium.be./fr/node/21230", "2026-11-28"),
        ("https://samilia.org/en/other-resources/", "2026-11-28"),
        (
            "https://www.pzc.nl/antwerpen/stad-en-payoke-smeken-minister-crevits-om-hulp-in-borealis"
            "-dossier-we-betaalden-al-310-000-euro-voor-opvang~a116f348/",
            "2026-11-28",
        ),
    ]


def test_every_relation_that_matters_has_a_claim(graph: Graph) -> None:
    rows = select(
        graph,
        """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
           SELECT ?s ?p ?o WHERE {
             ?s ?p ?o .
             FILTER (?p IN (aht:funds, aht:monitors, aht:publishes, aht:hasMandate, aht:runs,
                            aht:establishedBy, aht:adopted, aht:ratified, org:subOrganizationOf))
             FILTER NOT EXISTS { ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
           }""",
    )
    assert rows == []


def test_named_query_provenance_lists_pages_and_read_dates_for_one_entity() -> None:
    rows = ahtgraph.query("provenance", params={"entity": "id:unodc"})
    assert isinstance(rows, list)
    assert [
        (
            str(r["relation"]).rsplit("#", 1)[-1],
            str(r["object"]).removeprefix(ID),
            str(r["page"]),
            str(r["readOn"]),
        )
        for r in rows
        if str(r["relation"]).endswith("#runs")
    ] == [
        (
            "runs",
            "blue-heart-campaign",
            "http://unodc.org/unodc/en/press/releases/2009/March/2009-03.05.html",
            "2026-11-28",
        ),
        ("runs", "blue-heart-campaign", "https://samilia.org/en/other-resources/", "2026-11-28"),
    ]
