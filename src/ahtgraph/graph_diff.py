"""What changed between two versions of the graph, fact by fact, grouped by entity.

Each side is a dump file (any RDF syntax ``loading`` knows, by extension; ``.gz`` too) or a
release folder (its ``ahtgraph-X.Y.Z.nt``). The comparison is a set difference on triples:
the shipped data has no blank nodes, so every triple is named by its three terms alone.

Blank nodes have no name that survives a re-parse, so a plain set difference would report
every triple holding one as removed and added again. When either side has blank nodes, both
are first relabelled canonically (``rdflib.compare.graph_diff``): unchanged blank-node
structures then match and drop out. For a changed structure the reported triples carry each
side's canonical labels (``cb0``...), which need not name the same node on both sides.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rdflib import BNode, Dataset, Literal
from rdflib.compare import graph_diff, to_isomorphic

from .errors import AhtgraphError
from .loading import describe_parse_error, guess_format, new_graph, parse_into
from .prefixes import shorten_iri
from .terms import show as show_term

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Identifier, Node

#: A release's full-graph N-Triples dump: ``ahtgraph-0.1.0.nt`` (not the ontology or shapes).
RELEASE_DUMP = re.compile(r"^ahtgraph-(\d[^/]*)\.nt$")


@dataclass
class EntityChanges:
    """The facts about one subject that only the old side, or only the new side, has."""

    subject: Node
    removed: list[tuple[Node, Node]] = field(default_factory=list)
    added: list[tuple[Node, Node]] = field(default_factory=list)


@dataclass
class Diff:
    """Per-entity changes, sorted by subject; empty when both sides hold the same triples."""

    old: str
    new: str
    entities: list[EntityChanges]

    @property
    def added(self) -> int:
        return sum(len(e.added) for e in self.entities)

    @property
    def removed(self) -> int:
        return sum(len(e.removed) for e in self.entities)


# --------------------------------------------------------------------------------- reading


def release_dump(folder: Path) -> Path:
    """The full-graph N-Triples dump of a release folder; AhtgraphError unless exactly one."""
    found = sorted(p for p in folder.iterdir() if RELEASE_DUMP.match(p.name))
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        raise AhtgraphError(f"{folder} is not a release folder: {what} ahtgraph-X.Y.Z.nt file")
    return found[0]


def release_version(folder: Path) -> str:
    """The version in the name of a release folder's dump (``0.1.0``)."""
    match = RELEASE_DUMP.match(release_dump(folder).name)
    assert match is not None
    return match.group(1)


def read(path: Path) -> Graph:
    """One side of a diff: a dump file (``.gz`` allowed) or a release folder."""
    path = Path(path)
    if path.is_dir():
        path = release_dump(path)
    if not path.exists():
        raise AhtgraphError(f"not found: {path}")
    if path.suffix.lower() != ".gz":
        graph = new_graph()
        parse_into(graph, path)
        return graph
    inner = Path(path.name[: -len(".gz")])
    fmt = guess_format(inner)
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as exc:
        raise AhtgraphError(f"cannot decompress {path}: {exc}") from exc
    graph = new_graph()
    try:
        if fmt in ("nquads", "trig"):
            dataset = Dataset(default_union=True)
            dataset.parse(data=data, format=fmt)
            for triple in dataset.triples((None, None, None)):
                graph.add(triple)
        else:
            graph.parse(data=data, format=fmt)
    except Exception as exc:  # parsers raise many unrelated types; all mean "bad file"
        raise AhtgraphError(f"cannot parse {path} as {fmt}: {describe_parse_error(exc)}") from exc
    return graph


# ------------------------------------------------------------------------------- comparing


def _has_bnodes(graph: Graph) -> bool:
    return any(isinstance(term, BNode) for triple in graph for term in triple)


def compare(old: Graph, new: Graph, old_name: str = "old", new_name: str = "new") -> Diff:
    """The facts only ``old`` has (removed) and only ``new`` has (added), per subject."""
    if _has_bnodes(old) or _has_bnodes(new):
        _, only_old, only_new = graph_diff(to_isomorphic(old), to_isomorphic(new))
        removed, added = set(only_old), set(only_new)
    else:
        old_triples, new_triples = set(old), set(new)
        removed, added = old_triples - new_triples, new_triples - old_triples
    by_subject: dict[Node, EntityChanges] = {}
    for triples, attr in ((removed, "removed"), (added, "added")):
        for s, p, o in triples:
            changes = by_subject.setdefault(s, EntityChanges(s))
            getattr(changes, attr).append((p, o))
    for changes in by_subject.values():
        changes.removed.sort()
        changes.added.sort()
    entities = [by_subject[s] for s in sorted(cast("list[Identifier]", list(by_subject)))]
    return Diff(old_name, new_name, entities)


def diff_paths(old: Path, new: Path) -> Diff:
    """Compare two dumps or release folders."""
    return compare(read(old), read(new), str(old), str(new))


# -------------------------------------------------------------------------------- printing


def show(term: Node) -> str:
    """A term on one line: ``terms.show``, plus the datatype of typed values (a change of
    datatype alone must not print as two identical lines)."""
    text = show_term(term)
    if isinstance(term, Literal) and term.datatype is not None:
        text = f"{term}^^{shorten_iri(str(term.datatype))}"
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")


def to_text(diff: Diff) -> str:
    """One block per entity: ``- predicate  object`` removed, ``+ predicate  object`` added.

    Nothing at all when the two sides hold the same triples (like ``diff``).
    """
    if not diff.entities:
        return ""
    blocks = []
    for changes in diff.entities:
        lines = [(p, 0, o) for p, o in changes.removed] + [(p, 1, o) for p, o in changes.added]
        lines.sort(key=lambda line: (line[0], line[1], line[2]))
        width = max(len(show(p)) for p, _, _ in lines)
        body = [f"  {'-+'[sign]} {show(p).ljust(width)}  {show(o)}" for p, sign, o in lines]
        blocks.append("\n".join([show(changes.subject), *body]))
    summary = (
        f"{diff.added} added, {diff.removed} removed, in {len(diff.entities)} "
        f"{'entity' if len(diff.entities) == 1 else 'entities'}"
    )
    return "\n\n".join(blocks) + "\n\n" + summary + "\n"


def _term_json(term: Node) -> dict[str, str]:
    """A term as in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "uri", "value": str(term)}


def to_json(diff: Diff) -> str:
    """The diff for tools: counts, then per entity its removed and added facts."""

    def facts(pairs: list[tuple[Node, Node]]) -> list[dict[str, Any]]:
        return [{"predicate": str(p), "object": _term_json(o)} for p, o in pairs]

    document = {
        "old": diff.old,
        "new": diff.new,
        "added": diff.added,
        "removed": diff.removed,
        "entities": [
            {
                "entity": _term_json(c.subject)["value"],
                "removed": facts(c.removed),
                "added": facts(c.added),
            }
            for c in diff.entities
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
