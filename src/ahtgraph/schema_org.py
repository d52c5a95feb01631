"""schema.org JSON-LD for websites: one entity (``snippet``) or a selection (``all_snippets``).

Three steps, each in one place:

1. ``schema_mapping.rq`` (a SPARQL CONSTRUCT) turns the graph into schema.org triples, with
   ``https://schema.org/`` terms (rdflib's ``SDO``) and every language of every text;
2. ``pick_languages`` keeps, for each node and each text property (name, alternateName,
   legalName, description), the values in the first language present in this order: the
   requested language, then en, fr, nl, then untagged, then any other language alphabetically;
   the values kept lose their tag (a web page is in one language, and search engines expect
   plain strings);
3. the triples are written as JSON-LD and framed with pyld (JSON-LD 1.1) into a tree: the
   entity at the top, each related entity nested with only its @id, @type, name and url.

The output's ``"@context"`` is ``"https://schema.org"``, as search engines expect. Schema.org's
published context maps every term to ``http://schema.org/`` (not https) and coerces a few terms
(``url``, ``sameAs``, ``isPartOf`` to IRIs; the four date terms to ``Date``). pyld never goes to
the network here: ``document_loader`` serves ``local_context()``, which says exactly that for the
terms the mapping uses (``python -m ahtgraph.schema_check --context FILE`` compares it with the
published context). Parsing a snippet therefore gives ``http://schema.org/`` triples, which equal
the mapping's ``https://schema.org/`` triples once the namespace is normalised (``to_graph``).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from pyld import jsonld
from pyld.jsonld import JsonLdError
from rdflib import BNode, Literal, URIRef

from .errors import AhtgraphError
from .graph import rdflib_terms
from .loading import new_graph
from .prefixes import shorten_iri

if TYPE_CHECKING:
    from rdflib import Graph

SCHEMA = "https://schema.org/"
SCHEMA_HTTP = "http://schema.org/"
#: What the published snippets say their context is.
CONTEXT_URL = "https://schema.org"
#: The addresses the document loader answers with the local context (never fetched).
_CONTEXT_URLS = {
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org",
    "http://schema.org/",
    "https://schema.org/docs/jsonldcontext.json",
    "http://schema.org/docs/jsonldcontext.json",
    "https://schema.org/docs/jsonldcontext.jsonld",
}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

LANGUAGES = ("en", "fr", "nl")
#: Text properties whose values are picked by language.
TEXT_PROPERTIES = ("name", "alternateName", "legalName", "description")
#: The type coercions of schema.org's published context (release 30.0) for the terms we use;
#: every other term we use is an untyped term of ``@vocab``.
COERCIONS = {
    "url": "@id",
    "sameAs": "@id",
    "isPartOf": "@id",
    "inDefinedTermSet": "@id",
    "foundingDate": "Date",
    "datePublished": "Date",
    "legislationDate": "Date",
    "startDate": "Date",
}
#: ``--type`` choices → the schema.org types of the entities selected.
KINDS: dict[str, tuple[str, ...]] = {
    "organisation": ("NGO", "GovernmentOrganization", "Organization"),
    "publication": ("Report", "CreativeWork", "Periodical", "CreativeWorkSeries"),
    "legislation": ("Legislation",),
}
#: Properties whose IRI values are web addresses, not entities to nest.
_LINK_PROPERTIES = {SCHEMA + "url", SCHEMA + "sameAs"}
#: What a nested (related) entity carries besides its @id.
_STUB_PROPERTIES = (RDF_TYPE, SCHEMA + "name", SCHEMA + "url")


# ------------------------------------------------------------------------------- the mapping


@cache
def mapping_query() -> str:
    """The text of the CONSTRUCT that maps the graph to schema.org."""
    return (
        importlib_resources.files("ahtgraph")
        .joinpath("schema_mapping.rq")
        .read_text(encoding="utf-8")
    )


_MAPPED: dict[int, tuple[Graph, int, Graph]] = {}
#: Language selections of a cached mapping: (id(mapped), lang) -> (mapped, selection).
_PICKED: dict[tuple[int, str], tuple[Graph, Graph]] = {}


def _construct_on_oxigraph(graph: Graph, query: str) -> Graph:
    """``query`` (a CONSTRUCT) answered by Oxigraph over ``graph``, as rdflib triples.

    Why: rdflib's evaluator took seconds for the mapping (a serve worker's first page waited for
    it); Oxigraph answers it in milliseconds, and the triples are the same (the jsonld tests
    compare every snippet with its mapped triples).
    """
    store = ox.Store()
    store.load(input=graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    answer = store.query(query)
    assert isinstance(answer, ox.QueryTriples)
    return rdflib_terms.to_graph(answer)


def mapping(graph: Graph) -> Graph:
    """The schema.org triples of ``graph`` (every language kept); cached per unchanged graph."""
    cached = _MAPPED.get(id(graph))
    if cached is not None and cached[0] is graph and cached[1] == len(graph):
        return cached[2]
    out = new_graph()
    for s, p, o in _construct_on_oxigraph(graph, mapping_query()):
        if isinstance(o, Literal) and o.datatype == URIRef(XSD_INTEGER):
            o = Literal(int(o))  # canonical lexical form ("07" → "7"), as JSON numbers give
        out.add((s, p, o))
    if len(_MAPPED) > 8:
        _MAPPED.clear()
    _MAPPED[id(graph)] = (graph, len(graph), out)
    return out


def language_order(lang: str) -> list[str | None]:
    """The order in which languages are tried: ``lang``, en, fr, nl, then untagged (None)."""
    order: list[str | None] = [lang]
    order += [code for code in LANGUAGES if code != lang]
    return [*order, None]


def pick_languages(mapped: Graph, lang: str) -> Graph:
    """A copy of ``mapped`` with one language per node and text property, tags dropped."""
    order = language_order(lang)
    text = {URIRef(SCHEMA + name) for name in TEXT_PROPERTIES}
    out = new_graph()
    chosen: dict[tuple[Any, Any], list[Literal]] = {}
    for s, p, o in mapped:
        if p in text and isinstance(o, Literal):
            chosen.setdefault((s, p), []).append(o)
        else:
            out.add((s, p, o))
    for (s, p), values in chosen.items():
        tags = {v.language for v in values}
        others = sorted(t for t in tags if t not in order)  # type: ignore[type-var]
        best = next(t for t in [*order, *others] if t in tags)
        for value in values:
            if value.language == best:
                out.add((s, p, Literal(str(value))))
    return out


def schema_graph(graph: Graph, lang: str = "en") -> Graph:
    """The whole schema.org mapping of ``graph`` after language selection.

    Cached with the mapping: while ``graph`` is unchanged, each language's selection is made
    once and the same Graph returned (``snippet`` of every entity, ``--check-vocabulary`` and
    the site call it once per entity; making it took 0.1 s a call). Do not change it.
    """
    _check_lang(lang)
    mapped = mapping(graph)
    cached = _PICKED.get((id(mapped), lang))
    if cached is not None and cached[0] is mapped:
        return cached[1]
    picked = pick_languages(mapped, lang)
    if len(_PICKED) > 3 * len(LANGUAGES):
        _PICKED.clear()
    _PICKED[(id(mapped), lang)] = (mapped, picked)
    return picked


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise AhtgraphError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")


# --------------------------------------------------------------------------- what to publish


def _add_closure(source: Graph, out: Graph, node: Any) -> None:
    """Every triple about a blank node, and about the blank nodes it points to."""
    for p, o in source.predicate_objects(node):
        out.add((node, p, o))
        if isinstance(o, BNode):
            _add_closure(source, out, o)


def entity_graph(schema: Graph, iri: URIRef) -> Graph:
    """What the snippet of ``iri`` says: its triples, and @type, name and url of what it names."""
    out = new_graph()
    for p, o in schema.predicate_objects(iri):
        out.add((iri, p, o))
        if isinstance(o, BNode):
            _add_closure(schema, out, o)
        elif isinstance(o, URIRef) and str(p) not in _LINK_PROPERTIES and str(p) != RDF_TYPE:
            for stub in _STUB_PROPERTIES:
                for value in schema.objects(o, URIRef(stub)):
                    out.add((o, URIRef(stub), value))
    return out


def entities(schema: Graph, kind: str | None = None) -> list[URIRef]:
    """The mapped entities (IRIs), sorted; ``kind`` keeps those of one KINDS entry."""
    if kind is not None and kind not in KINDS:
        raise AhtgraphError(f"unknown kind '{kind}': use one of {', '.join(KINDS)}")
    found = {s for s in schema.subjects() if isinstance(s, URIRef)}
    if kind is not None:
        wanted = {URIRef(SCHEMA + t) for t in KINDS[kind]}
        found = {s for s in found if set(schema.objects(s, URIRef(RDF_TYPE))) & wanted}
    return sorted(found)


def snippet_graph(graph: Graph, iri: URIRef, lang: str = "en") -> Graph:
    """The schema.org triples that ``snippet(graph, iri, lang)`` publishes."""
    schema = schema_graph(graph, lang)
    _check_mapped(schema, iri)
    return entity_graph(schema, iri)


def selection_graph(graph: Graph, lang: str = "en", kind: str | None = None) -> Graph:
    """The schema.org triples that ``all_snippets(graph, lang, kind)`` publishes."""
    schema = schema_graph(graph, lang)
    out = new_graph()
    for iri in entities(schema, kind):
        for triple in entity_graph(schema, iri):
            out.add(triple)
    return out


def _check_mapped(schema: Graph, iri: URIRef) -> None:
    if (iri, None, None) not in schema:
        raise AhtgraphError(
            f"{shorten_iri(str(iri))} has no schema.org description: every entity is mapped, "
            "but not provenance records (id:claim-...) or cited pages"
        )


# ------------------------------------------------------------------------------------ JSON-LD


def is_schema_org_context(url: str) -> bool:
    """True for the addresses of schema.org's JSON-LD context, which are answered offline."""
    return url in _CONTEXT_URLS


def local_context() -> dict[str, Any]:
    """The part of schema.org's JSON-LD context our snippets use, served offline to pyld."""
    terms: dict[str, Any] = {"@vocab": SCHEMA_HTTP, "schema": SCHEMA_HTTP}
    for term, coercion in sorted(COERCIONS.items()):
        terms[term] = {"@id": f"schema:{term}", "@type": coercion}
    return {"@context": terms}


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that knows only schema.org's context and never uses the network."""
    if url in _CONTEXT_URLS:
        return {"contextUrl": None, "documentUrl": url, "document": local_context()}

    raise JsonLdError(
        f"no network: only the schema.org context is available offline, not {url}",
        "jsonld.LoadDocumentError",
        code="loading document failed",
    )


def _http(iri: str) -> str:
    return SCHEMA_HTTP + iri[len(SCHEMA) :] if iri.startswith(SCHEMA) else iri


def _node_id(term: Any) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _value(term: Any) -> dict[str, Any]:
    if not isinstance(term, Literal):
        return {"@id": _node_id(term)}
    if term.datatype is not None and str(term.datatype) == XSD_INTEGER:
        return {"@value": int(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None:
        return {"@value": str(term), "@type": _http(str(term.datatype))}
    return {"@value": str(term)}


def expanded(graph: Graph) -> list[dict[str, Any]]:
    """``graph`` as expanded JSON-LD with ``http://schema.org/`` terms, sorted."""
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in sorted(graph):
        node = nodes.setdefault(_node_id(s), {"@id": _node_id(s)})
        if str(p) == RDF_TYPE and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_http(str(o)))
        else:
            node.setdefault(_http(str(p)), []).append(_value(o))
    return [nodes[key] for key in sorted(nodes)]


def _sorted(value: Any) -> Any:
    """Lists sorted (none is an @list), recursively: the same triples give the same text."""
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _frame(graph: Graph, iri: URIRef) -> dict[str, Any]:
    frame = {"@context": CONTEXT_URL, "@id": str(iri), "@embed": "@always"}
    options = {
        "documentLoader": document_loader,
        "omitGraph": True,
        "processingMode": "json-ld-1.1",
    }
    framed = jsonld.frame(expanded(graph), frame, options)
    framed["@context"] = CONTEXT_URL
    return _sorted(framed)


def snippet(graph: Graph, iri: URIRef, lang: str = "en") -> dict[str, Any]:
    """The schema.org JSON-LD of one entity: ``{"@context": "https://schema.org", ...}``."""
    iri = URIRef(str(iri))
    return _frame(snippet_graph(graph, iri, lang), iri)


def all_snippets(graph: Graph, lang: str = "en", kind: str | None = None) -> dict[str, Any]:
    """One document for a page about many entities: ``{"@context": ..., "@graph": [...]}``.

    Each item of @graph is an entity's snippet without its context; ``kind`` (organisation,
    publication, legislation) keeps one kind, None keeps every mapped entity.
    """
    schema = schema_graph(graph, lang)
    items = []
    for iri in entities(schema, kind):
        framed = _frame(entity_graph(schema, iri), iri)
        framed.pop("@context")
        items.append(framed)
    return {"@context": CONTEXT_URL, "@graph": items}


def dumps(document: dict[str, Any]) -> str:
    """JSON text: sorted keys, two-space indent, UTF-8 kept, a final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def script_text(document: dict[str, Any]) -> str:
    """``document`` as the text of a ``<script type="application/ld+json">`` element.

    The one place JSON goes into HTML (``jsonld --html`` and every page of ``web/``): ``<``,
    ``>`` and ``&`` (and the two line separators old JavaScript refused) become ``\\u``
    escapes, the same JSON string, so no value can end the element early (``</script>``) or
    open a comment (``<!--``).
    """
    text = dumps(document).rstrip("\n")
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def html(document: dict[str, Any]) -> str:
    """The document in a ``<script type="application/ld+json">`` element for a web page."""
    return f'<script type="application/ld+json">\n{script_text(document)}\n</script>\n'


def to_graph(document: dict[str, Any]) -> Graph:
    """The triples a JSON-LD processor reads from ``document``, with https://schema.org/ terms.

    Parsed by pyld with the offline context; ``http://schema.org/`` IRIs (terms, types and
    datatypes) are rewritten to ``https://schema.org/`` so they compare with the mapping.
    """
    nquads = jsonld.to_rdf(
        document, {"documentLoader": document_loader, "format": "application/n-quads"}
    )
    parsed = new_graph()
    parsed.parse(data=nquads, format="nt")
    out = new_graph()

    def fix(term: Any) -> Any:
        if isinstance(term, URIRef):
            return URIRef(_https(str(term)))
        if isinstance(term, Literal) and term.datatype is not None:
            return Literal(str(term), datatype=URIRef(_https(str(term.datatype))))
        assert isinstance(term, BNode | Literal)
        return term

    for s, p, o in parsed:
        out.add((fix(s), fix(p), fix(o)))
    return out


def _https(iri: str) -> str:
    return SCHEMA + iri[len(SCHEMA_HTTP) :] if iri.startswith(SCHEMA_HTTP) else iri
