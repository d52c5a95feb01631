"""Reading RDF files into one rdflib graph, with errors a user can act on.

The shipped graph is every ``data/*.ttl`` file; ``--data`` files are added on top. Each file's
syntax is guessed from its extension (a ``.gz`` is read through gzip, its syntax from the
extension before ``.gz``) unless ``--data-format`` names it; ``--data -`` reads standard input.
:func:`data_sources` turns the user's ``--data`` arguments into :class:`DataSource` items once
(standard input can be read only once), and every loader (rdflib here, pyoxigraph in the
engine) reads those. A parse failure names the file and, where the parser says, the line and
column.

JSON-LD is read offline: a ``@context`` (or ``@import``) naming schema.org is answered with the
schema.org context the package ships (``schema_org.local_context``); any other remote,
``file:`` or relative context is refused with one line naming it and the file, unless the
user passes ``--allow-remote-context`` (as ``SERVICE`` needs ``--allow-service``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from . import progress, resources
from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib import Graph

# json and xml.sax are imported where used: the query path reads the shipped Turtle through
# pyoxigraph and needs neither, and start-up is most of its time (docs/scale.md).

#: File extension → rdflib parser name.
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".n3": "n3",
    ".owl": "xml",
}

#: ``--data-format`` names (riot's and the release's short names) → rdflib parser names.
DATA_FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "rdfxml": "xml",
    "jsonld": "json-ld",
    "n3": "n3",
}

#: The ``--data`` argument that means standard input.
STDIN = "-"

#: Formats that carry named graphs: their quads are merged into the one graph we query.
_QUAD_FORMATS = {"nquads", "trig"}


def _is_gzip(path: Path) -> bool:
    return path.suffix.lower() == ".gz"


def guess_format(path: Path) -> str:
    """The rdflib parser for a file, from its extension (before ``.gz``); refuses the unknown."""
    inner = path.with_suffix("") if _is_gzip(path) else path
    fmt = FORMATS.get(inner.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(FORMATS))
        raise AhtgraphError(
            f"cannot tell the RDF syntax of {path} from its extension ({known}, each also "
            f".gz); name it with --data-format ({' '.join(DATA_FORMATS)})"
        )
    return fmt


# A NamedTuple, not a dataclass: every query imports this module, and a dataclass costs about
# 1.4 ms of start-up with its import (benchmarks/bench_engine.py).
class DataSource(NamedTuple):
    """One ``--data`` argument, ready for any parser: its bytes or path, syntax and base IRI.

    ``path`` is set for a file (read through gzip when ``compressed``); ``content`` holds what
    standard input gave. ``name`` is what error messages call it (the path as typed, or
    ``<stdin>``). ``format`` is an rdflib parser name (:data:`FORMATS` values).
    """

    name: str
    format: str
    base_iri: str
    path: Path | None = None
    content: bytes | None = None
    compressed: bool = False
    #: JSON-LD only: let remote and ``file:`` contexts be fetched (``--allow-remote-context``).
    allow_remote_context: bool = False

    def __fspath__(self) -> str:
        """The file's path, for loaders that still take paths (``Path(source)``).

        Only a plain file whose extension names its syntax has one; standard input, gzip and
        ``--data-format`` sources cannot be read by path, so a loader that has not learnt to
        take a DataSource says so in one line rather than reading them wrongly.
        """
        path = self.path_by_name
        if path is not None:
            return str(path)
        raise AhtgraphError(
            f"--data {self.name}: this command reads only plain files named by their extension "
            "(not standard input, .gz or --data-format)"
        )

    @property
    def path_by_name(self) -> Path | None:
        """The file, when a parser can read it by path alone: a plain file whose extension
        names the syntax it is read with (not standard input, gzip or ``--data-format``)."""
        path = self.path
        if self.plain_file and path is not None and FORMATS.get(path.suffix.lower()) == self.format:
            return path
        return None

    @property
    def plain_file(self) -> bool:
        """A file a parser can read by path itself (not standard input, not gzip)."""
        return self.path is not None and not self.compressed

    def read_bytes(self) -> bytes:
        """The RDF document's bytes (decompressed); AhtgraphError names a broken gzip file."""
        if self.content is not None:
            return self.content
        assert self.path is not None
        if not self.compressed:
            return self.path.read_bytes()
        import gzip  # here, not at the top: the CLI imports this module for --help
        import zlib

        try:
            with gzip.open(self.path, "rb") as stream:
                return stream.read()
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise AhtgraphError(f"cannot read {self.name} as gzip: {exc}") from exc


def _source_for_path(path: Path, data_format: str | None, allow_remote_context: bool) -> DataSource:
    fmt = DATA_FORMATS[data_format] if data_format else guess_format(path)
    if not path.is_file():
        raise AhtgraphError(f"data file not found: {path}")
    return DataSource(
        str(path),
        fmt,
        path.resolve().as_uri(),
        path=path,
        compressed=_is_gzip(path),
        allow_remote_context=allow_remote_context,
    )


def data_sources(
    data: Iterable[str | Path | DataSource],
    data_format: str | None = None,
    *,
    allow_remote_context: bool = False,
    stdin: IO[bytes] | None = None,
) -> list[DataSource]:
    """The user's ``--data`` arguments as sources, checked before time goes into parsing.

    ``-`` is standard input (read here, once; its syntax must be given with ``data_format``,
    its base IRI is the working folder's, as riot does). ``data_format`` (a
    :data:`DATA_FORMATS` name) applies to every argument, as riot's ``--syntax`` does;
    without it each file's extension decides.
    """
    if data_format is not None and data_format not in DATA_FORMATS:
        raise AhtgraphError(
            f"unknown --data-format {data_format!r}: use one of {', '.join(DATA_FORMATS)}"
        )
    sources: list[DataSource] = []
    seen_stdin = False
    for item in data:
        if isinstance(item, DataSource):
            sources.append(item)
            continue
        if str(item) != STDIN:
            sources.append(_source_for_path(Path(item), data_format, allow_remote_context))
            continue
        if seen_stdin:
            raise AhtgraphError("--data - (standard input) can be given only once")
        if data_format is None:
            raise AhtgraphError(
                f"--data - (standard input) needs --data-format ({', '.join(DATA_FORMATS)})"
            )
        seen_stdin = True
        stream = stdin if stdin is not None else sys.stdin.buffer
        sources.append(
            DataSource(
                "<stdin>",
                DATA_FORMATS[data_format],
                Path.cwd().as_uri() + "/",
                content=stream.read(),
                allow_remote_context=allow_remote_context,
            )
        )
    return sources


def new_graph() -> Graph:
    """An empty graph that knows only our prefixes, so output never depends on rdflib defaults."""
    # lazy: `query` imports this module at start-up (cli.options)
    from rdflib import Graph

    from .prefixes import PREFIXES

    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def checked_format(path: Path) -> str:
    """The RDF syntax of an existing data file; AhtgraphError for a missing or unknown one."""
    fmt = guess_format(path)
    if not path.is_file():
        raise AhtgraphError(f"data file not found: {path}")
    return fmt


def check_data_files(data: Iterable[str | Path]) -> list[Path]:
    """The user's extra files as paths, checked before any time goes into the shipped graph."""
    extra = [Path(p) for p in data]
    for path in extra:
        checked_format(path)
    return extra


def parse_into(graph: Graph, path: Path | DataSource) -> None:
    """Add the triples of one file or source to ``graph``; AhtgraphError says which and where."""
    source = path if isinstance(path, DataSource) else _source_for_path(Path(path), None, False)
    fmt = source.format
    quiet_ill_typed_literals()
    try:
        if fmt == "json-ld":
            document = offline_jsonld(source)
            kwargs: dict[str, Any] = {"data": document, "publicID": source.base_iri}
        elif source.plain_file:
            kwargs = {"source": source.path}
        else:
            kwargs = {"data": source.read_bytes(), "publicID": source.base_iri}
        if fmt in _QUAD_FORMATS:
            # lazy: `query` imports this module at start-up (cli.options)
            from rdflib import Dataset

            dataset = Dataset(default_union=True)
            dataset.parse(format=fmt, **kwargs)
            for triple in dataset.triples((None, None, None)):
                graph.add(triple)
        else:
            graph.parse(format=fmt, **kwargs)
    except AhtgraphError:
        raise
    except Exception as exc:  # parsers raise many unrelated types; all mean "bad file"
        raise AhtgraphError(
            f"cannot parse {source.name} as {fmt}: {describe_parse_error(exc)}"
        ) from exc


def offline_jsonld(source: DataSource) -> str | bytes:
    """The JSON-LD document of ``source`` with every ``@context`` answerable offline.

    schema.org's context (http or https, with or without the trailing slash, or its
    ``docs/jsonldcontext.json``) is replaced by the copy the package ships; any other context
    named by IRI (remote, ``file:`` or relative) is refused, naming it and the file, unless
    the source allows remote contexts. Without ``@context`` IRIs the bytes are unchanged.
    """
    import json

    raw = source.read_bytes()
    if source.allow_remote_context:
        return raw
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise AhtgraphError(
            f"cannot parse {source.name} as json-ld: {describe_parse_error(exc)}"
        ) from exc
    changed = [False]
    document = _offline_contexts(document, source.name, changed)
    return json.dumps(document) if changed[0] else raw


def _offline_contexts(node: Any, name: str, changed: list[bool]) -> Any:
    """``node`` with each ``@context``/``@import`` IRI replaced or refused (see above)."""
    if isinstance(node, list):
        return [_offline_contexts(item, name, changed) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "@context":
            items = value if isinstance(value, list) else [value]
            resolved = [_context_entry(item, name, changed) for item in items]
            out[key] = resolved if isinstance(value, list) else resolved[0]
        elif key == "@import" and isinstance(value, str):
            # JSON-LD 1.1: a context that imports another by IRI; the same rules apply.
            entry = _context_entry(value, name, changed)
            if isinstance(entry, dict):
                out.update({k: v for k, v in entry.items() if k not in node})
            else:
                out[key] = entry
        else:
            out[key] = _offline_contexts(value, name, changed)
    return out


def _context_entry(entry: Any, name: str, changed: list[bool]) -> Any:
    from .schema_org import is_schema_org_context, local_context

    if isinstance(entry, str):
        if is_schema_org_context(entry):
            changed[0] = True
            return local_context()["@context"]
        where = "a local file" if entry.startswith("file:") or ":" not in entry else "the network"
        raise AhtgraphError(
            f"{name}: the JSON-LD @context <{entry}> would be read from {where}; only schema.org's "
            "context is answered offline: pass --allow-remote-context to fetch it"
        )
    return _offline_contexts(entry, name, changed)


def _drop_ill_typed_warning(record: Any) -> bool:
    return not str(record.msg).startswith("Failed to convert Literal lexical form")


def quiet_ill_typed_literals() -> None:
    """Silence rdflib's 24-line traceback for each ill-typed literal (``"x"^^xsd:date``).

    rdflib logs it as a warning with the traceback whenever it reads such a literal; the
    literal itself is kept as written. ``check`` (rule ``ill-typed-literal``) and ``validate``
    report it as one readable finding instead.
    """
    import logging

    logger = logging.getLogger("rdflib.term")
    if _drop_ill_typed_warning not in logger.filters:
        logger.addFilter(_drop_ill_typed_warning)


def describe_parse_error(exc: Exception) -> str:
    """``line L, column C: why`` from whichever parser failed, else its message on one line."""
    import json
    import xml.sax

    # lazy: `query` imports this module at start-up (cli.options)
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(exc, BadSyntax):
        text = exc._str.decode("utf-8", "replace") if isinstance(exc._str, bytes) else exc._str
        column = exc._i - (text.rfind("\n", 0, exc._i) + 1) + 1
        return f"line {exc.lines + 1}, column {column}: {exc._why}"
    if isinstance(exc, xml.sax.SAXParseException):
        return f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message[:300]


def load_files(paths: Iterable[Path | DataSource]) -> Graph:
    """One graph holding the triples of all ``paths`` (files or sources)."""
    graph = new_graph()
    for path in paths:
        parse_into(graph, path if isinstance(path, DataSource) else Path(path))
    return graph


def shipped_graph(files: list[Path]) -> Graph:
    """The shipped graph as an rdflib Graph, parsed by pyoxigraph rather than rdflib.

    Why: rdflib's Turtle parser took about 0.3 s for the shipped graph's 6,900 triples;
    pyoxigraph parses them (or the wheel's prebuilt N-Triples, see ahtgraph.graph.prebuilt)
    in about 10 ms, and building the rdflib terms (each distinct term once) costs about
    0.1 s, so every rdflib-based command (describe, check, site, export, ...) starts about
    twice as fast. ``pyoxigraph.parse`` keeps each literal's lexical form as written (only
    Oxigraph's store canonicalises numbers), so the graph equals rdflib's own parse, as
    tests/test_loading_shipped.py checks.
    """
    # lazy: `query` imports this module at start-up (cli.options)
    import pyoxigraph as ox

    from .graph import prebuilt
    from .graph.rdflib_terms import to_rdflib

    terms: dict[Any, Any] = {}  # each distinct term converted once

    def term(node: Any) -> Any:
        found = terms.get(node)
        if found is None:
            found = terms[node] = to_rdflib(node)
        return found

    graph = new_graph()
    built = prebuilt.matching(resources.resource_root(), files)
    if built is not None:
        parsed = [ox.parse(path=str(built), format=ox.RdfFormat.N_TRIPLES, lenient=True)]
    else:
        parsed = [
            ox.parse(path=str(p), format=ox.RdfFormat.TURTLE, base_iri=p.resolve().as_uri())
            for p in files
        ]
    quiet_ill_typed_literals()
    try:
        for triples in parsed:
            graph.addN((term(t.subject), term(t.predicate), term(t.object), graph) for t in triples)
    except SyntaxError as exc:
        raise AhtgraphError(
            f"cannot parse the shipped graph: {' '.join(str(exc).split())}"
        ) from exc
    return graph


def load_graph(data: Iterable[str | Path | DataSource] = (), *, only_data: bool = False) -> Graph:
    """The shipped graph plus the user's extra files or sources, parsed fresh on every call.

    ``only_data`` (``--only-data``) leaves the shipped graph out: the graph holds the ``data``
    files' triples alone, so a command works on any RDF the user has.

    The shipped graph is parsed by pyoxigraph (:func:`shipped_graph`); the user's files by
    rdflib, whose messages name the line of a syntax error in the user's own file.
    """
    extra = data_sources(data)
    if only_data:
        graph = new_graph()
    else:
        started = time.monotonic()
        shipped = resources.graph_files()
        graph = shipped_graph(shipped)
        progress.note(
            f"parsed the shipped graph: {len(graph):,} triples from {len(shipped)} files "
            f"({time.monotonic() - started:.1f} s)"
        )
    for source in extra:
        before, started = len(graph), time.monotonic()
        parse_into(graph, source)
        progress.note(
            f"parsed {source.name}: {len(graph) - before:,} triples "
            f"({time.monotonic() - started:.1f} s)"
        )
    return graph
