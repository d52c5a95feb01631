"""What a query worker does for each kind of request: SPARQL, entities, named queries, VoID.

Everything that touches the graph runs here, in a worker process that can be killed (see
:mod:`.worker`), and answers with a finished ``(status, headers, body, rows)`` tuple: the body
is complete before the front sends any status line.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pyoxigraph as ox

from ..errors import AhtgraphError
from ..prefixes import ID, PREFIXES
from . import backend, conneg, formats
from .backend import QueryRefused

Reply = tuple[int, list[tuple[str, str]], bytes, int | None]

RDF_TYPES = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")
#: file twin → media type, for /id/{slug}.ext and /ontology.ext
TWINS = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".jsonld": "application/ld+json",
    ".html": "text/html",
}
RDF = PREFIXES["rdf"]


def text_reply(status: int, message: str, retry: bool = False, rows: int | None = None) -> Reply:
    """One line of text/plain: every error the server gives."""
    headers = [("Content-Type", "text/plain; charset=utf-8")]
    if retry:
        headers.append(("Retry-After", "5"))
    return status, headers, (" ".join(message.split()) + "\n").encode(), rows


@dataclass
class State:
    """A worker's loaded graph and the limits it answers within."""

    loaded: backend.Loaded
    config: dict[str, Any]
    _cache: dict[str, Any] = field(default_factory=dict)
    #: Held while the page model is built (by :meth:`warm` in the background, or by a job).
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, config: dict[str, Any]) -> State:
        """The worker's graph from the server's JSON config (``data``: see :mod:`.sources`)."""
        from .sources import from_config

        loaded = backend.load(
            [from_config(item) for item in config.get("data", [])],
            config.get("named", []),
            config.get("only_data", False),
        )
        return cls(loaded, config)

    def summary(self) -> dict[str, Any]:
        return {
            "quads": self.loaded.quads,
            "version": self.loaded.version,
            "graphs": len(self.loaded.graphs),
        }

    @property
    def max_rows(self) -> int:
        return int(self.config.get("max_rows", 10_000))

    @property
    def max_bytes(self) -> int:
        return int(self.config.get("max_bytes", 50_000_000))

    def model(self) -> Any:
        """The web package's view model of the graph; built once (seconds: call with lock)."""
        if "model" not in self._cache:
            from ..web import views

            self._cache["model"] = views.ViewModel(self.rdflib_graph)
        return self._cache["model"]

    def warm(self) -> None:
        """Build the page model and the English entity pages' shared data in the background,
        so the first visitor of a fresh worker does not wait seconds for them."""
        with self.lock:
            model = self.model()
            model.entities("en")
            model.snippets("en")  # the schema.org mapping: seconds, in rdflib's SPARQL

    @cached_property
    def rdflib_graph(self) -> Any:
        """The graph in rdflib, for the modules that need it (schema.org, VoID); built once.

        The same sources the engine loaded: the shipped graph (parsed fast by pyoxigraph)
        unless ``--only-data``, every ``--data`` source as given, the ``--named-graph`` files.
        """
        from .. import progress
        from ..loading import load_graph

        loaded = self.loaded
        with progress.settings(quiet=True):  # the server's stderr is its access log
            return load_graph([*loaded.sources, *loaded.named], only_data=loaded.only_data)


def handle(state: State, message: tuple[str, dict[str, Any]]) -> Reply:
    """Answer one job; refusals become one-line 4xx replies."""
    kind, args = message
    try:
        return HANDLERS[kind](state, **args)
    except QueryRefused as exc:
        return text_reply(exc.status, exc.message)
    except AhtgraphError as exc:
        return text_reply(400, exc.message)


# --- SPARQL ----------------------------------------------------------------------------------


def sparql(
    state: State,
    query: str,
    accept: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
    params: list[str] | None = None,
    base_iri: str | None = None,
) -> Reply:
    """A SPARQL query, negotiated, run, cut at the limits and written completely."""
    facts = backend.check(query, base_iri)
    if facts.form in ("CONSTRUCT", "DESCRIBE"):
        media = conneg.choose(accept, list(formats.GRAPH_TYPES))
    else:
        media = conneg.choose(accept, list(formats.RESULTS_TYPES))
    if media is None:
        return text_reply(406, "no result format matches the Accept header")
    answer = backend.execute(
        state.loaded, query, default_graphs, named_graphs, params, state.max_rows, base_iri
    )
    written = formats.write(answer, media, state.max_bytes)
    headers = [("Content-Type", written.content_type)]
    if written.truncated:
        headers += [("X-Result-Limit", str(state.max_rows)), ("X-Result-Truncated", "true")]
    return 200, headers, written.body, written.rows


# --- service description ---------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"


def service_description(state: State, endpoint: str, accept: str | None) -> Reply:
    """The SPARQL 1.1 Service Description of this endpoint, in the RDF syntax asked for."""
    media = conneg.choose(accept, list(RDF_TYPES))
    if media is None:
        return text_reply(406, "no RDF format matches the Accept header")
    turtle = f"""\
@prefix sd: <{SD}> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{endpoint}> a sd:Service ;
  sd:endpoint <{endpoint}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>,
    <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>,
    <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
    <http://www.w3.org/ns/formats/RDF_XML>, <http://www.w3.org/ns/formats/JSON-LD> ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultDataset [
    a sd:Dataset ;
    dcterms:title "ahtgraph" ;
    sd:defaultGraph [ a sd:Graph ; void:triples {state.loaded.quads} ]
  ] .
"""
    # No sd:BasicFederatedQuery: SERVICE is refused.
    triples = list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    body = _serialize_rdf(triples, media)
    return 200, [("Content-Type", _rdf_content_type(media))], body, len(triples)


def _rdf_content_type(media: str) -> str:
    return media + ("; charset=utf-8" if media in ("text/turtle", "application/n-triples") else "")


def _serialize_rdf(triples: list[Any], media: str) -> bytes:
    return formats.serialize_graph(triples, formats.GRAPH_TYPES[media])


# --- Linked Data -----------------------------------------------------------------------------

_ENTITY = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
CONSTRUCT { ?e ?p ?o . ?s ?q ?e . ?c ?cp ?co }
WHERE {
  { ?e ?p ?o } UNION { ?s ?q ?e }
  UNION { { ?c rdf:subject ?e } UNION { ?c rdf:object ?e } ?c ?cp ?co }
}
"""


def entity_triples(state: State, iri: str) -> list[Any]:
    """The entity's outgoing and incoming triples with its provenance records, sorted."""
    found = state.loaded.store.query(
        _ENTITY,
        substitutions={ox.Variable("e"): ox.NamedNode(iri)},
        use_default_graph_as_union=True,
    )
    return sorted(set(found), key=str)


def _rdf_reply(triples: list[Any], media: str) -> Reply:
    body = _serialize_rdf(triples, media)
    return 200, [("Content-Type", _rdf_content_type(media))], body, len(triples)


def entity(
    state: State,
    slug: str,
    media: str | None,
    accept: str | None,
    lang: str = "en",
    base: str = "",
) -> Reply:
    """``/id/{slug}``: the entity's RDF, its schema.org snippet, or (for text/html) its page."""
    iri = ID + slug
    triples = entity_triples(state, iri)
    if not triples:
        return text_reply(404, f"no entity {slug}")
    if media == "schema":
        from .. import schema_org

        with state.lock:
            graph = state.rdflib_graph
        try:
            document = schema_org.snippet(graph, _uri(iri))
        except AhtgraphError:
            return text_reply(404, f"no schema.org description for {slug}")
        body = schema_org.dumps(document).encode()
        return 200, [("Content-Type", "application/ld+json")], body, None
    if media is None:
        media = conneg.choose(accept, ["text/html", *RDF_TYPES])
        if media is None:
            return text_reply(406, "no format matches the Accept header")
    if media == "text/html":
        return page(state, "entity", lang, base, slug)
    return _rdf_reply(triples, media)


def ontology(
    state: State, media: str | None, accept: str | None, lang: str = "en", base: str = ""
) -> Reply:
    """``/ontology``: every triple of the ontology file, same negotiation as entities."""
    if media is None:
        media = conneg.choose(accept, ["text/html", *RDF_TYPES])
        if media is None:
            return text_reply(406, "no format matches the Accept header")
    key = "ontology"
    if key not in state._cache:
        files = [p for p in state.loaded.files if p.name == "ontology.ttl"]
        triples: list[Any] = []
        for path in files:
            triples += list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        state._cache[key] = sorted(set(triples), key=str)
    triples = state._cache[key]
    if media == "text/html":
        return page(state, "ontology", lang, base)
    return _rdf_reply(triples, media)


def page(state: State, kind: str, lang: str, base: str, slug: str = "") -> Reply:
    """An HTML page (home, entity, ontology) from the web package's view model and templates,
    the same pages ``ahtgraph site`` writes, with the server's links."""
    from .. import named_queries
    from ..web import views
    from ..web.links import ServerLinks
    from ..web.render import render

    key = f"page:{kind}:{lang}:{base}:{slug}"
    if key in state._cache:
        return 200, [("Content-Type", "text/html; charset=utf-8")], state._cache[key], None
    with state.lock:
        model = state.model()
        view: Any
        if kind == "entity":
            view = views.entity_view(model, slug, lang)
            if view is None:
                return text_reply(404, f"no page for {slug}")
        elif kind == "home":
            view = views.home_view(model, lang, named_queries.catalogue())
        else:
            view = views.ontology_view(model, lang)
        state._cache[key] = render(None, view, links=ServerLinks(base, lang)).encode()
    body = state._cache[key]
    return 200, [("Content-Type", "text/html; charset=utf-8")], body, None


def _uri(iri: str) -> Any:
    # lazy: rdflib is for pages and VoID; a worker without pages never loads it
    from rdflib import URIRef

    return URIRef(iri)


# --- VoID ------------------------------------------------------------------------------------


def void(state: State, endpoint: str) -> Reply:
    """The DCAT/VoID description of the served graph, with this endpoint as void:sparqlEndpoint."""
    key = "void:" + endpoint
    if key not in state._cache:
        from importlib.metadata import version

        # lazy: rdflib is for pages and VoID; a worker without pages never loads it
        from rdflib import URIRef

        from .. import dataset_description as dd

        __version__ = version("ahtgraph")

        with state.lock:
            graph = state.rdflib_graph
        newest = max(p.stat().st_mtime for p in state.loaded.files) if state.loaded.files else 0
        day = dt.datetime.fromtimestamp(newest, dt.UTC).date()
        description = dd.describe(graph, __version__, day, [], [])
        description.add(
            (
                URIRef(dd.release_iri(__version__)),
                URIRef(dd.VOID + "sparqlEndpoint"),
                URIRef(endpoint),
            )
        )
        state._cache[key] = dd.to_turtle(description).encode()
    body = state._cache[key]
    return 200, [("Content-Type", "text/turtle; charset=utf-8")], body, None


# --- named queries ---------------------------------------------------------------------------


def named(state: State, name: str, params: list[tuple[str, str]], accept: str | None) -> Reply:
    """``/queries/{name}``: a named query, its parameters bound as ``--param`` binds them."""
    from .. import named_queries

    try:
        found = named_queries.find(name)
    except AhtgraphError:
        return text_reply(404, f"no named query {name}")
    declared = {p.name for p in found.params}
    for key, _ in params:
        if key.lstrip("?$") not in declared:
            known = ", ".join(sorted(declared)) or "none"
            return text_reply(400, f"unknown parameter {key} (this query takes: {known})")
    bound = [f"{key.lstrip('?$')}={value}" for key, value in params]
    return sparql(state, found.text, accept, [], [], bound)


def home(state: State, lang: str = "en", base: str = "") -> Reply:
    """``/``: the home page (search, network picture, example queries)."""
    return page(state, "home", lang, base)


HANDLERS: dict[str, Any] = {
    "home": home,
    "sparql": sparql,
    "sd": service_description,
    "entity": entity,
    "ontology": ontology,
    "void": void,
    "named": named,
}
