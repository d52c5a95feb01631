"""Generator for data/provenance.ttl: which page states each relation researchers rely on.

The table below is the curated part: for each relation (subject, predicate, object) the pages
that state it. The output is one rdf:Statement per relation, named
``id:claim-<subject>-<predicate>-<object>``, beside the plain triple (which stays in
data/resources.ttl). A mandate's pages are those of the mandate itself, read from the graph.

Run: python tools/gen_provenance.py > data/provenance.ttl
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/ahtgraph/id/"
AHT = "https://w3id.org/ahtgraph/ontology#"
ORG = "http://www.w3.org/ns/org#"
SAMILIA = "https://samilia.org/en/other-resources/"
#: News pages naming the funders of Payoke ("De vzw krijgt van Justitie, de Vlaamse overheid en
#: de Nationale Loterij een werkingsbudget"; "280.000 euro van de federale overheid en 180.000
#: van Vlaanderen") and Payoke's own page on the National Lottery's subsidies.
PZC_PAYOKE = (
    "https://www.pzc.nl/antwerpen/stad-en-payoke-smeken-minister-crevits-om-hulp-in-borealis"
    "-dossier-we-betaalden-al-310-000-euro-voor-opvang~a116f348/"
)
HLN_PAYOKE_2018 = (
    "https://www.hln.be/regio/antwerpen/-medewerkers-zitten-op-hun-tandvlees~ac7fb6c0/"
)
PAYOKE_NEWS_NL = (
    "http://payoke.be/nl/nieuws/n/1097/elke-sleurs-voorziet-ook-dit-jaar-een-dubbele-subsidie"
    "-voor-opvangcentra-mensenhandel"
)

PRED = {"funds": AHT + "funds", "monitors": AHT + "monitors", "publishes": AHT + "publishes",
        "runs": AHT + "runs", "establishedBy": AHT + "establishedBy", "adopted": AHT + "adopted",
        "hasMandate": AHT + "hasMandate", "subOrganizationOf": ORG + "subOrganizationOf",
        "hasMember": ORG + "hasMember", "ratified": AHT + "ratified",
        "supervises": AHT + "supervises", "coordinates": AHT + "coordinates"}  # fmt: skip

#: Relations whose only page is the source page while official pages say otherwise: the claim
#: keeps its true provenance and says so in a note (skos:note on the rdf:Statement).
NOTES: dict[tuple[str, str, str], str] = {
    **{
        ("fps-justice", "supervises", c): (
            "Stated only by the source page (samilia.org), which says FPS Justice funds and"
            " supervises the three centres. No official page read says FPS Justice supervises"
            " them: Myria's pages say Myria coordinates the cooperation of the three centres,"
            " and their recognition rests on the Royal Decree of 18 April 2013."
        )
        for c in ("pag-asa", "surya", "payoke")
    },
    ("fps-justice", "coordinates", "topic-trafficking-in-human-beings"): (
        "Stated only by the source page (samilia.org). Official pages give national coordination"
        " to the Interdepartmental Coordination Unit, chaired by the Minister of Justice (Myria,"
        " FPS Justice press release), not to FPS Justice as such."
    ),
}

CLAIMS: list[tuple[str, str, str, list[str]]] = [
    *[
        ("fps-justice", "funds", c, [SAMILIA, "https://news.belgium.be./fr/node/21230"])
        for c in ("pag-asa", "surya")
    ],
    (
        "fps-justice",
        "funds",
        "payoke",
        [SAMILIA, "https://news.belgium.be./fr/node/21230", PZC_PAYOKE],
    ),
    ("national-lottery", "funds", "pag-asa", ["http://sophiewilmes.be/?page=946&ln=FR"]),
    ("national-lottery", "funds", "payoke", [PZC_PAYOKE, PAYOKE_NEWS_NL]),
    ("flemish-government", "funds", "payoke", [PZC_PAYOKE, HLN_PAYOKE_2018]),
    (
        "greta",
        "monitors",
        "warsaw-convention",
        [SAMILIA, "https://www.coe.int/en-GB/web/anti-human-trafficking/greta"],
    ),
    *[("fps-justice", "supervises", c, [SAMILIA]) for c in ("pag-asa", "surya", "payoke")],
    ("fps-justice", "coordinates", "topic-trafficking-in-human-beings", [SAMILIA]),
    ("myria", "monitors", "topic-trafficking-in-human-beings", ["http://www.myria.be/fr/traite"]),
    ("myria", "monitors", "topic-migrant-smuggling", ["http://www.myria.be/fr/traite"]),
    *[
        ("pag-asa", "publishes", p, [SAMILIA, "https://pag-asa.be/en/learn-more"])
        for p in ("pag-asa-annual-reports", "pag-asa-awareness-materials")
    ],
    ("pag-asa", "publishes", "pag-asa-legislation-information", [SAMILIA]),
    (
        "myria",
        "publishes",
        "myria-newsletter",
        [
            SAMILIA,
            "https://unia.be/fr/articles/le-centre-federal-migration-sappelle-dorenavant-myria-et-publie-son-premier-rapport",
        ],
    ),
    ("myria", "publishes", "myria-press-releases", [SAMILIA, "https://myria.be/fr/actualite/P150"]),
    (
        "myria",
        "publishes",
        "myria-migration-in-figures-and-rights",
        [SAMILIA, "https://www.myria.be/nl/publicaties/migratie-in-cijfers-en-in-rechten-2023"],
    ),
    ("myria", "publishes", "myria-migration-in-figures-and-rights-2025", [SAMILIA]),
    ("myria", "publishes", "myria-trafficking-reports", [SAMILIA, "http://www.myria.be/fr/traite"]),
    ("myria", "publishes", "myria-trafficking-report-2024", [SAMILIA]),
    *[
        ("council-of-europe", "publishes", p, [SAMILIA])
        for p in (
            "coe-secretary-general-reports",
            "coe-secretary-general-report-2024",
            "coe-secretary-general-report-2025",
        )
    ],
    (
        "greta",
        "publishes",
        "greta-general-reports",
        [SAMILIA, "https://www.coe.int/en-GB/web/anti-human-trafficking/greta"],
    ),
    (
        "unodc",
        "publishes",
        "global-report-on-trafficking-in-persons",
        [SAMILIA, "https://www.unodc.org/unodc/en/data-and-analysis/tip.html"],
    ),
    (
        "iom",
        "publishes",
        "world-migration-report",
        [SAMILIA, "https://worldmigrationreport.iom.int/about"],
    ),
    (
        "iom",
        "publishes",
        "world-migration-report-2024",
        [SAMILIA, "https://worldmigrationreport.iom.int/about"],
    ),
    ("emn", "publishes", "emn-analyses", [SAMILIA]),
    (
        "unodc",
        "runs",
        "blue-heart-campaign",
        [SAMILIA, "http://unodc.org/unodc/en/press/releases/2009/March/2009-03.05.html"],
    ),
    ("greta", "establishedBy", "council-of-europe", [SAMILIA]),
    (
        "greta",
        "establishedBy",
        "warsaw-convention",
        [
            "https://unipd-centrodirittiumani.it/en/pages/the-group-of-experts-on-action-against-trafficking-in-human-beings-greta",
            "https://www.coe.int/en/web/gender-matters/the-convention-on-action-against-trafficking",
        ],
    ),
    (
        "greta",
        "subOrganizationOf",
        "council-of-europe",
        [
            "https://myria.be/fr/publications/greta-groupe-dexperts-sur-la-lutte-contre-la-traite-des-etres-humains",
            "https://www.coe.int/en-GB/web/anti-human-trafficking/greta",
        ],
    ),
    (
        "council-of-europe",
        "adopted",
        "warsaw-convention",
        [SAMILIA, "https://www.coe.int/en/web/anti-human-trafficking/anti-trafficking-convention"],
    ),
]


def kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def main() -> None:
    graph = Graph()
    graph.parse(ROOT / "data" / "resources.ttl")
    claims = list(CLAIMS)
    for holder, mandate in sorted(graph.subject_objects(URIRef(AHT + "hasMandate"))):
        pages = sorted(str(s) for s in graph.objects(mandate, DCTERMS.source))
        claims.append(
            (str(holder).removeprefix(ID), "hasMandate", str(mandate).removeprefix(ID), pages)
        )
    out = [
        "@prefix aht:     <https://w3id.org/ahtgraph/ontology#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix id:      <https://w3id.org/ahtgraph/id/> .",
        "@prefix org:     <http://www.w3.org/ns/org#> .",
        "@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
        "@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .",
        "",
        "# Which page states each relation researchers rely on (generated by tools/gen_provenance.py).",
        "# Each claim repeats a triple of data/resources.ttl; the triple itself stays there.",
        "",
    ]
    seen = set()
    for subject, predicate, obj, pages in sorted(claims, key=lambda c: (c[0], c[1], c[2])):
        triple = (URIRef(ID + subject), URIRef(PRED[predicate]), URIRef(ID + obj))
        if triple not in graph:
            sys.exit(f"not in data/resources.ttl: {subject} {predicate} {obj}")
        slug = f"claim-{subject}-{kebab(predicate)}-{obj}"
        assert slug not in seen, slug
        seen.add(slug)
        prefix = "org" if PRED[predicate].startswith(ORG) else "aht"
        sources = " , ".join(f"<{p}>" for p in pages)
        out += [
            f"id:{slug}",
            "    a rdf:Statement ;",
            f"    rdf:subject id:{subject} ;",
            f"    rdf:predicate {prefix}:{predicate} ;",
            f"    rdf:object id:{obj} ;",
        ]
        note = NOTES.get((subject, predicate, obj))
        if note:
            out.append(f'    skos:note "{note}"@en ;')
        out += [f"    dcterms:source {sources} .", ""]
    print("\n".join(out).rstrip() + "\n", end="")


if __name__ == "__main__":
    main()
