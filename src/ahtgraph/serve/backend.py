"""The server's one seam to the query engine (issue 9's ``Engine`` and query inspector).

Everything here runs inside a query worker process (see :mod:`.worker`); the HTTP front never
imports pyoxigraph. The engine holds the dataset rules (union default graph, named graphs from
.trig/.nq files, FROM and the protocol's dataset IRIs naming local graphs only); this module
adds what only a public endpoint needs: refusals worded for HTTP clients (no CLI flags to
suggest) with the status each one gets, and a data version for ETags.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import resources
from ..errors import AhtgraphError
from ..graph.engine import Answer, DataFile, Engine
from ..loading import DataSource, check_data_files
from ..queries.inspect import QueryFacts, inspect


@dataclass
class Loaded:
    """The graph a worker answers from, with what the front reports about it.

    ``files`` are the files read by path: the shipped ones (unless ``only_data``), the
    ``--data`` files whose extension names their syntax, and the ``--named-graph`` files (the
    ontology page and the data's last-modified date look at them). ``sources`` are every
    ``--data`` source as given (standard input, gzip, ``--data-format`` too) and ``named`` the
    ``--named-graph`` files: what the rdflib copy of the graph is parsed from.
    """

    engine: Engine
    quads: int
    version: str
    files: list[Path] = field(default_factory=list)
    sources: list[DataSource] = field(default_factory=list)
    named: list[Path] = field(default_factory=list)
    only_data: bool = False

    @property
    def store(self) -> Any:
        return self.engine.store

    @property
    def graphs(self) -> frozenset[str]:
        return self.engine.graphs()


def data_version(files: Iterable[Path | DataSource]) -> str:
    """A short hash of every loaded file's or source's name and bytes: the ETag of every answer.

    A source counts with the bytes its parser reads (decompressed; standard input's own).
    """
    digest = hashlib.sha256()
    for item in files:
        if isinstance(item, DataSource):
            name, content = Path(item.name).name, item.read_bytes()
        else:
            name, content = item.name, item.read_bytes()
        digest.update(name.encode() + b"\0")
        digest.update(content)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def load(
    data: Iterable[DataSource] = (), named: Iterable[str] = (), only_data: bool = False
) -> Loaded:
    """The shipped graph (unless ``only_data``) plus ``--data`` sources and ``--named-graph``
    files."""
    sources = list(data)
    named_files = [DataFile.named(spec) for spec in named]
    named_paths = check_data_files([f.path for f in named_files])
    engine = Engine.load(sources, named_files, only_data=only_data)
    shipped = [] if only_data else resources.graph_files()
    plain = [s.path_by_name for s in sources if s.path_by_name is not None]
    files = [*shipped, *plain, *named_paths]
    version = data_version([*shipped, *sources, *named_paths])
    return Loaded(engine, len(engine), version, files, sources, named_paths, only_data)


class QueryRefused(AhtgraphError):
    """A query the endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def check(text: str, base_iri: str | None = None) -> QueryFacts:
    """The inspector's facts; refuses updates (403) and SERVICE (400) in the server's words."""
    facts = inspect(text, base_iri=base_iri)  # cached: the engine's own call finds it again
    if facts.update:
        raise QueryRefused("updates are not accepted: this endpoint is read-only", 403)
    if facts.service:
        raise QueryRefused("SERVICE is not allowed: this endpoint never contacts other hosts")
    return facts


def execute(
    loaded: Loaded,
    text: str,
    default_graph_uris: Sequence[str],
    named_graph_uris: Sequence[str],
    params: Iterable[str] | None = None,
    limit: int | None = None,
    base_iri: str | None = None,
) -> Answer:
    """Run a checked query; the engine's answer, streaming at most ``limit`` rows or triples.

    Protocol dataset parameters replace the query's own FROM/FROM NAMED (SPARQL 1.1 Protocol
    2.1.4): when only one kind is given, the other is empty.
    """
    default: list[str] | None = None
    named: list[str] | None = None
    if default_graph_uris or named_graph_uris:
        default, named = list(default_graph_uris), list(named_graph_uris)
    return loaded.engine.query(
        text, params, base_iri=base_iri, default_graphs=default, named_graphs=named, limit=limit
    )
