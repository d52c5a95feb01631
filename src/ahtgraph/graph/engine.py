"""The one SPARQL engine: the graph loaded into pyoxigraph once, queried many times.

Why pyoxigraph: rdflib's evaluator has no join ordering, so ordinary two-hop questions took
20 s to 4 minutes on the 3,131-triple shipped graph; Oxigraph answers them in milliseconds and
follows the standard where rdflib does not (docs/engine.md). rdflib is not imported here: the
shipped Turtle goes straight into pyoxigraph's parser and answers stay pyoxigraph terms until
an API boundary (``ahtgraph.query``) converts them.

One :class:`Engine` serves the CLI, the Python API and the HTTP server alike::

    engine = Engine.load(data=["extra.ttl"], named_graphs=[DataFile(Path("g.ttl"), IRI)])
    answer = engine.query("SELECT * WHERE { ?s ?p ?o }", {"s": "id:payoke"}, timeout=5)
    if isinstance(answer, Rows):
        for row in answer: ...  # tuples of terms (None when unbound), in answer.variables order

The dataset rules (docs/engine.md):

* by default the shipped graph and the ``--data`` files' triples are in the default graph,
  quads of ``.trig``/``.nq`` files and ``--named-graph`` files in their named graphs, and a
  query's default graph is the union of all of them, so plain queries see everything;
* ``only_data=True`` loads no shipped graph and keeps the default graph to the files' default
  graphs alone (as the W3C tests and arq assume);
* ``FROM`` / ``FROM NAMED`` (and the protocol's default-graph-uri / named-graph-uri) must name
  graphs loaded here, else a one-line error names the IRI; nothing is ever fetched.

Parameters: a single value is bound natively (pyoxigraph's ``substitutions``) where
pyoxigraph can (a projected variable; ASK/CONSTRUCT/DESCRIBE), otherwise by a ``VALUES``
block at the top of the WHERE group; several values for one name always go in a ``VALUES``
block. Values are terms, never pasted text: strings are turned into terms first
(:func:`to_term`), and terms are written by pyoxigraph in N-Triples syntax.

Timeout: pyoxigraph cannot be interrupted from its own thread. Without a timeout the query runs
in this process (no cost); with one it runs in a forked child (the loaded store is shared
copy-on-write, about 2 ms per query) that streams its answer back and is killed at the
deadline, raising :class:`QueryTimeout`; this process stays usable. A child that crashes
becomes an AhtgraphError, never a crash of the caller.
"""

from __future__ import annotations

import contextlib
import operator
import os
import re
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeAlias

import pyoxigraph as ox

from .. import resources
from ..errors import AhtgraphError, QueryTimeout
from ..loading import DataSource, checked_format
from ..prefixes import ID
from ..queries.inspect import QueryFacts, inspect

# hashlib, json (--store-dir) and pickle (--timeout) are imported where used: a plain query
# needs none of them, and start-up is most of its time (docs/scale.md).

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row: TypeAlias = tuple[Term | None, ...]

#: loading.py's syntax names → pyoxigraph's parsers.
_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
}
#: Read by rdflib and handed over as N-Triples: its JSON-LD (offline contexts) and N3 dialect
#: are the project's reference for these two syntaxes.
_VIA_RDFLIB = ("json-ld", "n3")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")
_BATCH = 512
_STORE_MARKER = "ahtgraph-store.json"


# These small classes are NamedTuples and slotted classes, not dataclasses: every query imports
# this module, and on Python 3.11 each dataclass costs about 0.6 ms of start-up (importing
# dataclasses another 0.8 ms) against an 80 ms budget (benchmarks/bench_engine.py).


class DataFile(NamedTuple):
    """An RDF file to load; ``graph`` names the graph its triples go to (None: default).

    Quads of ``.trig`` / ``.nq`` files keep their own graphs either way.
    """

    path: Path
    graph: str | None = None
    #: A ``--data`` source that cannot be read by path (standard input, ``.gz``, a syntax given
    #: by ``--data-format``): its bytes, syntax and base IRI come from here instead.
    source: DataSource | None = None

    @classmethod
    def named(cls, spec: str | Path) -> DataFile:
        """A ``--named-graph FILE[=IRI]`` argument; without ``=IRI`` the graph is the file's IRI."""
        text = str(spec)
        path, sep, iri = text.rpartition("=")
        if sep and _ABSOLUTE_IRI.match(iri) and path:
            return cls(Path(path), iri)
        return cls(Path(text), Path(text).resolve().as_uri())


class Rows:
    """A SELECT answer: ``variables`` (column order) and rows streamed once, as tuples."""

    __slots__ = ("_rows", "truncated", "variables")

    def __init__(self, variables: tuple[str, ...], rows: Iterator[Row], truncated: bool = False):
        self.variables = variables
        self._rows = rows
        #: True once iteration stopped at the row limit with more rows left.
        self.truncated = truncated

    def __iter__(self) -> Iterator[Row]:
        return self._rows

    def __repr__(self) -> str:
        return f"Rows(variables={self.variables!r}, truncated={self.truncated!r})"


class Boolean:
    """An ASK answer (not a tuple: iterating an answer must mean rows or triples)."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def __bool__(self) -> bool:
        return self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Boolean) and other.value == self.value

    def __hash__(self) -> int:
        return hash((Boolean, self.value))

    def __repr__(self) -> str:
        return f"Boolean({self.value!r})"


class Triples:
    """A CONSTRUCT or DESCRIBE answer: pyoxigraph Triples streamed once."""

    __slots__ = ("_triples", "truncated")

    def __init__(self, triples: Iterator[ox.Triple], truncated: bool = False):
        self._triples = triples
        self.truncated = truncated

    def __iter__(self) -> Iterator[ox.Triple]:
        return self._triples

    def __repr__(self) -> str:
        return f"Triples(truncated={self.truncated!r})"


Answer: TypeAlias = Rows | Boolean | Triples


# ------------------------------------------------------------------------------ terms


def to_term(value: Any) -> Term:
    """The term a parameter value stands for (the same rules as ``--param``).

    pyoxigraph terms are used as given; rdflib terms are converted without importing rdflib;
    ``"<https://...>"`` is an IRI, ``"id:slug"`` an ahtgraph entity, any other string a plain
    literal; bool, int, float and date values become typed literals.
    """
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, ox.BlankNode | ox.Triple):
        raise AhtgraphError("a parameter must be an IRI or a literal, not a blank node")
    module = type(value).__module__
    if module.startswith("rdflib"):
        return _from_rdflib(value)
    if isinstance(value, str):
        if value.startswith("<") and value.endswith(">") and len(value) > 2:
            return _iri(value[1:-1])
        if value.startswith("id:") and _SLUG.match(value[3:]):
            return ox.NamedNode(ID + value[3:])
        return ox.Literal(value)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(xsd + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(xsd + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(xsd + "double"))
    iso = getattr(value, "isoformat", None)
    if iso is not None:
        kind = "dateTime" if hasattr(value, "hour") else "date"
        return ox.Literal(iso(), datatype=ox.NamedNode(xsd + kind))
    raise AhtgraphError(f"cannot bind a parameter of type {type(value).__name__}")


def _iri(text: str) -> ox.NamedNode:
    if not _ABSOLUTE_IRI.match(text):
        raise AhtgraphError(f"bad IRI in --param value <{text}>")
    try:
        return ox.NamedNode(text)
    except ValueError as exc:
        raise AhtgraphError(f"bad IRI in --param value <{text}>: {exc}") from exc


def _from_rdflib(value: Any) -> Term:
    kind = type(value).__name__
    if kind == "URIRef":
        return _iri(str(value))
    if kind == "Literal":
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    raise AhtgraphError("a parameter must be an IRI or a literal, not a blank node")


def group_params(
    params: Mapping[str, Any] | Iterable[str] | None,
) -> dict[str, list[Term]]:
    """``{name: [terms]}`` from an API mapping (a list value = several values) or CLI
    ``name=value`` strings (a repeated name = several values)."""
    from ..params import split_param

    grouped: dict[str, list[Term]] = {}
    if not params:
        return grouped
    if isinstance(params, Mapping):
        for key, value in params.items():
            values = value if isinstance(value, list | tuple | set | frozenset) else [value]
            if not values:
                raise AhtgraphError(f"parameter ?{key} has no value")
            grouped.setdefault(str(key).lstrip("?$"), []).extend(to_term(v) for v in values)
    else:
        for text in params:
            name, value = split_param(text)
            grouped.setdefault(name, []).append(to_term(value))
    for name in grouped:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise AhtgraphError(f"bad parameter name '{name}': expected a SPARQL variable name")
    return grouped


def values_clause(name: str, terms: Sequence[Term]) -> str:
    """``VALUES ?name { term ... }``, each term in N-Triples syntax as pyoxigraph writes it."""
    return f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"


def with_values(text: str, facts: QueryFacts, grouped: Mapping[str, Sequence[Term]]) -> str:
    """``text`` with one VALUES block per parameter opening its WHERE group.

    At the top of the group the values join with every pattern and FILTER of that group
    (a trailing VALUES would join only after the group's FILTERs ran on unbound variables).
    A WHERE group that is a bare sub-query is wrapped in a group first.
    """
    if facts.where_open is None or facts.where_close is None:
        raise AhtgraphError(
            "cannot bind these parameters: the query has no WHERE group to put a VALUES "
            "block in (CONSTRUCT WHERE or DESCRIBE without WHERE); write the values in it"
        )
    blocks = " ".join(values_clause(n, t) for n, t in grouped.items())
    at, end = facts.where_open + 1, facts.where_close
    if facts.where_subselect:
        return f"{text[:at]} {blocks} {{ {text[at:end]} }} {text[end:]}"
    return f"{text[:at]} {blocks}\n{text[at:]}"


# ------------------------------------------------------------------------------ loading


def _load_source(store: ox.Store, source: DataSource, target: Any) -> None:
    """A ``--data`` source read from bytes: standard input, gzip, or ``--data-format``."""
    from ..loading import load_files

    try:
        if source.format in _VIA_RDFLIB or source.format not in _FORMATS:
            text = load_files([source]).serialize(format="nt")
            store.load(input=text, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        else:
            store.load(
                input=source.read_bytes(),
                format=_FORMATS[source.format],
                base_iri=source.base_iri,
                to_graph=target,
            )
    except AhtgraphError:
        raise
    except SyntaxError as exc:
        raise AhtgraphError(
            f"cannot parse {source.name} as {source.format}: {_parse_message(exc)}"
        ) from exc
    except (ValueError, OSError) as exc:
        raise AhtgraphError(f"cannot load {source.name}: {' '.join(str(exc).split())}") from exc


def _load_file(
    store: ox.Store,
    path: Path,
    graph: str | None,
    bulk: bool = False,
    source: DataSource | None = None,
) -> None:
    """One file into ``store``; ``bulk`` (an on-disk store) skips per-quad transactions."""
    target: Any = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    if source is not None:
        _load_source(store, source, target)
        return
    fmt = checked_format(path)
    try:
        if fmt in _VIA_RDFLIB:
            from ..loading import load_files

            text = load_files([path]).serialize(format="nt")
            store.load(input=text, format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        else:
            load = store.bulk_load if bulk else store.load
            load(
                path=str(path),
                format=_FORMATS[fmt],
                base_iri=path.resolve().as_uri(),
                to_graph=target,
            )
    except AhtgraphError:
        raise
    except SyntaxError as exc:
        raise AhtgraphError(f"cannot parse {path} as {fmt}: {_parse_message(exc)}") from exc
    except (ValueError, OSError) as exc:
        raise AhtgraphError(f"cannot load {path}: {' '.join(str(exc).split())}") from exc


def _data_file(item: str | Path | DataFile | DataSource) -> DataFile:
    """A ``--data`` argument as a DataFile: by path where a parser can read it so."""
    if isinstance(item, DataFile):
        return item
    if isinstance(item, DataSource):
        path = item.path_by_name
        if path is not None:
            return DataFile(path)
        return DataFile(Path(item.name), source=item)
    return DataFile(Path(item))


def _inputs(
    shipped: Sequence[Path],
    data: Iterable[str | Path | DataFile | DataSource],
    named_graphs: Iterable[str | Path | DataFile],
) -> list[DataFile]:
    files = [DataFile(p) for p in shipped]
    files.extend(_data_file(item) for item in data)
    for item in named_graphs:
        files.append(item if isinstance(item, DataFile) else DataFile.named(item))
    for f in files:
        if f.source is None:
            checked_format(f.path)  # every file is checked before time goes into parsing
    return files


def _load_prebuilt(store: ox.Store, files: list[Path]) -> int:
    """Load the wheel's prebuilt shipped graph if it matches the shipped ``files``; return how
    many of them that replaced (0: none, load the Turtle files)."""
    from . import prebuilt

    graph = prebuilt.matching(resources.resource_root(), files)
    if graph is None:
        return 0
    store.load(path=str(graph), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return len(files)


def _signature(files: Sequence[DataFile], only_data: bool) -> dict[str, Any]:
    """What a ``--store-dir`` store was built from: each file's path, size and mtime."""
    entries = []
    for f in files:
        if f.source is not None:
            raise AhtgraphError(
                f"--store-dir keeps plain files only: {f.source.name} is read from standard "
                "input, gzip or --data-format"
            )
        stat = f.path.stat()
        entries.append([str(f.path.resolve()), f.graph, stat.st_size, stat.st_mtime_ns])
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps(entries).encode()).hexdigest()
    return {"format": 1, "only_data": only_data, "inputs": digest}


def _open_store_dir(folder: Path, files: Sequence[DataFile], only_data: bool) -> ox.Store:
    """An on-disk store in ``folder``, reused when built from the same files, else rebuilt."""
    import json

    marker = folder / _STORE_MARKER
    wanted = _signature(files, only_data)
    location = folder / "oxigraph"
    if marker.is_file():
        try:
            found = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if found == wanted:
            try:
                return ox.Store.read_only(str(location))
            except OSError as exc:
                raise AhtgraphError(f"cannot open the store in {folder}: {exc}") from exc
    elif folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise AhtgraphError(
            f"--store-dir {folder} is not empty and holds no ahtgraph store; "
            "give an empty or new folder"
        )
    folder.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)  # a half-built store is never mistaken for a finished one
    store = ox.Store(str(location))
    store.clear()
    for f in files:
        _load_file(store, f.path, f.graph, bulk=True)
    store.flush()
    del store
    from ..output import write_file

    write_file(marker, json.dumps(wanted) + "\n")
    return ox.Store.read_only(str(location))


def _parse_message(exc: SyntaxError) -> str:
    """``line L, column C: why`` from pyoxigraph's "Parser error at line L between columns
    A and B: why" (the form loading.py gives for rdflib's parsers), else its message."""
    text = " ".join(str(exc.msg or exc).split())
    found = re.match(
        r"Parser error at line (\d+),? (?:between columns|at column|column) (\d+)"
        r"(?: and \d+)?: (.*)",
        text,
    )
    if found:
        return f"line {found.group(1)}, column {found.group(2)}: {found.group(3)}"
    return text[:300]


# ------------------------------------------------------------------------------ the engine


class Engine:
    """A loaded dataset and the rules for querying it (see the module docstring)."""

    def __init__(self, store: ox.Store, union_default_graph: bool = True) -> None:
        self.store = store
        #: Plain queries see the union of all graphs (shipped mode) or the default graph alone.
        self.union_default_graph = union_default_graph
        self._graphs: frozenset[str] | None = None

    def __repr__(self) -> str:
        return f"Engine({len(self.store)} quads, union_default_graph={self.union_default_graph})"

    @classmethod
    def load(
        cls,
        data: Iterable[str | Path | DataFile | DataSource] = (),
        named_graphs: Iterable[str | Path | DataFile] = (),
        *,
        only_data: bool = False,
        store_dir: str | Path | None = None,
    ) -> Engine:
        """The shipped graph (unless ``only_data``) plus ``data`` and ``named_graphs``.

        Callable in a fresh process (the server's workers do). ``store_dir`` keeps the loaded
        store on disk and reuses it while the input files are unchanged (size and mtime).
        """
        shipped = [] if only_data else resources.graph_files()
        files = _inputs(shipped, data, named_graphs)
        if store_dir is not None:
            store = _open_store_dir(Path(store_dir), files, only_data)
        else:
            store = ox.Store()
            replaced = _load_prebuilt(store, shipped) if shipped else 0
            for f in files[replaced:]:
                _load_file(store, f.path, f.graph, source=f.source)
        return cls(store, union_default_graph=not only_data)

    def graphs(self) -> frozenset[str]:
        """The IRIs of the named graphs loaded here."""
        if self._graphs is None:
            self._graphs = frozenset(
                g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)
            )
        return self._graphs

    def __len__(self) -> int:
        return len(self.store)

    def _check_graph(self, iri: str, clause: str) -> ox.NamedNode:
        if iri not in self.graphs():
            have = ", ".join(f"<{g}>" for g in sorted(self.graphs())[:5]) or "none"
            raise AhtgraphError(
                f"{clause} <{iri}> names no graph loaded here (nothing is fetched); "
                f"named graphs: {have}"
            )
        return ox.NamedNode(iri)

    def prepare(
        self,
        text: str,
        params: Mapping[str, Any] | Iterable[str] | None = None,
        *,
        base_iri: str | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        allow_service: bool = False,
    ) -> tuple[QueryFacts, str, dict[str, Any]]:
        """Check ``text`` and build pyoxigraph's call: (facts, text to run, keyword args).

        Raises AhtgraphError for updates, SERVICE (unless allowed), deep nesting, a FROM
        naming no local graph and a parameter the query does not mention.
        """
        facts = inspect(text, base_iri=base_iri)
        if facts.update:
            raise AhtgraphError(
                "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is refused: the graph is "
                "read-only; write a SELECT, ASK, CONSTRUCT or DESCRIBE query"
            )
        if facts.form is None and not facts.update:
            raise _no_form(text)
        if facts.service and not allow_service:
            raise AhtgraphError(
                "the query uses SERVICE, which fetches data over the network; "
                "pass --allow-service to run it"
            )
        kwargs: dict[str, Any] = {"base_iri": base_iri}
        for iri in facts.from_graphs:
            self._check_graph(iri, "FROM")
        for iri in facts.from_named:
            self._check_graph(iri, "FROM NAMED")
        if default_graphs is not None:
            kwargs["default_graph"] = [
                self._check_graph(g, "default-graph-uri") for g in default_graphs
            ]
        if named_graphs is not None:
            kwargs["named_graphs"] = [self._check_graph(g, "named-graph-uri") for g in named_graphs]
        if default_graphs is None and not facts.uses_dataset and self.union_default_graph:
            kwargs["use_default_graph_as_union"] = True

        grouped = group_params(params)
        unknown = [n for n in grouped if n not in facts.variables]
        if unknown:
            have = ", ".join(f"?{v}" for v in sorted(facts.variables)) or "none"
            raise AhtgraphError(
                f"the query has no variable ?{unknown[0]} to bind; its variables are: {have}"
            )
        single = {n: t[0] for n, t in grouped.items() if len(t) == 1}
        several = {n: t for n, t in grouped.items() if len(t) > 1}
        if single:
            kwargs["substitutions"] = {ox.Variable(n): t for n, t in single.items()}
        if several:
            text = with_values(text, facts, several)
        return facts, text, kwargs

    def query(
        self,
        text: str,
        params: Mapping[str, Any] | Iterable[str] | None = None,
        *,
        base_iri: str | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        allow_service: bool = False,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> Answer:
        """Run one query; the answer streams the engine's own terms.

        ``limit`` stops after that many rows or triples (``truncated`` then says whether more
        were left); ``timeout`` (seconds) stops evaluation and streaming with QueryTimeout.
        """
        facts, sent, kwargs = self.prepare(
            text,
            params,
            base_iri=base_iri,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            allow_service=allow_service,
        )
        if timeout is None:
            return _local(self.store, facts, sent, kwargs, limit)
        if timeout <= 0:
            raise AhtgraphError("the timeout must be a positive number of seconds")
        return _forked(self.store, facts, sent, kwargs, limit, timeout)


# ------------------------------------------------------------------------------ running


def _evaluate(store: ox.Store, sent: str, kwargs: dict[str, Any], facts: QueryFacts) -> Any:
    """pyoxigraph's answer; a single value pyoxigraph cannot substitute goes into VALUES."""
    try:
        return store.query(sent, **kwargs)
    except RuntimeError as exc:
        subs = kwargs.get("substitutions")
        if not subs or "projection" not in str(exc):
            raise
        rest = {k: v for k, v in kwargs.items() if k != "substitutions"}
        grouped = {v.value: [t] for v, t in subs.items()}
        return store.query(with_values(sent, facts, grouped), **rest)


def syntax_error(exc: SyntaxError, text: str = "") -> AhtgraphError:
    """``malformed SPARQL query at line L, column C near 'x': ...`` from pyoxigraph's message.

    pyoxigraph lists every character class it expected; the first few say enough.
    """
    message = " ".join(str(exc).split())
    found = re.match(r"error at (\d+):(\d+): (.*)", message)
    if not found:
        return AhtgraphError(f"malformed SPARQL query: {message[:200]}")
    line, column, why = found.groups()
    if len(why) > 160:
        why = why[:160].rsplit(",", 1)[0] + ", ..."
    return AhtgraphError(
        f"malformed SPARQL query at line {line}, column {column}"
        f"{_near(text, int(line), int(column))}: {why}"
    )


def _near(text: str, line: int, column: int) -> str:
    """`` near 'word'`` for the text at a 1-based line and column, or `` at end of query``."""
    lines = text.split("\n")
    if not text or line > len(lines):
        return ""
    words = lines[line - 1][column - 1 :].split() or " ".join(lines[line:]).split()
    return f" near '{words[0][:20]}'" if words else " at end of query"


def _no_form(text: str) -> AhtgraphError:
    """The error for a text whose first word after the prologue is no query form."""
    from ..queries.inspect import tokens

    toks = tokens(text)
    i = 0
    while i < len(toks) and toks[i].word in ("BASE", "PREFIX"):
        i += 3 if toks[i].word == "PREFIX" else 2
    if i >= len(toks):
        return AhtgraphError("malformed SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    at = toks[i].start
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return AhtgraphError(
        f"malformed SPARQL query at line {line}, column {column} near '{toks[i].text[:20]}': "
        "expected SELECT, ASK, CONSTRUCT or DESCRIBE"
    )


def _column_order(found: Sequence[str], facts: QueryFacts) -> tuple[str, ...]:
    """``SELECT *`` columns in order of first appearance in the text (pyoxigraph sorts them)."""
    if not facts.select_star:
        return tuple(found)
    first = {name: i for i, name in enumerate(facts.variables)}
    return tuple(sorted(found, key=lambda v: (first.get(v, len(first)), found.index(v))))


def _limited(items: Iterator[Any], limit: int | None, owner: Rows | Triples) -> Iterator[Any]:
    for count, item in enumerate(items):
        if limit is not None and count >= limit:
            owner.truncated = True
            return
        yield item


def _errors(items: Iterator[Any]) -> Iterator[Any]:
    """Evaluation errors raised while streaming, as one-line AhtgraphErrors."""
    try:
        yield from items
    except AhtgraphError:
        raise
    except (SyntaxError, RuntimeError, OSError, ValueError) as exc:
        raise AhtgraphError(f"query failed: {' '.join(str(exc).split())}") from exc


def _local(
    store: ox.Store, facts: QueryFacts, sent: str, kwargs: dict[str, Any], limit: int | None
) -> Answer:
    try:
        answer = _evaluate(store, sent, kwargs, facts)
    except SyntaxError as exc:
        raise syntax_error(exc, sent) from exc
    except (RuntimeError, OSError, ValueError) as exc:
        raise AhtgraphError(f"query failed: {' '.join(str(exc).split())}") from exc
    if isinstance(answer, ox.QueryBoolean):
        return Boolean(bool(answer))
    if isinstance(answer, ox.QueryTriples):
        triples = Triples(iter(()))
        triples._triples = _errors(_limited(iter(answer), limit, triples))
        return triples
    found = [v.value for v in answer.variables]
    order = _column_order(found, facts)
    rows = Rows(order, iter(()))
    rows._rows = _errors(_limited(_in_order(answer, found, order), limit, rows))
    return rows


def _in_order(
    solutions: Iterable[Any], found: Sequence[str], order: Sequence[str]
) -> Iterator[Row]:
    """Solutions as tuples in ``order`` (None where unbound), made in C: picking the values
    one by one in a generator cost 7 µs of the 38 µs of a simple 9-row answer."""
    if list(order) == list(found):
        return map(tuple, solutions)
    # SELECT * reordered: at least two columns
    return map(operator.itemgetter(*[found.index(v) for v in order]), solutions)


def _child(
    write: IO[bytes],
    store: ox.Store,
    facts: QueryFacts,
    sent: str,
    kwargs: dict[str, Any],
    limit: int | None,
) -> None:
    """In the forked child: run the query and pickle its answer down the pipe in batches."""
    import pickle  # already imported by the parent (_forked), before the fork

    try:
        answer = _local(store, facts, sent, kwargs, limit)
        if isinstance(answer, Boolean):
            pickle.dump(("bool", answer.value), write)
        else:
            if isinstance(answer, Rows):
                pickle.dump(("vars", answer.variables), write)
            batch: list[Any] = []
            for item in answer:
                batch.append(item)
                if len(batch) >= _BATCH:
                    pickle.dump(("items", batch), write)
                    write.flush()
                    batch = []
            if batch:
                pickle.dump(("items", batch), write)
            pickle.dump(("end", answer.truncated), write)
    except AhtgraphError as exc:
        pickle.dump(("error", exc.message), write)
    write.flush()


def _forked(
    store: ox.Store,
    facts: QueryFacts,
    sent: str,
    kwargs: dict[str, Any],
    limit: int | None,
    timeout: float,
) -> Answer:
    """Run the query in a forked child killed at the deadline (see the module docstring)."""
    import pickle  # before the fork, so that the child does not import it again

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup handlers
        status = 0
        try:
            os.close(read_fd)
            with os.fdopen(write_fd, "wb") as write:
                _child(write, store, facts, sent, kwargs, limit)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_fd)
    reader = os.fdopen(read_fd, "rb")
    expired = threading.Event()

    def kill() -> None:
        expired.set()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.daemon = True
    timer.start()
    finished = False

    def message() -> tuple[str, Any]:
        try:
            return pickle.load(reader)  # type: ignore[no-any-return]
        except (EOFError, pickle.UnpicklingError, OSError) as exc:
            if expired.is_set():
                raise QueryTimeout(
                    f"the query took longer than {timeout:g} s and was stopped"
                ) from None
            raise AhtgraphError(
                "the query stopped the engine's process (a crash in pyoxigraph)"
            ) from exc

    def close() -> None:
        nonlocal finished
        if finished:
            return
        finished = True
        timer.cancel()
        reader.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

    try:
        kind, payload = message()
        if kind == "error":
            raise AhtgraphError(payload)
        if kind == "bool":
            return Boolean(payload)
    except BaseException:
        close()
        raise

    def stream(owner: Rows | Triples) -> Iterator[Any]:
        try:
            while True:
                kind, payload = message()
                if kind == "items":
                    yield from payload
                elif kind == "end":
                    owner.truncated = payload
                    return
                else:
                    raise AhtgraphError(payload)
        finally:
            close()

    if kind == "vars":
        rows = Rows(tuple(payload), iter(()))
        rows._rows = stream(rows)
        return rows
    triples = Triples(iter(()))
    first = [] if kind == "end" else payload
    if kind == "end":
        close()
        return Triples(iter(()), truncated=payload)

    def chained() -> Iterator[ox.Triple]:
        yield from first
        yield from stream(triples)

    triples._triples = chained()
    return triples
