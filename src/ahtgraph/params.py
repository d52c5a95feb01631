"""Turning ``--param name=value`` strings into rdflib terms for ``initBindings``.

Values are bound, never pasted into the query text, so no value can change the query's shape.
The rules are few on purpose:

* ``name=<https://...>`` (angle brackets) binds an IRI;
* ``name=id:slug`` binds the ahtgraph entity ``https://w3id.org/ahtgraph/id/slug``;
* anything else binds a plain string literal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .errors import AhtgraphError
from .prefixes import ID

if TYPE_CHECKING:
    from rdflib.term import Identifier

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def split_param(text: str) -> tuple[str, str]:
    """``("name", "value")`` from ``name=value``; AhtgraphError for anything else."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.match(name):
        raise AhtgraphError(
            f"bad --param '{text}': expected name=value with a SPARQL variable name"
        )
    return name, value


def to_term(value: Any) -> Identifier:
    """The rdflib term a ``--param`` value (or a Python value from the API) stands for."""
    # lazy: `query` imports this module at start-up; only rdflib paths need terms
    from rdflib import Literal, URIRef
    from rdflib.term import Identifier

    if isinstance(value, Identifier):
        return value
    if not isinstance(value, str):
        return Literal(value)
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        iri = value[1:-1]
        if any(ch in iri for ch in ' <>"{}|\\^`'):
            raise AhtgraphError(f"bad IRI in --param value {value}")
        return URIRef(iri)
    if value.startswith("id:") and _SLUG.match(value[3:]):
        return URIRef(ID + value[3:])
    return Literal(value)


def bindings(
    params: Mapping[str, Any] | Iterable[str | tuple[str, str]] | None,
) -> dict[str, Identifier]:
    """initBindings from a mapping (API), ``name=value`` strings or (name, value) pairs (CLI)."""
    if not params:
        return {}
    if isinstance(params, Mapping):
        pairs = [(str(k).lstrip("?$"), v) for k, v in params.items()]
    else:
        pairs = [p if isinstance(p, tuple) else split_param(p) for p in params]
    return {name: to_term(value) for name, value in pairs}
