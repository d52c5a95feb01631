"""Routes: the SPARQL 1.1 Protocol at /sparql, Linked Data at /id and /ontology, the rest.

This module reads requests and turns them into jobs for the query workers; it never touches
the graph itself. Refusals that need no graph (method, media type, size, updates sent as
updates, unknown routes) are answered here at once.
"""

from __future__ import annotations

import collections
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import conneg
from .http import Request, Response, text_response
from .pool import Pool, PoolBusy

CORS = [("Access-Control-Allow-Origin", "*")]
PREFLIGHT = [
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type"),
    ("Access-Control-Max-Age", "86400"),
]
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_HOST = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
    r"[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$"
)
_ID_TWINS = {
    ".schema.jsonld": "schema",
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".jsonld": "application/ld+json",
    ".html": "text/html",
}
LANGUAGES = ("en", "fr", "nl")
_STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
_QUERY_TWINS = {
    ".json": "application/sparql-results+json",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".xml": "application/sparql-results+xml",
}


class BadRequest(Exception):
    """A request the protocol refuses; carries its status and one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Settings:
    """What the routes need to know about the server."""

    base_url: str | None
    bound_url: str
    max_query: int
    max_rows: int
    proxy_headers: bool


#: Replies of these jobs depend only on the request and the data: the front keeps them.
_CACHED_JOBS = {"entity", "ontology", "home", "void", "sd"}
_CACHE_BYTES = 64 * 1024 * 1024


@dataclass
class App:
    """The request handler the HTTP front calls."""

    pool: Pool
    settings: Settings
    #: Finished replies of page and Linked Data jobs (a new worker need not render them again).
    cache: collections.OrderedDict[str, Any] = field(default_factory=collections.OrderedDict)
    cache_bytes: int = 0
    #: The query page per language (it depends on the named queries only).
    query_pages: dict[str, bytes] = field(default_factory=dict)

    async def __call__(self, request: Request) -> Response:
        path = request.path
        try:
            if path in ("/sparql", "/sparql/"):
                return await self.sparql(request)
            if request.method not in ("GET", "HEAD"):
                if request.method == "OPTIONS" and path.startswith("/id/"):
                    return Response(204, PREFLIGHT)
                return text_response(405, "method not allowed", [("Allow", "GET, HEAD")])
            if path.startswith("/id/"):
                return await self.entity(request, path[len("/id/") :])
            if path == "/ontology" or path.startswith("/ontology."):
                return await self.ontology(request, path[len("/ontology") :])
            if path == "/healthz":
                return self.health()
            if path == "/.well-known/void":
                return await self.job(request, ("void", {"endpoint": self.endpoint(request)}))
            if path in ("/queries", "/queries/"):
                return self.query_list(request)
            if path.startswith("/queries/"):
                return await self.named(request, path[len("/queries/") :])
            if path == "/":
                return await self.job(request, ("home", self.page_args(request)))
            if path.startswith("/static/"):
                return self.static(request, path[len("/static/") :])
            return text_response(404, "not found")
        except BadRequest as exc:
            cors = CORS if path.startswith(("/sparql", "/id/")) else []
            return text_response(exc.status, exc.message, cors)

    # -- jobs

    async def job(
        self, request: Request, message: tuple[str, dict[str, Any]], cors: bool = False
    ) -> Response:
        key = json.dumps(message, sort_keys=True) if message[0] in _CACHED_JOBS else ""
        if key and key in self.cache:
            self.cache.move_to_end(key)
            status, headers, body, rows = self.cache[key]
            return self._finish(request, status, headers, body, rows, cors)
        try:
            reply = await self.pool.submit(message)
        except PoolBusy:
            return text_response(
                503,
                "server busy: every query worker and the queue are full",
                [("Retry-After", "1")],
            )
        if key and reply[0] in (200, 404) and key not in self.cache:
            self.cache[key] = reply
            self.cache_bytes += len(reply[2]) + len(key)
            while self.cache_bytes > _CACHE_BYTES:
                old_key, old = self.cache.popitem(last=False)
                self.cache_bytes -= len(old[2]) + len(old_key)
        return self._finish(request, *reply, cors)

    def _finish(
        self,
        request: Request,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        rows: int | None,
        cors: bool,
    ) -> Response:
        headers = list(headers)
        if cors:
            headers += CORS
        if status == 200 and request.method in ("GET", "HEAD"):
            headers.append(("ETag", self.etag))
            headers.append(("Cache-Control", "public, max-age=300"))
        headers.append(("Vary", "Accept"))
        if any(v.startswith("text/html") for k, v in headers if k == "Content-Type"):
            headers.append(("Content-Security-Policy", CSP))
        headers.append(("X-Content-Type-Options", "nosniff"))
        return Response(status, headers, body, rows)

    @property
    def etag(self) -> str:
        return f'W/"{self.pool.summary.get("version", "")}"'

    def not_modified(self, request: Request) -> Response | None:
        match = request.headers.get("if-none-match")
        if match and request.method in ("GET", "HEAD"):
            tags = {t.strip() for t in match.split(",")}
            if self.etag in tags or "*" in tags:
                return Response(304, [("ETag", self.etag), ("Vary", "Accept")])
        return None

    # -- pages

    @cached_property
    def base_path(self) -> str:
        """The path of --base-url (pages link under it), "" at the root."""
        return urlsplit(self.settings.base_url).path.rstrip("/") if self.settings.base_url else ""

    def page_args(self, request: Request) -> dict[str, str]:
        """The page language (``?lang=en|fr|nl``, English otherwise) and the links' base."""
        lang = next((v for k, v in _params(request.query) if k == "lang"), "en")
        return {"lang": lang if lang in LANGUAGES else "en", "base": self.base_path}

    @cached_property
    def static_files(self) -> dict[str, bytes]:
        from ..web import static_dir

        folder = static_dir()
        return {
            p.name: p.read_bytes()
            for p in folder.iterdir()
            if p.is_file() and p.suffix in _STATIC_TYPES
        }

    def static(self, request: Request, name: str) -> Response:
        body = self.static_files.get(name)
        if body is None:
            return text_response(404, "not found")
        ctype = _STATIC_TYPES[name[name.rfind(".") :]]
        etag = f'W/"{hashlib.sha256(body).hexdigest()[:16]}"'
        if request.headers.get("if-none-match") == etag:
            return Response(304, [("ETag", etag)])
        headers = [
            ("Content-Type", ctype),
            ("Cache-Control", "public, max-age=3600"),
            ("ETag", etag),
            ("X-Content-Type-Options", "nosniff"),
        ]
        return Response(200, headers, body)

    def query_page(self, request: Request) -> Response:
        """The query page (editor, examples, results table), rendered here: it needs no graph."""
        from .. import named_queries
        from ..web import views
        from ..web.links import ServerLinks
        from ..web.render import render

        args = self.page_args(request)
        lang = args["lang"]
        if lang not in self.query_pages:
            view = views.query_page_view(named_queries.catalogue(), lang)
            html = render(None, view, links=ServerLinks(args["base"], lang))
            self.query_pages[lang] = html.encode()
        return self.html_response(self.query_pages[lang], cors=True)

    def html_response(self, body: bytes, cors: bool = False) -> Response:
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Security-Policy", CSP),
            ("X-Content-Type-Options", "nosniff"),
            ("Vary", "Accept"),
            ("Cache-Control", "public, max-age=300"),
            *(CORS if cors else []),
        ]
        return Response(200, headers, body)

    # -- /sparql

    def endpoint(self, request: Request) -> str:
        """sd:endpoint: --base-url, else the Host header if it is host[:port], else our address."""
        if self.settings.base_url:
            return self.settings.base_url.rstrip("/") + "/sparql"
        host = request.headers.get("host", "")
        scheme = "http"
        if self.settings.proxy_headers:
            forwarded = request.headers.get("x-forwarded-host", "").split(",")[0].strip()
            if forwarded:
                host = forwarded
            proto = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                scheme = proto
        if host and _HOST.match(host):
            return f"{scheme}://{host}/sparql"
        return self.settings.bound_url + "/sparql"

    async def sparql(self, request: Request) -> Response:
        method = request.method
        if method == "OPTIONS":
            return Response(204, PREFLIGHT)
        if method not in ("GET", "HEAD", "POST"):
            raise BadRequest(405, f"method {method} not allowed on /sparql (GET, POST)")
        url_params = _params(request.query)
        if method == "POST":
            ctype = request.headers.get("content-type", "")
            media, charset = _media(ctype)
            if media == "application/x-www-form-urlencoded":
                params = url_params + _params(request.body.decode("latin-1"))
                query = _one(params, "query")
            elif media == "application/sparql-query":
                if charset not in ("", "utf-8"):
                    raise BadRequest(415, "application/sparql-query must be UTF-8")
                if "update" in _names(url_params):
                    raise BadRequest(403, "updates are not accepted: this endpoint is read-only")
                if "query" in _names(url_params):
                    raise BadRequest(400, "query given both in the URL and in the body")
                try:
                    query = request.body.decode("utf-8")
                except UnicodeDecodeError:
                    raise BadRequest(400, "the query is not valid UTF-8") from None
                params = url_params
            elif media == "application/sparql-update":
                raise BadRequest(403, "updates are not accepted: this endpoint is read-only")
            else:
                raise BadRequest(
                    415,
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded",
                )
        else:
            params = url_params
            if "update" in _names(params):
                raise BadRequest(403, "updates are not accepted: this endpoint is read-only")
            if "query" not in _names(params):
                return await self.service_description(request)
            query = _one(params, "query")
        if query is None:
            raise BadRequest(400, "no query given")
        if len(query.encode()) > self.settings.max_query:
            status = 413 if method == "POST" else 414
            raise BadRequest(status, f"query over {self.settings.max_query} bytes")
        cached = self.not_modified(request)
        if cached is not None:
            return cached
        default_graphs = [v for k, v in params if k == "default-graph-uri"]
        named_graphs = [v for k, v in params if k == "named-graph-uri"]
        message = {
            "query": query,
            "accept": request.headers.get("accept"),
            "default_graphs": default_graphs,
            "named_graphs": named_graphs,
            # relative IRIs in a query resolve against the endpoint (RFC 3986 5.1.3)
            "base_iri": self.endpoint(request),
        }
        return await self.job(request, ("sparql", message), cors=True)

    async def service_description(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        rdf = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]
        choice = conneg.choose(accept, [*rdf, "text/html"])
        if choice == "text/html" and not (accept or "").startswith("*/*"):
            return self.query_page(request)
        message = {"endpoint": self.endpoint(request), "accept": accept}
        return await self.job(request, ("sd", message), cors=True)

    # -- Linked Data

    async def entity(self, request: Request, rest: str) -> Response:
        slug, media = _twin(rest, _ID_TWINS)
        if not _SLUG.match(slug):
            return text_response(404, "not found", CORS)
        cached = self.not_modified(request)
        if cached is not None:
            return cached
        message = {"slug": slug, "media": media, "accept": request.headers.get("accept")}
        message.update(self.page_args(request))
        return await self.job(request, ("entity", message), cors=True)

    async def ontology(self, request: Request, rest: str) -> Response:
        media = None
        if rest:
            if rest not in _ID_TWINS or rest == ".schema.jsonld":
                return text_response(404, "not found")
            media = _ID_TWINS[rest]
        cached = self.not_modified(request)
        if cached is not None:
            return cached
        message = {"media": media, "accept": request.headers.get("accept")}
        message.update(self.page_args(request))
        return await self.job(request, ("ontology", message))

    # -- named queries

    def query_list(self, request: Request) -> Response:
        from .. import named_queries

        found = named_queries.catalogue()
        items = [
            {
                "name": q.name,
                "title": q.title,
                "description": q.description,
                "params": [p.name for p in q.params],
                "url": f"/queries/{q.name}",
            }
            for q in found
        ]
        choice = conneg.choose(request.headers.get("accept"), ["application/json", "text/html"])
        if choice == "text/html":  # the query page lists them as examples
            return self.query_page(request)
        body = json.dumps({"queries": items}, ensure_ascii=False, indent=2).encode()
        return Response(200, [("Content-Type", "application/json"), ("Vary", "Accept")], body)

    async def named(self, request: Request, rest: str) -> Response:
        name, media = _twin(rest, _QUERY_TWINS)
        if not _SLUG.match(name):
            return text_response(404, "not found")
        accept = media or request.headers.get("accept")
        message = {"name": name, "params": _params(request.query), "accept": accept}
        cached = self.not_modified(request)
        if cached is not None:
            return cached
        return await self.job(request, ("named", message), cors=True)

    # -- small pages

    def health(self) -> Response:
        summary = self.pool.summary
        ready = sum(1 for w in self.pool.workers if w.ready)
        body = {
            "status": "ok" if ready == self.pool.size else "degraded",
            "triples": summary.get("quads", 0),
            "named_graphs": summary.get("graphs", 0),
            "data_version": summary.get("version", ""),
            "workers": {
                "count": self.pool.size,
                "running": len(self.pool.workers),
                "ready": ready,
                "busy": self.pool.busy(),
                "queued": len(self.pool.queue),
                "queue_capacity": self.pool.capacity,
                "replaced": self.pool.replaced,
            },
        }
        text = json.dumps(body, indent=2).encode()
        status = 200 if ready else 503  # degraded (a worker being replaced) still serves
        return Response(
            status, [("Content-Type", "application/json"), ("Cache-Control", "no-store")], text
        )


def _params(text: str) -> list[tuple[str, str]]:
    if not text:
        return []
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(400, "parameters are not valid UTF-8 URL encoding") from None


def _names(params: list[tuple[str, str]]) -> set[str]:
    return {k for k, _ in params}


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if "update" in _names(params):
        raise BadRequest(403, "updates are not accepted: this endpoint is read-only")
    if len(values) > 1:
        raise BadRequest(400, f"more than one {name} parameter")
    return values[0] if values else None


def _media(content_type: str) -> tuple[str, str]:
    pieces = [p.strip() for p in content_type.split(";")]
    charset = ""
    for piece in pieces[1:]:
        key, _, value = piece.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return pieces[0].lower(), charset


def _twin(rest: str, twins: dict[str, str]) -> tuple[str, str | None]:
    for ext, media in twins.items():
        if rest.endswith(ext) and len(rest) > len(ext):
            return rest[: -len(ext)], media
    return rest, None
