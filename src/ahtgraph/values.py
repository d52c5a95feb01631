"""Binding ``--param`` values into query text, safely, for stores that cannot take initBindings.

The embedded graph binds parameters with rdflib's ``initBindings``. A remote SPARQL endpoint
(``--endpoint``) or pyoxigraph (``--store oxigraph``) only takes query text, so the values
have to travel in the text. They are never pasted in as the user typed them:

* each value is first turned into an rdflib term by :mod:`ahtgraph.params` (an IRI, an
  ahtgraph entity or a plain literal). IRIs are written by rdflib's ``URIRef.n3()``, which
  refuses characters not allowed in ``<...>``; literals as one-line ``"..."`` strings with
  every quote, backslash and line break escaped; variable names must be plain SPARQL names;
* the terms go into one ``VALUES (?a ?b) { (term term) }`` block, inserted as the first
  element of the query's WHERE group. Nothing else in the text changes;
* the new text is parsed again and its parse tree compared with the original's: it must be
  the original with exactly one inline-data block added at the front of the WHERE group.
  Anything else (a query whose WHERE clause is a bare sub-query, ``CONSTRUCT WHERE``, a brace
  in a SELECT expression that fooled the scanner) is refused rather than sent.

Why the top of the WHERE group: a VALUES block there joins with the whole group, so every
triple pattern, OPTIONAL and FILTER of the group sees the values (``FILTER(!BOUND(?entity) ||
?s = ?entity)`` and ``FILTER(CONTAINS(..., ?text))`` work). A trailing ``VALUES`` after the
query would not do: it joins only after the group's FILTERs have run on unbound variables.
The one difference from ``initBindings`` follows SPARQL's bottom-up scoping: a FILTER inside a
nested ``{ ... }`` group or sub-query does not see the value (rdflib's initBindings reaches
everywhere). The shipped named queries use their parameters at the top level only, and
tests/test_remote.py checks every one of them gives the same answers both ways.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pyparsing import ParseResults
from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib.term import Identifier

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LANG = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
#: Tokens inside which a brace is not a brace: comments, IRIs and the four string forms.
_SKIP = re.compile(
    r"""\#[^\n]*
      | <[^<>"{}|^`\\\x00-\x20]*>
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n]|\\.)*'
      | "(?:[^"\\\n]|\\.)*"
    """,
    re.VERBOSE | re.DOTALL,
)


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """``VALUES (?a ?b) { (<iri> "text") }`` for the given terms, each written by ``.n3()``."""
    names, terms = [], []
    for name, term in bindings.items():
        if not _NAME.match(name):
            raise AhtgraphError(f"bad parameter name '{name}': expected a SPARQL variable name")
        if isinstance(term, BNode) or not isinstance(term, URIRef | Literal):
            raise AhtgraphError(f"cannot send ?{name}: only IRIs and literals can be bound")
        try:
            written = _literal(term) if isinstance(term, Literal) else term.n3()
        except Exception as exc:  # rdflib refuses IRIs it cannot write safely
            raise AhtgraphError(f"cannot bind ?{name}: {' '.join(str(exc).split())}") from exc
        names.append(f"?{name}")
        terms.append(written)
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def _literal(term: Any) -> str:
    """A literal as a one-line ``"..."`` string, every quote, backslash and line break escaped.

    (rdflib's ``Literal.n3()`` switches to triple-quoted strings for text with line breaks
    and leaves quotes unescaped there, which a value ending in a quote would break.)
    """
    text = str(term)
    for char, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r")):
        text = text.replace(char, escaped)
    if term.language:
        if not _LANG.match(term.language):
            raise AhtgraphError(f"bad language tag '{term.language}'")
        return f'"{text}"@{term.language}'
    if term.datatype:
        return f'"{text}"^^{URIRef(term.datatype).n3()}'
    return f'"{text}"'


def _top_level_braces(text: str) -> Iterator[int]:
    """Offsets of every ``{`` that opens a group at nesting depth 0, in order."""
    depth = 0
    i = 0
    while i < len(text):
        skipped = _SKIP.match(text, i)
        if skipped and skipped.end() > i:
            i = skipped.end()
            continue
        char = text[i]
        if char == "{":
            if depth == 0:
                yield i
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        i += 1


def _canon(node: Any) -> Any:
    """A comparable form of rdflib's parse tree (ParseResults compare by identity)."""
    if isinstance(node, CompValue):
        return (node.name, tuple(sorted((k, _canon(v)) for k, v in node.items())))
    if isinstance(node, dict):
        return tuple(sorted((k, _canon(v)) for k, v in node.items()))
    if isinstance(node, ParseResults):
        named = tuple(sorted((k, _canon(v)) for k, v in node.items()))
        return ("ParseResults", tuple(_canon(x) for x in node), named)
    if isinstance(node, list | tuple):
        return tuple(_canon(x) for x in node)
    if isinstance(node, BNode):
        return "BNode"  # fresh labels on every parse
    return node


def _where_parts(parsed: Any) -> tuple[Any, Any] | None:
    """(the query minus its WHERE group, the WHERE group's parts) of a parsed query."""
    query = parsed[1]
    where = query.get("where")
    if where is None or getattr(where, "name", None) != "GroupGraphPatternSub":
        return None
    rest = {k: v for k, v in query.items() if k != "where"}
    return (query.name, _canon(parsed[0]), _canon(rest)), list(where.get("part") or [])


def bind(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with a VALUES block for ``bindings`` opening its WHERE group (see module doc)."""
    if not bindings:
        return text

    block = values_block(bindings)
    original = _where_parts(parseQuery(text))
    if original is None:
        raise AhtgraphError(
            "cannot bind --param values into this query: its WHERE clause is not a plain group"
        )
    head, parts = original
    for brace in _top_level_braces(text):
        candidate = f"{text[: brace + 1]} {block}\n{text[brace + 1 :]}"
        try:
            found = _where_parts(parseQuery(candidate))
        except Exception:
            continue
        if found is None:
            continue
        new_head, new_parts = found
        if (
            new_head == head
            and len(new_parts) == len(parts) + 1
            and getattr(new_parts[0], "name", None) == "InlineData"
            and _canon(new_parts[1:]) == _canon(parts)
        ):
            return candidate
    raise AhtgraphError(
        "cannot bind --param values into this query for a remote store; write the values "
        "into the query (e.g. a VALUES clause) instead"
    )
