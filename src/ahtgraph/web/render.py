"""Pages from templates: one Jinja2 environment, autoescaped, for the site and the server.

``render(template, view, links=...)`` → the page as text. Every value a template prints is
escaped by Jinja2 (autoescape is on for every template, ``.svg`` included); the only text
inserted unescaped is JSON-LD, through the ``json_ld`` filter, whose escaping is
``views.json_ld_text`` (``<``, ``>``, ``&`` as ``\\u`` escapes). No template writes JavaScript:
scripts are files in ``static/``, and the data they need is in ``data-`` attributes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .i18n import Messages
from .links import Links, SiteLinks
from .views import LICENCE_URL, SOURCE_PAGE, json_ld_text

#: The templates of the pages, by the view they render.
TEMPLATES = {
    "HomeView": "home.html",
    "EntityView": "entity.html",
    "OntologyView": "ontology.html",
    "QueryPageView": "query.html",
}


def _json_ld(document: dict[str, Any]) -> Markup:
    return Markup(json_ld_text(document))


@cache
def environment() -> Environment:
    """The shared Jinja2 environment (templates from the package, so they work from a wheel)."""
    env = Environment(
        loader=PackageLoader("ahtgraph.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json_ld"] = _json_ld
    env.globals.update(licence_url=LICENCE_URL, source_page=SOURCE_PAGE)
    return env


def render(template: str | None, view: Any, *, links: Links | None = None) -> str:
    """``view`` through ``template`` (None: the template of the view's class) as HTML text.

    ``links`` says where pages are (``SiteLinks(depth)`` for the static site,
    ``ServerLinks(base, lang)`` for the server); the interface texts come from the catalogue of
    ``view.lang``.
    """
    name = template or TEMPLATES[type(view).__name__]
    return (
        environment()
        .get_template(name)
        .render(view=view, links=links or SiteLinks(), t=Messages(view.lang))
    )
