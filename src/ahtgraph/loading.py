"""Reading RDF files into one rdflib graph, with errors a user can act on.

The shipped graph is every ``data/*.ttl`` file; ``--data`` files are added on top. Each file's
syntax is guessed from its extension, and a parse failure names the file and, where the parser
says, the line and column.
"""

from __future__ import annotations

import json
import xml.sax
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from . import resources
from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib import Graph

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

#: Formats that carry named graphs: their quads are merged into the one graph we query.
_QUAD_FORMATS = {"nquads", "trig"}


def guess_format(path: Path) -> str:
    """The rdflib parser for a file, from its extension; refuses extensions we cannot read."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(FORMATS))
        raise AhtgraphError(f"cannot tell the RDF syntax of {path} from its extension ({known})")
    return fmt


def new_graph() -> Graph:
    """An empty graph that knows only our prefixes, so output never depends on rdflib defaults."""
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


def parse_into(graph: Graph, path: Path) -> None:
    """Add the triples of one file to ``graph``; AhtgraphError says which file and where."""
    fmt = checked_format(path)
    try:
        if fmt in _QUAD_FORMATS:
            from rdflib import Dataset

            dataset = Dataset(default_union=True)
            dataset.parse(path, format=fmt)
            for triple in dataset.triples((None, None, None)):
                graph.add(triple)
        else:
            graph.parse(path, format=fmt)
    except AhtgraphError:
        raise
    except Exception as exc:  # parsers raise many unrelated types; all mean "bad file"
        raise AhtgraphError(f"cannot parse {path} as {fmt}: {describe_parse_error(exc)}") from exc


def describe_parse_error(exc: Exception) -> str:
    """``line L, column C: why`` from whichever parser failed, else its message on one line."""
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


def load_files(paths: Iterable[Path]) -> Graph:
    """One graph holding the triples of all ``paths``."""
    graph = new_graph()
    for path in paths:
        parse_into(graph, Path(path))
    return graph


def load_graph(data: Iterable[str | Path] = ()) -> Graph:
    """The shipped graph plus the user's extra files, parsed fresh on every call.

    No parse cache: benchmarks/bench_cli.py measured parsing at under a fifth of a query's
    whole-process time, and the CLI within 1.1x of a bare rdflib script without one.
    """
    extra = check_data_files(data)
    graph = load_files(resources.graph_files())
    for path in extra:
        parse_into(graph, path)
    return graph
