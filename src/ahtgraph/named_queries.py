"""The catalogue of named queries: ``queries/<name>.rq`` files with a comment header.

A header is the run of ``#`` lines at the top of the file::

    # title: Centres funded by FPS Justice
    # description: The specialised victim-support centres that FPS Justice funds.
    # param: entity - IRI or slug of the entity

Reading it needs no rdflib, so ``query --list`` is instant.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from . import resources
from .errors import AhtgraphError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def looks_like_name(text: str) -> bool:
    """A single word such as ``funded-centres`` names a query; SPARQL always has spaces."""
    return bool(_NAME.match(text))


def text_for(query: str, folder: Path | None = None) -> str:
    """The SPARQL text of ``query``: the named query's file if it is a name, else itself."""
    return find(query, folder).text if looks_like_name(query) else query


# NamedTuples rather than frozen dataclasses: every named query imports this module, and on
# Python 3.11 defining a frozen dataclass costs about 1 ms of start-up.


class Param(NamedTuple):
    """A parameter a named query declares: a SPARQL variable the caller may bind."""

    name: str
    description: str = ""


class NamedQuery(NamedTuple):
    """One ``.rq`` file and what its header says about it."""

    name: str
    path: Path
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()

    @property
    def text(self) -> str:
        """The SPARQL text, header included (comments are valid SPARQL)."""
        return self.path.read_text(encoding="utf-8")


def parse_header(name: str, path: Path) -> NamedQuery:
    """Read the leading comment lines of ``path`` into a NamedQuery."""
    title = description = ""
    params: list[Param] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if not line:
                continue
            if not line.startswith("#"):
                break
            key, sep, value = line.lstrip("#").strip().partition(":")
            if not sep:
                continue
            key, value = key.strip().lower(), value.strip()
            if key == "title":
                title = value
            elif key == "description":
                description = value
            elif key == "param":
                pname, _, pdesc = value.partition(" - ")
                params.append(Param(pname.strip().lstrip("?$"), pdesc.strip()))
    return NamedQuery(name, path, title, description, tuple(params))


def catalogue(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query, sorted by name."""
    folder = resources.queries_dir() if folder is None else folder
    if not folder.is_dir():
        return []
    return [parse_header(p.stem, p) for p in sorted(folder.glob("*.rq"))]


def find(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query called ``name``; AhtgraphError suggests close names when there is none."""
    folder = resources.queries_dir() if folder is None else folder
    # A valid name is one file: read only its header (every query pays this at start-up).
    if _NAME.match(name) and (folder / f"{name}.rq").is_file():
        return parse_header(name, folder / f"{name}.rq")
    queries = {q.name: q for q in catalogue(folder)}
    if name in queries:
        return queries[name]
    import difflib  # only to suggest names; a known name never needs it

    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see: ahtgraph query --list"
    raise AhtgraphError(f"unknown named query '{name}'{hint}")
