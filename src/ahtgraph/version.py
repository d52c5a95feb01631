"""What ``ahtgraph --version`` reports: the package's version and the data's version.

The two move apart: the code is released as a Python package, the data carries its own
``owl:versionInfo`` and ``owl:versionIRI`` on the ontology (``data/ontology.ttl``), which is
what a release is named after. pyoxigraph reads the ontology file (no rdflib), so the answer
stays quick.
"""

from __future__ import annotations

from importlib import metadata

from . import resources

ONTOLOGY = "https://w3id.org/ahtgraph/ontology"
_OWL = "http://www.w3.org/2002/07/owl#"


def package_version() -> str:
    """The installed distribution's version, or ``unknown`` when run from a bare checkout."""
    try:
        return metadata.version("ahtgraph")
    except metadata.PackageNotFoundError:
        return "unknown"


def data_version() -> tuple[str | None, str | None]:
    """``(owl:versionInfo, owl:versionIRI)`` of the ontology in the data in use (None if absent)."""
    # lazy: the CLI imports this for --version alone
    import pyoxigraph as ox

    path = resources.data_dir() / "ontology.ttl"
    if not path.is_file():
        return None, None
    info = iri = None
    try:
        quads = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        for quad in quads:
            if quad.subject != ox.NamedNode(ONTOLOGY):
                continue
            if quad.predicate == ox.NamedNode(_OWL + "versionInfo"):
                info = quad.object.value
            elif quad.predicate == ox.NamedNode(_OWL + "versionIRI"):
                iri = quad.object.value
    except (SyntaxError, OSError):
        return None, None
    return info, iri


def text() -> str:
    """``ahtgraph 0.1.0`` and a second line with the data's version and version IRI."""
    info, iri = data_version()
    data = info or "unknown (the ontology has no owl:versionInfo)"
    if iri:
        data += f" <{iri}>"
    return f"ahtgraph {package_version()}\ndata {data} from {resources.data_dir()}\n"
