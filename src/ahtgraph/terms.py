"""How one RDF term reads to a person: short names for IRIs, plain text for literals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .prefixes import shorten_iri

if TYPE_CHECKING:
    from rdflib.term import Node


def show(term: Node | None) -> str:
    """``id:payoke`` for IRIs, ``Payoke@en`` for tagged text, the lexical form for other values."""
    # Late: a conforming `validate` on Oxigraph prints through this module and imports no rdflib.
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten_iri(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal) and term.language:
        return f"{term}@{term.language}"
    return str(term)
