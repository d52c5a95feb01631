"""What a SPARQL text asks for, read without rdflib: the one query inspector.

Why it exists: the engine (pyoxigraph) needs a few facts *before* it sees a query, and rdflib's
parser costs 0.27 s to import and run, more than a whole query is allowed to take:

* the query form, and whether the text is an update (refused: the graph is read-only);
* whether it uses ``SERVICE`` (refused unless allowed: it would reach other hosts);
* the ``FROM`` / ``FROM NAMED`` IRIs (each must name a local graph; nothing is fetched);
* the variables in order of first appearance (pyoxigraph sorts ``SELECT *`` columns by code
  point; users expect Jena's order, the order of the text);
* the bracket depth: pyoxigraph's recursive parser crashes the whole process (a segmentation
  fault) on a few KB of ``{{{{...`` nested 2,500 deep, so more than :data:`MAX_DEPTH` levels
  are refused before it is called;
* where the WHERE group opens, so several values of one parameter can go in as a ``VALUES``
  block at its top.

It is a tokenizer, not a parser: comments, IRIs, strings and prefixed names are skipped as
whole tokens, so a brace or keyword inside them never counts. Syntax errors are left to
pyoxigraph, which reports them with a position. Where the scan cannot be sure (an unterminated
string, unbalanced brackets, no query form found, a ``FROM`` it cannot resolve) it falls back
to rdflib's full parser for the form, update, SERVICE and dataset facts; if rdflib cannot
parse the text either, the scan's facts are returned as they are and pyoxigraph has the last
word. The depth check always runs first, because rdflib's parser recurses too.

The facts of a text are remembered (:data:`CACHE_SIZE` texts, each up to
:data:`CACHE_LONGEST` characters): the scan costs 45 to 70 µs for a 190-character query, as
much as evaluating a simple one (0.2 µs from the cache), and an endpoint sees the same texts
again and again (example queries, dashboards, the server's own check before the engine's).
QueryFacts is frozen and its prefixes read-only, so one object can be handed to every caller.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple
from urllib.parse import urljoin

from ..errors import AhtgraphError

#: Deepest nesting of ``{``, ``(`` and ``[`` accepted. pyoxigraph parses 500 levels safely (in
#: a thread with the default 8 MB stack too; tests/test_inspect.py runs it), ordinary queries
#: rarely pass 10.
MAX_DEPTH = 500
#: How many query texts' facts are remembered (least recently used first out), and the
#: longest text remembered: at most 512 texts of 8,000 characters held, whatever clients send.
CACHE_SIZE = 512
CACHE_LONGEST = 8_000

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
#: The words that can open a SPARQL 1.1 Update operation.
UPDATE_WORDS = frozenset(
    ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
)

_PN_CHARS = r"\w\u00B7\u0300-\u036F\u203F\u2040"
_LOCAL_ESC = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_TOKEN = re.compile(
    rf"""(?P<ws>\s+)
    |(?P<comment>\#[^\n]*)
    |(?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<var>[?$][{_PN_CHARS}]+)
    |(?P<bnode>_:[{_PN_CHARS}.\-]*)
    |(?P<pname>(?:[^\W\d_][{_PN_CHARS}.\-]*)?:
        (?:(?:[{_PN_CHARS}:\-]|%[0-9A-Fa-f]{{2}}|{_LOCAL_ESC})
           (?:[{_PN_CHARS}:.\-]|%[0-9A-Fa-f]{{2}}|{_LOCAL_ESC})*)?)
    |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
    |(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    |(?P<num>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
    |(?P<punct>\^\^|&&|\|\||!=|<=|>=|[{{}}()\[\],;.*+/<>=!|^?-])
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_OPEN = {"{": "}", "(": ")", "[": "]"}
_CLOSE = {"}", ")", "]"}
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


# Token and QueryFacts are NamedTuples, not frozen dataclasses: every query imports this
# module, and on Python 3.11 defining a frozen dataclass costs about 1 ms of start-up.


class Token(NamedTuple):
    """One lexical token: its kind (a group name of the scanner) and where it sits."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The upper-cased keyword, or "" for any token that is not a bare word."""
        return self.text.upper() if self.kind == "word" else ""


class QueryFacts(NamedTuple):
    """What the engine needs to know about a query before running it."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE; None for an update or unknown
    update: bool
    service: bool
    select_star: bool
    from_graphs: tuple[str, ...]
    from_named: tuple[str, ...]
    variables: tuple[str, ...]  # names without ?/$, in order of first appearance
    depth: int
    #: Offsets of the WHERE group's ``{`` and its ``}``, None when there is no plain group.
    where_open: int | None = None
    where_close: int | None = None
    #: The WHERE group is a bare sub-query (``WHERE { SELECT ... }``).
    where_subselect: bool = False
    #: False when the scan was unsure and rdflib's parser supplied the facts (or failed too).
    certain: bool = True
    #: Read-only: the same facts are shared by every caller of the cached :func:`inspect`.
    prefixes: Mapping[str, str] = MappingProxyType({})

    @property
    def uses_dataset(self) -> bool:
        """The query names its own dataset with FROM or FROM NAMED."""
        return bool(self.from_graphs or self.from_named)


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` (whitespace and comments dropped)."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        start, end = match.span()
        value = match.group()
        if kind == "pname" and value.endswith("."):  # a local name cannot end with a dot
            stripped = value.rstrip(".")
            out.append(Token(kind, stripped, start, start + len(stripped)))
            for i in range(start + len(stripped), end):
                out.append(Token("punct", ".", i, i + 1))
            continue
        out.append(Token(kind, value, start, end))
    return out


def nesting_depth(toks: list[Token]) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` among the tokens."""
    depth = deepest = 0
    for tok in toks:
        if tok.kind != "punct":
            continue
        if tok.text in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif tok.text in _CLOSE:
            depth = max(depth - 1, 0)
    return deepest


def check_depth(text: str) -> list[Token]:
    """The tokens of ``text``; AhtgraphError when it nests deeper than :data:`MAX_DEPTH`."""
    toks = tokens(text)
    depth = nesting_depth(toks)
    if depth > MAX_DEPTH:
        raise AhtgraphError(
            f"the query nests brackets {depth} levels deep; at most {MAX_DEPTH} are accepted"
        )
    return toks


def _unescape_local(local: str) -> str:
    return re.sub(r"\\(.)", r"\1", local)


def _resolve(tok: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    """The absolute IRI an IRI or prefixed-name token stands for, None when unsure."""
    if tok.kind == "iri":
        iri = tok.text[1:-1]
        if "\\" in iri:
            return None
    elif tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix not in prefixes:
            return None
        iri = prefixes[prefix] + _unescape_local(local)
    else:
        return None
    if _ABSOLUTE.match(iri):
        return iri
    return urljoin(base, iri) if base else None


def _matching(toks: list[Token], index: int) -> int | None:
    """Index of the bracket closing the one at ``index``."""
    depth = 0
    for j in range(index, len(toks)):
        text = toks[j].text
        if toks[j].kind != "punct":
            continue
        if text in _OPEN:
            depth += 1
        elif text in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return None


def _where_group(toks: list[Token], form_at: int, form: str) -> int | None:
    """Index of the ``{`` opening the WHERE group, None when there is no such group."""
    depth = 0
    first_brace = None
    for j in range(form_at + 1, len(toks)):
        tok = toks[j]
        if depth == 0 and tok.word == "WHERE":
            if form == "CONSTRUCT" and first_brace is None:
                return None  # CONSTRUCT WHERE { }: the group is also the template
            for k in range(j + 1, len(toks)):
                if toks[k].kind == "punct" and toks[k].text == "{":
                    return k
            return None
        if tok.kind == "punct":
            if tok.text in _OPEN:
                if depth == 0 and tok.text == "{" and first_brace is None:
                    first_brace = j
                    if form != "CONSTRUCT":
                        return j
                depth += 1
            elif tok.text in _CLOSE:
                depth = max(depth - 1, 0)
    return None


def inspect(text: str, *, base_iri: str | None = None, fallback: bool = True) -> QueryFacts:
    """The facts of ``text``; AhtgraphError only for nesting deeper than :data:`MAX_DEPTH`.

    ``base_iri`` resolves relative ``FROM`` IRIs when the query has no ``BASE`` of its own
    (the engine passes the query file's IRI). ``fallback=False`` never imports rdflib.
    Texts up to :data:`CACHE_LONGEST` characters are answered from the cache when seen
    lately (the same object each time); refusals (too deep) are never cached.
    """
    if len(text) > CACHE_LONGEST:
        return _scan(text, base_iri, fallback)
    return _cached_scan(text, base_iri, fallback)


def cache_clear() -> None:
    """Forget every remembered text's facts (tests, and benchmarks of the scan itself)."""
    _cached_scan.cache_clear()


def _scan(text: str, base_iri: str | None, fallback: bool) -> QueryFacts:
    """The facts of ``text``, scanned afresh (see :func:`inspect`)."""
    toks = check_depth(text)
    certain = not any(t.kind == "other" and t.text in "\"'<" for t in toks)
    prefixes: dict[str, str] = {}
    base = base_iri
    form: str | None = None
    update = False
    form_at = -1
    i = 0
    while i < len(toks):
        word = toks[i].word
        if word == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = _resolve(toks[i + 1], prefixes, base) or base
            i += 2
        elif (
            word == "PREFIX"
            and i + 2 < len(toks)
            and toks[i + 1].kind == "pname"
            and toks[i + 1].text.endswith(":")
            and toks[i + 2].kind == "iri"
        ):
            resolved = _resolve(toks[i + 2], prefixes, base)
            if resolved is None:
                certain = False
            else:
                prefixes[toks[i + 1].text[:-1]] = resolved
            i += 3
        else:
            if word in FORMS:
                form, form_at = word, i
            elif word in UPDATE_WORDS:
                update = True
            else:
                certain = False
            break
    if form is None and not update:
        certain = False

    service = any(t.word == "SERVICE" for t in toks)
    from_graphs: list[str] = []
    from_named: list[str] = []
    for j, tok in enumerate(toks):
        if tok.word != "FROM":
            continue
        k = j + 1
        named = k < len(toks) and toks[k].word == "NAMED"
        k += named
        iri = _resolve(toks[k], prefixes, base) if k < len(toks) else None
        if iri is None:
            certain = False
        else:
            (from_named if named else from_graphs).append(iri)

    variables = tuple(dict.fromkeys(t.text[1:] for t in toks if t.kind == "var"))
    select_star = False
    if form == "SELECT":
        k = form_at + 1
        if k < len(toks) and toks[k].word in ("DISTINCT", "REDUCED"):
            k += 1
        select_star = k < len(toks) and toks[k].text == "*" and toks[k].kind == "punct"

    opening = closing = None
    subselect = False
    if form is not None:
        at = _where_group(toks, form_at, form)
        end = _matching(toks, at) if at is not None else None
        if at is not None and end is not None:
            opening, closing = toks[at].start, toks[end].start
            subselect = at + 1 < len(toks) and toks[at + 1].word == "SELECT"
    if sum(t.text in _OPEN for t in toks if t.kind == "punct") != sum(
        t.text in _CLOSE for t in toks if t.kind == "punct"
    ):
        certain = False

    facts = QueryFacts(
        form=form,
        update=update,
        service=service,
        select_star=select_star,
        from_graphs=tuple(from_graphs),
        from_named=tuple(from_named),
        variables=variables,
        depth=nesting_depth(toks),
        where_open=opening,
        where_close=closing,
        where_subselect=subselect,
        certain=certain,
        prefixes=MappingProxyType(prefixes),
    )
    if not certain and fallback:
        return _with_rdflib(text, facts, base)
    return facts


def _walk(node: Any) -> Any:
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


def _with_rdflib(text: str, facts: QueryFacts, base: str | None) -> QueryFacts:
    """The scan's facts corrected by rdflib's full parser, or unchanged if it fails too."""
    # lazy: rdflib's parser is a fallback; the query path imports no rdflib
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except Exception:
        try:
            parseUpdate(text)
        except Exception:
            return facts  # a syntax error: pyoxigraph will say where
        return facts._replace(form=None, update=True)
    query = parsed[1]
    form = {
        "SelectQuery": "SELECT",
        "AskQuery": "ASK",
        "ConstructQuery": "CONSTRUCT",
        "DescribeQuery": "DESCRIBE",
    }.get(query.name, facts.form)
    prologue_base = base
    prefixes = dict(facts.prefixes)
    for decl in parsed[0] or []:
        if decl.name == "Base":
            prologue_base = str(decl.iri)
        elif decl.name == "PrefixDecl":
            prefixes[str(decl.prefix or "")] = str(decl.iri)
    graphs: list[str] = []
    named: list[str] = []
    for clause in query.get("datasetClause") or []:
        target = clause.get("default") if clause.get("default") is not None else clause["named"]
        if getattr(target, "name", None) == "pname":
            prefix = str(target.prefix or "")
            if prefix not in prefixes:
                continue  # undeclared: pyoxigraph reports the syntax error
            iri = prefixes[prefix] + str(target.localname or "")
        else:
            iri = str(target)
        if prologue_base and not _ABSOLUTE.match(iri):
            iri = urljoin(prologue_base, iri)
        (graphs if clause.get("default") is not None else named).append(iri)
    service = any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(query))
    return facts._replace(
        form=form,
        update=False,
        service=service,
        from_graphs=tuple(graphs),
        from_named=tuple(named),
    )


#: :func:`_scan` behind a thread-safe LRU (C, in the standard library): a worker's page
#: thread may inspect while a query does.
_cached_scan = functools.lru_cache(maxsize=CACHE_SIZE)(_scan)
