"""The fixed prefix map used to print and export the graph.

Fixed (not read from the data files) so that output is identical whichever files were loaded and
in whatever order; ``context.jsonld`` carries the same map for JSON-LD. This module deliberately
avoids importing rdflib so the CLI's ``--help`` stays fast.
"""

from __future__ import annotations

ID = "https://w3id.org/ahtgraph/id/"
AHT = "https://w3id.org/ahtgraph/ontology#"

#: prefix → namespace IRI, in the order they are shown.
PREFIXES: dict[str, str] = {
    "aht": AHT,
    "id": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vann": "http://purl.org/vocab/vann/",
    "dcat": "http://www.w3.org/ns/dcat#",
}

#: Extra prefixes for display only (validation reports): not part of exports or the context.
DISPLAY_PREFIXES: dict[str, str] = {
    **PREFIXES,
    "sh": "http://www.w3.org/ns/shacl#",
    "ahtsh": "https://w3id.org/ahtgraph/shapes#",
}

# Longest namespace first, so a namespace nested in another one wins.
_BY_LENGTH = sorted(DISPLAY_PREFIXES.items(), key=lambda item: -len(item[1]))


def shorten_iri(iri: str) -> str:
    """``id:payoke`` for an IRI in a known namespace, ``<iri>`` otherwise.

    A local part with characters a reader could not paste back (spaces, slashes...) keeps the
    full IRI, so every shortened name can be typed into ``describe`` or a query unchanged.
    """
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            local = iri[len(namespace) :]
            if local and all(ch.isalnum() or ch in "-_." for ch in local):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """The IRI for ``prefix:local`` with a known prefix, or None if it is not one."""
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES or local.startswith("//"):
        return None
    return PREFIXES[prefix] + local
