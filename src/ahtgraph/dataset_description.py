"""The DCAT 3 + VoID description of a release (``dataset.ttl``).

What a data reuser needs before downloading: what the dataset is, under which licence, who
publishes it, which version and date; one ``dcat:Distribution`` per file of the release with
its download URL, media type, size and SHA-256 checksum; and VoID statistics of the graph
(triples, entities, classes, properties, one partition per class and per property).

``dataset.ttl`` cannot list its own size and checksum (writing them would change them), so it
describes every other file but itself and ``SHA256SUMS``, which is written last and covers
``dataset.ttl``. There is no SPARQL endpoint, so no ``void:sparqlEndpoint``.

Every node has an IRI under the release IRI (no blank nodes), so rdflib's Turtle writer,
which sorts subjects and predicates, gives the same bytes for the same description.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD

from .prefixes import ID, PREFIXES, shorten_iri

if TYPE_CHECKING:
    from rdflib.term import Node

RELEASES = "https://w3id.org/ahtgraph/releases/"
PUBLISHER = "https://w3id.org/ahtgraph/contributors"
PUBLISHER_NAME = "ahtgraph contributors"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_PAGE = "https://samilia.org/en/other-resources/"
TITLE = "ahtgraph: who acts against trafficking in human beings"
DESCRIPTION = (
    "An open knowledge graph of the organisations that act against trafficking in human "
    "beings (Belgium's specialised victim centres, Myria, FPS Justice, the Council of Europe "
    "and GRETA, UNODC, IOM, ILO, the European Migration Network...), their mandates, the "
    "publications they issue, the legal instruments and campaigns they work with, and how "
    "they relate, with the web page that states each relation. Released with its OWL "
    "ontology, SHACL shapes and named SPARQL queries."
)
EXAMPLES = ("payoke", "myria", "greta")

MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
#: File extension → IANA media type.
MEDIA_TYPE = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml",
    ".rq": "application/sparql-query",
    ".cff": "application/yaml",
    ".md": "text/markdown",
}
GZIP = "application/gzip"

VOID = "http://rdfs.org/ns/void#"
SPDX = "http://spdx.org/rdf/terms#"
#: Prefixes written in dataset.ttl.
DESCRIPTION_PREFIXES = {
    "dcat": PREFIXES["dcat"],
    "dcterms": PREFIXES["dcterms"],
    "foaf": PREFIXES["foaf"],
    "owl": PREFIXES["owl"],
    "spdx": SPDX,
    "void": VOID,
    "xsd": PREFIXES["xsd"],
}


@dataclass(frozen=True)
class FileInfo:
    """One file of a release: path relative to the release folder, what it is, size, digest."""

    name: str
    title: str
    size: int
    sha256: str


def release_iri(version: str) -> str:
    """``https://w3id.org/ahtgraph/releases/X.Y.Z/``: the release, and the base of its files."""
    return f"{RELEASES}{version}/"


def namespace_of(iri: str) -> str:
    """The vocabulary an IRI belongs to: a known prefix's namespace, else up to the last # or /."""
    for namespace in sorted(PREFIXES.values(), key=len, reverse=True):
        if iri.startswith(namespace) and namespace != ID:
            return namespace
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _slug(iri: str) -> str:
    """A fragment-safe name for a partition: the prefixed name with ``:`` as ``-``."""
    short = shorten_iri(iri)
    if short.startswith("<"):
        short = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in short.replace(":", "-"))


def describe(
    graph: Graph, version: str, date: dt.date, files: list[FileInfo], dump_names: list[str]
) -> Graph:
    """The description graph: dataset, distributions, VoID statistics."""
    void = Namespace(VOID)
    spdx = Namespace(SPDX)
    base = release_iri(version)
    dataset = URIRef(base)
    out = Graph(bind_namespaces="none")
    for prefix, namespace in DESCRIPTION_PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)
    day = Literal(date.isoformat(), datatype=XSD.date)

    add = out.add
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, RDF.type, void.Dataset))
    add((dataset, DCTERMS.title, Literal(f"{TITLE} ({version})", lang="en")))
    add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    add((dataset, DCTERMS.license, URIRef(LICENSE)))
    add((dataset, DCTERMS.source, URIRef(SOURCE_PAGE)))
    add((dataset, DCTERMS.publisher, URIRef(PUBLISHER)))
    add((dataset, DCTERMS.issued, day))
    add((dataset, DCTERMS.modified, day))
    add((dataset, OWL.versionInfo, Literal(version)))
    add((dataset, URIRef(PREFIXES["dcat"] + "version"), Literal(version)))  # DCAT 3
    add((dataset, OWL.versionIRI, dataset))
    add((URIRef(PUBLISHER), RDF.type, FOAF.Organization))
    add((URIRef(PUBLISHER), FOAF.name, Literal(PUBLISHER_NAME)))

    for info in files:
        dist = URIRef(f"{base}distribution/{info.name}")
        url = URIRef(base + info.name)
        name = info.name[: -len(".gz")] if info.name.endswith(".gz") else info.name
        suffix = "." + name.rsplit(".", 1)[-1]
        add((dataset, DCAT.distribution, dist))
        add((dist, RDF.type, DCAT.Distribution))
        add((dist, DCTERMS.title, Literal(info.title, lang="en")))
        add((dist, DCTERMS.license, URIRef(LICENSE)))
        add((dist, DCAT.downloadURL, url))
        add((dist, DCAT.accessURL, dataset))
        add((dist, DCAT.mediaType, URIRef(MEDIA_TYPES + MEDIA_TYPE[suffix])))
        if info.name.endswith(".gz"):
            add((dist, DCAT.compressFormat, URIRef(MEDIA_TYPES + GZIP)))
        add((dist, DCAT.byteSize, Literal(str(info.size), datatype=XSD.nonNegativeInteger)))
        checksum = URIRef(f"{dist}#sha256")
        add((dist, spdx.checksum, checksum))
        add((checksum, RDF.type, spdx.Checksum))
        add((checksum, spdx.algorithm, spdx.checksumAlgorithm_sha256))
        add((checksum, spdx.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary)))
        if info.name in dump_names:
            add((dataset, void.dataDump, url))

    for triple in statistics(graph, dataset, version):
        add(triple)
    return out


def counts(graph: Graph) -> dict[str, int]:
    """Triples, entities (subjects in the id: namespace), classes in use, properties in use."""
    return {
        "triples": len(graph),
        "entities": len({s for s in graph.subjects(unique=True) if str(s).startswith(ID)}),
        "classes": len(set(graph.objects(None, RDF.type, unique=True))),
        "properties": len(set(graph.predicates(unique=True))),
    }


def statistics(graph: Graph, dataset, version: str):  # type: ignore[no-untyped-def]
    """The VoID triples about ``graph``: totals, partitions, examples, vocabularies."""
    void = Namespace(VOID)
    base = release_iri(version)

    def count(n: int) -> Literal:
        return Literal(str(n), datatype=XSD.integer)

    entities = {s for s in graph.subjects(unique=True) if str(s).startswith(ID)}
    instances: dict[URIRef, set] = {}
    for s, o in graph.subject_objects(RDF.type):
        instances.setdefault(o, set()).add(s)  # type: ignore[arg-type]
    predicates: Counter[URIRef] = Counter(cast(URIRef, p) for _, p, _ in graph)

    triples: list[tuple[Node, Node, Node]] = [
        (dataset, void.triples, count(len(graph))),
        (dataset, void.entities, count(len(entities))),
        (dataset, void.classes, count(len(instances))),
        (dataset, void.properties, count(len(predicates))),
        (dataset, void.distinctSubjects, count(len(set(graph.subjects(unique=True))))),
        (dataset, void.distinctObjects, count(len(set(graph.objects(unique=True))))),
        (dataset, void.uriSpace, Literal(ID)),
    ]
    slugs: set[tuple[str, str]] = set()

    def partition(kind: str, term: URIRef) -> URIRef:
        slug = _slug(str(term))
        while (kind, slug) in slugs:  # two IRIs with one short name: keep both partitions
            slug += "_"
        slugs.add((kind, slug))
        return URIRef(f"{base}void/{kind}/{slug}")

    for cls in sorted(instances):
        part = partition("class", cls)
        triples += [
            (dataset, void.classPartition, part),
            (part, void["class"], cls),
            (part, void.entities, count(len(instances[cls]))),
        ]
    for prop in sorted(predicates):
        part = partition("property", prop)
        triples += [
            (dataset, void.propertyPartition, part),
            (part, void.property, prop),
            (part, void.triples, count(predicates[prop])),
        ]
    for slug in EXAMPLES:
        example = URIRef(ID + slug)
        if example in entities:
            triples.append((dataset, void.exampleResource, example))
    vocabularies = {namespace_of(str(p)) for p in predicates}
    vocabularies |= {namespace_of(str(c)) for c in instances if not str(c).startswith(ID)}
    for namespace in sorted(vocabularies):
        triples.append((dataset, void.vocabulary, URIRef(namespace)))
    return triples


def to_turtle(description: Graph) -> str:
    """The description as Turtle, with its own prefixes (void:, spdx:) bound."""
    return description.serialize(format="turtle")
