"""``ahtgraph sources check``: what a source page names or links that the graph lacks.

A link counts as present when some entity has it as ``foaf:homepage``, ``foaf:page`` or
``aht:url``. A name counts as present when it equals a label or alternative label of an entity
(ignoring case, spacing and quote styles); "Name (ABBR)" also matches through either part, and
a heading "A and B" when both parts match.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from .prefixes import ID, PREFIXES
from .wp_page import PageContent

if TYPE_CHECKING:
    from rdflib import Graph

LINK_PROPERTIES = (
    PREFIXES["foaf"] + "homepage",
    PREFIXES["foaf"] + "page",
    PREFIXES["aht"] + "url",
)
NAME_PROPERTIES = (PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "altLabel")
#: Curly quotes and apostrophes (U+2018, U+2019, U+201C, U+201D) to their straight forms.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_ABBREVIATED = re.compile(r"^(?P<name>.+?)\s*\((?P<abbr>[^()]+)\)$")


@dataclass(frozen=True)
class Missing:
    """One thing on the page the graph lacks: a link (with its text) or a name."""

    kind: str
    value: str
    text: str = ""


def normalise(text: str) -> str:
    """Case, spacing, apostrophes and quotes folded, so typography never hides a match."""
    text = text.translate(_QUOTES)
    return " ".join(text.strip().strip('"').split()).casefold()


def _graph_names(graph: Graph) -> set[str]:
    names = set()
    for prop in NAME_PROPERTIES:
        for subject, value in graph.subject_objects(URIRef(prop)):
            if str(subject).startswith(ID):
                names.add(normalise(str(value)))
    return names


def _graph_links(graph: Graph) -> set[str]:
    return {
        str(value)
        for prop in LINK_PROPERTIES
        for subject, value in graph.subject_objects(URIRef(prop))
        if str(subject).startswith(ID)
    }


def _name_known(name: str, known: set[str]) -> bool:
    if normalise(name) in known:
        return True
    abbreviated = _ABBREVIATED.match(name)
    if abbreviated and (
        normalise(abbreviated["name"]) in known or normalise(abbreviated["abbr"]) in known
    ):
        return True
    parts = [re.sub(r"^the\s+", "", p, flags=re.IGNORECASE) for p in re.split(r"\s+and\s+", name)]
    return len(parts) > 1 and all(normalise(p) in known for p in parts)


def check(graph: Graph, page: PageContent) -> list[Missing]:
    """Every link and name of ``page`` that the graph lacks, links first, in page order."""
    links, names = _graph_links(graph), _graph_names(graph)
    missing = [Missing("link", link.url, link.text) for link in page.links if link.url not in links]
    missing += [Missing("name", name) for name in page.names if not _name_known(name, names)]
    return missing


def to_text(page: PageContent, missing: list[Missing]) -> str:
    """One line per missing item, then a summary line."""
    lines = [f"missing {m.kind}: {m.value}" + (f"  ({m.text})" if m.text else "") for m in missing]
    lines.append(
        f"{page.url or page.title}: {len(page.links)} links and {len(page.names)} names checked, "
        f"{len(missing)} missing from the graph"
    )
    return "\n".join(lines) + "\n"


def to_json(page: PageContent, missing: list[Missing]) -> str:
    """The page, what was checked, and what is missing, as JSON."""
    return (
        json.dumps(
            {
                "page": page.url,
                "title": page.title,
                "links_checked": len(page.links),
                "names_checked": len(page.names),
                "missing": [asdict(m) for m in missing],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
