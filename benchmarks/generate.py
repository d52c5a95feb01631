"""Synthetic graphs shaped like ahtgraph's, at a chosen size, for benchmarks/bench_scale.py.

Why synthetic: the shipped graph has ~2,000 triples; users load their own data on top, and we
need to know how the embedded rdflib graph (and pyoxigraph) behave at 10k, 100k and 1M triples
before promising anything. The graph keeps our shape so the queries and SHACL shapes do real
work: the real ontology and concept schemes, then "units" of

* an organisation typed ``aht:Organisation`` and one subclass, labels in en/fr/nl, an English
  description, an organisation type, a seat and an area served (regions are ``aht:Place``),
  a homepage and two sources;
* its mandate (label, description, type, source);
* a publication series and a publication in it (type, year, sources);
* links: every third organisation funds another, monitoring bodies monitor a topic, every
  organisation publishes its series and publication;
* source pages with the date they were read.

The output is N-Triples, deterministic for a given size and seed (``random.Random(seed)``,
no hash-order dependence)::

    python benchmarks/generate.py 100000 -o /tmp/aht-100k.nt
    python benchmarks/generate.py 10k 100k 1M --out-dir /tmp/aht-scale
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

AHT = "https://w3id.org/ahtgraph/ontology#"
ID = "https://w3id.org/ahtgraph/id/"
SYN = ID + "syn-"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG_CLASSIFICATION = "http://www.w3.org/ns/org#classification"
FOAF_HOMEPAGE = "http://xmlns.com/foaf/0.1/homepage"

#: (subclass, organisation type concept slug)
KINDS = [
    ("VictimSupportCentre", "victim-support-centre"),
    ("NonGovernmentalOrganisation", "non-governmental-organisation"),
    ("PublicBody", "public-body"),
    ("MonitoringBody", "monitoring-body"),
    ("IntergovernmentalOrganisation", "intergovernmental-organisation"),
]
MANDATE_TYPES = ["victim-support", "monitoring", "research-and-analysis", "policy-coordination"]
PUBLICATION_TYPES = ["annual-report", "analysis", "evaluation-report", "statistical-report"]
TOPICS = ["trafficking-in-human-beings", "migrant-smuggling", "forced-labour", "asylum"]
WORDS = [
    "centre",
    "office",
    "network",
    "council",
    "group",
    "agency",
    "observatory",
    "service",
    "support",
    "watch",
]


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def base_lines() -> list[str]:
    """The real ontology and concept schemes, as sorted N-Triples lines."""
    from ahtgraph import resources
    from ahtgraph.loading import load_files

    files = [p for p in resources.graph_files() if p.stem in ("ontology", "concepts")]
    text = load_files(files).serialize(format="nt")
    return sorted(line for line in text.splitlines() if line.strip())


def units(seed: int) -> Iterator[list[str]]:
    """An endless, deterministic stream of units (one organisation and what hangs off it)."""
    rng = random.Random(seed)
    regions: list[str] = []
    i = 0
    while True:
        lines: list[str] = []
        t = lines.append
        if i % 50 == 0:  # a new region every 50 organisations
            region = f"{SYN}region-{len(regions)}"
            regions.append(region)
            t(f"{_iri(region)} {_iri(RDF_TYPE)} {_iri(AHT + 'Place')} .")
            t(f"{_iri(region)} {_iri(RDFS_LABEL)} {_lit(f'Region {len(regions)}', 'en')} .")
            t(f"{_iri(region)} {_iri(RDFS_LABEL)} {_lit(f'Région {len(regions)}', 'fr')} .")
            t(f"{_iri(region)} {_iri(DCT + 'source')} {_iri(f'https://example.org/region/{i}')} .")
        org = _iri(f"{SYN}org-{i}")
        cls, org_type = KINDS[i % len(KINDS)]
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {i}"
        page = f"https://example.org/source/{i // 3}"
        t(f"{org} {_iri(RDF_TYPE)} {_iri(AHT + 'Organisation')} .")
        t(f"{org} {_iri(RDF_TYPE)} {_iri(AHT + cls)} .")
        t(f"{org} {_iri(RDFS_LABEL)} {_lit(name, 'en')} .")
        t(f"{org} {_iri(RDFS_LABEL)} {_lit(name + ' (fr)', 'fr')} .")
        t(f"{org} {_iri(RDFS_LABEL)} {_lit(name + ' (nl)', 'nl')} .")
        t(f"{org} {_iri(DCT + 'description')} {_lit(f'A synthetic organisation, {name}.', 'en')} .")
        t(f"{org} {_iri(ORG_CLASSIFICATION)} {_iri(ID + 'organisation-type-' + org_type)} .")
        t(f"{org} {_iri(AHT + 'areaServed')} {_iri(rng.choice(regions))} .")
        t(f"{org} {_iri(AHT + 'basedIn')} {_iri(rng.choice(regions))} .")
        t(f"{org} {_iri(FOAF_HOMEPAGE)} {_iri(f'https://org{i}.example.org/')} .")
        t(f"{org} {_iri(DCT + 'source')} {_iri(page)} .")
        t(f"{org} {_iri(DCT + 'source')} {_iri(f'https://org{i}.example.org/about')} .")
        if i % 3 == 0 and i > 0:
            t(f"{org} {_iri(AHT + 'funds')} {_iri(f'{SYN}org-{rng.randrange(i)}')} .")
        if cls == "MonitoringBody":
            t(f"{org} {_iri(AHT + 'monitors')} {_iri(ID + 'topic-' + rng.choice(TOPICS))} .")
        if i % 3 == 0:
            t(f"{_iri(page)} {_iri(AHT + 'readOn')} {_lit('2026-11-28', datatype=XSD + 'date')} .")

        mandate = _iri(f"{SYN}mandate-{i}")
        mtype = rng.choice(MANDATE_TYPES)
        t(f"{org} {_iri(AHT + 'hasMandate')} {mandate} .")
        t(f"{mandate} {_iri(RDF_TYPE)} {_iri(AHT + 'Mandate')} .")
        t(f"{mandate} {_iri(RDFS_LABEL)} {_lit(f'Mandate of {name}', 'en')} .")
        t(f"{mandate} {_iri(DCT + 'description')} {_lit(f'What {name} is charged with.', 'en')} .")
        t(f"{mandate} {_iri(AHT + 'mandateType')} {_iri(ID + 'mandate-type-' + mtype)} .")
        t(f"{mandate} {_iri(DCT + 'source')} {_iri(page)} .")

        series = _iri(f"{SYN}series-{i}")
        t(f"{org} {_iri(AHT + 'publishes')} {series} .")
        t(f"{series} {_iri(RDF_TYPE)} {_iri(AHT + 'PublicationSeries')} .")
        t(f"{series} {_iri(RDFS_LABEL)} {_lit(f'{name} reports', 'en')} .")
        t(f"{series} {_iri(RDFS_LABEL)} {_lit(f'Rapports {name}', 'fr')} .")
        t(f"{series} {_iri(DCT + 'description')} {_lit(f'The reports of {name}.', 'en')} .")
        t(f"{series} {_iri(DCT + 'source')} {_iri(page)} .")

        pub = _iri(f"{SYN}publication-{i}")
        year = str(2000 + rng.randrange(26))
        ptype = rng.choice(PUBLICATION_TYPES)
        t(f"{org} {_iri(AHT + 'publishes')} {pub} .")
        t(f"{pub} {_iri(RDF_TYPE)} {_iri(AHT + 'Publication')} .")
        t(f"{pub} {_iri(RDFS_LABEL)} {_lit(f'{name} report {year}', 'en')} .")
        t(f"{pub} {_iri(DCT + 'description')} {_lit(f'The {year} report of {name}.', 'en')} .")
        t(f"{pub} {_iri(AHT + 'inSeries')} {series} .")
        t(f"{pub} {_iri(AHT + 'publicationType')} {_iri(ID + 'publication-type-' + ptype)} .")
        t(f"{pub} {_iri(DCT + 'issued')} {_lit(year, datatype=XSD + 'gYear')} .")
        t(f"{pub} {_iri(DCT + 'source')} {_iri(page)} .")
        yield lines
        i += 1


def generate(size: int, seed: int = 20260101) -> list[str]:
    """About ``size`` distinct N-Triples lines (the base plus whole units, never fewer)."""
    lines = base_lines()
    for unit in units(seed):
        if len(lines) >= size:
            break
        lines.extend(unit)
    return lines


def parse_size(text: str) -> int:
    """``10k`` → 10000, ``1M`` → 1000000, ``2500`` → 2500."""
    text = text.strip()
    scale = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", help="triples wanted: 10000, 10k, 1M ...")
    parser.add_argument("-o", "--output", type=Path, help="file to write (one size only)")
    parser.add_argument("--out-dir", type=Path, help="folder for aht-<size>.nt files")
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args(argv)
    for label in args.sizes:
        lines = generate(parse_size(label), args.seed)
        text = "\n".join(lines) + "\n"
        if args.output and len(args.sizes) == 1:
            target = args.output
        elif args.out_dir:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            target = args.out_dir / f"aht-{label}.nt"
        else:
            sys.stdout.write(text)
            continue
        target.write_text(text, encoding="utf-8")
        print(f"{target}: {len(lines)} triples", file=sys.stderr)


if __name__ == "__main__":
    main()
