"""The words of the pages in English, French and Dutch: one catalogue per language.

``messages/<lang>.json`` maps a key (``nav.ontology``) to the text shown; ``{name}`` fields are
filled by ``Messages.__call__``. The three files have the same keys (a test checks it), so a
page in French or Dutch needs no other change. Only the interface is translated here: names and
descriptions of entities come from the graph, in the page's language where it has one.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

#: The languages pages are offered in; the first is the default.
LANGUAGES: tuple[str, ...] = ("en", "fr", "nl")
DEFAULT_LANGUAGE = LANGUAGES[0]


def check_language(lang: str) -> str:
    """``lang`` if pages are offered in it; ValueError otherwise (the server answers 400)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown page language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The shipped catalogue of ``lang``: key → text."""
    check_language(lang)
    text = (files("ahtgraph.web") / "messages" / f"{lang}.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


class Messages:
    """The interface texts of one language, called as ``t("key", name=value)`` in templates."""

    def __init__(self, lang: str) -> None:
        self.lang = check_language(lang)
        self._texts = catalogue(lang)

    def __call__(self, key: str, **fields: Any) -> str:
        text = self._texts[key]
        return text.format(**fields) if fields else text

    def get(self, key: str) -> str | None:
        """The text of ``key``, or None when the catalogue has none (e.g. a term's name)."""
        return self._texts.get(key)
