"""SHACL-SPARQL (SHACL 1.0 section 5 and SHACL-AF SPARQL targets), run as SPARQL on Oxigraph.

Why: pyshacl evaluated the shapes' SPARQL targets and constraints on rdflib, where each
``FILTER (?p IN (...))`` scans every triple: three quarters of ``ahtgraph validate`` on the
shipped graph. Oxigraph answers the same queries in milliseconds.

Semantics followed: a target's ``sh:select`` yields the focus nodes bound to ``?this``; a
constraint's ``sh:select`` runs with ``$this`` pre-bound to every focus node of its shape at
once (a VALUES block, or pyoxigraph's substitution for a single node), one result per
solution: ``?path`` and ``?value`` from the solution, the focus node as the value when none is
bound (as pyshacl does), ``{?var}`` / ``{$var}`` in ``sh:message`` replaced by the solution's
values. ``sh:prefixes`` declarations become PREFIX lines.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..graph.engine import Engine, Rows

if TYPE_CHECKING:
    from .shacl_oxigraph import Result, Shapes, Validator

SH = "http://www.w3.org/ns/shacl#"
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@cache
def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(SH + name)


def _select(shapes: Shapes, node: Any) -> str | None:
    """The query of a target or constraint, with its ``sh:prefixes`` as PREFIX lines."""
    text = shapes.value(node, _sh("select"))
    if text is None:
        return None
    lines = set()
    for owner in shapes.objects(node, _sh("prefixes")):
        for decl in shapes.objects(owner, _sh("declare")):
            prefix = shapes.value(decl, _sh("prefix"))
            namespace = shapes.value(decl, _sh("namespace"))
            if prefix is not None and namespace is not None:
                lines.add(f"PREFIX {prefix.value}: <{namespace.value}>")
    return "\n".join(sorted(lines)) + "\n" + text.value


def _rows(engine: Engine, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    answer = engine.query(text, params)
    assert isinstance(answer, Rows)
    return [dict(zip(answer.variables, row, strict=True)) for row in answer]


def sparql_targets(shapes: Shapes, engine: Engine) -> dict[Any, set[Any]]:
    """shape -> the focus nodes its ``sh:SPARQLTarget`` targets select."""
    found: dict[Any, set[Any]] = {}
    for shape, predicates in shapes.index.items():
        for target in predicates.get(_sh("target"), []):
            if _sh("SPARQLTarget") not in shapes.objects(target, _TYPE):
                from .shacl_oxigraph import Unsupported

                raise Unsupported(f"target {target} of {shape}")
            text = _select(shapes, target)
            if text is None:
                continue
            nodes = {r["this"] for r in _rows(engine, text) if r.get("this") is not None}
            found.setdefault(shape, set()).update(nodes)
    return found


def _message(template: str, row: dict[str, Any]) -> str:
    def fill(match: re.Match[str]) -> str:
        term = row.get(match.group(1))
        return match.group(0) if term is None else str(term.value)

    return re.sub(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", fill, template)


def sparql_results(
    shapes: Shapes, engine: Engine, validator: Validator, targets: dict[Any, set[Any]]
) -> list[Result]:
    """The results of every ``sh:sparql`` constraint of a node shape."""
    from .shacl_oxigraph import TRUE, VIOLATION, Result, Unsupported

    results: list[Result] = []
    for shape in sorted(shapes.index, key=str):
        for constraint in shapes.objects(shape, _sh("sparql")):
            if shapes.value(shape, _sh("path")) is not None:
                raise Unsupported(f"SPARQL constraint on the property shape {shape}")
            if TRUE in (
                shapes.value(constraint, _sh("deactivated")),
                shapes.value(shape, _sh("deactivated")),
            ):
                continue
            text = _select(shapes, constraint)
            focus = validator.focus_nodes(shape, targets)
            if text is None or not focus:
                continue
            severity = shapes.value(shape, _sh("severity")) or VIOLATION
            templates = [m.value for m in shapes.objects(constraint, _sh("message"))]
            rows = _rows(engine, text, {"this": sorted(focus, key=str)})
            for row in rows:
                if row.get("failure") is not None:
                    raise Unsupported(f"the SPARQL constraint of {shape} reported a failure")
                this = row.get("this")
                if this is None:
                    continue
                value = row.get("value")
                results.append(
                    Result(
                        focus=this,
                        path=row.get("path"),
                        component="SPARQLConstraintComponent",
                        shape=shape,
                        severity=severity,
                        value=value if value is not None else this,
                        message=" ".join(sorted(_message(t, row) for t in templates)),
                    )
                )
    return results
