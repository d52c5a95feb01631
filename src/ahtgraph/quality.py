"""The curator's quality report (``ahtgraph check``), in the spirit of ROBOT's ``report``.

SHACL (``validate``) says what the data must be; this says what it should be: each finding
names its rule, level, entity, property and value, so a curator can work down the list.
Levels follow ROBOT: ERROR (wrong, must be fixed), WARN (probably a gap), INFO (worth knowing).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, cast

from rdflib import Literal, URIRef

from .prefixes import ID, PREFIXES
from .terms import show

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

LEVELS = ("ERROR", "WARN", "INFO")

RDF = PREFIXES["rdf"]
RDFS = PREFIXES["rdfs"]
SKOS = PREFIXES["skos"]
DCTERMS = PREFIXES["dcterms"]
FOAF = PREFIXES["foaf"]
AHT = PREFIXES["aht"]
XSD = PREFIXES["xsd"]

#: Kinds of entity that should be named in all three of Belgium's languages used here. A gap is
#: a WARN, not an ERROR: a name goes in only when a page states it (issue 12 B), and until then
#: the report keeps the gap visible without blocking a release. Another state's own body or
#: instrument (served by, or about, a country other than Belgium) is named in English and its
#: own language, so it is not asked for French and Dutch (the same scope as
#: queries/translations.rq) but for a label in some language other than English
#: (missing-own-language-label; which language is the state's is left to the curator and to
#: shapes/common.ttl's list).
TRANSLATED_TYPES = (
    "Organisation",
    "LegalInstrument",
    "PublicationSeries",
    "Campaign",
    "Observance",
)
#: Properties whose values are web addresses a reader will follow.
LINK_PROPERTIES = (FOAF + "homepage", FOAF + "page", AHT + "url", DCTERMS + "source")
TEXT_PROPERTIES = (RDFS + "label", SKOS + "altLabel", DCTERMS + "description")
#: Links into the vocabulary do not make an entity part of the network of relations.
_NOT_RELATIONS = {RDF + "type", DCTERMS + "source"}
_STRAY_WHITESPACE = re.compile(r"^\s|\s$|\s{2,}|[\t\n\r]")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: which rule, how serious, where (entity, property, value), and why."""

    level: str
    rule: str
    entity: str
    property: str
    value: str
    message: str


def _is_entity(graph: Graph, node: Node) -> bool:
    """An ahtgraph entity: an IRI in the id namespace that has a type and is not a claim."""
    return (
        isinstance(node, URIRef)
        and str(node).startswith(ID)
        and (node, URIRef(RDF + "type"), None) in graph
        and (node, URIRef(RDF + "type"), URIRef(RDF + "Statement")) not in graph
    )


def _is_vocabulary(graph: Graph, node: Node) -> bool:
    types = set(graph.objects(node, URIRef(RDF + "type")))
    return bool(types & {URIRef(SKOS + "Concept"), URIRef(SKOS + "ConceptScheme")})


def _finding(
    level: str, rule: str, entity: Node, prop: str, value: object, message: str
) -> Finding:
    shown_property = show(URIRef(prop)) if prop else ""
    return Finding(level, rule, show(entity), shown_property, str(value), message)


def run(graph: Graph) -> list[Finding]:
    """Every finding on ``graph``, sorted by level (ERROR first), rule, entity and property."""
    findings: list[Finding] = []
    # Subjects are IRIs or blank nodes, which rdflib orders; its annotations say only Node.
    entities = sorted(cast("URIRef", s) for s in set(graph.subjects()) if _is_entity(graph, s))
    label = URIRef(RDFS + "label")

    for entity in entities:
        labels = [o for o in graph.objects(entity, label) if isinstance(o, Literal)]
        languages = {o.language for o in labels}
        vocabulary = _is_vocabulary(graph, entity)
        if "en" not in languages:
            findings.append(
                _finding(
                    "ERROR",
                    "missing-english-label",
                    entity,
                    RDFS + "label",
                    "",
                    "every entity needs an English rdfs:label",
                )
            )
        if not vocabulary and graph.value(entity, URIRef(DCTERMS + "description")) is None:
            findings.append(
                _finding(
                    "ERROR",
                    "missing-description",
                    entity,
                    DCTERMS + "description",
                    "",
                    "every entity needs a one-line description",
                )
            )
        sources = list(graph.objects(entity, URIRef(DCTERMS + "source")))
        if not sources:
            findings.append(
                _finding(
                    "ERROR",
                    "missing-source",
                    entity,
                    DCTERMS + "source",
                    "",
                    "every entity cites the page that states it",
                )
            )
        elif len(sources) == 1 and not vocabulary:
            findings.append(
                _finding(
                    "INFO",
                    "single-source",
                    entity,
                    DCTERMS + "source",
                    sources[0],
                    "only one page backs this entity",
                )
            )
        types = {str(t).removeprefix(AHT) for t in graph.objects(entity, URIRef(RDF + "type"))}
        states = _other_states(graph, entity)
        own = {language for language in languages if language and language != "en"}
        if types & set(TRANSLATED_TYPES) and states and not own:
            shown = ", ".join(_english_name(graph, state) for state in states)
            findings.append(
                _finding(
                    "WARN",
                    "missing-own-language-label",
                    entity,
                    RDFS + "label",
                    shown,
                    f"named in English only: no label in the own language of {shown} "
                    "until a cited page states the name",
                )
            )
        if types & set(TRANSLATED_TYPES) and not states:
            for language in ("fr", "nl"):
                if language not in languages:
                    findings.append(
                        _finding(
                            "WARN",
                            "missing-translation",
                            entity,
                            RDFS + "label",
                            language,
                            f"no {language} label: none until a cited page states the name",
                        )
                    )
        if not vocabulary and not _has_relation(graph, entity):
            findings.append(
                _finding(
                    "WARN",
                    "no-relation",
                    entity,
                    "",
                    "",
                    "not linked to any other entity of the graph",
                )
            )

    for prop in TEXT_PROPERTIES:
        for subject, value in graph.subject_objects(URIRef(prop)):
            if _is_entity(graph, subject) and _STRAY_WHITESPACE.search(str(value)):
                findings.append(
                    _finding(
                        "ERROR",
                        "stray-whitespace",
                        subject,
                        prop,
                        repr(str(value)),
                        "leading, trailing, doubled or control whitespace",
                    )
                )

    by_label: dict[tuple[str, str], set[URIRef]] = defaultdict(set)
    for subject, value in graph.subject_objects(label):
        if _is_entity(graph, subject) and isinstance(value, Literal):
            by_label[(str(value).casefold(), value.language or "")].add(subject)  # type: ignore[arg-type]
    for (text, language), subjects in by_label.items():
        if len(subjects) > 1:
            for subject in sorted(subjects):
                others = ", ".join(show(s) for s in sorted(subjects) if s != subject)
                findings.append(
                    _finding(
                        "ERROR",
                        "duplicate-label",
                        subject,
                        RDFS + "label",
                        f"{text}@{language}" if language else text,
                        f"the same label as {others}",
                    )
                )

    for prop in LINK_PROPERTIES:
        for subject, value in graph.subject_objects(URIRef(prop)):
            if not _is_entity(graph, subject):
                continue
            if not isinstance(value, URIRef) or not str(value).startswith(("http://", "https://")):
                findings.append(
                    _finding(
                        "ERROR",
                        "not-a-url",
                        subject,
                        prop,
                        value,
                        "a link or source must be an http(s) IRI",
                    )
                )
            elif str(value).startswith("http://"):
                findings.append(
                    _finding(
                        "WARN",
                        "not-https",
                        subject,
                        prop,
                        value,
                        "plain http link; check whether an https address exists",
                    )
                )
    findings.extend(ill_typed_findings(graph))
    return sorted(set(findings), key=_sort_key)


#: Lexical forms of XSD types rdflib does not check itself (it checks xsd:date, integer...).
_LEXICAL_FORMS = {
    XSD + "gYear": re.compile(r"^-?[0-9]{4,}(Z|[+-][0-9]{2}:[0-9]{2})?$"),
    XSD + "gYearMonth": re.compile(r"^-?[0-9]{4,}-(0[1-9]|1[0-2])(Z|[+-][0-9]{2}:[0-9]{2})?$"),
}


def is_ill_typed(value: object) -> bool:
    """A literal whose lexical form its datatype does not allow (``"not-a-date"^^xsd:date``).

    rdflib keeps such a literal as written (RDF allows it; the graph is then inconsistent);
    SPARQL compares it as a string, so date rules would read it as a date in the future.
    """
    if not isinstance(value, Literal) or value.datatype is None:
        return False
    if value.ill_typed:
        return True
    pattern = _LEXICAL_FORMS.get(str(value.datatype))
    return pattern is not None and not pattern.match(str(value))


def ill_typed_findings(graph: Graph) -> list[Finding]:
    """One ERROR ``ill-typed-literal`` per literal that is not a value of its datatype."""
    findings = []
    for subject, prop, value in graph:
        if isinstance(value, Literal) and is_ill_typed(value):
            datatype = show(value.datatype) if value.datatype is not None else ""
            findings.append(
                _finding(
                    "ERROR",
                    "ill-typed-literal",
                    subject,
                    str(prop),
                    value,
                    f'"{value}" is not a valid {datatype}',
                )
            )
    return findings


def _sort_key(finding: Finding) -> tuple[int, str, str, str, str]:
    return (
        LEVELS.index(finding.level),
        finding.rule,
        finding.entity,
        finding.property,
        finding.value,
    )


def _other_states(graph: Graph, entity: URIRef) -> list[URIRef]:
    """The countries other than Belgium the entity serves or is about (areaServed, spatial)."""
    country = URIRef(AHT + "Country")
    found: set[URIRef] = set()
    for prop in (AHT + "areaServed", DCTERMS + "spatial"):
        for place in graph.objects(entity, URIRef(prop)):
            if place != URIRef(ID + "belgium") and (place, URIRef(RDF + "type"), country) in graph:
                found.add(cast("URIRef", place))
    return sorted(found)


def _english_name(graph: Graph, node: URIRef) -> str:
    """The node's English label, else its short name (id:...)."""
    for value in graph.objects(node, URIRef(RDFS + "label")):
        if isinstance(value, Literal) and value.language == "en":
            return str(value)
    return show(node)


def _has_relation(graph: Graph, entity: URIRef) -> bool:
    """Linked (either way) to another entity that is not a concept of the vocabulary."""
    for p, o in graph.predicate_objects(entity):
        if str(p) not in _NOT_RELATIONS and _is_entity(graph, o) and not _is_vocabulary(graph, o):
            return True
    for s, p in graph.subject_predicates(entity):
        if str(p) not in _NOT_RELATIONS and _is_entity(graph, s):
            return True
    return False


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    """Whether any finding is at ``fail_on`` or more serious (``none`` never fails)."""
    if fail_on == "none":
        return False
    threshold = LEVELS.index(fail_on)
    return any(LEVELS.index(f.level) <= threshold for f in findings)


def to_text(findings: list[Finding]) -> str:
    """Aligned columns for a terminal, then a count per level."""
    if not findings:
        return "No findings.\n"
    rows = [(f.level, f.rule, f.entity, f.property, f.value, f.message) for f in findings]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r[:4]))
        + f"  {r[4]}  {r[5]}".rstrip()
        for r in rows
    ]
    counts = {level: sum(f.level == level for f in findings) for level in LEVELS}
    lines.append("")
    lines.append(", ".join(f"{counts[level]} {level}" for level in LEVELS))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def to_tsv(findings: list[Finding]) -> str:
    """ROBOT-style TSV: a header row, then one finding a line (tabs in values replaced)."""
    header = "Level\tRule Name\tSubject\tProperty\tValue\tMessage"
    cells = ((f.level, f.rule, f.entity, f.property, f.value, f.message) for f in findings)
    body = ["\t".join(" ".join(x.split("\t")).replace("\n", " ") for x in row) for row in cells]
    return "\n".join([header, *body]) + "\n"


def to_json(findings: list[Finding]) -> str:
    """A JSON object with the counts per level and the findings."""
    counts = {level: sum(f.level == level for f in findings) for level in LEVELS}
    return (
        json.dumps(
            {"counts": counts, "findings": [asdict(f) for f in findings]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
