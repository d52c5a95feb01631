"""The landscape facts of data/landscape.ttl, asked in plain SPARQL with exact answers.

Instruments, Belgium's ratifications, the World Day, GRETA's evaluations of Belgium, the
editions of the two global report series, EMN Belgium and the Belgian acts: each test asks one
question the graph should now answer and compares the whole answer, values and datatypes.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

PREFIXES = """
PREFIX aht:     <https://w3id.org/ahtgraph/ontology#>
PREFIX id:      <https://w3id.org/ahtgraph/id/>
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX org:     <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema:  <https://schema.org/>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
"""
ID = "https://w3id.org/ahtgraph/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
LANDSCAPE = Path(__file__).resolve().parent.parent / "data" / "landscape.ttl"


def select(graph: Graph, body: str, *, ordered: bool = False) -> list[tuple[str, ...]]:
    """Rows of a SELECT as tuples of strings (slugs for our entities), sorted unless ordered."""
    rows = [
        tuple(str(v).removeprefix(ID) for v in row)  # type: ignore[union-attr]
        for row in graph.query(PREFIXES + body)
    ]
    return rows if ordered else sorted(rows)


def datatype(graph: Graph, body: str) -> list[tuple[str, str]]:
    """(value, short datatype) for the single variable of a SELECT."""
    rows = []
    for (value,) in graph.query(PREFIXES + body):  # type: ignore[misc]
        rows.append((str(value), str(value.datatype).removeprefix(XSD)))
    return sorted(rows)


def test_belgium_ratification_of_the_warsaw_convention(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?r ?signed ?ratified ?inForce WHERE {
             ?r a aht:Ratification ; aht:ratifyingState id:belgium ;
                aht:ratifiedInstrument id:warsaw-convention ;
                aht:signedOn ?signed ; aht:ratifiedOn ?ratified ; aht:entryIntoForce ?inForce }""",
    )
    assert rows == [
        ("belgium-ratification-warsaw-convention", "2005-11-17", "2009-04-27", "2009-08-01")
    ]


def test_what_belgium_ratified(graph: Graph) -> None:
    assert select(graph, "SELECT ?i WHERE { id:belgium aht:ratified ?i }") == [
        ("forced-labour-convention-1930",),
        ("forced-labour-protocol-2014",),
        ("palermo-protocol",),
        ("warsaw-convention",),
    ]


def test_belgium_ratified_the_forced_labour_texts_with_a_year_or_a_day(graph: Graph) -> None:
    assert datatype(
        graph,
        """SELECT ?on WHERE { ?r aht:ratifyingState id:belgium ;
             aht:ratifiedInstrument ?i ; aht:ratifiedOn ?on .
             FILTER (?i IN (id:forced-labour-convention-1930, id:forced-labour-protocol-2014)) }""",
    ) == [("1944", "gYear"), ("2019-09-10", "date")]


def test_p029_supplements_c029_and_the_ilo_adopted_both(graph: Graph) -> None:
    assert select(
        graph, "SELECT ?c WHERE { id:forced-labour-protocol-2014 aht:supplements ?c }"
    ) == [("forced-labour-convention-1930",)]
    assert select(graph, "SELECT ?i WHERE { id:ilo aht:adopted ?i }") == [
        ("forced-labour-convention-1930",),
        ("forced-labour-protocol-2014",),
    ]


def test_ilo_instrument_dates(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?i ?adopted ?inForce WHERE {
             ?i schema:legislationDate ?adopted ; aht:entryIntoForce ?inForce .
             FILTER (?i IN (id:forced-labour-convention-1930, id:forced-labour-protocol-2014)) }""",
    )
    assert rows == [
        ("forced-labour-convention-1930", "1930-06-28", "1932-05-01"),
        ("forced-labour-protocol-2014", "2014-06-11", "2016-11-09"),
    ]


def test_the_world_day_its_date_and_the_resolution_that_proclaimed_it(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?day ?on ?first ?res ?number ?adopted WHERE {
             ?day a aht:Observance ; aht:observedOn ?on ; schema:startDate ?first ;
                  aht:proclaimedBy ?res .
             ?res schema:legislationIdentifier ?number ; schema:legislationDate ?adopted }""",
    )
    assert rows == [
        (
            "world-day-against-trafficking-in-persons",
            "--07-30",
            "2014",
            "unga-resolution-68-192",
            "A/RES/68/192",
            "2013-12-18",
        )
    ]
    assert datatype(
        graph, "SELECT ?on WHERE { id:world-day-against-trafficking-in-persons aht:observedOn ?on }"
    ) == [("--07-30", "gMonthDay")]


def test_the_palermo_protocol(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?adopted ?opened ?inForce ?parent WHERE {
             id:palermo-protocol schema:legislationDate ?adopted ;
               aht:openedForSignature ?opened ; aht:entryIntoForce ?inForce ;
               aht:supplements ?parent }""",
    )
    assert rows == [
        (
            "2000-11-15",
            "2000-12-12",
            "2003-12-25",
            "un-convention-against-transnational-organized-crime",
        )
    ]
    assert select(
        graph,
        """SELECT ?lang WHERE { id:palermo-protocol rdfs:label ?l BIND (LANG(?l) AS ?lang) }""",
    ) == [("en",), ("fr",), ("nl",)]


def test_the_eu_directives(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?d ?number ?adopted WHERE {
             ?d schema:legislationIdentifier ?number ; schema:legislationDate ?adopted .
             FILTER (?d IN (id:directive-2011-36-eu, id:directive-eu-2024-1712)) }""",
    )
    assert rows == [
        ("directive-2011-36-eu", "2011/36/EU", "2011-04-05"),
        ("directive-eu-2024-1712", "(EU) 2024/1712", "2024-06-13"),
    ]
    assert select(graph, "SELECT ?x WHERE { id:directive-eu-2024-1712 aht:amends ?x }") == [
        ("directive-2011-36-eu",)
    ]
    assert select(graph, "SELECT ?f WHERE { id:directive-2011-36-eu aht:entryIntoForce ?f }") == [
        ("2011-04-15",)
    ]
    # The European Commission (DG HOME) gives the 2024 directive's entry into force.
    assert select(graph, "SELECT ?f WHERE { id:directive-eu-2024-1712 aht:entryIntoForce ?f }") == [
        ("2024-07-14",)
    ]


def test_the_european_convention_on_human_rights_and_its_article_4(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?number ?signed ?inForce WHERE {
             id:european-convention-on-human-rights schema:legislationIdentifier ?number ;
               schema:legislationDate ?signed ; aht:entryIntoForce ?inForce }""",
    )
    assert rows == [("ETS No. 5", "1950-11-04", "1953-09-03")]
    assert select(graph, "SELECT ?l WHERE { id:echr-article-4 rdfs:label ?l }") == [
        ("Article 4 \u2013 Prohibition of slavery and forced labour",),
        ("Interdiction de l'esclavage et du travail forcé",),
        ("Verbod van slavernij en dwangarbeid",),
    ]


def test_what_greta_monitors_now_includes_belgium(graph: Graph) -> None:
    # The European layer adds every state GRETA has a report on; Belgium and the Convention
    # stay, whatever else the data grows to.
    monitored = select(graph, "SELECT ?x WHERE { id:greta aht:monitors ?x }")
    assert ("belgium",) in monitored
    assert ("warsaw-convention",) in monitored


def test_greta_evaluation_reports_on_belgium_in_order(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?report ?year ?issued WHERE {
             id:greta aht:publishes ?series .
             ?report aht:inSeries ?series ; dcterms:date ?year ; dcterms:issued ?issued .
             ?series dcterms:spatial id:belgium }
           ORDER BY ?issued""",
        ordered=True,
    )
    assert rows == [
        ("greta-report-belgium-round-1", "2013", "2013-09-25"),
        ("greta-report-belgium-round-2", "2017", "2017-11-16"),
        ("greta-report-belgium-round-3", "2022", "2022-10-20"),
    ]


def test_glotip_editions_years_in_order(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?year WHERE {
             ?e aht:inSeries id:global-report-on-trafficking-in-persons ; dcterms:date ?year }
           ORDER BY ?year""",
        ordered=True,
    )
    assert rows == [(y,) for y in ("2009", "2012", "2014", "2016", "2018", "2020", "2022", "2024")]


def test_glotip_editions_issued_only_where_a_page_gives_the_date(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?e ?issued WHERE {
             ?e aht:inSeries id:global-report-on-trafficking-in-persons .
             OPTIONAL { ?e dcterms:issued ?issued } }""",
    )
    assert rows == [
        ("global-report-on-trafficking-in-persons-2009", "2009-02"),
        ("global-report-on-trafficking-in-persons-2012", "2012-12"),
        ("global-report-on-trafficking-in-persons-2014", "2014-11-24"),
        ("global-report-on-trafficking-in-persons-2016", "2016-12-21"),
        ("global-report-on-trafficking-in-persons-2018", "None"),
        ("global-report-on-trafficking-in-persons-2020", "2021-02-02"),
        ("global-report-on-trafficking-in-persons-2022", "2023-01-24"),
        ("global-report-on-trafficking-in-persons-2024", "None"),
    ]


def test_world_migration_report_editions_years_in_order(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?year WHERE {
             ?e aht:inSeries id:world-migration-report ; dcterms:date ?year }
           ORDER BY ?year""",
        ordered=True,
    )
    years = ("2000", "2003", "2005", "2008", "2010", "2011", "2013", "2015", "2018", "2020")
    assert rows == [(y,) for y in (*years, "2022", "2024")]


def test_edition_publishers_come_from_their_series(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT DISTINCT ?series ?publisher WHERE {
             ?e aht:inSeries ?series . ?publisher aht:publishes ?series .
             FILTER (?series IN (id:global-report-on-trafficking-in-persons,
                                 id:world-migration-report,
                                 id:greta-evaluation-reports-belgium)) }""",
    )
    assert rows == [
        ("global-report-on-trafficking-in-persons", "unodc"),
        ("greta-evaluation-reports-belgium", "greta"),
        ("world-migration-report", "iom"),
    ]


def test_emn_belgium_its_network_members_and_coordinators(graph: Graph) -> None:
    assert select(graph, "SELECT ?p WHERE { id:emn-belgium org:subOrganizationOf ?p }") == [
        ("emn",)
    ]
    assert select(graph, "SELECT ?m WHERE { id:emn-belgium org:hasMember ?m }") == [
        ("cgrs",),
        ("fedasil",),
        ("immigration-office",),
        ("myria",),
    ]
    assert select(graph, "SELECT ?c WHERE { ?c aht:coordinates id:emn-belgium }") == [
        ("immigration-office",)
    ]
    assert select(graph, "SELECT ?c WHERE { ?c aht:coordinates id:emn }") == [
        ("european-commission",)
    ]


def test_the_emn_rests_on_council_decision_2008_381(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?who ?number ?adopted WHERE {
             ?who aht:legalBasis ?d . ?d schema:legislationIdentifier ?number ;
             schema:legislationDate ?adopted .
             FILTER (?who IN (id:emn, id:emn-belgium)) }""",
    )
    assert rows == [
        ("emn", "2008/381/EC", "2008-05-14"),
        ("emn-belgium", "2008/381/EC", "2008-05-14"),
    ]
    assert select(graph, "SELECT ?x WHERE { id:emn aht:establishedBy ?x }") == [
        ("council-decision-2008-381-ec",)
    ]


def test_the_specialised_centres_are_members_of_the_coordination_unit(graph: Graph) -> None:
    assert select(
        graph, "SELECT ?m WHERE { id:interdepartmental-coordination-unit org:hasMember ?m }"
    ) == [("pag-asa",), ("payoke",), ("surya",)]


def test_legal_bases_of_the_centres_mandates_and_of_the_national_rapporteur(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?m ?basis ?numac WHERE {
             ?m aht:legalBasis ?basis . ?basis schema:legislationIdentifier ?numac .
             FILTER (?basis IN (id:royal-decree-2013-04-18, id:royal-decree-2014-07-21)) }""",
    )
    assert rows == [
        ("myria-national-rapporteur", "royal-decree-2014-07-21", "2014009455"),
        ("pag-asa-victim-support", "royal-decree-2013-04-18", "2013203053"),
        ("payoke-victim-support", "royal-decree-2013-04-18", "2013203053"),
        ("surya-victim-support", "royal-decree-2013-04-18", "2013203053"),
    ]
    assert select(graph, "SELECT ?x WHERE { id:royal-decree-2014-07-21 aht:amends ?x }") == [
        ("royal-decree-2004-05-16",)
    ]


def test_belgian_acts_dates_and_identifiers(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?act ?date ?number WHERE {
             ?act schema:legislationDate ?date .
             OPTIONAL { ?act schema:legislationIdentifier ?number }
             FILTER (?act IN (id:act-1995-04-13, id:royal-decree-2013-04-18,
                              id:royal-decree-2014-07-21, id:circular-2016-12-23)) }""",
    )
    assert rows == [
        ("act-1995-04-13", "1995-04-13", "None"),
        ("circular-2016-12-23", "2016-12-23", "2017030090"),
        ("royal-decree-2013-04-18", "2013-04-18", "2013203053"),
        ("royal-decree-2014-07-21", "2014-07-21", "2014009455"),
    ]


def test_which_pages_state_that_greta_monitors_belgium(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?page ?readOn WHERE {
             ?c rdf:subject id:greta ; rdf:predicate aht:monitors ; rdf:object id:belgium ;
                dcterms:source ?page .
             ?page aht:readOn ?readOn }""",
    )
    assert rows == [
        (
            "https://emnbelgium.be/fr/publication/troisieme-rapport-devaluation-du-greta-sur-la-belgique",
            "2026-11-28",
        ),
        (
            "https://emnbelgium.be/publication/report-concerning-implementation-council-europe-convention-action-against-trafficking",
            "2026-11-28",
        ),
        (
            "https://www.coe.int/en/web/anti-human-trafficking/-/publication-of-greta-s-second-report-on-belgium",
            "2026-11-28",
        ),
    ]


def test_every_page_cited_in_the_landscape_file_is_described(graph: Graph) -> None:
    own = Graph()
    own.parse(LANDSCAPE)
    cited = {o for o in own.objects(None, DCTERMS.source) if isinstance(o, URIRef)}
    undescribed = sorted(
        str(page)
        for page in cited
        if (page, URIRef("https://w3id.org/ahtgraph/ontology#readOn"), None) not in graph
    )
    # Not a count of the shipped data (it grows): the file cites pages, and each is described.
    assert cited
    assert undescribed == []


def test_no_wikidata_identifiers_were_recorded(graph: Graph) -> None:
    assert select(graph, "SELECT ?s ?o WHERE { ?s skos:exactMatch ?o }") == []
