"""The server's one seam to the query engine: loading the graph, inspecting and running a query.

Why one module: issue 9 is building ``ahtgraph.graph.engine`` (loading shipped data, ``--data``
and named graphs into pyoxigraph) and ``ahtgraph.queries.inspect`` (query form, update keywords,
SERVICE, dataset IRIs, variable order, nesting depth). Until they land, the server's own minimal
versions live here and nowhere else, so switching to them is a change to this file only.
REPLACE-WITH-ENGINE marks the parts to swap.

Everything here runs inside a query worker process (see :mod:`.worker`); the HTTP front never
imports pyoxigraph.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pyoxigraph as ox

from .. import resources
from ..errors import AhtgraphError
from ..loading import check_data_files, checked_format

#: Deeper bracket nesting than this is refused before pyoxigraph sees the query: pyoxigraph
#: crashes the whole process (a stack overflow) on a few KB of deeply nested brackets.
MAX_DEPTH = 500

_NATIVE = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
    "n3": ox.RdfFormat.N3,
}
_QUADS = {"nquads", "trig"}


@dataclass
class Loaded:
    """The graph a worker answers from, with what the front reports about it."""

    store: Any
    graphs: frozenset[str]
    quads: int
    version: str
    files: list[Path] = field(default_factory=list)


def data_version(files: Iterable[Path]) -> str:
    """A short hash of every loaded file's name and bytes: the ETag of every answer."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def load(data: Iterable[str | Path] = (), only_data: bool = False) -> Loaded:
    """The shipped graph (default graph) plus ``--data``; quads in .trig/.nq stay named graphs.

    REPLACE-WITH-ENGINE: ahtgraph.graph.engine loads the same way for the CLI.
    """
    extra = check_data_files(data)
    files = [*([] if only_data else resources.graph_files()), *extra]
    store = ox.Store()
    for path in files:
        fmt = checked_format(path)
        try:
            if fmt in _QUADS:
                store.load(path=str(path), format=_NATIVE[fmt], base_iri=path.resolve().as_uri())
            else:
                store.load(
                    path=str(path),
                    format=_NATIVE[fmt],
                    base_iri=path.resolve().as_uri(),
                    to_graph=ox.DefaultGraph(),
                )
        except SyntaxError as exc:
            raise AhtgraphError(f"cannot parse {path} as {fmt}: {exc}") from exc
        except (ValueError, OSError) as exc:
            raise AhtgraphError(f"cannot load {path}: {exc}") from exc
    graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    return Loaded(store, graphs, len(store), data_version(files), files)


# --- the query inspector (REPLACE-WITH-ENGINE: ahtgraph.queries.inspect) -------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
  | (?P<pname>[A-Za-z\u00c0-\uffff][\w.\-\u00b7-\uffff]*?:[^\s(){}\[\],;]*|:[^\s(){}\[\],;]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


class QueryRefused(AhtgraphError):
    """A query the endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Inspected:
    """What the server must know about a query before running it."""

    form: str
    default_graphs: list[str]
    named_graphs: list[str]
    variables: list[str]
    select_star: bool


def inspect(text: str) -> Inspected:
    """Form, FROM/FROM NAMED IRIs and variable order; refuses updates, SERVICE, deep nesting.

    Conservative: a query it cannot tokenise is left to pyoxigraph's parser, which refuses it.
    """
    prefixes: dict[str, str] = {}
    base = ""
    form = ""
    depth = 0
    deepest = 0
    default_graphs: list[str] = []
    named_graphs: list[str] = []
    variables: list[str] = []
    seen: set[str] = set()
    select_star = False
    tokens = [
        (m.lastgroup, m.group())
        for m in _TOKEN.finditer(text)
        if m.lastgroup not in ("ws", "comment")
    ]
    i = 0
    while i < len(tokens):
        kind, value = tokens[i]
        upper = value.upper() if kind == "word" else ""
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                raise QueryRefused(f"query nested deeper than {MAX_DEPTH} levels")
        elif kind == "close":
            depth -= 1
        elif kind == "var":
            name = value[1:]
            if name not in seen:
                seen.add(name)
                variables.append(name)
        elif upper == "SERVICE":
            raise QueryRefused("SERVICE is not allowed: this endpoint never contacts other hosts")
        elif not form and upper in _UPDATES:
            raise QueryRefused("updates are not accepted: this endpoint is read-only", 403)
        elif not form and upper == "PREFIX" and i + 2 < len(tokens):
            name, iri = tokens[i + 1][1], tokens[i + 2][1]
            if tokens[i + 2][0] == "iri":
                prefixes[name.rstrip(":")] = urljoin(base, iri[1:-1])
            i += 2
        elif not form and upper == "BASE" and i + 1 < len(tokens):
            if tokens[i + 1][0] == "iri":
                base = urljoin(base, tokens[i + 1][1][1:-1])
            i += 1
        elif not form and upper in _FORMS:
            form = upper
            if upper == "SELECT":
                j = i + 1
                while (
                    j < len(tokens)
                    and tokens[j][0] == "word"
                    and tokens[j][1].upper()
                    in (
                        "DISTINCT",
                        "REDUCED",
                    )
                ):
                    j += 1
                select_star = j < len(tokens) and tokens[j][1] == "*"
        elif upper == "FROM" and i + 1 < len(tokens):
            named = tokens[i + 1][0] == "word" and tokens[i + 1][1].upper() == "NAMED"
            j = i + 2 if named else i + 1
            if j < len(tokens):
                iri = _resolve(tokens[j], prefixes, base)
                if iri is not None:
                    (named_graphs if named else default_graphs).append(iri)
            i = j
        i += 1
    return Inspected(form, default_graphs, named_graphs, variables, select_star)


def _resolve(token: tuple[str | None, str], prefixes: dict[str, str], base: str) -> str | None:
    kind, value = token
    if kind == "iri":
        return urljoin(base, value[1:-1])
    if kind == "pname":
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return None


# --- running a query -------------------------------------------------------------------------


def check_graphs(loaded: Loaded, iris: Iterable[str]) -> None:
    """400 naming the first IRI that is no local graph: nothing is ever fetched."""
    for iri in iris:
        if iri not in loaded.graphs:
            raise QueryRefused(f"no graph named <{iri}> here; this endpoint fetches nothing")


def execute(
    loaded: Loaded,
    text: str,
    inspected: Inspected,
    default_graph_uris: list[str],
    named_graph_uris: list[str],
    substitutions: dict[str, Any] | None = None,
) -> Any:
    """Run a checked query on the loaded dataset; the pyoxigraph answer object.

    Protocol dataset parameters win over the query's own FROM/FROM NAMED (SPARQL 1.1 Protocol
    2.1.4); without either, the default graph is the union of every graph.
    """
    options: dict[str, Any] = {}
    if default_graph_uris or named_graph_uris:
        check_graphs(loaded, [*default_graph_uris, *named_graph_uris])
        options["default_graph"] = [ox.NamedNode(g) for g in default_graph_uris]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graph_uris]
    elif inspected.default_graphs or inspected.named_graphs:
        check_graphs(loaded, [*inspected.default_graphs, *inspected.named_graphs])
    else:
        options["use_default_graph_as_union"] = True
    try:
        if substitutions:
            options["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
        return loaded.store.query(text, **options)
    except SyntaxError as exc:
        raise QueryRefused(f"query syntax error: {' '.join(str(exc).split())}") from None
