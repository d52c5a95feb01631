"""Check schema.org data the way validator.schema.org does, against a vocabulary graph.

Rules, for every triple of the data (``https://schema.org/`` terms):

* ``unknown-type`` / ``unknown-property``: the term is not a class / property of the vocabulary;
* ``superseded``: the vocabulary says the term is superseded by another;
* ``domain``: no type of the subject (or a superclass of one) is in the property's
  ``schema:domainIncludes``;
* ``range``: the value fits none of the property's ``schema:rangeIncludes``: a literal fits Text,
  URL, Date, DateTime, Number, Integer, Boolean (and their subclasses); an IRI fits URL; a node
  fits a class one of its types is, or is a subclass of.

Schema.org's own SHACL shapes are not used: as published they flag every literal Text value.

``ahtgraph jsonld --check-vocabulary schemaorg-current-https.ttl`` checks the snippet of every
mapped entity, and the ``--all`` documents, in en, fr and nl; it exits 1 on a finding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef

from . import schema_org
from .errors import AhtgraphError
from .loading import parse_into

SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_PROPERTY = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"
RDFS_CLASS = "http://www.w3.org/2000/01/rdf-schema#Class"
RDFS_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
#: The data types a literal value fits (with their subclasses, e.g. Float, PronounceableText).
LITERAL_TYPES = ("Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: on ``node``, with ``term`` (a type or property), which ``rule`` it breaks."""

    node: str
    term: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.node}  {self.term}  {self.rule}: {self.message}"


def _short(term: Any) -> str:
    if isinstance(term, BNode):
        return "_:blank"
    text = str(term)
    return "schema:" + text[len(SCHEMA) :] if text.startswith(SCHEMA) else text


class Vocabulary:
    """The classes, properties, hierarchy, domains and ranges of a schema.org vocabulary graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.classes = set(graph.subjects(URIRef(RDF_TYPE), URIRef(RDFS_CLASS)))
        self.properties = set(graph.subjects(URIRef(RDF_TYPE), URIRef(RDF_PROPERTY)))
        self._supers: dict[Any, set[Any]] = {}

    def supers(self, cls: Any) -> set[Any]:
        """``cls`` and all its superclasses."""
        if cls not in self._supers:
            self._supers[cls] = set(self.graph.transitive_objects(cls, URIRef(RDFS_SUBCLASS_OF)))
        return self._supers[cls]

    def objects(self, term: Any, name: str) -> set[Any]:
        return set(self.graph.objects(term, URIRef(SCHEMA + name)))


def check(data: Graph, vocabulary: Graph | Vocabulary) -> list[Finding]:
    """Every finding for ``data`` against ``vocabulary``, sorted."""
    vocab = vocabulary if isinstance(vocabulary, Vocabulary) else Vocabulary(vocabulary)
    literal_roots = {URIRef(SCHEMA + name) for name in LITERAL_TYPES}
    url = URIRef(SCHEMA + "URL")
    findings: set[Finding] = set()

    def superseded(node: Any, term: Any) -> None:
        for newer in sorted(vocab.objects(term, "supersededBy")):
            findings.add(
                Finding(_short(node), _short(term), "superseded", f"use {_short(newer)} instead")
            )

    def types_of(node: Any) -> set[Any]:
        found: set[Any] = set()
        for t in data.objects(node, URIRef(RDF_TYPE)):
            found |= vocab.supers(t)
        return found

    for s, p, o in sorted(data):
        node = _short(s)
        if str(p) == RDF_TYPE:
            if o not in vocab.classes:
                findings.add(Finding(node, _short(o), "unknown-type", "not a schema.org type"))
            superseded(s, o)
            continue
        if p not in vocab.properties:
            findings.add(Finding(node, _short(p), "unknown-property", "not a schema.org property"))
            continue
        superseded(s, p)
        domains = vocab.objects(p, "domainIncludes")
        subject_types = types_of(s)
        if not subject_types & domains:
            names = ", ".join(sorted(_short(t) for t in data.objects(s, URIRef(RDF_TYPE))))
            findings.add(
                Finding(
                    node, _short(p), "domain", f"not a property of {names or 'an untyped node'}"
                )
            )
        ranges = vocab.objects(p, "rangeIncludes")
        if isinstance(o, Literal):
            fits = any(vocab.supers(r) & literal_roots for r in ranges)
            what = f"literal {str(o)[:40]!r}"
        else:
            fits = bool(types_of(o) & ranges) or (
                isinstance(o, URIRef) and any(url in vocab.supers(r) for r in ranges)
            )
            kinds = ", ".join(sorted(_short(t) for t in data.objects(o, URIRef(RDF_TYPE))))
            what = f"{_short(o)} ({kinds or 'untyped'})"
        if not fits:
            expected = ", ".join(sorted(_short(r) for r in ranges))
            findings.add(Finding(node, _short(p), "range", f"{what} is not one of {expected}"))
    return sorted(findings)


# ------------------------------------------------------------------------ the full check


def context_mismatches(published: dict[str, Any], terms: set[str]) -> list[str]:
    """Terms whose coercion in ``schema_org.local_context()`` differs from the published one."""
    ours = schema_org.local_context()["@context"]
    theirs = published.get("@context", published)
    problems = []
    for term in sorted(terms):
        mine = ours.get(term, {}).get("@type") if isinstance(ours.get(term), dict) else None
        entry = theirs.get(term)
        if entry is None:
            problems.append(f"{term}: not in the published context")
            continue
        other = entry.get("@type") if isinstance(entry, dict) else None
        if mine != other:
            problems.append(f"{term}: published @type {other!r}, local context {mine!r}")
    if theirs.get("@vocab") != ours["@vocab"]:
        problems.append(f"@vocab: published {theirs.get('@vocab')!r}, local {ours['@vocab']!r}")
    return problems


def _terms(value: Any, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if not key.startswith("@"):
                found.add(key)
            _terms(item, found)
    elif isinstance(value, list):
        for item in value:
            _terms(item, found)
    return found


def check_all(graph: Graph, vocabulary: Graph) -> tuple[int, list[Finding], set[str]]:
    """(documents checked, findings, terms used) for every snippet and --all document."""
    vocab = Vocabulary(vocabulary)
    findings: set[Finding] = set()
    terms: set[str] = set()
    count = 0
    for lang in schema_org.LANGUAGES:
        documents = [schema_org.all_snippets(graph, lang)]
        if lang == "en":
            schema = schema_org.schema_graph(graph, lang)
            documents += [schema_org.snippet(graph, i, lang) for i in schema_org.entities(schema)]
        for document in documents:
            count += 1
            _terms(document, terms)
            findings.update(check(schema_org.to_graph(document), vocab))
    return count, sorted(findings), terms


def report(
    graph: Graph, vocabulary_file: Path, context_file: Path | None = None
) -> tuple[str, bool]:
    """``ahtgraph jsonld --check-vocabulary FILE [--context FILE]``: the findings, one a line,
    then a summary; and whether anything was found (the command then exits 1)."""
    if not vocabulary_file.is_file():
        raise AhtgraphError(f"vocabulary file not found: {vocabulary_file}")
    vocabulary = Graph()
    parse_into(vocabulary, vocabulary_file)
    count, findings, terms = check_all(graph, vocabulary)
    lines = [str(finding) for finding in findings]
    problems: list[str] = []
    if context_file is not None:
        try:
            published = json.loads(context_file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AhtgraphError(f"{context_file} is not a JSON-LD context: {exc}") from None
        problems = context_mismatches(published, terms)
        lines += [f"context  {problem}" for problem in problems]
    summary = f"{count} documents, {len(terms)} terms: {len(findings)} finding(s)"
    if context_file is not None:
        summary += f", {len(problems)} context mismatch(es)"
    return "".join(f"{line}\n" for line in [*lines, summary]), bool(findings or problems)


if __name__ == "__main__":
    # The old entry point, kept working: `python -m ahtgraph.schema_check --vocabulary FILE
    # [--context FILE] [--data FILE]` is `ahtgraph jsonld --check-vocabulary FILE ...`.
    import sys

    from .cli import main

    main(["jsonld", *("--check-vocabulary" if a == "--vocabulary" else a for a in sys.argv[1:])])
