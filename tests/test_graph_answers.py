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
        ("albania",),
        ("armenia",),
        ("austria",),
        ("azerbaijan",),
        ("belgium",),
        ("bulgaria",),
        ("croatia",),
        ("cyprus",),
        ("czech-republic",),
        ("denmark",),
        ("estonia",),
        ("finland",),
        ("france",),
        ("georgia",),
        ("germany",),
        ("greece",),
        ("hungary",),
        ("ireland",),
        ("italy",),
        ("latvia",),
        ("lithuania",),
        ("luxembourg",),
        ("malta",),
        ("moldova",),
        ("monaco",),
        ("montenegro",),
        ("netherlands",),
        ("north-macedonia",),
        ("norway",),
        ("poland",),
        ("portugal",),
        ("romania",),
        ("san-marino",),
        ("serbia",),
        ("slovenia",),
        ("spain",),
        ("sweden",),
        ("turkiye",),
        ("ukraine",),
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
                "anitp",
                "bulgaria-national-commission-combating-trafficking",
                "ccdh-luxembourg",
                "cyprus-multidisciplinary-coordinating-group",
                "estonia-ministry-of-justice",
                "latvia-ministry-of-the-interior",
                "lithuania-ministry-of-the-interior",
                "malta-human-rights-directorate",
                "poland-committee-combating-trafficking",
                "slovakia-information-centre-combating-trafficking",
                "slovenia-ministry-of-the-interior",
                "swedish-national-police-board",
                "cgrs",
                "cig-portugal",
                "cncdh",
                "council-of-europe",
                "czech-ministry-of-the-interior",
                "dutch-national-rapporteur",
                "ecthr",
                "emn",
                "emn-belgium",
                "european-commission",
                "fedasil",
                "flemish-government",
                "fps-justice",
                "german-institute-for-human-rights",
                "greece-office-of-the-national-rapporteur",
                "greta",
                "ihrec",
                "ilo",
                "immigration-office",
                "interdepartmental-coordination-unit",
                "iom",
                "italy-department-for-equal-opportunities",
                "myria",
                "national-lottery",
                "non-discrimination-ombudsman-finland",
                "osce",
                "pag-asa",
                "payoke",
                "surya",
                "un-human-rights-council",
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
        ("in", "monitors", "german-institute-for-human-rights"),
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
        ("german-institute-for-human-rights", "warsaw-convention"),
        ("german-institute-for-human-rights", "directive-2011-36-eu"),
        ("greta", "albania"),
        ("greta", "armenia"),
        ("greta", "austria"),
        ("greta", "azerbaijan"),
        ("greta", "belgium"),
        ("greta", "bulgaria"),
        ("greta", "warsaw-convention"),
        ("greta", "croatia"),
        ("greta", "cyprus"),
        ("greta", "czech-republic"),
        ("greta", "denmark"),
        ("greta", "estonia"),
        ("greta", "finland"),
        ("greta", "france"),
        ("greta", "georgia"),
        ("greta", "germany"),
        ("greta", "greece"),
        ("greta", "hungary"),
        ("greta", "ireland"),
        ("greta", "italy"),
        ("greta", "latvia"),
        ("greta", "lithuania"),
        ("greta", "luxembourg"),
        ("greta", "malta"),
        ("greta", "monaco"),
        ("greta", "montenegro"),
        ("greta", "netherlands"),
        ("greta", "north-macedonia"),
        ("greta", "norway"),
        ("greta", "poland"),
        ("greta", "portugal"),
        ("greta", "moldova"),
        ("greta", "romania"),
        ("greta", "san-marino"),
        ("greta", "serbia"),
        ("greta", "slovenia"),
        ("greta", "spain"),
        ("greta", "sweden"),
        ("greta", "turkiye"),
        ("greta", "ukraine"),
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


def test_named_query_rapporteurs_names_each_states_body_and_kind_of_task() -> None:
    rows = ahtgraph.query("rapporteurs")
    assert isinstance(rows, list)
    assert [
        (str(r["state"]).removeprefix(ID), str(r["body"]).removeprefix(ID), str(r["typeLabel"]))
        for r in rows
    ] == [
        ("belgium", "myria", "Independent reporting"),
        ("bulgaria", "bulgaria-national-commission-combating-trafficking", "Monitoring"),
        ("cyprus", "cyprus-multidisciplinary-coordinating-group", "Monitoring"),
        ("czech-republic", "czech-ministry-of-the-interior", "Monitoring"),
        ("estonia", "estonia-ministry-of-justice", "Monitoring"),
        ("finland", "non-discrimination-ombudsman-finland", "Independent reporting"),
        ("france", "cncdh", "Independent reporting"),
        ("germany", "german-institute-for-human-rights", "Independent reporting"),
        ("greece", "greece-office-of-the-national-rapporteur", "Monitoring"),
        ("ireland", "ihrec", "Independent reporting"),
        ("italy", "italy-department-for-equal-opportunities", "Monitoring"),
        ("latvia", "latvia-ministry-of-the-interior", "Monitoring"),
        ("lithuania", "lithuania-ministry-of-the-interior", "Monitoring"),
        ("luxembourg", "ccdh-luxembourg", "Independent reporting"),
        ("malta", "malta-human-rights-directorate", "Monitoring"),
        ("netherlands", "dutch-national-rapporteur", "Independent reporting"),
        ("poland", "poland-committee-combating-trafficking", "Monitoring"),
        ("portugal", "cig-portugal", "Monitoring"),
        ("romania", "anitp", "Monitoring"),
        ("slovakia", "slovakia-information-centre-combating-trafficking", "Monitoring"),
        ("slovenia", "slovenia-ministry-of-the-interior", "Monitoring"),
        ("sweden", "swedish-national-police-board", "Monitoring"),
    ]


def test_named_query_rapporteurs_for_one_state() -> None:
    rows = ahtgraph.query("rapporteurs", params={"state": "id:netherlands"})
    assert isinstance(rows, list)
    assert [(str(r["bodyLabel"]), str(r["mandateLabel"])) for r in rows] == [
        (
            "National Rapporteur on Trafficking in Human Beings and Sexual Violence "
            "against Children",
            "National rapporteur on trafficking in human beings (Netherlands)",
        )
    ]
    assert ahtgraph.query("rapporteurs", params={"state": "id:spain"}) == []


def test_named_query_evaluations_lists_greta_reports_by_state_and_round() -> None:
    rows = ahtgraph.query("evaluations")
    assert isinstance(rows, list)

    def opt(row: dict, key: str) -> str | None:
        return None if row.get(key) is None else str(row[key])

    assert [
        (
            str(r["state"]).removeprefix(ID),
            int(r["round"]),
            str(r["year"]),
            opt(r, "issued"),
            opt(r, "reference"),
        )
        for r in rows
    ] == [
        ("albania", 1, "2011", "2011-12-02", None),
        ("armenia", 1, "2012", "2012-09-21", None),
        ("armenia", 2, "2017", "2017-03-20", "GRETA(2017)1"),
        ("armenia", 3, "2022", "2022-05-31", None),
        ("austria", 1, "2011", "2011-09-15", None),
        ("austria", 2, "2015", "2015-10-12", "GRETA(2015)19"),
        ("azerbaijan", 1, "2014", None, None),
        ("azerbaijan", 2, "2018", "2018-11-23", None),
        ("belgium", 1, "2013", "2013-09-25", "GRETA(2013)14"),
        ("belgium", 2, "2017", "2017-11-16", None),
        ("belgium", 3, "2022", "2022-10-20", None),
        ("bulgaria", 1, "2011", "2011-12-14", None),
        ("bulgaria", 2, "2016", None, None),
        ("bulgaria", 4, "2025", None, None),
        ("croatia", 2, "2016", None, None),
        ("croatia", 3, "2020", "2020-12-03", None),
        ("cyprus", 1, "2011", "2011-09-12", None),
        ("cyprus", 3, "2020", "2020-06-11", "GRETA(2020)04"),
        ("czech-republic", 1, "2020", None, None),
        ("denmark", 1, "2011", None, "GRETA(2011)21"),
        ("estonia", 1, "2018", "2018-06-12", None),
        ("finland", 1, "2015", "2015-06-04", None),
        ("finland", 2, "2019", "2019-06-05", None),
        ("france", 1, "2013", "2013-01-28", None),
        ("france", 2, "2017", None, None),
        ("france", 3, "2022", "2022-02-18", None),
        ("georgia", 1, "2012", None, "GRETA(2011)24"),
        ("georgia", 2, "2016", None, None),
        ("germany", 2, "2019", "2019-06-20", "GRETA(2019)07"),
        ("greece", 1, "2017", "2017-10-18", None),
        ("greece", 2, "2023", "2023-03-23", None),
        ("hungary", 2, "2019", "2019-09-27", None),
        ("hungary", 3, "2024", "2024-02-26", None),
        ("ireland", 1, "2013", "2013-09-26", None),
        ("ireland", 2, "2017", "2017-09-20", "GRETA(2017)28"),
        ("italy", 1, "2014", "2014-09-22", None),
        ("italy", 2, "2019", "2019-01-25", None),
        ("italy", 3, "2024", None, None),
        ("latvia", 1, "2013", "2013-01-31", None),
        ("lithuania", 1, "2015", "2015-06-05", None),
        ("lithuania", 2, "2019", "2019-06-21", None),
        ("luxembourg", 1, "2014", "2014-01-15", None),
        ("luxembourg", 2, "2018", "2018-11-06", None),
        ("malta", 2, "2017", "2017-03-16", None),
        ("malta", 3, "2021", "2021-11-10", None),
        ("monaco", 1, "2020", "2020-02-12", None),
        ("monaco", 3, "2024", None, None),
        ("montenegro", 1, "2012", "2012-09-13", None),
        ("montenegro", 2, "2016", "2016-09-28", "GRETA(2016)19"),
        ("netherlands", 1, "2014", None, None),
        ("north-macedonia", 1, "2014", "2014-06-17", None),
        ("north-macedonia", 2, "2018", None, None),
        ("north-macedonia", 3, "2023", "2023-03-24", None),
        ("norway", 2, "2017", "2017-06-21", "GRETA(2017)18"),
        ("poland", 2, "2017", "2017-11-17", "GRETA(2017)29"),
        ("portugal", 2, "2017", "2017-03-17", "GRETA(2017)4"),
        ("moldova", 1, "2012", "2012-02-22", None),
        ("moldova", 2, "2016", "2016-06-07", None),
        ("moldova", 4, "2025", "2025-06-10", "GRETA(2025)07"),
        ("romania", 1, "2012", None, "GRETA(2012)2"),
        ("san-marino", 1, "2014", None, "GRETA(2014)19"),
        ("san-marino", 3, "2024", None, None),
        ("serbia", 1, "2014", None, None),
        ("serbia", 2, "2018", "2018-01-29", None),
        ("serbia", 3, "2023", "2023-06-16", None),
        ("slovenia", 3, "2023", "2023-06-15", None),
        ("spain", 1, "2013", None, "GRETA(2013)16"),
        ("spain", 2, "2018", "2018-06-20", "GRETA(2018)7"),
        ("sweden", 1, "2014", "2014-05-27", "GRETA(2014)11"),
        ("sweden", 2, "2018", "2018-06-08", None),
        ("turkiye", 1, "2019", "2019-10-08", None),
        ("ukraine", 2, "2018", None, None),
    ]


def test_named_query_evaluations_for_one_state() -> None:
    rows = ahtgraph.query("evaluations", params={"state": "id:italy"})
    assert isinstance(rows, list)
    assert [(int(r["round"]), str(r["reportLabel"])) for r in rows] == [
        (1, "GRETA first evaluation report on Italy"),
        (2, "GRETA second evaluation report on Italy"),
        (3, "GRETA third evaluation report on Italy"),
    ]
    assert ahtgraph.query("evaluations", params={"state": "id:iceland"}) == []


def test_every_round_report_is_published_by_greta_directly(graph: Graph) -> None:
    # Plain SPARQL finds the publisher without going through a series (issue 12, A.9).
    assert (
        select(
            graph,
            """SELECT ?r WHERE { ?r aht:evaluationRound ?n .
                             FILTER NOT EXISTS { id:greta aht:publishes ?r } }""",
        )
        == []
    )
