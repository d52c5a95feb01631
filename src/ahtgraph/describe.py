"""One entity, found by whatever name a person has for it, and everything the graph says about it.

Names tried in order: a full IRI (with or without angle brackets), ``prefix:local`` with a known
prefix, a bare slug (``payoke`` → ``id:payoke``), then an exact label in any language, ignoring
case. Several entities sharing a label is an ambiguity the user must resolve, not a guess.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from rdflib import Literal, URIRef

from .errors import AhtgraphError
from .loading import new_graph
from .prefixes import ID, expand, shorten_iri
from .terms import show

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Identifier, Node

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DESCRIPTION = "http://purl.org/dc/terms/description"
SOURCE = "http://purl.org/dc/terms/source"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
READ_ON = "https://w3id.org/ahtgraph/ontology#readOn"
#: Shown in the header of the description, so left out of the relation lists.
_HEADER_PREDICATES = {RDFS_LABEL, DESCRIPTION, SOURCE, RDF_TYPE}


class AmbiguousEntity(AhtgraphError):
    """A label shared by several entities; ``candidates`` lists them for the user to pick."""

    def __init__(self, name: str, candidates: list[URIRef]) -> None:
        self.candidates = candidates
        names = ", ".join(shorten_iri(str(c)) for c in candidates)
        super().__init__(
            f"'{name}' is the label of {len(candidates)} entities: {names}; "
            "describe one of them by its id"
        )


def _known(graph: Graph, iri: URIRef) -> bool:
    return (iri, None, None) in graph or (None, None, iri) in graph


def resolve(graph: Graph, name: str) -> URIRef:
    """The IRI that ``name`` refers to; AhtgraphError (or AmbiguousEntity) otherwise."""
    text = name.strip()
    candidates: list[str] = []
    if text.startswith("<") and text.endswith(">"):
        candidates.append(text[1:-1])
    elif text.startswith(("http://", "https://")):
        candidates.append(text)
    else:
        expanded = expand(text)
        if expanded:
            candidates.append(expanded)
        if text and "/" not in text and " " not in text:
            candidates.append(ID + text)
    for iri in candidates:
        if _known(graph, URIRef(iri)):
            return URIRef(iri)

    wanted = text.casefold()
    matches = sorted(
        {
            s
            for s, o in graph.subject_objects(URIRef(RDFS_LABEL))
            if isinstance(o, Literal) and isinstance(s, URIRef) and str(o).casefold() == wanted
        }
    )
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise AmbiguousEntity(name, matches)
    raise AhtgraphError(f"unknown entity '{name}'{_suggest(graph, text)}")


def _suggest(graph: Graph, text: str) -> str:
    """``; did you mean ...?`` from slugs and labels close to ``text``."""
    names = {str(s)[len(ID) :] for s in graph.subjects() if str(s).startswith(ID)}
    names |= {str(o) for o in graph.objects(None, URIRef(RDFS_LABEL))}
    close = difflib.get_close_matches(text, sorted(names), n=5, cutoff=0.6)
    close = list({c.casefold(): c for c in reversed(close)}.values())[::-1][:3]
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


@dataclass
class EntityFacts:
    """What the graph says about one entity, grouped the way ``describe`` prints it."""

    iri: URIRef
    types: list[Node] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)
    descriptions: list[Node] = field(default_factory=list)
    sources: list[Node] = field(default_factory=list)
    outgoing: list[tuple[Node, Node]] = field(default_factory=list)
    incoming: list[tuple[Node, Node]] = field(default_factory=list)
    #: (subject, predicate, object, [(page, read on)]) for each claim about the entity's relations.
    provenance: list[tuple[Node, Node, Node, list[tuple[Node, Node | None]]]] = field(
        default_factory=list
    )


def claims_about(graph: Graph, iri: URIRef) -> list[Identifier]:
    """The provenance records (rdf:Statement) whose subject or object is ``iri``."""
    found = set(graph.subjects(URIRef(RDF + "subject"), iri))
    found |= set(graph.subjects(URIRef(RDF + "object"), iri))
    return sorted(cast("set[Identifier]", found))


def facts(graph: Graph, iri: URIRef) -> EntityFacts:
    """Collect the entity's types, labels, description, sources and relations both ways."""
    found = EntityFacts(iri)
    labels: dict[str, list[str]] = defaultdict(list)
    for p, o in sorted(graph.predicate_objects(iri)):
        key = str(p)
        if key == RDF_TYPE:
            found.types.append(o)
        elif key == RDFS_LABEL and isinstance(o, Literal):
            labels[o.language or ""].append(str(o))
        elif key == DESCRIPTION:
            found.descriptions.append(o)
        elif key == SOURCE:
            found.sources.append(o)
        else:
            found.outgoing.append((p, o))
    found.labels = dict(sorted(labels.items()))
    claims = set(claims_about(graph, iri))
    # Provenance records point at the entity through rdf:subject/rdf:object; they are shown
    # in their own section, not as relations.
    found.incoming = sorted(
        cast("tuple[Identifier, Identifier]", (p, s))
        for s, p in graph.subject_predicates(iri)
        if s not in claims
    )
    found.outgoing = [(p, o) for p, o in found.outgoing if str(p) not in _HEADER_PREDICATES]
    for claim in sorted(cast("set[Identifier]", claims)):
        pages = sorted(
            (page, graph.value(page, URIRef(READ_ON)))
            for page in graph.objects(claim, URIRef(SOURCE))
        )
        found.provenance.append(
            (
                graph.value(claim, URIRef(RDF + "subject")),
                graph.value(claim, URIRef(RDF + "predicate")),
                graph.value(claim, URIRef(RDF + "object")),
                pages,
            )  # type: ignore[arg-type]
        )
    found.provenance.sort(key=lambda c: (str(c[1]), str(c[0]), str(c[2])))
    return found


def label_of(graph: Graph, node: Node) -> str:
    """The English label of ``node`` (else any label), or "" when it has none."""
    labels = [o for o in graph.objects(node, URIRef(RDFS_LABEL)) if isinstance(o, Literal)]
    if not labels:
        return ""
    english = sorted(str(o) for o in labels if (o.language or "").startswith("en"))
    return english[0] if english else sorted(str(o) for o in labels)[0]


def _relation_rows(graph: Graph, pairs: list[tuple[Node, Node]]) -> list[tuple[str, str, str]]:
    """(predicate, other end, its label) as display strings."""
    return [
        (show(p), show(o), "" if isinstance(o, Literal) else label_of(graph, o)) for p, o in pairs
    ]


def _text_value(term: Node) -> str:
    """``en  text`` for tagged text (like the labels), the short form otherwise."""
    if isinstance(term, Literal) and term.language:
        return f"{term.language}  {term}"
    return show(term)


def to_text(graph: Graph, found: EntityFacts) -> str:
    """A readable page: header facts, then relations out and in, with aligned columns."""
    lines = [f"{show(found.iri)}  {label_of(graph, found.iri)}".rstrip(), ""]
    fields: list[tuple[str, list[str]]] = [
        ("type", [show(t) for t in found.types]),
        (
            "label",
            [f"{lang or '-'}  {text}" for lang, texts in found.labels.items() for text in texts],
        ),
        ("description", [_text_value(d) for d in found.descriptions]),
        ("source", [show(s) for s in found.sources]),
    ]
    width = max(len(name) for name, _ in fields)
    for name, values in fields:
        for i, value in enumerate(values or ["-"]):
            lines.append(f"{(name if i == 0 else '').ljust(width)}  {value}")
    for title, pairs in (("Relations out", found.outgoing), ("Relations in", found.incoming)):
        lines.append("")
        rows = _relation_rows(graph, pairs)
        lines.append(f"{title} ({len(rows)}):")
        pwidth = max((len(p) for p, _, _ in rows), default=0)
        # Only entities (which carry a label) set the column width: a long literal value
        # would push every label off the screen.
        owidth = max((len(o) for _, o, label in rows if label), default=0)
        lines.extend(
            f"  {p.ljust(pwidth)}  {o.ljust(owidth)}  {label}".rstrip() for p, o, label in rows
        )
    if found.provenance:
        lines += ["", f"Who states the relations ({len(found.provenance)}):"]
        for subject, predicate, obj, pages in found.provenance:
            lines.append(f"  {show(subject)} {show(predicate)} {show(obj)}")
            for page, read_on in pages:
                when = f"  (read {read_on})" if read_on is not None else ""
                lines.append(f"      {show(page)}{when}")
    return "\n".join(lines) + "\n"


def triples(graph: Graph, iri: URIRef) -> Graph:
    """The entity's outgoing and incoming triples, with their provenance records."""
    out = new_graph()
    for triple in graph.triples((iri, None, None)):
        out.add(triple)
    for triple in graph.triples((None, None, iri)):
        out.add(triple)
    for claim in claims_about(graph, iri):
        for triple in graph.triples((claim, None, None)):
            out.add(triple)
    return out
