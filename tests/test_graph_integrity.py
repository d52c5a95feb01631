"""The graph is complete for its source page and speaks only in defined terms."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, SDO, SKOS, VANN, XSD

import ahtgraph
from ahtgraph import resources

AHT = Namespace("https://w3id.org/ahtgraph/ontology#")
ID = "https://w3id.org/ahtgraph/id/"
SOURCE_PAGE = URIRef("https://samilia.org/en/other-resources/")

# The 13 links of https://samilia.org/en/other-resources/ (WordPress page 5106, 2026-01-19),
# copied here so the test needs no ../shared checkout.
SOURCE_PAGE_LINKS = [
    "https://pag-asa.be/",
    "https://www.asblsurya.org/",
    "https://www.payoke.be/en/",
    "https://pag-asa.be/fr/ressources",
    "https://www.myria.be",
    "https://www.myria.be/files/2025_Population_et_mouvements.pdf",
    "https://www.myria.be/fr/publications/rapport-annuel-devaluation-2024-traite-et-trafic-des-etres-humains-travail-du-sexe-latino-americain-un-carrousel-a-risques",
    "https://www.stophumantrafficking.be/",
    "https://www.coe.int/fr/web/secretary-general/report-2024",
    "https://www.coe.int/fr/web/secretary-general/report-2025",
    "https://www.coe.int/fr/web/anti-human-trafficking/general-reports",
    "https://www.unodc.org/unodc/data-and-analysis/glotip.html",
    "https://worldmigrationreport.iom.int/msite/wmr-2024-interactive/?lang=F",
]
LINK_PROPERTIES = (FOAF.homepage, FOAF.page, AHT.url)

# Vocabularies whose terms rdflib knows exactly (DefinedNamespace): a misspelt term is not in them.
STANDARD = {
    str(SDO): SDO,
    str(FOAF): FOAF,
    str(DCTERMS): DCTERMS,
    str(SKOS): SKOS,
    str(ORG): ORG,
    str(PROV): PROV,
    str(VANN): VANN,
    str(DCAT): DCAT,
}
CORE = {str(RDF): RDF, str(RDFS): RDFS, str(OWL): OWL, str(XSD): XSD}


def test_all_thirteen_links_of_the_source_page_are_in_the_graph(graph: Graph) -> None:
    assert len(SOURCE_PAGE_LINKS) == 13
    missing = [
        link
        for link in SOURCE_PAGE_LINKS
        if not any(
            str(s).startswith(ID) for p in LINK_PROPERTIES for s in graph.subjects(p, URIRef(link))
        )
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("link", "owner"),
    [
        ("https://pag-asa.be/", "pag-asa"),
        ("https://www.asblsurya.org/", "surya"),
        ("https://www.payoke.be/en/", "payoke"),
        ("https://www.myria.be", "myria"),
        ("https://www.stophumantrafficking.be/", "fps-justice"),
        (
            "https://www.unodc.org/unodc/data-and-analysis/glotip.html",
            "global-report-on-trafficking-in-persons",
        ),
        (
            "https://worldmigrationreport.iom.int/msite/wmr-2024-interactive/?lang=F",
            "world-migration-report-2024",
        ),
    ],
)
def test_links_belong_to_the_entity_the_page_attaches_them_to(
    graph: Graph, link: str, owner: str
) -> None:
    owners = {
        str(s).removeprefix(ID) for p in LINK_PROPERTIES for s in graph.subjects(p, URIRef(link))
    }
    assert owner in owners


def _used_terms(graph: Graph) -> set[URIRef]:
    terms: set[URIRef] = set()
    for _, p, o in graph:
        terms.add(p)  # type: ignore[arg-type]
        if p == RDF.type and isinstance(o, URIRef):
            terms.add(o)
    return terms


def test_every_term_used_is_defined_in_the_ontology_or_a_standard_vocabulary(graph: Graph) -> None:
    ontology = Graph().parse(resources.data_dir() / "ontology.ttl")
    defined = set(ontology.subjects(RDFS.isDefinedBy, URIRef("https://w3id.org/ahtgraph/ontology")))
    undefined = []
    for term in sorted(_used_terms(graph)):
        iri = str(term)
        if iri.startswith(str(AHT)):
            if term not in defined:
                undefined.append(iri)
            continue
        namespace = next(
            (ns for base, ns in {**STANDARD, **CORE}.items() if iri.startswith(base)), None
        )
        if namespace is None or (str(namespace) in STANDARD and term not in namespace):
            undefined.append(iri)
    assert undefined == []


def test_a_misspelt_standard_term_would_be_caught() -> None:
    # Guards the test above: rdflib's closed namespaces know their terms.
    assert URIRef(str(SDO) + "foundingDate") in SDO
    assert URIRef(str(SDO) + "foundingDat") not in SDO
    assert URIRef(str(ORG) + "subOrganisationOf") not in ORG


def test_every_class_and_property_is_labelled_in_three_languages_and_defined() -> None:
    ontology = Graph().parse(resources.data_dir() / "ontology.ttl")
    terms = [
        t
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in ontology.subjects(RDF.type, kind)
    ]
    assert len(terms) > 40
    problems = []
    for term in terms:
        languages = sorted(lbl.language for lbl in ontology.objects(term, RDFS.label))  # type: ignore[union-attr]
        if languages != ["en", "fr", "nl"]:
            problems.append((str(term), "labels", languages))
        if not any(d.language == "en" for d in ontology.objects(term, SKOS.definition)):  # type: ignore[union-attr]
            problems.append((str(term), "definition"))
        if (term, RDF.type, OWL.Class) not in ontology and not (
            ontology.value(term, RDFS.domain) and ontology.value(term, RDFS.range)
        ):
            problems.append((str(term), "domain/range"))
    assert problems == []


def test_the_ontology_header_is_complete() -> None:
    ontology = Graph().parse(resources.data_dir() / "ontology.ttl")
    header = URIRef("https://w3id.org/ahtgraph/ontology")
    for prop in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.creator,
        DCTERMS.created,
        DCTERMS.modified,
        OWL.versionIRI,
        OWL.versionInfo,
        VANN.preferredNamespacePrefix,
        VANN.preferredNamespaceUri,
    ):
        assert ontology.value(header, prop) is not None, prop
    assert ontology.value(header, VANN.preferredNamespacePrefix) == Literal("aht")


def test_no_blank_nodes_in_the_data_or_the_ontology(graph: Graph) -> None:
    assert [t for t in graph if any(isinstance(x, BNode) for x in t)] == []


def test_every_entity_has_an_english_label_a_description_and_a_source(graph: Graph) -> None:
    # Claims (rdf:Statement) are provenance records, not entities: they carry sources only.
    claims = set(graph.subjects(RDF.type, RDF.Statement))
    entities = {s for s in graph.subjects(RDF.type, None) if str(s).startswith(ID)} - claims
    assert len(entities) > 100
    lacking = []
    for e in sorted(entities):
        if not any(lbl.language == "en" for lbl in graph.objects(e, RDFS.label)):  # type: ignore[union-attr]
            lacking.append((str(e), "label"))
        is_vocabulary = (e, RDF.type, SKOS.Concept) in graph or (
            (e, RDF.type, SKOS.ConceptScheme) in graph
        )
        if not is_vocabulary and graph.value(e, DCTERMS.description) is None:
            lacking.append((str(e), "description"))
        if graph.value(e, DCTERMS.source) is None:
            lacking.append((str(e), "source"))
    assert lacking == []


def test_everything_stated_by_the_source_page_cites_it(graph: Graph) -> None:
    page_entities = {
        "pag-asa",
        "surya",
        "payoke",
        "myria",
        "fps-justice",
        "interdepartmental-coordination-unit",
        "council-of-europe",
        "warsaw-convention",
        "greta",
        "ecthr",
        "unodc",
        "blue-heart-campaign",
        "global-report-on-trafficking-in-persons",
        "iom",
        "world-migration-report",
        "world-migration-report-2024",
        "ilo",
        "emn",
        "emn-analyses",
        "myria-newsletter",
        "myria-press-releases",
        "myria-migration-in-figures-and-rights-2025",
        "myria-trafficking-report-2024",
        "coe-secretary-general-report-2024",
        "coe-secretary-general-report-2025",
        "greta-general-reports",
        "pag-asa-annual-reports",
        "pag-asa-awareness-materials",
        "pag-asa-legislation-information",
    }
    not_citing = sorted(
        slug
        for slug in page_entities
        if (URIRef(ID + slug), DCTERMS.source, SOURCE_PAGE) not in graph
    )
    assert not_citing == []


def test_the_graph_is_the_same_from_the_api_and_from_the_files() -> None:
    from_files = Graph()
    for path in resources.graph_files():
        from_files.parse(path)
    assert len(ahtgraph.load()) == len(from_files)
