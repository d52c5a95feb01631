"""A static website of the graph: an index, one page per entity, the ontology, and the raw data.

``render(graph)`` returns every file of the site as ``{relative path: text}``; ``build`` writes
them into a folder in place through ``output.build_folder`` (each file atomically, the marker
``.ahtgraph-build`` last; ``--force`` replaces only a folder ahtgraph built). The layout:

* ``index.html``: the entities grouped by type, a search box (inline JavaScript; the full list
  is there without it) and the picture of the network with the same relations as a list;
* ``id/<slug>.html``: one page per entity, with its schema.org JSON-LD, and beside it
  ``id/<slug>.ttl`` and ``id/<slug>.jsonld`` (what ``describe --format turtle|jsonld`` print),
  so the site is also a static Linked Data publication;
* ``ontology.html``: the classes and properties of ``data/ontology.ttl``;
* ``ahtgraph.ttl``: the whole graph; ``style.css``: the one style sheet.

Plain HTML written with f-strings: every text from the graph goes through ``html.escape``.
Everything is sorted and nothing depends on the clock, so two builds are byte-identical.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import output
from .prefixes import AHT, ID, PREFIXES, shorten_iri

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Identifier, Node

LANG = "en"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_PAGE = "https://samilia.org/en/other-resources/"
ONTOLOGY_IRI = "https://w3id.org/ahtgraph/ontology"
LANGUAGE_NAMES = {"en": "English", "fr": "French", "nl": "Dutch", "de": "German"}

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
OWL = PREFIXES["owl"]
SKOS = PREFIXES["skos"]
DCTERMS = PREFIXES["dcterms"]
RDF_TYPE = RDF + "type"
LABEL = RDFS + "label"
ALT_LABEL = SKOS + "altLabel"
PREF_LABEL = SKOS + "prefLabel"
DEFINITION = SKOS + "definition"
NOTE = SKOS + "note"
DESCRIPTION = DCTERMS + "description"
SOURCE = DCTERMS + "source"
READ_ON = AHT + "readOn"
PUBLISHES = AHT + "publishes"
HAS_MANDATE = AHT + "hasMandate"

#: Shown in their own sections of an entity page, not among its facts or relations.
_OWN_SECTIONS = {RDF_TYPE, LABEL, ALT_LABEL, PREF_LABEL, NOTE, DESCRIPTION, SOURCE}

#: English names for the terms of other vocabularies the data uses (ours carry rdfs:label).
TERM_LABELS: dict[str, str] = {
    RDFS + "seeAlso": "see also",
    SKOS + "inScheme": "in scheme",
    SKOS + "topConceptOf": "top concept of",
    SKOS + "hasTopConcept": "has top concept",
    SKOS + "definition": "definition",
    DCTERMS + "subject": "subject",
    DCTERMS + "spatial": "place",
    DCTERMS + "date": "date",
    DCTERMS + "issued": "issued",
    DCTERMS + "title": "title",
    PREFIXES["foaf"] + "homepage": "homepage",
    PREFIXES["foaf"] + "page": "page about it",
    PREFIXES["org"] + "classification": "classification",
    PREFIXES["org"] + "hasMember": "has member",
    PREFIXES["org"] + "subOrganizationOf": "part of",
    PREFIXES["org"] + "linkedTo": "linked to",
    PREFIXES["schema"] + "foundingDate": "founded",
    PREFIXES["schema"] + "legalName": "legal name",
    PREFIXES["schema"] + "legislationDate": "date of the text",
    PREFIXES["schema"] + "legislationIdentifier": "identifier",
    PREFIXES["schema"] + "containedInPlace": "contained in",
    PREFIXES["schema"] + "inLanguage": "language",
    PREFIXES["schema"] + "startDate": "first held",
    RDF + "subject": "subject",
    RDF + "predicate": "predicate",
    RDF + "object": "object",
}

#: Groups of the index, in order: (heading, subheading or "", classes). An entity goes in the
#: first group one of its classes belongs to; the organisation kinds are subgroups.
ORGANISATIONS = "Organisations"
GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    (ORGANISATIONS, "Specialised victim-support centres", (AHT + "VictimSupportCentre",)),
    (ORGANISATIONS, "Non-governmental organisations", (AHT + "NonGovernmentalOrganisation",)),
    (ORGANISATIONS, "Independent public bodies", (AHT + "IndependentPublicBody",)),
    (ORGANISATIONS, "Public bodies", (AHT + "PublicBody",)),
    (ORGANISATIONS, "Intergovernmental organisations", (AHT + "IntergovernmentalOrganisation",)),
    (ORGANISATIONS, "Monitoring bodies", (AHT + "MonitoringBody",)),
    (ORGANISATIONS, "Courts", (AHT + "Court",)),
    (ORGANISATIONS, "Coordination bodies", (AHT + "CoordinationBody",)),
    (ORGANISATIONS, "Networks", (AHT + "Network",)),
    (ORGANISATIONS, "Other organisations", (AHT + "Organisation",)),
    ("Mandates", "", (AHT + "Mandate",)),
    ("Publication series", "", (AHT + "PublicationSeries",)),
    ("Publications", "", (AHT + "Publication",)),
    ("Legal instruments", "", (AHT + "LegalInstrument",)),
    ("Ratifications", "", (AHT + "Ratification",)),
    ("Campaigns and observances", "", (AHT + "Campaign", AHT + "Observance")),
    ("Places", "", (AHT + "Place",)),
    ("Concept schemes", "", (SKOS + "ConceptScheme",)),
    # Concepts are subgrouped by scheme (see _group_of).
    ("Concepts", "", (SKOS + "Concept",)),
]
OTHER = "Other entities"
NETWORK_TITLE = "Who funds, supervises, monitors, coordinates, publishes and runs what"

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


# ------------------------------------------------------------------------------ collecting


@dataclass
class Entity:
    """An entity that gets a page: its IRI, file name, names and place in the index."""

    iri: str
    slug: str
    label: str
    group: tuple[str, str]
    search: str
    types: list[str] = field(default_factory=list)


def _text_key(text: str) -> str:
    """Lower case without accents: what the search box compares (the script does the same)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def slug_of(iri: str) -> str | None:
    """The file name of an entity IRI (``id:payoke`` → ``payoke``), or None if not ours."""
    if not iri.startswith(ID):
        return None
    slug = iri[len(ID) :]
    return slug if _SLUG.match(slug) else None


def _literals(graph: Graph, iri: Node, predicate: str) -> list[Any]:
    from rdflib import Literal, URIRef

    return sorted(
        (o for o in graph.objects(iri, URIRef(predicate)) if isinstance(o, Literal)),
        key=lambda o: (o.language or "", str(o)),
    )


def _english(graph: Graph, iri: Node, predicate: str) -> str:
    values = _literals(graph, iri, predicate)
    english = [str(v) for v in values if (v.language or LANG).startswith(LANG)]
    return english[0] if english else (str(values[0]) if values else "")


def _group_of(graph: Graph, iri: URIRef, types: set[str]) -> tuple[str, str]:
    from rdflib import URIRef

    for heading, sub, classes in GROUPS:
        if types.intersection(classes):
            if heading == "Concepts":
                schemes = sorted(
                    cast("list[Identifier]", list(graph.objects(iri, URIRef(SKOS + "inScheme"))))
                )
                if schemes:
                    sub = _english(graph, schemes[0], LABEL) or shorten_iri(str(schemes[0]))
            return heading, sub
    return OTHER, ""


def entities(graph: Graph) -> dict[str, Entity]:
    """Every entity of ours that gets a page, by IRI: subjects in the id: namespace, except the
    provenance records (rdf:Statement), which are shown on the pages of what they are about."""
    from rdflib import URIRef

    found: dict[str, Entity] = {}
    for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
        iri = str(subject)
        slug = slug_of(iri)
        if slug is None:
            continue
        types = {str(t) for t in graph.objects(subject, URIRef(RDF_TYPE))}
        if RDF + "Statement" in types:
            continue
        label = _english(graph, subject, LABEL) or _english(graph, subject, PREF_LABEL) or slug
        names = [str(o) for p in (LABEL, ALT_LABEL) for o in _literals(graph, subject, p)]
        search = _text_key(" ".join([slug, *names]))
        found[iri] = Entity(
            iri, slug, label, _group_of(graph, subject, types), search, sorted(types)
        )
    return found


# ------------------------------------------------------------------------------ HTML parts


def _lang_attr(term: Any) -> str:
    language = getattr(term, "language", None)
    return f' lang="{escape(language)}"' if language and language != LANG else ""


def _literal_html(term: Any) -> str:
    """A literal as HTML: tagged text keeps its language (``lang`` attribute)."""
    text = escape(str(term))
    attr = _lang_attr(term)
    return f"<span{attr}>{text}</span>" if attr else text


def _external_link(iri: str) -> str:
    return f'<a href="{escape(iri)}">{escape(iri)}</a>'


class Pages:
    """Renders the pages of one graph; ``prefix`` is the way from a page up to the site root."""

    def __init__(self, graph: Graph) -> None:
        from .network_svg import network

        self.graph = graph
        self.entities = entities(graph)
        self.terms = ontology_terms(graph)
        self.network = network(graph)
        self.snippets = schema_snippets(graph)

    # -- names and links

    def term_label(self, iri: str) -> str:
        """The English name of a predicate or class: its rdfs:label, ours, or its short name."""
        from rdflib import URIRef

        return _english(self.graph, URIRef(iri), LABEL) or TERM_LABELS.get(iri) or shorten_iri(iri)

    def link(self, term: Any, prefix: str) -> str:
        """A link to what ``term`` names: its page here, its ontology entry, or the web page."""
        from rdflib import Literal

        if isinstance(term, Literal):
            return _literal_html(term)
        iri = str(term)
        entity = self.entities.get(iri)
        if entity is not None:
            return f'<a href="{prefix}id/{entity.slug}.html">{escape(entity.label)}</a>'
        if iri in self.terms:
            return (
                f'<a href="{prefix}ontology.html#{escape(iri[len(AHT) :])}">'
                f"{escape(self.term_label(iri))}</a>"
            )
        if iri.startswith(ID):
            return f"<code>{escape(shorten_iri(iri))}</code>"
        if iri.startswith(("http://", "https://")):
            return _external_link(iri)
        return f"<code>{escape(iri)}</code>"

    # -- page frame

    def page(self, title: str, prefix: str, body: str, head: str = "") -> str:
        nav = (
            f'<nav aria-label="Site"><a href="{prefix}index.html">ahtgraph</a> · '
            f'<a href="{prefix}ontology.html">Ontology</a> · '
            f'<a href="{prefix}ahtgraph.ttl" type="text/turtle">Whole graph (Turtle)</a></nav>'
        )
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{LANG}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n"
            f'<link rel="stylesheet" href="{prefix}style.css">\n'
            f"{head}</head>\n<body>\n"
            '<a class="skip" href="#main">Skip to content</a>\n'
            f"<header>{nav}</header>\n"
            f'<main id="main">\n{body}</main>\n'
            f"{self.footer(prefix)}"
            "</body>\n</html>\n"
        )

    @staticmethod
    def footer(prefix: str) -> str:
        return (
            '<footer>\n<p class="licence">Data licensed under '
            f'<a rel="license" href="{LICENCE_URL}">CC BY 4.0</a>: ahtgraph contributors, based '
            f'on samilia.org\'s <a href="{SOURCE_PAGE}">“Other resources”</a> page and the '
            "public pages cited on each entity's page.</p>\n"
            '<p class="source">Source: the ahtgraph knowledge graph '
            f'(<a href="{prefix}ahtgraph.ttl" type="text/turtle">the whole graph in Turtle</a>, '
            f'<a href="{prefix}ontology.html">its ontology</a>); pages generated by '
            "<code>ahtgraph site</code>.</p>\n</footer>\n"
        )

    # -- entity pages

    def entity_page(self, entity: Entity) -> str:
        from rdflib import Literal, URIRef

        from . import describe

        graph, iri = self.graph, URIRef(entity.iri)
        found = describe.facts(graph, iri)
        prefix = "../"
        parts: list[str] = [f"<h1>{escape(entity.label)}</h1>\n"]

        type_links = [self.link(URIRef(t), prefix) for t in entity.types]
        parts.append(
            f'<p class="meta">{", ".join(type_links) or "Entity"} · '
            f"<code>{escape(entity.iri)}</code></p>\n"
        )
        descriptions = found.descriptions or _literals(graph, iri, DEFINITION)
        parts.extend(f'<p class="lead">{_literal_html(d)}</p>\n' for d in descriptions)

        # Names in other languages, and other names.
        others = [
            lit
            for lit in _literals(graph, iri, LABEL)
            if not (lit.language or LANG).startswith(LANG) or str(lit) != entity.label
        ]
        alternatives = _literals(graph, iri, ALT_LABEL)
        if others or alternatives:
            parts.append('<section aria-labelledby="names"><h2 id="names">Names</h2>\n<ul>\n')
            for lit in others:
                language = LANGUAGE_NAMES.get(lit.language or "", lit.language or "no language")
                parts.append(f"<li>{escape(language)}: {_literal_html(lit)}</li>\n")
            for lit in alternatives:
                language = LANGUAGE_NAMES.get(lit.language or "", lit.language or "no language")
                parts.append(f"<li>Also known as ({escape(language)}): {_literal_html(lit)}</li>\n")
            parts.append("</ul></section>\n")

        # Facts: values, and links to pages elsewhere or to the ontology.
        facts: dict[str, list[str]] = defaultdict(list)
        relations: list[tuple[Node, Node]] = []
        mandates: list[Node] = []
        publications: list[Node] = []
        for p, o in found.outgoing:
            key = str(p)
            if key in _OWN_SECTIONS or (key == DEFINITION and not found.descriptions):
                continue
            if key == HAS_MANDATE:
                mandates.append(o)
            elif key == PUBLISHES:
                publications.append(o)
            elif isinstance(o, Literal) or str(o) not in self.entities:
                facts[key].append(self.link(o, prefix))
            else:
                relations.append((p, o))
        if facts:
            parts.append('<section aria-labelledby="facts"><h2 id="facts">Facts</h2>\n<dl>\n')
            for key in sorted(facts, key=lambda k: (self.term_label(k), k)):
                parts.append(f"<dt>{escape(self.term_label(key))}</dt>\n")
                parts.extend(f"<dd>{value}</dd>\n" for value in facts[key])
            parts.append("</dl></section>\n")

        for heading, anchor, items in (
            ("Mandates", "mandates", mandates),
            ("Publications", "publications", publications),
        ):
            if not items:
                continue
            parts.append(
                f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{heading}</h2>\n<ul>\n'
            )
            for item in items:
                description = _english(graph, item, DESCRIPTION)
                text = f" — {escape(description)}" if description else ""
                parts.append(f"<li>{self.link(item, prefix)}{text}</li>\n")
            parts.append("</ul></section>\n")

        incoming = [(p, s) for p, s in found.incoming if str(s) in self.entities]
        if relations or incoming:
            parts.append('<section aria-labelledby="relations"><h2 id="relations">Relations</h2>\n')
            if relations:
                parts.append(f"<h3>From {escape(entity.label)}</h3>\n<ul>\n")
                parts.extend(
                    f'<li><span class="predicate">{escape(self.term_label(str(p)))}</span> '
                    f"{self.link(o, prefix)}</li>\n"
                    for p, o in relations
                )
                parts.append("</ul>\n")
            if incoming:
                parts.append(f"<h3>To {escape(entity.label)}</h3>\n<ul>\n")
                parts.extend(
                    f'<li>{self.link(s, prefix)} <span class="predicate">'
                    f"{escape(self.term_label(str(p)))}</span> this</li>\n"
                    for p, s in incoming
                )
                parts.append("</ul>\n")
            parts.append("</section>\n")

        notes = _literals(graph, iri, NOTE)
        if notes:
            parts.append('<section aria-labelledby="notes"><h2 id="notes">Notes</h2>\n')
            parts.extend(f"<p>{_literal_html(n)}</p>\n" for n in notes)
            parts.append("</section>\n")

        if found.sources or found.provenance:
            parts.append('<section aria-labelledby="sources"><h2 id="sources">Sources</h2>\n')
            if found.sources:
                parts.append("<ul>\n")
                parts.extend(f"<li>{self._source(s)}</li>\n" for s in found.sources)
                parts.append("</ul>\n")
            if found.provenance:
                parts.append("<h3>Who states the relations</h3>\n<ul>\n")
                for subject, predicate, obj, pages in found.provenance:
                    claim = (
                        f"{self.link(subject, prefix)} "
                        f'<span class="predicate">{escape(self.term_label(str(predicate)))}'
                        f"</span> {self.link(obj, prefix)}"
                    )
                    cited = "; ".join(self._source(page, read) for page, read in pages)
                    parts.append(f"<li>{claim}: {cited or 'no page cited'}</li>\n")
                parts.append("</ul>\n")
            parts.append("</section>\n")

        parts.append(
            '<section aria-labelledby="data"><h2 id="data">Data</h2>\n<p>This entity\'s '
            f'triples: <a href="{entity.slug}.ttl" type="text/turtle">Turtle</a> · '
            f'<a href="{entity.slug}.jsonld" type="application/ld+json">JSON-LD</a>. '
            f"Its identifier is <code>{escape(entity.iri)}</code>.</p></section>\n"
        )
        summary = str(descriptions[0]) if descriptions else entity.label
        head = (
            f'<link rel="alternate" type="text/turtle" href="{entity.slug}.ttl">\n'
            f'<link rel="alternate" type="application/ld+json" href="{entity.slug}.jsonld">\n'
            f'<meta name="description" content="{escape(summary)}">\n'
            f"{self._json_ld(iri)}"
        )
        return self.page(f"{entity.label} — ahtgraph", prefix, "".join(parts), head)

    def _source(self, page: Any, read_on: Any = None) -> str:
        from rdflib import URIRef

        if read_on is None:
            read_on = self.graph.value(page, URIRef(READ_ON))
        when = f" (read on {escape(str(read_on))})" if read_on is not None else ""
        return f"{self.link(page, '../')}{when}"

    def _json_ld(self, iri: URIRef) -> str:
        """The entity's schema.org description, as a search engine reads it (none for what
        schema.org has no word for: mandates, concepts, ratifications)."""
        snippet = self.snippets.get(str(iri))
        if snippet is None:
            return ""
        text = json.dumps(snippet, ensure_ascii=False, sort_keys=True, indent=2)
        # "</script>" (or "<!--") inside a string must not end the element early.
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f'<script type="application/ld+json">\n{text}\n</script>\n'

    # -- index

    def index_page(self) -> str:
        from .network_svg import to_svg

        nodes, edges = self.network
        by_iri = {n.iri: n for n in nodes}
        parts = [
            "<h1>ahtgraph: who acts against trafficking in human beings</h1>\n",
            '<p class="lead">An open knowledge graph of the organisations that act against '
            "trafficking in human beings, their mandates, the publications they issue, the "
            "legal instruments and campaigns they work with, and how they relate. "
            f"{len(self.entities)} entities; each has a page, with its data in Turtle and "
            'JSON-LD. The terms are defined in the <a href="ontology.html">ontology</a>.</p>\n',
        ]
        description = (
            f"{len(nodes)} entities and {len(edges)} relations: organisations in columns by "
            "kind, what they act on in the last column, arrows for who funds, supervises, "
            "monitors, coordinates, publishes or runs what. The same relations follow as a list."
        )
        parts.append(
            '<section aria-labelledby="network"><h2 id="network">The network</h2>\n'
            f'<figure>\n<div class="scroll">\n'
            f"{to_svg(nodes, edges, NETWORK_TITLE, description)}"
            f"</div>\n<figcaption>{escape(description)}</figcaption>\n</figure>\n"
            "<h3>The relations in the picture</h3>\n<ul>\n"
        )
        for e in edges:
            parts.append(
                f'<li>{self._node_link(by_iri[e.source].iri)} <span class="predicate">'
                f"{escape(e.relation)}</span> {self._node_link(by_iri[e.target].iri)}</li>\n"
            )
        parts.append("</ul>\n</section>\n")

        parts.append(
            '<section aria-labelledby="entities"><h2 id="entities">Entities</h2>\n'
            '<form id="search-form" role="search" hidden>\n'
            '<label for="search">Filter the entities by name</label>\n'
            '<input type="search" id="search" autocomplete="off" spellcheck="false">\n'
            '<p id="search-status" aria-live="polite"></p>\n</form>\n'
        )
        grouped: dict[tuple[str, str], list[Entity]] = defaultdict(list)
        for entity in self.entities.values():
            grouped[entity.group].append(entity)
        order = [heading for heading, _, _ in GROUPS] + [OTHER]
        headings = sorted(
            {h for h, _ in grouped}, key=lambda h: order.index(h) if h in order else len(order)
        )
        for heading in headings:
            subs = sorted(
                (sub for h, sub in grouped if h == heading), key=lambda s: self._sub_order(s)
            )
            anchor = "group-" + _anchor(heading)
            parts.append(
                f'<section class="group" aria-labelledby="{anchor}">'
                f'<h3 id="{anchor}">{escape(heading)}</h3>\n'
            )
            for sub in subs:
                members = sorted(grouped[(heading, sub)], key=lambda e: (e.label.casefold(), e.iri))
                if sub:
                    sub_anchor = f"{anchor}-{_anchor(sub)}"
                    parts.append(
                        f'<section class="group" aria-labelledby="{sub_anchor}">'
                        f'<h4 id="{sub_anchor}">{escape(sub)}</h4>\n'
                    )
                parts.append('<ul class="entities">\n')
                parts.extend(
                    f'<li class="entity" data-search="{escape(e.search)}">'
                    f'<a href="id/{e.slug}.html">{escape(e.label)}</a></li>\n'
                    for e in members
                )
                parts.append("</ul>\n")
                if sub:
                    parts.append("</section>\n")
            parts.append("</section>\n")
        parts.append("</section>\n")
        parts.append(f"<script>\n{SEARCH_SCRIPT}</script>\n")
        return self.page(
            "ahtgraph: who acts against trafficking in human beings", "", "".join(parts)
        )

    def _node_link(self, iri: str) -> str:
        from rdflib import URIRef

        return self.link(URIRef(iri), "")

    @staticmethod
    def _sub_order(sub: str) -> tuple[int, str]:
        subs = [s for _, s, _ in GROUPS]
        return (subs.index(sub), "") if sub in subs else (len(subs), sub.casefold())

    # -- ontology

    def ontology_page(self) -> str:
        from rdflib import URIRef

        graph, onto = self.graph, URIRef(ONTOLOGY_IRI)
        title = _english(graph, onto, DCTERMS + "title") or "ahtgraph ontology"
        parts = [f"<h1>{escape(title)}</h1>\n"]
        parts.extend(
            f'<p class="lead">{_literal_html(d)}</p>\n'
            for d in _literals(graph, onto, DCTERMS + "description")
        )
        version = _english(graph, onto, OWL + "versionInfo")
        parts.append(
            "<dl>\n<dt>IRI</dt>\n"
            f"<dd><code>{escape(ONTOLOGY_IRI)}</code></dd>\n"
            f"<dt>Namespace</dt>\n<dd><code>{escape(AHT)}</code> (prefix <code>aht</code>)</dd>\n"
            + (f"<dt>Version</dt>\n<dd>{escape(version)}</dd>\n" if version else "")
            + f'<dt>Licence</dt>\n<dd><a href="{LICENCE_URL}">CC BY 4.0</a></dd>\n</dl>\n'
        )
        kinds = [
            ("Classes", OWL + "Class"),
            ("Object properties", OWL + "ObjectProperty"),
            ("Datatype properties", OWL + "DatatypeProperty"),
        ]
        for heading, kind in kinds:
            members = sorted(
                (iri for iri, types in self.terms.items() if kind in types),
                key=lambda i: i[len(AHT) :].casefold(),
            )
            if not members:
                continue
            anchor = _anchor(heading)
            parts.append(
                f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{escape(heading)}</h2>\n'
            )
            parts.append(
                '<p class="toc">'
                + " · ".join(
                    f'<a href="#{escape(i[len(AHT) :])}">{escape(i[len(AHT) :])}</a>'
                    for i in members
                )
                + "</p>\n"
            )
            parts.extend(self._term(iri) for iri in members)
            parts.append("</section>\n")
        return self.page(f"{title} — ahtgraph", "", "".join(parts))

    def _term(self, iri: str) -> str:
        from rdflib import URIRef

        graph, term = self.graph, URIRef(iri)
        local = iri[len(AHT) :]
        rows: list[tuple[str, list[str]]] = [("IRI", [f"<code>{escape(iri)}</code>"])]
        rows.append(
            (
                "Labels",
                [
                    f"{escape(LANGUAGE_NAMES.get(lit.language or '', lit.language or '-'))}: "
                    f"{_literal_html(lit)}"
                    for lit in _literals(graph, term, LABEL)
                ],
            )
        )
        rows.append(("Definition", [_literal_html(d) for d in _literals(graph, term, DEFINITION)]))
        rows.append(
            ("Comment", [_literal_html(c) for c in _literals(graph, term, RDFS + "comment")])
        )
        for name, predicate in (
            ("Subclass of", RDFS + "subClassOf"),
            ("Subproperty of", RDFS + "subPropertyOf"),
            ("Domain", RDFS + "domain"),
            ("Range", RDFS + "range"),
            ("Inverse of", OWL + "inverseOf"),
            ("Disjoint with", OWL + "disjointWith"),
            ("See also", RDFS + "seeAlso"),
        ):
            rows.append(
                (
                    name,
                    [
                        self._term_link(o)
                        for o in sorted(
                            cast("list[Identifier]", list(graph.objects(term, URIRef(predicate))))
                        )
                    ],
                )
            )
        characteristics = sorted(
            shorten_iri(str(t))
            for t in graph.objects(term, URIRef(RDF_TYPE))
            if str(t) not in (OWL + "Class", OWL + "ObjectProperty", OWL + "DatatypeProperty")
        )
        rows.append(("Characteristics", [escape(c) for c in characteristics]))
        used = sorted(
            (e for e in self.entities.values() if iri in e.types), key=lambda e: e.label.casefold()
        )
        if used:
            rows.append(
                ("Entities", [f'<a href="id/{e.slug}.html">{escape(e.label)}</a>' for e in used])
            )
        body = "".join(
            f"<dt>{name}</dt>\n" + "".join(f"<dd>{v}</dd>\n" for v in values)
            for name, values in rows
            if values
        )
        label = self.term_label(iri)
        return (
            f'<section id="{escape(local)}" aria-labelledby="h-{escape(local)}">'
            f'<h3 id="h-{escape(local)}">{escape(label)} <code>aht:{escape(local)}</code></h3>\n'
            f"<dl>\n{body}</dl></section>\n"
        )

    def _term_link(self, term: Any) -> str:
        iri = str(term)
        if iri in self.terms:
            return f'<a href="#{escape(iri[len(AHT) :])}">{escape(shorten_iri(iri))}</a>'
        if iri.startswith(("http://", "https://")):
            return f'<a href="{escape(iri)}">{escape(shorten_iri(iri))}</a>'
        return f"<code>{escape(iri)}</code>"


def schema_snippets(graph: Graph) -> dict[str, dict[str, Any]]:
    """The schema.org snippet of every entity that has one, by IRI.

    ``schema_org.all_snippets`` maps the whole graph once; each of its items is what
    ``schema_org.snippet`` gives for that entity, less the context (tests check the two agree).
    Calling ``snippet`` once per page would redo the language selection over the whole graph
    for every page.
    """
    from . import schema_org

    document = schema_org.all_snippets(graph, LANG)
    return {item["@id"]: {"@context": document["@context"], **item} for item in document["@graph"]}


def ontology_terms(graph: Graph) -> dict[str, set[str]]:
    """The classes and properties our ontology defines, with their rdf:types."""
    from rdflib import URIRef

    terms: dict[str, set[str]] = {}
    for subject in graph.subjects(URIRef(RDFS + "isDefinedBy"), URIRef(ONTOLOGY_IRI)):
        iri = str(subject)
        if iri.startswith(AHT) and re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", iri[len(AHT) :]):
            terms[iri] = {str(t) for t in graph.objects(subject, URIRef(RDF_TYPE))}
    return dict(sorted(terms.items()))


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _text_key(text)).strip("-")


SEARCH_SCRIPT = """\
(function () {
  var form = document.getElementById("search-form");
  var box = document.getElementById("search");
  var status = document.getElementById("search-status");
  var items = Array.prototype.slice.call(document.querySelectorAll("li.entity"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  function norm(text) {
    return text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  function filter() {
    var words = norm(box.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute("data-search");
      var match = words.every(function (word) { return text.indexOf(word) >= 0; });
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li.entity:not([hidden])");
    });
    status.textContent = words.length ? shown + " of " + items.length + " entities match" : "";
  }
  form.hidden = false;
  box.addEventListener("input", filter);
  form.addEventListener("submit", function (event) { event.preventDefault(); filter(); });
})();
"""


# ------------------------------------------------------------------------------ the site


def render(graph: Graph) -> dict[str, str]:
    """Every file of the site: relative path (with ``/``) → text."""
    from . import describe, serialize

    pages = Pages(graph)
    files: dict[str, str] = {
        "index.html": pages.index_page(),
        "ontology.html": pages.ontology_page(),
        "style.css": style_sheet(),
        "ahtgraph.ttl": serialize.dumps(graph, "turtle"),
    }
    for entity in pages.entities.values():
        from rdflib import URIRef

        triples = describe.triples(graph, URIRef(entity.iri))
        files[f"id/{entity.slug}.html"] = pages.entity_page(entity)
        files[f"id/{entity.slug}.ttl"] = serialize.dumps(triples, "turtle")
        files[f"id/{entity.slug}.jsonld"] = serialize.dumps(triples, "jsonld")
    return dict(sorted(files.items()))


def style_sheet() -> str:
    """The shipped style sheet (``site_static/style.css``)."""
    from importlib.resources import files

    return (files("ahtgraph") / "site_static" / "style.css").read_text(encoding="utf-8")


def check_target(out: Path, force: bool) -> None:
    """Refuse a folder that is not empty unless it is an ahtgraph build and ``force`` is given
    (see ``output.check_folder``)."""
    output.check_folder(out, force)


def write(files: dict[str, str], out: Path, force: bool = False) -> None:
    """Write ``files`` into the folder ``out``, each atomically, the marker last. In a new or
    empty folder a failure leaves nothing; over an earlier build it leaves an interrupted one,
    which ``--force`` replaces."""
    with output.build_folder(out, force=force, command="site") as folder:
        for relative, text in files.items():
            folder.write(relative, text)


def build(graph: Graph, out: Path, force: bool = False) -> list[str]:
    """Render the site of ``graph`` and write it to ``out``; the relative paths written."""
    check_target(out, force)
    files = render(graph)
    write(files, out, force)
    return list(files)
