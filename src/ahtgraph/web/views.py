"""The view model: what each page shows, as plain dataclasses built from the graph.

Templates (``templates/*.html``) only lay these out; every choice (which label, in which
language, which group, which link kind) is made here, once, for both ``ahtgraph site`` and
``ahtgraph serve``. A view knows nothing of URLs: a :class:`Ref` says *what* it points to (an
entity's slug, an ontology term, a web address) and the ``links`` object given to the renderer
(:mod:`ahtgraph.web.links`) says *where* that is on the static site or on the server.

Build a :class:`ViewModel` once per graph (it caches the entity list, ontology terms and
schema.org snippets per language, about a second for the shipped graph), then ask it for views::

    model = ViewModel(graph)
    home_view(model, "fr"); entity_view(model, "payoke", "nl"); ontology_view(model, "en")
    query_page_view(named_queries.catalogue(), "en")

Languages: texts from the graph are picked in the page's language, then en, fr, nl, untagged,
then any other (``schema_org.language_order``); a text in another language than the page's
carries it (``Ref.lang``), so the template marks it with a ``lang`` attribute.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Literal as RDFLiteral  # typing.Literal is the other one here
from rdflib import URIRef

from ..prefixes import AHT, ID, PREFIXES, shorten_iri
from .i18n import Messages, check_language

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from ..named_queries import NamedQuery
    from .network import Picture

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_PAGE = "https://samilia.org/en/other-resources/"
ONTOLOGY_IRI = "https://w3id.org/ahtgraph/ontology"

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

#: The twins of an entity page, in the order the page lists them: (extension, media type).
#: ``ahtgraph site`` writes each; the server answers each at ``/id/{slug}.{extension}``.
TWINS: tuple[tuple[str, str], ...] = (
    ("html", "text/html"),
    ("ttl", "text/turtle"),
    ("nt", "application/n-triples"),
    ("rdf", "application/rdf+xml"),
    ("jsonld", "application/ld+json"),
    ("schema.jsonld", "application/ld+json"),
)
#: The RDF twins (the entity's own triples) and the ``serialize.dumps`` format of each.
RDF_TWINS: dict[str, str] = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "jsonld"}

#: Groups of the home page, in order: (heading key, subheading key or "", classes). An entity
#: goes in the first group one of its classes belongs to; organisation kinds are subgroups.
_ORGS = "group.organisations"
GROUPS: list[tuple[str, str, tuple[str, ...]]] = [
    (_ORGS, "group.victim_support", (AHT + "VictimSupportCentre",)),
    (_ORGS, "group.ngos", (AHT + "NonGovernmentalOrganisation",)),
    (_ORGS, "group.independent", (AHT + "IndependentPublicBody",)),
    (_ORGS, "group.public", (AHT + "PublicBody",)),
    (_ORGS, "group.intergovernmental", (AHT + "IntergovernmentalOrganisation",)),
    (_ORGS, "group.monitoring", (AHT + "MonitoringBody",)),
    (_ORGS, "group.courts", (AHT + "Court",)),
    (_ORGS, "group.coordination", (AHT + "CoordinationBody",)),
    (_ORGS, "group.networks", (AHT + "Network",)),
    (_ORGS, "group.other_organisations", (AHT + "Organisation",)),
    ("group.mandates", "", (AHT + "Mandate",)),
    ("group.series", "", (AHT + "PublicationSeries",)),
    ("group.publications", "", (AHT + "Publication",)),
    ("group.instruments", "", (AHT + "LegalInstrument",)),
    ("group.ratifications", "", (AHT + "Ratification",)),
    ("group.campaigns", "", (AHT + "Campaign", AHT + "Observance")),
    ("group.places", "", (AHT + "Place",)),
    ("group.schemes", "", (SKOS + "ConceptScheme",)),
    # Concepts are subgrouped by scheme (see _group_of).
    ("group.concepts", "", (SKOS + "Concept",)),
]
OTHER = "group.other"

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


# ------------------------------------------------------------------------------ the dataclasses


@dataclass(frozen=True)
class Ref:
    """One thing a page shows, and what it links to.

    ``kind``: ``entity`` (``target`` is its slug: a link to its page), ``term`` (``target`` is
    the local name of an ontology term: a link to its entry), ``url`` (``target`` is a web
    address), ``iri`` (an identifier with no page: shown as code) or ``text`` (a literal).
    ``lang`` is set when the text is in another language than the page's.
    """

    kind: Literal["entity", "term", "url", "iri", "text"]
    text: str
    target: str = ""
    lang: str | None = None


@dataclass(frozen=True)
class Named:
    """A text with a name before it: ``French: Centre fédéral Migration``."""

    name: str
    value: Ref


@dataclass(frozen=True)
class Fact:
    """One row of an entity's facts, or of a term's entry: a name and its values."""

    name: str
    values: list[Ref]


@dataclass(frozen=True)
class Relation:
    """``source predicate target``: a relation between two things that have pages."""

    source: Ref
    predicate: str
    target: Ref


@dataclass(frozen=True)
class Source:
    """A page cited, and the day it was read (``aht:readOn``) when the graph says."""

    page: Ref
    read_on: str | None = None


@dataclass(frozen=True)
class Claim:
    """A relation of the entity and the pages that state it."""

    relation: Relation
    sources: list[Source]


@dataclass(frozen=True)
class Item:
    """A mandate or a publication: its link and its description."""

    ref: Ref
    description: str = ""


@dataclass(frozen=True)
class Twin:
    """A file beside an entity page: its extension, media type and name on the page."""

    extension: str
    media_type: str
    name: str


@dataclass
class EntityView:
    """Everything the page of one entity shows."""

    lang: str
    title: str
    summary: str
    iri: str
    slug: str
    label: str
    types: list[Ref]
    descriptions: list[Ref]
    names: list[Named]
    facts: list[Fact]
    mandates: list[Item]
    publications: list[Item]
    relations_out: list[Relation]
    relations_in: list[Relation]
    notes: list[Ref]
    sources: list[Source]
    claims: list[Claim]
    twins: list[Twin]
    #: The schema.org snippet embedded in the page (None: schema.org has no word for it).
    json_ld: dict[str, Any] | None


@dataclass(frozen=True)
class EntityItem:
    """An entity in the home page's list: its link and the words the search box matches."""

    slug: str
    label: str
    search: str


@dataclass
class Group:
    """A heading of the home page's list, with subgroups or entities (or both)."""

    heading: str
    anchor: str
    entities: list[EntityItem] = field(default_factory=list)
    subgroups: list[Group] = field(default_factory=list)


@dataclass(frozen=True)
class QueryExample:
    """A named query as the pages offer it: name, title, description, text, parameters.

    Titles and descriptions are written in English in the ``.rq`` headers; pages in another
    language mark them ``lang="en"``."""

    name: str
    title: str
    description: str
    text: str
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class Party:
    """A State bound by an instrument: the instrument, and how and when (empty: no date)."""

    instrument: Ref
    detail: str


@dataclass(frozen=True)
class StateRow:
    """A row of the table of States: the State, the instruments it is bound by, its bodies
    under the shared legal basis, and the publications about it."""

    state: Ref
    parties: list[Party]
    bodies: list[Ref]
    reports: list[Ref]


@dataclass
class StatesTable:
    """The table of States on the home page: every country of the graph, the members of the
    picture's summary boxes among them. ``bodies_heading`` names the legal basis the bodies'
    mandates share (or says "bodies serving the State")."""

    anchor: str
    bodies_heading: Ref
    rows: list[StateRow]


@dataclass
class HomeView:
    """The home page: the network picture and its relations, the grouped entities, examples."""

    lang: str
    title: str
    entity_count: int
    network: Picture
    network_title: str
    network_description: str
    relations: list[Relation]
    groups: list[Group]
    examples: list[QueryExample]
    #: The table of States (None: the graph has no country).
    states: StatesTable | None = None


@dataclass
class Term:
    """One class or property of the ontology, as its entry shows it."""

    local: str
    iri: str
    label: str
    rows: list[Fact]
    labels: list[Named]


@dataclass
class TermSection:
    """Classes, object properties or datatype properties."""

    heading: str
    anchor: str
    terms: list[Term]


@dataclass
class OntologyView:
    """The ontology page, with its schema.org ``DefinedTermSet`` JSON-LD."""

    lang: str
    title: str
    iri: str
    namespace: str
    version: str
    licence_url: str
    descriptions: list[Ref]
    sections: list[TermSection]
    json_ld: dict[str, Any]


@dataclass
class QueryPageView:
    """The query page: the named queries as examples for the editor."""

    lang: str
    title: str
    examples: list[QueryExample]


# ------------------------------------------------------------------------------ helpers


def text_key(text: str) -> str:
    """Lower case without accents: what the search box compares (search.js does the same)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def anchor(text: str) -> str:
    """An id for an HTML element: lower-case words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text_key(text)).strip("-")


def slug_of(iri: str) -> str | None:
    """The file name of an entity IRI (``id:payoke`` → ``payoke``), or None if not ours."""
    if not iri.startswith(ID):
        return None
    slug = iri[len(ID) :]
    return slug if _SLUG.match(slug) else None


def _language_order(lang: str) -> list[str | None]:
    # lazy: keeps pyld out of the server's front, which renders the query page here
    from ..schema_org import language_order

    return language_order(lang)


def literals(graph: Graph, node: Node, predicate: str) -> list[Any]:
    """The literal values of ``predicate`` on ``node``, sorted by language then text."""
    return sorted(
        (o for o in graph.objects(node, URIRef(predicate)) if isinstance(o, RDFLiteral)),
        key=lambda o: (o.language or "", str(o)),
    )


def pick(values: Sequence[Any], lang: str) -> Any | None:
    """The literal to show on a page in ``lang``: see the module's docstring for the order."""
    if not values:
        return None
    order = _language_order(lang)

    def rank(value: Any) -> tuple[int, str, str]:
        language = value.language
        place = order.index(language) if language in order else len(order)
        return (place, language or "", str(value))

    return min(values, key=rank)


def pick_text(graph: Graph, node: Node, predicate: str, lang: str) -> str:
    chosen = pick(literals(graph, node, predicate), lang)
    return "" if chosen is None else str(chosen)


def text_ref(literal: Any, lang: str) -> Ref:
    """A literal as shown on a page in ``lang``: its language kept when it is another one."""
    language = getattr(literal, "language", None)
    return Ref("text", str(literal), lang=language if language and language != lang else None)


def json_ld_text(document: dict[str, Any]) -> str:
    """``document`` as the text of a ``<script type="application/ld+json">`` element: see
    ``schema_org.script_text``, the one helper for JSON in HTML."""
    # lazy: keeps pyld out of the server's front, which renders the query page here
    from ..schema_org import script_text

    return script_text(document)


# ------------------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Entity:
    """An entity that gets a page: IRI, slug, label and group (in one language)."""

    iri: str
    slug: str
    label: str
    group: tuple[str, str]
    search: str
    types: tuple[str, ...]


class ViewModel:
    """One graph, ready to give views: entities, terms and snippets cached per language."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.terms = ontology_terms(graph)
        self._entities: dict[str, dict[str, Entity]] = {}
        self._snippets: dict[str, dict[str, dict[str, Any]]] = {}
        self._triples: dict[str, Graph] = {}

    def triples(self, iri: str) -> Graph:
        """The entity's own triples (``describe.triples``), kept: every RDF twin is written
        from this one graph."""
        if iri not in self._triples:
            # lazy: keeps pyld out of the server's front, which renders the query page here
            from .. import describe

            self._triples[iri] = describe.triples(self.graph, URIRef(iri))
        return self._triples[iri]

    def entities(self, lang: str) -> dict[str, Entity]:
        """Every entity of ours that gets a page, by IRI: subjects in the id: namespace, except
        provenance records (rdf:Statement), shown on the pages of what they are about."""
        check_language(lang)
        if lang not in self._entities:
            self._entities[lang] = _collect_entities(self.graph, lang)
        return self._entities[lang]

    def entity(self, slug: str, lang: str) -> Entity | None:
        """The entity whose page is ``slug``, or None (the server answers 404)."""
        return self.entities(lang).get(ID + slug) if _SLUG.match(slug) else None

    def snippets(self, lang: str) -> dict[str, dict[str, Any]]:
        """The schema.org snippet of every mapped entity, by IRI.

        ``schema_org.all_snippets`` maps the whole graph once; each item is what
        ``schema_org.snippet`` gives for that entity, less the context (tests check they agree).
        """
        check_language(lang)
        if lang not in self._snippets:
            # lazy: keeps pyld out of the server's front, which renders the query page here
            from .. import schema_org

            document = schema_org.all_snippets(self.graph, lang)
            self._snippets[lang] = {
                item["@id"]: {"@context": document["@context"], **item}
                for item in document["@graph"]
            }
        return self._snippets[lang]

    def term_label(self, iri: str, t: Messages) -> str:
        """The name of a predicate or class in the page's language: its rdfs:label (ours), the
        catalogue's name for other vocabularies' terms, or its short name."""
        short = shorten_iri(iri)
        return pick_text(self.graph, URIRef(iri), LABEL, t.lang) or t.get(f"term.{short}") or short

    def ref(self, term: Any, t: Messages) -> Ref:
        """What ``term`` is on a page: its entity page, its ontology entry, a web page, a code."""
        if isinstance(term, RDFLiteral):
            return text_ref(term, t.lang)
        iri = str(term)
        entity = self.entities(t.lang).get(iri)
        if entity is not None:
            return Ref("entity", entity.label, entity.slug)
        if iri in self.terms:
            return Ref("term", self.term_label(iri, t), iri[len(AHT) :])
        if iri.startswith(ID):
            return Ref("iri", shorten_iri(iri))
        if iri.startswith(("http://", "https://")):
            return Ref("url", iri, iri)
        return Ref("iri", iri)


def _group_of(graph: Graph, iri: URIRef, types: set[str], lang: str) -> tuple[str, str]:
    for heading, sub, classes in GROUPS:
        if types.intersection(classes):
            if heading == "group.concepts":
                schemes = sorted(graph.objects(iri, URIRef(SKOS + "inScheme")), key=str)
                if schemes:
                    sub = pick_text(graph, schemes[0], LABEL, lang) or shorten_iri(str(schemes[0]))
            return heading, sub
    return OTHER, ""


def _collect_entities(graph: Graph, lang: str) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    for subject in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
        iri = str(subject)
        slug = slug_of(iri)
        if slug is None:
            continue
        types = {str(t) for t in graph.objects(subject, URIRef(RDF_TYPE))}
        if RDF + "Statement" in types:
            continue
        label = (
            pick_text(graph, subject, LABEL, lang)
            or pick_text(graph, subject, PREF_LABEL, lang)
            or slug
        )
        names = [str(o) for p in (LABEL, ALT_LABEL) for o in literals(graph, subject, p)]
        search = text_key(" ".join([slug, *names]))
        group = _group_of(graph, subject, types, lang)
        found[iri] = Entity(iri, slug, label, group, search, tuple(sorted(types)))
    return found


def ontology_terms(graph: Graph) -> dict[str, set[str]]:
    """The classes and properties our ontology defines, with their rdf:types."""
    terms: dict[str, set[str]] = {}
    for subject in graph.subjects(URIRef(RDFS + "isDefinedBy"), URIRef(ONTOLOGY_IRI)):
        iri = str(subject)
        if iri.startswith(AHT) and _LOCAL.match(iri[len(AHT) :]):
            terms[iri] = {str(t) for t in graph.objects(subject, URIRef(RDF_TYPE))}
    return dict(sorted(terms.items()))


def _language_name(code: str | None, t: Messages) -> str:
    if not code:
        return t("language.none")
    return t.get(f"language.{code}") or code


# ------------------------------------------------------------------------------ entity pages


def entity_view(model: ViewModel, slug: str, lang: str) -> EntityView | None:
    """The page of the entity ``slug`` in ``lang``; None when no entity has that page."""
    # lazy: keeps pyld out of the server's front, which renders the query page here
    from .. import describe

    t = Messages(lang)
    entity = model.entity(slug, lang)
    if entity is None:
        return None
    graph, iri = model.graph, URIRef(entity.iri)
    found = describe.facts(graph, iri)

    types = [model.ref(URIRef(c), t) for c in entity.types]
    description_literals = found.descriptions or literals(graph, iri, DEFINITION)
    description_literals = [d for d in description_literals if isinstance(d, RDFLiteral)]
    chosen = pick(description_literals, lang)
    # One description per language is enough; the page's own comes first.
    descriptions = [text_ref(chosen, lang)] if chosen is not None else []

    shown_label = pick(literals(graph, iri, LABEL), lang)
    names = [
        Named(_language_name(lit.language, t), text_ref(lit, lang))
        for lit in literals(graph, iri, LABEL)
        if shown_label is None or lit != shown_label
    ]
    names += [
        Named(t("entity.also_known", language=_language_name(lit.language, t)), text_ref(lit, lang))
        for lit in literals(graph, iri, ALT_LABEL)
    ]

    facts: dict[str, list[Ref]] = defaultdict(list)
    relations_out: list[Relation] = []
    mandates: list[Item] = []
    publications: list[Item] = []
    this = Ref("entity", entity.label, entity.slug)
    entities = model.entities(lang)
    for p, o in found.outgoing:
        key = str(p)
        if key in _OWN_SECTIONS or (key == DEFINITION and not found.descriptions):
            continue
        if key in (HAS_MANDATE, PUBLISHES):
            item = Item(model.ref(o, t), pick_text(graph, o, DESCRIPTION, lang))
            (mandates if key == HAS_MANDATE else publications).append(item)
        elif isinstance(o, RDFLiteral) or str(o) not in entities:
            facts[key].append(model.ref(o, t))
        else:
            relations_out.append(Relation(this, model.term_label(key, t), model.ref(o, t)))
    fact_rows = [
        Fact(model.term_label(key, t), facts[key])
        for key in sorted(facts, key=lambda k: (model.term_label(k, t), k))
    ]
    relations_in = [
        Relation(model.ref(s, t), model.term_label(str(p), t), this)
        for p, s in found.incoming
        if str(s) in entities
    ]

    def source(page: Any, read_on: Any = None) -> Source:
        if read_on is None:
            read_on = graph.value(page, URIRef(READ_ON))
        return Source(model.ref(page, t), None if read_on is None else str(read_on))

    claims = [
        Claim(
            Relation(model.ref(s, t), model.term_label(str(p), t), model.ref(o, t)),
            [source(page, read) for page, read in pages],
        )
        for s, p, o, pages in found.provenance
    ]
    snippet = model.snippets(lang).get(entity.iri)
    twins = [
        Twin(ext, media, t(f"twin.{ext}"))
        for ext, media in TWINS
        if ext != "schema.jsonld" or snippet is not None
    ]
    summary = descriptions[0].text if descriptions else entity.label
    return EntityView(
        lang=lang,
        title=f"{entity.label} — ahtgraph",
        summary=summary,
        iri=entity.iri,
        slug=entity.slug,
        label=entity.label,
        types=types,
        descriptions=descriptions,
        names=names,
        facts=fact_rows,
        mandates=mandates,
        publications=publications,
        relations_out=relations_out,
        relations_in=relations_in,
        notes=[text_ref(n, lang) for n in literals(graph, iri, NOTE)],
        sources=[source(s) for s in found.sources],
        claims=claims,
        twins=twins,
        json_ld=snippet,
    )


def twin_text(model: ViewModel, slug: str, extension: str) -> str | None:
    """The text of an entity's twin ``{slug}.{extension}`` (not ``html``), or None if none.

    The RDF twins are the entity's triples (``describe.triples``: out, in, and the provenance
    records about it), the same graph in every format; ``jsonld`` embeds its context.
    ``schema.jsonld`` is the schema.org snippet in English, as the English page embeds it.
    """
    # lazy: keeps pyld out of the server's front, which renders the query page here
    from .. import schema_org, serialize

    entity = model.entity(slug, "en")
    if entity is None:
        return None
    if extension == "schema.jsonld":
        snippet = model.snippets("en").get(entity.iri)
        return None if snippet is None else schema_org.dumps(snippet)
    if extension not in RDF_TWINS:
        return None
    return serialize.dumps(model.triples(entity.iri), RDF_TWINS[extension])


# ------------------------------------------------------------------------------ home page


def _groups(model: ViewModel, t: Messages) -> list[Group]:
    grouped: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in model.entities(t.lang).values():
        grouped[entity.group].append(entity)
    order = [heading for heading, _, _ in GROUPS] + [OTHER]
    sub_order = [sub for _, sub, _ in GROUPS if sub]

    def sub_key(sub: str) -> tuple[int, str]:
        return (sub_order.index(sub), "") if sub in sub_order else (len(sub_order), sub.casefold())

    groups = []
    for heading in sorted({h for h, _ in grouped}, key=order.index):
        group = Group(t(heading), "group-" + heading.removeprefix("group.").replace("_", "-"))
        for sub in sorted((s for h, s in grouped if h == heading), key=sub_key):
            members = sorted(grouped[(heading, sub)], key=lambda e: (e.label.casefold(), e.iri))
            items = [EntityItem(e.slug, e.label, e.search) for e in members]
            if not sub:
                group.entities = items
                continue
            if sub in sub_order:
                name, key = t(sub), sub.removeprefix("group.").replace("_", "-")
            else:  # a concept scheme, named by its label
                name, key = sub, anchor(sub)
            group.subgroups.append(Group(name, f"{group.anchor}-{key}", items))
        groups.append(group)
    return groups


def examples(queries: Iterable[NamedQuery]) -> list[QueryExample]:
    """The named queries as the pages offer them."""
    return [
        QueryExample(
            q.name, q.title or q.name, q.description, q.text, tuple(p.name for p in q.params)
        )
        for q in queries
    ]


#: The id of the table of States on the home page: the picture's summary boxes link to it.
STATES_ANCHOR = "states"


def _states_table(model: ViewModel, t: Messages, basis: str | None) -> StatesTable | None:
    """Every country with the instruments it is bound by (``aht:ratified``, with the dates of
    its ``aht:Ratification``), the bodies holding a mandate for it under ``basis`` (or, without
    one, every organisation serving it) and the publications about it (``dcterms:spatial``)."""
    graph, lang = model.graph, t.lang
    entities = model.entities(lang)
    country = URIRef(AHT + "Country")
    rows = []

    def value(node: Any, name: str) -> str | None:
        found = sorted(str(v) for v in graph.objects(node, URIRef(AHT + name)))
        return found[0] if found else None

    for state in sorted(graph.subjects(URIRef(RDF_TYPE), country), key=str):
        if str(state) not in entities:
            continue
        # Instruments: each with the facts of its ratification node, if any.
        nodes = {
            str(graph.value(r, URIRef(AHT + "ratifiedInstrument"))): r
            for r in graph.subjects(URIRef(AHT + "ratifyingState"), state)
        }
        instruments = {str(i) for i in graph.objects(state, URIRef(AHT + "ratified"))}
        parties = []
        for instrument in sorted(instruments | set(nodes) - {"None"}):
            node = nodes.get(instrument)
            details = []
            if node is not None:
                accession = (node, URIRef(RDF_TYPE), URIRef(AHT + "Accession")) in graph
                for name, key in (
                    ("signedOn", "states.signed"),
                    ("ratifiedOn", "states.acceded" if accession else "states.ratified"),
                    ("entryIntoForce", "states.in_force"),
                ):
                    date = value(node, name)
                    if date:
                        details.append(t(key, date=date))
            ref = model.ref(URIRef(instrument), t)
            alternatives = [
                a for a in literals(graph, URIRef(instrument), ALT_LABEL) if a.language == lang
            ]
            if alternatives and ref.kind == "entity":  # the short name the page's language has
                shortest = min(alternatives, key=lambda a: (len(str(a)), str(a)))
                ref = Ref("entity", str(shortest), ref.target)
            parties.append(Party(ref, ", ".join(details)))
        # Bodies: holding a mandate for the State under the shared basis; without one, every
        # organisation serving the State.
        if basis is not None:
            bodies = {
                body
                for body, mandate in graph.subject_objects(URIRef(HAS_MANDATE))
                if (mandate, URIRef(AHT + "areaServed"), state) in graph
                and (mandate, URIRef(AHT + "legalBasis"), URIRef(basis)) in graph
            }
        else:
            bodies = {
                body
                for body in graph.subjects(URIRef(AHT + "areaServed"), state)
                if (body, URIRef(RDF_TYPE), URIRef(AHT + "Organisation")) in graph
            }
        body_refs = sorted((model.ref(b, t) for b in bodies), key=lambda r: r.text.casefold())
        # Publications about the State: by round and date, named by round and year.
        reports = []
        for report in graph.subjects(URIRef(DCTERMS + "spatial"), state):
            if str(report) not in entities:
                continue
            ref = model.ref(report, t)
            round_ = value(report, "evaluationRound")
            dates = sorted(str(d) for d in graph.objects(report, URIRef(DCTERMS + "date")))
            year = dates[0][:4] if dates else ""
            if round_:
                text = t("states.round", round=round_)
                ref = Ref("entity", f"{text} ({year})" if year else text, ref.target)
            reports.append((int(round_) if round_ else 0, year, ref.text, ref))
        rows.append(
            StateRow(
                model.ref(state, t),
                parties,
                body_refs,
                [r for *_, r in sorted(reports, key=lambda r: r[:3])],
            )
        )
    if not rows:
        return None
    rows.sort(key=lambda r: (r.state.text.casefold(), r.state.target))
    heading = model.ref(URIRef(basis), t) if basis else Ref("text", t("states.bodies"))
    return StatesTable(STATES_ANCHOR, heading, rows)


def home_view(model: ViewModel, lang: str, named_queries: Iterable[NamedQuery] = ()) -> HomeView:
    """The home page in ``lang``; ``named_queries`` are listed as examples (the server's
    home links them to the query page; the static site has no query page)."""
    # lazy: .network imports this module
    from .network import RELATIONS, layout, network, shared, summary_texts

    t = Messages(lang)
    nodes, edges = network(model.graph, lang)
    names = {relation: model.term_label(AHT + relation, t) for relation in RELATIONS}
    found = shared(model.graph, nodes)
    bodies = found.get("bodies")
    states = _states_table(model, t, bodies[1] if bodies else None)
    picture = layout(
        nodes,
        edges,
        t,
        names,
        summaries=summary_texts(model.graph, nodes, t),
        anchor=states.anchor if states else "",
    )
    by_iri = {n.iri: n for n in nodes}
    relations = [
        Relation(
            model.ref(_uri(by_iri[e.source].iri), t),
            model.term_label(AHT + e.relation, t),
            model.ref(_uri(by_iri[e.target].iri), t),
        )
        for e in edges
    ]
    description = t("home.network_description", nodes=len(nodes), edges=len(edges))
    if picture.summaries:
        grouped = "; ".join(text for text, _ in picture.summaries)
        description += " " + t("home.network_grouped", grouped=grouped)
    editions = sum(1 for n in nodes if n.box and not n.box.startswith("summary:"))
    if editions:
        description += " " + t("home.network_editions", count=editions)
    if picture.hidden:
        description += " " + t("home.network_summary", hidden=picture.hidden)
    return HomeView(
        lang=lang,
        title=t("site.title"),
        entity_count=len(model.entities(lang)),
        network=picture,
        network_title=t("home.network_title"),
        network_description=description,
        relations=relations,
        groups=_groups(model, t),
        examples=examples(named_queries),
        states=states,
    )


def _uri(iri: str) -> URIRef:
    return URIRef(iri)


# ------------------------------------------------------------------------------ ontology page


_KINDS = [
    ("ontology.classes", OWL + "Class"),
    ("ontology.object_properties", OWL + "ObjectProperty"),
    ("ontology.datatype_properties", OWL + "DatatypeProperty"),
]
_TERM_ROWS = [
    ("ontology.subclass_of", RDFS + "subClassOf"),
    ("ontology.subproperty_of", RDFS + "subPropertyOf"),
    ("ontology.domain", RDFS + "domain"),
    ("ontology.range", RDFS + "range"),
    ("ontology.inverse_of", OWL + "inverseOf"),
    ("ontology.disjoint_with", OWL + "disjointWith"),
    ("ontology.see_also", RDFS + "seeAlso"),
]


def _term_ref(model: ViewModel, term: Any) -> Ref:
    iri = str(term)
    if iri in model.terms:
        return Ref("term", shorten_iri(iri), iri[len(AHT) :])
    if iri.startswith(("http://", "https://")):
        return Ref("url", shorten_iri(iri), iri)
    return Ref("iri", iri)


def _term(model: ViewModel, iri: str, t: Messages) -> Term:
    graph, node, lang = model.graph, URIRef(iri), t.lang
    rows = [Fact(t("ontology.iri"), [Ref("iri", iri)])]
    definition = pick(literals(graph, node, DEFINITION), lang)
    comment = pick(literals(graph, node, RDFS + "comment"), lang)
    rows.append(Fact(t("ontology.definition"), [text_ref(definition, lang)] if definition else []))
    rows.append(Fact(t("ontology.comment"), [text_ref(comment, lang)] if comment else []))
    for key, predicate in _TERM_ROWS:
        objects = sorted(graph.objects(node, URIRef(predicate)), key=str)
        values = [_term_ref(model, o) for o in objects]
        rows.append(Fact(t(key), values))
    kinds = {kind for _, kind in _KINDS}
    characteristics = sorted(
        shorten_iri(str(c)) for c in graph.objects(node, URIRef(RDF_TYPE)) if str(c) not in kinds
    )
    rows.append(Fact(t("ontology.characteristics"), [Ref("text", c) for c in characteristics]))
    used = sorted(
        (e for e in model.entities(lang).values() if iri in e.types),
        key=lambda e: e.label.casefold(),
    )
    rows.append(Fact(t("ontology.entities"), [Ref("entity", e.label, e.slug) for e in used]))
    labels = [
        Named(_language_name(lit.language, t), text_ref(lit, lang))
        for lit in literals(graph, node, LABEL)
    ]
    return Term(
        iri[len(AHT) :],
        iri,
        model.term_label(iri, t),
        [row for row in rows if row.values],
        labels,
    )


def ontology_json_ld(model: ViewModel, lang: str) -> dict[str, Any]:
    """The ontology as a schema.org ``DefinedTermSet``: each class and property a
    ``DefinedTerm`` with its name and definition in ``lang`` (or the next language)."""
    graph, onto = model.graph, URIRef(ONTOLOGY_IRI)
    terms = []
    for iri in model.terms:
        node = URIRef(iri)
        term: dict[str, Any] = {
            "@id": iri,
            "@type": "DefinedTerm",
            "inDefinedTermSet": ONTOLOGY_IRI,
            "name": pick_text(graph, node, LABEL, lang) or iri[len(AHT) :],
        }
        definition = pick_text(graph, node, DEFINITION, lang)
        if definition:
            term["description"] = definition
        terms.append(term)
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@id": ONTOLOGY_IRI,
        "@type": "DefinedTermSet",
        "name": pick_text(graph, onto, DCTERMS + "title", lang) or "ahtgraph ontology",
        "hasDefinedTerm": terms,
    }
    description = pick_text(graph, onto, DCTERMS + "description", lang)
    if description:
        document["description"] = description
    return document


def ontology_view(model: ViewModel, lang: str) -> OntologyView:
    """The ontology page in ``lang``: every class and property with its entry."""
    t = Messages(lang)
    graph, onto = model.graph, URIRef(ONTOLOGY_IRI)
    title = pick_text(graph, onto, DCTERMS + "title", lang) or t("ontology.title")
    description = pick(literals(graph, onto, DCTERMS + "description"), lang)
    sections = []
    for key, kind in _KINDS:
        members = sorted(
            (iri for iri, types in model.terms.items() if kind in types),
            key=lambda i: i[len(AHT) :].casefold(),
        )
        if members:
            terms = [_term(model, iri, t) for iri in members]
            sections.append(TermSection(t(key), anchor(key.removeprefix("ontology.")), terms))
    return OntologyView(
        lang=lang,
        title=f"{title} — ahtgraph",
        iri=ONTOLOGY_IRI,
        namespace=AHT,
        version=pick_text(graph, onto, OWL + "versionInfo", lang),
        licence_url=LICENCE_URL,
        descriptions=[text_ref(description, lang)] if description is not None else [],
        sections=sections,
        json_ld=ontology_json_ld(model, lang),
    )


# ------------------------------------------------------------------------------ query page


def query_page_view(named_queries: Iterable[NamedQuery], lang: str) -> QueryPageView:
    """The query page in ``lang``, with ``named_queries`` (``named_queries.catalogue()``) as
    examples for the editor."""
    t = Messages(lang)
    return QueryPageView(lang=lang, title=f"{t('query.title')} — ahtgraph",
                         examples=examples(named_queries))  # fmt: skip
