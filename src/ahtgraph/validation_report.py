"""The validation report as people read it: grouped by entity, each problem with a fix."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from .terms import show

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from .validation import ValidationReport, ValidationResult

#: Constraint component → what to do about it; ``{path}`` is the property concerned.
FIXES: dict[str, str] = {
    "MinCount": "add the missing {path} statement(s)",
    "MaxCount": "remove the extra {path} values",
    "Datatype": "give {path} a value of the datatype the shape requires",
    "Class": "point {path} at an entity of the required class, or add that rdf:type to it",
    "NodeKind": "use the required kind of node (IRI or literal) for {path}",
    "Pattern": "make the {path} value match the pattern in the shape",
    "In": "use one of the values the shape allows for {path}",
    "HasValue": "add the value the shape requires for {path}",
    "LanguageIn": "use one of the languages the shape allows for {path}",
    "UniqueLang": "keep one {path} per language",
    "MinLength": "make the {path} value longer",
    "MaxLength": "shorten the {path} value",
    "Closed": "remove the property the closed shape does not allow ({value})",
    "SPARQL": "see the message; the rule is the SPARQL constraint of {shape}",
}
_DEFAULT_FIX = "see the message; the rule is in {shape}"


def render_path(graph: Graph | None, path: Node | None) -> str:
    """A property path in SPARQL-like syntax (``^org:subOrganizationOf``, ``a/b``)."""
    # Late: a conforming `validate` on Oxigraph renders through this module without rdflib.
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection

    if path is None:
        return "(the entity itself)"
    if not isinstance(path, BNode) or graph is None:
        return show(path)
    inverse = graph.value(path, URIRef("http://www.w3.org/ns/shacl#inversePath"))
    if inverse is not None:
        return "^" + render_path(graph, inverse)
    if graph.value(path, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")) is not None:
        return "/".join(render_path(graph, p) for p in Collection(graph, path))
    return "(complex path)"


def fix_for(result: ValidationResult, path: str) -> str:
    """The hint for one result."""
    # Late: see render_path.
    from rdflib import BNode

    template = FIXES.get(result.component_name, _DEFAULT_FIX)
    if result.source_shape is None and result.component_name == "Datatype":
        # validation.py's own check: the value does not fit the datatype written with it.
        template = (
            "correct the {path} value so its datatype allows it, or give it the right datatype"
        )
    shape = result.source_shape
    # A blank-node shape has a random label; name the property it constrains instead.
    shape_name = f"the shape on {path}" if isinstance(shape, BNode) else show(shape)
    return template.format(path=path, value=show(result.value), shape=shape_name)


def to_text(report: ValidationReport) -> str:
    """``Conforms.`` or, per focus entity, each problem with its path, rule, message and fix."""
    if report.conforms:
        return "Conforms: the graph satisfies every shape.\n"
    by_focus: dict[str, list[ValidationResult]] = defaultdict(list)
    for result in report.results:
        by_focus[show(result.focus_node)].append(result)
    lines = [
        f"Does not conform: {len(report.results)} problem(s) in {len(by_focus)} entit"
        f"{'y' if len(by_focus) == 1 else 'ies'}.",
    ]
    for focus in sorted(by_focus):
        lines.append("")
        lines.append(focus)
        for result in by_focus[focus]:
            path = render_path(report.graph, result.path)
            lines.append(f"  {result.severity_name}: {path} [{result.component_name}]")
            if result.message:
                lines.append(f"    message: {result.message}")
            if result.value is not None and result.value != result.focus_node:
                lines.append(f"    value:   {show(result.value)}")
            lines.append(f"    fix:     {fix_for(result, path)}")
    return "\n".join(lines) + "\n"


def to_json(report: ValidationReport) -> str:
    """The report as JSON: ``conforms`` and one object per result, short names throughout."""
    results: list[dict[str, Any]] = [
        {
            "focusNode": show(r.focus_node),
            "path": render_path(report.graph, r.path) if r.path is not None else None,
            "constraintComponent": show(r.constraint_component),
            "severity": r.severity_name,
            "message": r.message,
            "sourceShape": show(r.source_shape) if r.source_shape is not None else None,
            "value": show(r.value) if r.value is not None else None,
        }
        for r in report.results
    ]
    return json.dumps({"conforms": report.conforms, "results": results}, indent=2) + "\n"


def to_turtle(report: ValidationReport) -> str:
    """pyshacl's results graph (the W3C SHACL validation report vocabulary) as Turtle."""
    assert report.graph is not None
    report.graph.bind("sh", "http://www.w3.org/ns/shacl#")
    return report.graph.serialize(format="turtle")
