"""Talking to a SPARQL store over HTTP: queries (SPARQL 1.1 Protocol) and loads (Graph Store).

Only the standard library (urllib) is used. Queries are checked locally first (updates and
SERVICE refused, syntax errors reported) by :mod:`ahtgraph.sparql`; ``--param`` values travel
in a VALUES block built by :mod:`ahtgraph.values`. Answers come back as SPARQL 1.1 JSON results
(SELECT, ASK) or N-Triples/Turtle (CONSTRUCT, DESCRIBE) and are parsed into an rdflib
``Result``, so :func:`ahtgraph.results.render` prints them exactly as it prints local answers.

Every network failure becomes one AhtgraphError line: connection refused, unknown host,
timeout, authentication failed (401/403), not found (404) or another HTTP status.
"""

from __future__ import annotations

import base64
import http.client
import io
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.query import Result

from . import values
from .errors import AhtgraphError
from .loading import describe_parse_error, new_graph
from .sparql import prepare

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Identifier

    from .sparql import PreparedQuery

DEFAULT_TIMEOUT = 30.0
SPARQL_JSON = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
#: Response media type → rdflib parser, for CONSTRUCT/DESCRIBE answers.
_RDF_TYPES = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@dataclass(frozen=True)
class Endpoint:
    """Where to send requests, and how (basic auth, timeout in seconds)."""

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        check_url(self.url, "--endpoint")
        if (self.user is None) != (self.password is None):
            raise AhtgraphError("give --user and --password together (or set AHTGRAPH_PASSWORD)")
        if self.timeout <= 0:
            raise AhtgraphError("--timeout must be a positive number of seconds")


def check_url(url: str, option: str) -> None:
    """Refuse anything but an absolute http(s) URL (urllib would also open file:// URLs)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise AhtgraphError(f"{option} must be an http:// or https:// URL, got '{url}'")


def with_query(url: str, query: str) -> str:
    """``url`` with ``query`` added to its query string."""
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{query}"


# --------------------------------------------------------------------------------- HTTP


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    line = text.splitlines()[0] if text else ""
    return line[:200]


def send(
    endpoint: Endpoint,
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
) -> tuple[str, bytes]:
    """(content type, body) of one request; AhtgraphError for every way it can fail."""
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    if endpoint.user is not None:
        token = f"{endpoint.user}:{endpoint.password}".encode()
        # unredirected: a redirect to another host must not carry the password along
        request.add_unredirected_header(
            "Authorization", "Basic " + base64.b64encode(token).decode("ascii")
        )
    host = urllib.parse.urlsplit(url).hostname or url
    try:
        with urllib.request.urlopen(request, timeout=endpoint.timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        status = f"HTTP {exc.code} {exc.reason}".strip()
        detail = _first_line(exc.read() or b"")
        if exc.code in (401, 403):
            raise AhtgraphError(
                f"authentication failed at {url} ({status}): check --user and --password"
            ) from None
        if exc.code == 404:
            raise AhtgraphError(
                f"{url} was not found ({status}): is this the store's URL?"
            ) from None
        more = f": {detail}" if detail else ""
        raise AhtgraphError(f"{url} answered {status}{more}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.gaierror):
            raise AhtgraphError(f"cannot find the host '{host}' (DNS lookup failed)") from None
        if isinstance(reason, ConnectionRefusedError):
            raise AhtgraphError(
                f"cannot connect to {url}: connection refused (is the server running?)"
            ) from None
        if isinstance(reason, TimeoutError):
            raise _timeout(endpoint, url) from None
        raise AhtgraphError(f"cannot reach {url}: {reason}") from None
    except TimeoutError:
        raise _timeout(endpoint, url) from None
    except (http.client.HTTPException, OSError) as exc:
        raise AhtgraphError(
            f"the connection to {url} failed: {str(exc) or type(exc).__name__}"
        ) from None


def _timeout(endpoint: Endpoint, url: str) -> AhtgraphError:
    return AhtgraphError(
        f"no answer from {url} within {endpoint.timeout:g} s (raise --timeout to wait longer)"
    )


# -------------------------------------------------------------------------------- query


def parse_rows(body: bytes, form: str, where: str) -> Result:
    """A SELECT/ASK Result from SPARQL 1.1 JSON results; AhtgraphError when it is not that."""
    try:
        result = Result.parse(io.BytesIO(body), format="json")
        if result.type == "SELECT":
            result.bindings  # noqa: B018  (reads every row now, so bad rows fail here)
    except Exception as exc:
        raise AhtgraphError(
            f"the answer from {where} is not SPARQL JSON results: {_first_line(body) or 'empty'}"
        ) from exc
    if result.type != form:
        raise AhtgraphError(f"{where} answered a {form} query with a {result.type} result")
    return result


def align_vars(result: Result, prepared: PreparedQuery) -> Result:
    """Put the columns in the order rdflib gives them locally (``SELECT *`` orders differ)."""
    local = getattr(prepared.query.algebra, "PV", None)
    if (
        result.type == "SELECT"
        and local
        and result.vars is not None
        and {str(v) for v in local} == {str(v) for v in result.vars}
    ):
        result.vars = list(local)
    return result


def parse_graph(body: bytes, content_type: str, form: str, where: str) -> Result:
    """A CONSTRUCT/DESCRIBE Result holding the triples of an RDF answer."""
    media = content_type.split(";", 1)[0].strip().lower()
    fmt = _RDF_TYPES.get(media, "turtle")  # Turtle reads N-Triples too
    graph: Graph = new_graph()
    try:
        graph.parse(data=body.decode("utf-8"), format=fmt)
    except Exception as exc:
        raise AhtgraphError(
            f"cannot read the answer from {where} as {fmt}: {describe_parse_error(exc)}"
        ) from exc
    result = Result(form)
    result.graph = graph
    return result


def query(
    endpoint: Endpoint,
    prepared: PreparedQuery,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
) -> Result:
    """Run a checked query at the endpoint, parameters bound by a VALUES block."""
    sent = values.bind(text, bindings or {})
    accept = GRAPH_ACCEPT if prepared.returns_graph else SPARQL_JSON
    content_type, body = send(
        endpoint,
        endpoint.url,
        method="POST",
        body=urllib.parse.urlencode({"query": sent}).encode("utf-8"),
        headers={
            "Accept": accept,
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        },
    )
    if prepared.returns_graph:
        return parse_graph(body, content_type, prepared.form, endpoint.url)
    return align_vars(parse_rows(body, prepared.form, endpoint.url), prepared)


# ---------------------------------------------------------------------- Graph Store (load)


def query_endpoint_for(store_url: str) -> str:
    """The query URL that goes with a Graph Store URL, by the usual server layouts.

    Oxigraph serves the Graph Store Protocol at ``/store`` and queries at ``/query``; Fuseki
    serves them at ``/DATASET/data`` and ``/DATASET/query``. Anything else needs
    ``--query-endpoint``.
    """
    parts = urllib.parse.urlsplit(store_url)
    path = parts.path.rstrip("/")
    for gsp in ("/store", "/data"):
        if path.endswith(gsp):
            new_path = path[: -len(gsp)] + "/query"
            return urllib.parse.urlunsplit(parts._replace(path=new_path, query=""))
    raise AhtgraphError(
        f"cannot tell the query endpoint of {store_url} (expected a path ending in /store, as "
        "Oxigraph has, or /data, as Fuseki has): give --query-endpoint"
    )


def put_graph(endpoint: Endpoint, graph_iri: str | None, ntriples: bytes) -> None:
    """Replace the named graph (or the default graph) with these triples: HTTP PUT, so a
    second load leaves the same triples, not twice as many."""
    target = (
        with_query(endpoint.url, "graph=" + urllib.parse.quote(graph_iri, safe=""))
        if graph_iri
        else with_query(endpoint.url, "default")
    )
    send(
        endpoint,
        target,
        method="PUT",
        body=ntriples,
        headers={"Content-Type": "application/n-triples"},
    )


def count_triples(endpoint: Endpoint, graph_iri: str | None) -> int:
    """How many triples the store holds in the graph, by a COUNT query."""
    pattern = f"GRAPH {URIRef(graph_iri).n3()} {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    result = query(endpoint, prepare(text), text)
    rows = list(result)
    try:
        return int(rows[0][0])  # type: ignore[index, arg-type]
    except (IndexError, TypeError, ValueError) as exc:
        raise AhtgraphError(f"{endpoint.url} gave no triple count") from exc
