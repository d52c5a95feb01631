"""SHACL validation on Oxigraph: the core constraints the shapes use, plus SHACL-SPARQL.

Why: pyshacl walks rdflib's Python graph for every focus node and constraint; on the shipped
graph (3,131 triples) that was 2.5-8 s whole-process and on 100k triples of user data it did
not finish in 300 s. Here the data sits in a pyoxigraph store, each value lookup is one index
scan, SPARQL targets and constraints run as SPARQL (:mod:`.shacl_sparql`), and neither rdflib
nor pyshacl is imported unless a result has to be shown (results are rdflib terms, as
pyshacl's are).

It implements the SHACL 1.0 core components the shapes in ``shapes/`` use: targets
(class with subclasses, node, subjects-of, objects-of, SPARQL), predicate and inverse paths,
min/maxCount, datatype (ill-typed literals fail, as in pyshacl), class, nodeKind, hasValue,
in, pattern (Python ``re.search``, as pyshacl), languageIn, uniqueLang, closed with
ignoredProperties, node, or, not, qualifiedValueShape with qualifiedMin/MaxCount, severity
and deactivated. Results follow pyshacl's choices where SHACL leaves room (no value for
count, hasValue, uniqueLang and qualified results; the property and object for closed).

A shape using anything else raises :class:`Unsupported` and validation falls back to
pyshacl, which stays the reference (``--engine pyshacl``); tests/test_validation_engines.py
checks both give the same (focus, path, component, source shape, severity, value) set on the
shipped graph and on every bad fixture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..graph.engine import Engine

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
Term = Any


@cache
def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(SH + name)


TYPE = ox.NamedNode(RDF + "type")
SUBCLASS = ox.NamedNode(RDFS + "subClassOf")
FIRST, REST, NIL = (ox.NamedNode(RDF + n) for n in ("first", "rest", "nil"))
VIOLATION = _sh("Violation")
TRUE = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))

#: Every predicate a shape may carry here; anything else in the sh: namespace is Unsupported.
_KNOWN = {
    SH + n
    for n in [
        "path",
        "name",
        "description",
        "minCount",
        "maxCount",
        "datatype",
        "class",
        "nodeKind",
        "hasValue",
        "in",
        "pattern",
        "minInclusive",
        "maxInclusive",
        "minExclusive",
        "maxExclusive",
        "flags",
        "languageIn",
        "uniqueLang",
        "closed",
        "ignoredProperties",
        "node",
        "or",
        "not",
        "property",
        "qualifiedValueShape",
        "qualifiedMinCount",
        "qualifiedMaxCount",
        "targetClass",
        "targetNode",
        "targetSubjectsOf",
        "targetObjectsOf",
        "target",
        "sparql",
        "message",
        "severity",
        "deactivated",
        "order",
        "group",
        "prefixes",
        "declare",
        "inversePath",
        "select",
        "prefix",
        "namespace",
    ]
}

#: Lexical forms of the XSD datatypes the shapes check, for pyshacl's "ill-typed fails".
_LEXICAL = {
    "date": r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    "dateTime": r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?",
    "gYear": r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?",
    "gYearMonth": r"-?\d{4,}-\d{2}(Z|[+-]\d{2}:\d{2})?",
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+|-0+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "boolean": r"true|false|1|0",
    "double": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|NaN)|-INF",
    "float": r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|NaN)|-INF",
}
_MONTH_DAY = re.compile(r"-?\d{4,}-(\d{2})(?:-(\d{2}))?")


_NUMERIC = {
    XSD + n
    for n in [
        "integer",
        "decimal",
        "double",
        "float",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    ]
}
#: sh:minInclusive ... : the constraint, whether ``compare(value, bound)`` satisfies it, and the
#: sign for the message.
_RANGES: tuple[tuple[str, Any, str], ...] = (
    ("minInclusive", lambda order: order >= 0, ">="),
    ("maxInclusive", lambda order: order <= 0, "<="),
    ("minExclusive", lambda order: order > 0, ">"),
    ("maxExclusive", lambda order: order < 0, "<"),
)


def _compare(value: Term, bound: Term) -> int | None:
    """-1, 0 or 1 as SPARQL's ``<``/``=`` order ``value`` against ``bound``; None when the two
    cannot be compared (a node, a string against a number, an ill-typed number): SHACL counts
    that as a violation.
    """
    if not (isinstance(value, ox.Literal) and isinstance(bound, ox.Literal)):
        return None
    a, b = value.datatype.value, bound.datatype.value
    x: Any
    y: Any
    try:
        if a in _NUMERIC and b in _NUMERIC:
            x, y = Decimal(value.value), Decimal(bound.value)
        elif a == b and a.startswith(XSD) and not value.language:
            x, y = value.value, bound.value  # dates and times of one type: ISO order
        else:
            return None
    except InvalidOperation:
        return None
    return (x > y) - (x < y)  # type: ignore[operator]


class Unsupported(Exception):
    """The shapes use a SHACL feature this validator does not implement."""


@dataclass(frozen=True)
class Result:
    """One validation result, in pyoxigraph terms."""

    focus: Term
    path: Term | None
    component: str  # the local name, e.g. MinCountConstraintComponent
    shape: Term | None  # None: no shape, e.g. an ill-typed literal
    severity: Term
    value: Term | None
    message: str


@dataclass
class Shapes:
    """The shapes graph as an index: subject -> predicate -> objects, in file order."""

    index: dict[Term, dict[Term, list[Term]]] = field(default_factory=dict)

    @classmethod
    def load(cls, files: Iterable[Path]) -> Shapes:
        shapes = cls()
        for path in files:
            for quad in ox.parse(
                path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()
            ):
                shapes.index.setdefault(quad.subject, {}).setdefault(quad.predicate, []).append(
                    quad.object
                )
        return shapes

    def objects(self, subject: Term, predicate: ox.NamedNode) -> list[Term]:
        return self.index.get(subject, {}).get(predicate, [])

    def value(self, subject: Term, predicate: ox.NamedNode) -> Term | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def items(self, head: Term | None) -> list[Term]:
        out = []
        while head is not None and head != NIL:
            first = self.value(head, FIRST)
            if first is not None:
                out.append(first)
            head = self.value(head, REST)
        return out

    def triples_of(self, node: Term) -> list[tuple[Term, Term, Term]]:
        """The triples describing ``node`` and, recursively, its blank nodes."""
        out, seen, todo = [], set(), [node]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for predicate, objects in self.index.get(current, {}).items():
                for obj in objects:
                    out.append((current, predicate, obj))
                    if isinstance(obj, ox.BlankNode):
                        todo.append(obj)
        return out


class Validator:
    """Validates the data in one engine's store against one set of shapes."""

    def __init__(self, engine: Engine, shapes: Shapes) -> None:
        self.engine = engine
        self.store = engine.store
        self.shapes = shapes
        self._supers: dict[Term, set[Term]] = {}
        self._conforms: dict[tuple[Term, Term], bool] = {}
        self._check_supported()

    # ---------------------------------------------------------------- data access

    def _objects(self, subject: Term, predicate: Term) -> list[Term]:
        if isinstance(subject, ox.Literal):
            return []
        found = dict.fromkeys(
            q.object for q in self.store.quads_for_pattern(subject, predicate, None, None)
        )
        return list(found)

    def _subjects(self, predicate: Term, obj: Term) -> list[Term]:
        found = dict.fromkeys(
            q.subject for q in self.store.quads_for_pattern(None, predicate, obj, None)
        )
        return list(found)

    def _superclasses(self, cls: Term) -> set[Term]:
        if cls not in self._supers:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self._objects(todo.pop(), SUBCLASS):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self._supers[cls] = seen
        return self._supers[cls]

    def _is_instance(self, node: Term, cls: Term) -> bool:
        if isinstance(node, ox.Literal):
            return False
        return any(cls in self._superclasses(t) for t in self._objects(node, TYPE))

    def _values(self, focus: Term, path: Term) -> list[Term]:
        if isinstance(path, ox.NamedNode):
            return self._objects(focus, path)
        inverse = self.shapes.value(path, _sh("inversePath"))
        if isinstance(inverse, ox.NamedNode) and len(self.shapes.index.get(path, {})) == 1:
            return [] if isinstance(focus, ox.Literal) else self._subjects(inverse, focus)
        raise Unsupported(f"property path {path}")

    # ---------------------------------------------------------------- shapes

    def _check_supported(self) -> None:
        for subject, predicates in self.shapes.index.items():
            for predicate in predicates:
                if predicate.value.startswith(SH) and predicate.value not in _KNOWN:
                    raise Unsupported(f"{predicate.value} on {subject}")
            if self.shapes.value(subject, _sh("qualifiedValueShapesDisjoint")) is not None:
                raise Unsupported("sh:qualifiedValueShapesDisjoint")
            flags = self.shapes.value(subject, _sh("flags"))
            if flags is not None and flags.value:
                raise Unsupported("sh:flags")

    def node_shapes(self) -> list[Term]:
        """Every shape with a target, in a stable order."""
        targets = [
            _sh(n)
            for n in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "target")
        ]
        found = [s for s, preds in self.shapes.index.items() if any(t in preds for t in targets)]
        return sorted(found, key=str)

    def focus_nodes(self, shape: Term, sparql_targets: dict[Term, set[Term]]) -> list[Term]:
        found: dict[Term, None] = {}
        for node in self.shapes.objects(shape, _sh("targetNode")):
            found[node] = None
        for cls in self.shapes.objects(shape, _sh("targetClass")):
            query = f"SELECT DISTINCT ?this WHERE {{ ?this a/<{RDFS}subClassOf>* <{cls.value}> }}"
            for row in self.engine.query(query):  # type: ignore[union-attr]
                found[row[0]] = None
        for predicate in self.shapes.objects(shape, _sh("targetSubjectsOf")):
            for q in self.store.quads_for_pattern(None, predicate, None, None):
                found[q.subject] = None
        for predicate in self.shapes.objects(shape, _sh("targetObjectsOf")):
            for q in self.store.quads_for_pattern(None, predicate, None, None):
                found[q.object] = None
        for node in sparql_targets.get(shape, ()):
            found[node] = None
        return list(found)

    # ---------------------------------------------------------------- validation

    def conforms(self, node: Term, shape: Term) -> bool:
        key = (node, shape)
        if key not in self._conforms:
            self._conforms[key] = not self.validate_shape(shape, [node], nested=True)
        return self._conforms[key]

    def validate_shape(self, shape: Term, focus: list[Term], nested: bool = False) -> list[Result]:
        """Results of one shape (node or property shape) for the given focus nodes."""
        sh = self.shapes
        if sh.value(shape, _sh("deactivated")) == TRUE:
            return []
        results: list[Result] = []
        path = sh.value(shape, _sh("path"))
        severity = sh.value(shape, _sh("severity")) or VIOLATION
        messages = sh.objects(shape, _sh("message"))
        message = " ".join(sorted(m.value for m in messages))

        def add(
            f: Term, component: str, value: Term | None, why: str, rpath: Term | None = path
        ) -> None:
            results.append(Result(f, rpath, component, shape, severity, value, message or why))
            if nested:
                raise _Stop

        try:
            for f in focus:
                values = [f] if path is None else self._values(f, path)
                self._value_constraints(shape, f, values, add)
                if path is not None:
                    self._count_constraints(shape, f, values, add)
                self._shape_constraints(shape, f, values, add)
                if path is None and sh.value(shape, _sh("closed")) == TRUE:
                    self._closed(shape, f, add)
                for prop in sh.objects(shape, _sh("property")):
                    found = self.validate_shape(prop, [f], nested)
                    results.extend(found)
        except _Stop:
            pass
        return results

    def _path_name(self, shape: Term) -> str:
        path = self.shapes.value(shape, _sh("path"))
        if isinstance(path, ox.BlankNode):
            return "^" + _name(self.shapes.value(path, _sh("inversePath")))
        return "" if path is None else _name(path)

    def _count_constraints(self, shape: Term, f: Term, values: list[Term], add: Any) -> None:
        sh = self.shapes
        low = sh.value(shape, _sh("minCount"))
        if low is not None and len(values) < int(low.value):
            add(
                f,
                "MinCountConstraintComponent",
                None,
                f"Less than {low.value} values on {_name(f)}->{self._path_name(shape)}",
            )
        high = sh.value(shape, _sh("maxCount"))
        if high is not None and len(values) > int(high.value):
            add(
                f,
                "MaxCountConstraintComponent",
                None,
                f"More than {high.value} values on {_name(f)}->{self._path_name(shape)}",
            )
        for required in sh.objects(shape, _sh("hasValue")):
            if required not in values:
                add(
                    f,
                    "HasValueConstraintComponent",
                    None,
                    f"Node {_name(f)}->{self._path_name(shape)} lacks the value {_name(required)}",
                )
        unique = sh.value(shape, _sh("uniqueLang"))
        if unique == TRUE:
            seen: set[str] = set()
            duplicates: list[str] = []
            for v in values:
                if isinstance(v, ox.Literal) and v.language:
                    lang = v.language.lower()
                    if lang in seen and lang not in duplicates:
                        duplicates.append(lang)
                    seen.add(lang)
            for _ in duplicates:
                add(
                    f,
                    "UniqueLangConstraintComponent",
                    None,
                    "More than one String shares the same Language",
                )
        qualified = sh.value(shape, _sh("qualifiedValueShape"))
        if qualified is not None:
            count = sum(1 for v in values if self.conforms(v, qualified))
            q_min = sh.value(shape, _sh("qualifiedMinCount"))
            q_max = sh.value(shape, _sh("qualifiedMaxCount"))
            if q_min is not None and count < int(q_min.value):
                add(f, "QualifiedMinCountConstraintComponent", None, "Too few qualified values")
            if q_max is not None and count > int(q_max.value):
                add(f, "QualifiedMaxCountConstraintComponent", None, "Too many qualified values")

    def _value_constraints(self, shape: Term, f: Term, values: list[Term], add: Any) -> None:
        sh = self.shapes
        for cls in sh.objects(shape, _sh("class")):
            for v in values:
                if not self._is_instance(v, cls):
                    add(f, "ClassConstraintComponent", v, f"Value does not have class {_name(cls)}")
        for datatype in sh.objects(shape, _sh("datatype")):
            for v in values:
                if not _has_datatype(v, datatype.value):
                    add(
                        f,
                        "DatatypeConstraintComponent",
                        v,
                        f"Value is not Literal with datatype {_name(datatype)}",
                    )
        for kind in sh.objects(shape, _sh("nodeKind")):
            for v in values:
                if not _has_kind(v, kind.value):
                    add(
                        f,
                        "NodeKindConstraintComponent",
                        v,
                        f"Value is not of Node Kind {_name(kind)}",
                    )
        for allowed in sh.objects(shape, _sh("in")):
            members = sh.items(allowed)
            for v in values:
                if v not in members:
                    add(f, "InConstraintComponent", v, "Value is not one of the allowed values")
        for name, holds, sign in _RANGES:
            for bound in sh.objects(shape, _sh(name)):
                for v in values:
                    order = _compare(v, bound)
                    if order is None or not holds(order):
                        add(
                            f,
                            f"{name[0].upper()}{name[1:]}ConstraintComponent",
                            v,
                            f"Value is not {sign} {bound.value}",
                        )
        for pattern in sh.objects(shape, _sh("pattern")):
            regex = re.compile(pattern.value)
            for v in values:
                if isinstance(v, ox.BlankNode) or not regex.search(v.value):
                    add(
                        f,
                        "PatternConstraintComponent",
                        v,
                        f"Value does not match pattern '{pattern.value}'",
                    )
        for allowed in sh.objects(shape, _sh("languageIn")):
            langs = {lang.value.lower() for lang in sh.items(allowed)}
            for v in values:
                tag = v.language.lower() if isinstance(v, ox.Literal) and v.language else None
                if tag is None or (
                    "*" not in langs and tag not in langs and tag.split("-")[0] not in langs
                ):
                    add(
                        f,
                        "LanguageInConstraintComponent",
                        v,
                        f"String language is not in {[lang.value for lang in sh.items(allowed)]}",
                    )

    def _shape_constraints(self, shape: Term, f: Term, values: list[Term], add: Any) -> None:
        sh = self.shapes
        for other in sh.objects(shape, _sh("node")):
            for v in values:
                if not self.conforms(v, other):
                    add(
                        f,
                        "NodeConstraintComponent",
                        v,
                        f"Value does not conform to Shape {_name(other)}",
                    )
        for choices in sh.objects(shape, _sh("or")):
            options = sh.items(choices)
            for v in values:
                if not any(self.conforms(v, option) for option in options):
                    add(f, "OrConstraintComponent", v, "Value conforms to none of the options")
        for other in sh.objects(shape, _sh("not")):
            for v in values:
                if self.conforms(v, other):
                    add(f, "NotConstraintComponent", v, "Value conforms to a shape it must not")

    def _closed(self, shape: Term, f: Term, add: Any) -> None:
        sh = self.shapes
        allowed = set()
        for prop in sh.objects(shape, _sh("property")):
            path = sh.value(prop, _sh("path"))
            if isinstance(path, ox.NamedNode):
                allowed.add(path)
        for ignored in sh.objects(shape, _sh("ignoredProperties")):
            allowed.update(sh.items(ignored))
        if isinstance(f, ox.Literal):
            return
        for q in self.store.quads_for_pattern(f, None, None, None):
            if q.predicate not in allowed:
                add(
                    f,
                    "ClosedConstraintComponent",
                    q.object,
                    f"Node {_name(f)} is closed. It cannot have value: {_name(q.object)}",
                    q.predicate,
                )


def _name(term: Term) -> str:
    """A term as messages show it: ``id:payoke``, ``sh:IRI``, a literal's text."""
    from ..prefixes import shorten_iri

    if isinstance(term, ox.NamedNode):
        return shorten_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


class _Stop(Exception):
    """A nested shape has a result: it does not conform, no need to look further."""


def _has_kind(value: Term, kind: str) -> bool:
    is_iri = isinstance(value, ox.NamedNode)
    is_blank = isinstance(value, ox.BlankNode)
    is_literal = isinstance(value, ox.Literal)
    return {
        SH + "IRI": is_iri,
        SH + "BlankNode": is_blank,
        SH + "Literal": is_literal,
        SH + "BlankNodeOrIRI": is_iri or is_blank,
        SH + "BlankNodeOrLiteral": is_blank or is_literal,
        SH + "IRIOrLiteral": is_iri or is_literal,
    }.get(kind, False)


def _has_datatype(value: Term, datatype: str) -> bool:
    if not isinstance(value, ox.Literal):
        return False
    if datatype == RDF + "langString":
        return bool(value.language)
    if value.language or value.datatype.value != datatype:
        return datatype == RDFS + "Literal"
    if datatype.startswith(XSD):
        lexical = _LEXICAL.get(datatype[len(XSD) :])
        if lexical is not None:
            text = value.value
            if not re.fullmatch(lexical, text):
                return False
            found = _MONTH_DAY.match(text) if "date" in datatype or "Month" in datatype else None
            if found:
                month, day = found.group(1), found.group(2)
                if not 1 <= int(month) <= 12 or (day is not None and not 1 <= int(day) <= 31):
                    return False
    return True


def validate_with(validator: Validator) -> list[Result]:
    """Every result of the validator's shapes over its engine's data."""
    from .shacl_sparql import sparql_results, sparql_targets

    targets = sparql_targets(validator.shapes, validator.engine)
    results: list[Result] = []
    for shape in validator.node_shapes():
        focus = validator.focus_nodes(shape, targets)
        if focus:
            results.extend(validator.validate_shape(shape, focus))
    results.extend(sparql_results(validator.shapes, validator.engine, validator, targets))
    return results
