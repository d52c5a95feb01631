"""Where things are: the URLs of pages, twins and static files, on the static site or the server.

Views say *what* a page points to (an entity's slug, an ontology term); templates ask a
``Links`` object *where* it is. That is the only difference between a page of ``ahtgraph site``
and the same page served by ``ahtgraph serve`` (a test renders both and compares them with the
links taken out).

* :class:`SiteLinks`: relative links between the files ``ahtgraph site`` writes
  (``index.html``, ``ontology.html``, ``id/{slug}.html`` and twins, ``static/*``), so the
  folder works from any address, or opened from disk;
* :class:`ServerLinks`: the server's routes (``/``, ``/id/{slug}``, ``/id/{slug}.ttl``,
  ``/ontology``, ``/static/*``, ``/sparql``), under ``--base-url``'s path when given, with
  ``?lang=`` kept on page links when the page is not in English.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import quote

from .i18n import DEFAULT_LANGUAGE, LANGUAGES


class Links(Protocol):
    """What templates call to write an ``href`` or ``src``."""

    def home(self) -> str: ...
    def entity(self, slug: str) -> str: ...
    def twin(self, slug: str, extension: str) -> str: ...
    def ontology(self, fragment: str = "") -> str: ...
    def static(self, name: str) -> str: ...
    def whole_graph(self) -> str | None: ...
    def query_page(self) -> str | None: ...
    def sparql(self) -> str | None: ...
    def language(self, lang: str) -> str | None: ...


def _fragment(fragment: str) -> str:
    return "#" + quote(fragment, safe="") if fragment else ""


class SiteLinks:
    """Links between the files of the static site, relative to a page ``depth`` folders down
    (0: ``index.html``, 1: ``id/{slug}.html``). The static site is in English only."""

    def __init__(self, depth: int = 0) -> None:
        self.depth = depth
        self.root = "../" * depth

    def home(self) -> str:
        return f"{self.root}index.html"

    def entity(self, slug: str) -> str:
        return f"{self.root}id/{quote(slug)}.html"

    def twin(self, slug: str, extension: str) -> str:
        # From an entity page, its twins are beside it.
        name = f"{quote(slug)}.{extension}"
        return name if self.depth == 1 else f"{self.root}id/{name}"

    def ontology(self, fragment: str = "") -> str:
        return f"{self.root}ontology.html{_fragment(fragment)}"

    def static(self, name: str) -> str:
        return f"{self.root}static/{name}"

    def whole_graph(self) -> str | None:
        return f"{self.root}ahtgraph.ttl"

    def query_page(self) -> str | None:
        return None  # no server behind a static site

    def sparql(self) -> str | None:
        return None

    def language(self, lang: str) -> str | None:
        return None  # one language: no switch


class ServerLinks:
    """The server's routes. ``base`` is the path the app is mounted at (``--base-url``'s path,
    without a final slash; "" at the root); ``lang`` is the page's language, kept on page
    links; ``dump`` is the path of the whole graph, None when the server offers none."""

    def __init__(
        self, base: str = "", lang: str = DEFAULT_LANGUAGE, dump: str | None = None
    ) -> None:
        self.base = base.rstrip("/")
        self.lang = lang
        self.dump = dump

    def _page(self, path: str, fragment: str = "") -> str:
        query = f"?lang={self.lang}" if self.lang != DEFAULT_LANGUAGE else ""
        return f"{self.base}{path}{query}{_fragment(fragment)}"

    def home(self) -> str:
        return self._page("/")

    def entity(self, slug: str) -> str:
        return self._page(f"/id/{quote(slug)}")

    def twin(self, slug: str, extension: str) -> str:
        path = f"/id/{quote(slug)}.{extension}"
        return self._page(path) if extension == "html" else f"{self.base}{path}"

    def ontology(self, fragment: str = "") -> str:
        return self._page("/ontology", fragment)

    def static(self, name: str) -> str:
        return f"{self.base}/static/{name}"

    def whole_graph(self) -> str | None:
        return None if self.dump is None else f"{self.base}{self.dump}"

    def query_page(self) -> str | None:
        return self._page("/sparql")

    def sparql(self) -> str | None:
        return f"{self.base}/sparql"

    def language(self, lang: str) -> str | None:
        """The current page in ``lang``: a query-only link, so it keeps the path."""
        return f"?lang={lang}" if lang in LANGUAGES else None
