"""Reading a WordPress page (its REST API JSON) into the links and names a curator must cover.

A page names organisations in headings and in bold or italic text; its links are the ``href``
of its anchors. Only emphasised text that looks like a proper name (every significant word
capitalised, as in "Council of Europe" or "United Nations Office on Drugs and Crime (UNODC)")
counts as a name, so "Monthly newsletters" or "Press releases" are not taken for organisations.
The standard library's HTML parser is enough for this; no extra dependency.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .errors import AhtgraphError

#: Words that stay lower-case inside a proper name (English and French).
SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
    "against", "with", "à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le",
    "les", "pour", "sur",
}  # fmt: skip
#: Punctuation around words, straight and curly (U+2018/2019/201C/201D).
_PUNCTUATION = "().,:;'\"\u2018\u2019\u201c\u201d"
_OPENING = "(\"'\u2018\u201c"
#: Tags whose text may name an organisation (h1/h2 are the page's own section titles).
NAME_TAGS = {"h3", "h4", "strong", "b", "em"}


@dataclass(frozen=True)
class Link:
    """One anchor of the page: where it points and the text a reader sees."""

    url: str
    text: str


@dataclass
class PageContent:
    """The links and candidate names of a page, in the order they appear, without repeats."""

    title: str
    url: str
    links: list[Link] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def looks_like_name(text: str) -> bool:
    """Whether emphasised text reads as a proper name rather than a phrase."""
    words = [w for w in re.split(r"[\s\u2013\u2014-]+", text) if w]
    significant = [w for w in words if w.strip(_PUNCTUATION).casefold() not in SMALL_WORDS]
    if not significant:
        return False
    for word in significant:
        first = word.lstrip(_OPENING)[:1]
        if not first or not (first.isupper() or first.isdigit()):
            return False
    return True


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.names: list[str] = []
        self._anchor: tuple[str, list[str]] | None = None
        self._stack: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self._anchor = (href, [])
        if tag in NAME_TAGS:
            self._stack.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._anchor is not None:
            href, parts = self._anchor
            if href.startswith(("http://", "https://")):
                self.links.append(Link(href.strip(), _clean("".join(parts))))
            self._anchor = None
        if tag in NAME_TAGS and self._stack and self._stack[-1][0] == tag:
            _, parts = self._stack.pop()
            text = _clean("".join(parts))
            if text:
                self.names.append(text)

    def handle_data(self, data: str) -> None:
        if self._anchor is not None:
            self._anchor[1].append(data)
        for _, parts in self._stack:
            parts.append(data)


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())


def read(path: Path) -> PageContent:
    """The links and names of the WordPress page JSON at ``path``; AhtgraphError if unreadable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AhtgraphError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        # From bytes, json detects UTF-8, UTF-16 and UTF-32 (RFC 8259 allows each).
        page = json.loads(raw)
    except UnicodeDecodeError:
        raise AhtgraphError(f"{path} is not JSON: not UTF-8, UTF-16 or UTF-32 text") from None
    except json.JSONDecodeError as exc:
        raise AhtgraphError(
            f"{path} is not JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    content = page.get("content") if isinstance(page, dict) else None
    rendered = content.get("rendered") if isinstance(content, dict) else None
    if not isinstance(rendered, str):
        raise AhtgraphError(f"{path} is not a WordPress page JSON: it has no content.rendered HTML")
    title = page.get("title")
    title_text = title.get("rendered", "") if isinstance(title, dict) else str(title or "")
    extractor = _Extractor()
    extractor.feed(rendered)
    extractor.close()
    found = PageContent(_clean(title_text), str(page.get("link", "")))
    for link in extractor.links:
        if link.url not in {known.url for known in found.links}:
            found.links.append(link)
    for name in extractor.names:
        if looks_like_name(name) and name not in found.names:
            found.names.append(name)
    return found
