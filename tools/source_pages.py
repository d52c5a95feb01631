"""Keep data/sources.ttl in step with the pages the graph cites.

Every IRI used as a dcterms:source is described in data/sources.ttl as a foaf:Document with the
date ahtgraph's curators read it (aht:readOn). This adds an entry, dated --read-on, for each
cited page that has none, keeps existing entries as they are, and rewrites the file sorted.

Run: python tools/source_pages.py --read-on 2026-11-28
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, XSD

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources.ttl"
AHT = Namespace("https://w3id.org/ahtgraph/ontology#")
HEADER = """@prefix aht:     <https://w3id.org/ahtgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

# The web pages the graph cites, with the date each was read (kept by tools/source_pages.py).
"""


def turtle_literal(value: Literal) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    if value.language:
        return f'"{text}"@{value.language}'
    if value.datatype:
        return f'"{text}"^^xsd:{str(value.datatype).removeprefix(str(XSD))}'
    return f'"{text}"'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--read-on", required=True, type=datetime.date.fromisoformat)
    args = parser.parse_args()

    graph = Graph()
    for path in sorted((ROOT / "data").glob("*.ttl")):
        graph.parse(path)
    cited = {o for o in graph.objects(None, DCTERMS.source) if isinstance(o, URIRef)}
    for page in cited:
        if graph.value(page, AHT.readOn) is None:
            graph.add((page, RDF.type, FOAF.Document))
            graph.add((page, AHT.readOn, Literal(args.read_on.isoformat(), datatype=XSD.date)))

    blocks = []
    for page in sorted(set(graph.subjects(RDF.type, FOAF.Document)), key=str):
        lines = [f"<{page}>", "    a foaf:Document ;"]
        for prop, name in (
            (DCTERMS.title, "dcterms:title"),
            (DCTERMS.modified, "dcterms:modified"),
        ):
            for value in sorted(graph.objects(page, prop), key=str):
                lines.append(f"    {name} {turtle_literal(value)} ;")  # type: ignore[arg-type]
        read_on = graph.value(page, AHT.readOn)
        lines.append(f"    aht:readOn {turtle_literal(read_on)} .")  # type: ignore[arg-type]
        blocks.append("\n".join(lines))
    SOURCES.write_text(HEADER + "\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    print(f"{len(blocks)} pages described in {SOURCES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
