"""Checking and running one SPARQL query against the graph.

Checks happen on the parsed query, before any data is loaded: updates are refused (the shipped
graph is read-only), SERVICE is refused unless allowed (rdflib would otherwise make network
requests), and syntax errors are reported with line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyparsing
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.term import Variable

from .errors import AhtgraphError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.plugins.sparql.sparql import Query
    from rdflib.query import Result
    from rdflib.term import Identifier

#: Algebra node names → the query form a user would recognise.
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


@dataclass(frozen=True)
class PreparedQuery:
    """A parsed, checked query and the facts the CLI needs to pick an output format."""

    query: Query
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: frozenset[str]

    @property
    def returns_graph(self) -> bool:
        """CONSTRUCT and DESCRIBE answer with triples, not rows."""
        return self.form in ("CONSTRUCT", "DESCRIBE")


def _walk(node: Any) -> Iterator[Any]:
    """Every node of rdflib's parsed/algebra tree (CompValue is a dict; lists hold parts)."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)


def _syntax_error(exc: Exception, text: str) -> AhtgraphError:
    """``malformed SPARQL query at line L, column C: expected ...`` from pyparsing's exception."""
    loc = getattr(exc, "loc", None)
    msg = getattr(exc, "msg", None) or str(exc)
    if isinstance(loc, int):
        line = text.count("\n", 0, loc) + 1
        column = loc - (text.rfind("\n", 0, loc) + 1) + 1
        found = text[loc : loc + 20].split()
        near = f" near '{found[0]}'" if found else " at end of query"
        return AhtgraphError(f"malformed SPARQL query at line {line}, column {column}{near}: {msg}")
    return AhtgraphError(f"malformed SPARQL query: {msg}")


def _is_update(text: str) -> bool:
    """True when the text parses as a SPARQL Update request."""
    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def prepare(text: str, *, allow_service: bool = False) -> PreparedQuery:
    """Parse and check ``text``; AhtgraphError says why a query cannot run."""
    try:
        parsed = parseQuery(text)
    except pyparsing.ParseException as exc:
        if _is_update(text):
            raise AhtgraphError(
                "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is refused: the graph is "
                "read-only; write a SELECT, ASK, CONSTRUCT or DESCRIBE query"
            ) from exc
        raise _syntax_error(exc, text) from exc
    try:
        query = translateQuery(parsed)
    except Exception as exc:  # rdflib raises plain Exceptions for semantic errors
        raise AhtgraphError(f"invalid SPARQL query: {' '.join(str(exc).split())}") from exc

    nodes = list(_walk(query.algebra))
    if not allow_service and any(getattr(n, "name", None) == "ServiceGraphPattern" for n in nodes):
        raise AhtgraphError(
            "the query uses SERVICE, which fetches data over the network; "
            "pass --allow-service to run it"
        )
    variables = frozenset(str(n) for n in nodes if isinstance(n, Variable))
    form = _FORMS.get(query.algebra.name, query.algebra.name)
    return PreparedQuery(query, form, variables)


def check_bindings(prepared: PreparedQuery, bindings: Mapping[str, Identifier]) -> None:
    """Refuse a parameter the query never mentions: it is a typo that would silently do nothing."""
    unknown = sorted(set(bindings) - prepared.variables)
    if unknown:
        have = ", ".join(f"?{v}" for v in sorted(prepared.variables)) or "none"
        raise AhtgraphError(
            f"the query has no variable ?{unknown[0]} to bind; its variables are: {have}"
        )


def run(
    graph: Graph,
    prepared: PreparedQuery,
    bindings: Mapping[str, Identifier] | None = None,
) -> Result:
    """Evaluate a prepared query with parameters bound (never pasted into the text)."""
    bindings = dict(bindings or {})
    check_bindings(prepared, bindings)
    try:
        return graph.query(prepared.query, initBindings=bindings)
    except AhtgraphError:
        raise
    except Exception as exc:
        raise AhtgraphError(f"query failed: {' '.join(str(exc).split())}") from exc
