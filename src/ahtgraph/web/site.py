"""``ahtgraph site``: the pages of ``ahtgraph serve``, written once as a static folder.

``render(graph)`` returns every file as ``{relative path: text}``; ``build`` writes them into a
folder in place through ``output.build_folder`` (each file atomically, the marker
``.ahtgraph-build`` last; ``--force`` replaces only a folder ahtgraph built). The layout:

* ``index.html``: the home page (network picture, its relations as a list, the grouped
  entities, a search box that works without a server: ``static/search.js``);
* ``id/{slug}.html``: one page per entity, with its schema.org JSON-LD embedded, and beside it
  every twin the page links to: ``.ttl``, ``.nt``, ``.rdf``, ``.jsonld`` (the entity's
  triples, the same graph in each format; the JSON-LD carries its context inline) and
  ``.schema.jsonld`` (the schema.org snippet the page embeds);
* ``ontology.html``: the classes and properties, with a schema.org ``DefinedTermSet``;
* ``ahtgraph.ttl``: the whole graph; ``static/``: the style sheet and scripts, as shipped.

The static site is in English (``views`` and the templates take any of en, fr, nl; the server
offers all three by ``?lang=``). Everything is sorted and nothing depends on the clock, so two
builds are byte-identical.
"""

from __future__ import annotations

from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING

from .. import output
from .links import SiteLinks
from .render import render as render_page
from .views import RDF_TWINS, ViewModel, entity_view, home_view, ontology_view, twin_text

if TYPE_CHECKING:
    from rdflib import Graph

#: The language of the static site.
SITE_LANGUAGE = "en"


def static_files() -> dict[str, str]:
    """The shipped ``static/`` files (CSS, JavaScript): name → text."""
    folder = package_files("ahtgraph.web") / "static"
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.is_file() and not entry.name.startswith(".")
    }


def render(graph: Graph) -> dict[str, str]:
    """Every file of the site: relative path (with ``/``) → text."""
    from .. import serialize

    model = ViewModel(graph)
    lang = SITE_LANGUAGE
    files: dict[str, str] = {
        "index.html": render_page(None, home_view(model, lang), links=SiteLinks(0)),
        "ontology.html": render_page(None, ontology_view(model, lang), links=SiteLinks(0)),
        "ahtgraph.ttl": serialize.dumps(graph, "turtle"),
    }
    files.update({f"static/{name}": text for name, text in static_files().items()})
    for entity in model.entities(lang).values():
        view = entity_view(model, entity.slug, lang)
        assert view is not None
        files[f"id/{entity.slug}.html"] = render_page(None, view, links=SiteLinks(1))
        for twin in view.twins:
            if twin.extension in RDF_TWINS or twin.extension == "schema.jsonld":
                text = twin_text(model, entity.slug, twin.extension)
                assert text is not None
                files[f"id/{entity.slug}.{twin.extension}"] = text
    return dict(sorted(files.items()))


def check_target(out: Path, force: bool) -> None:
    """Refuse a folder that is not empty unless it is an ahtgraph build and ``force`` is given
    (see ``output.check_folder``)."""
    output.check_folder(out, force)


def write(files: dict[str, str], out: Path, force: bool = False) -> None:
    """Write ``files`` into the folder ``out``, each atomically, the marker last. In a new or
    empty folder a failure leaves nothing; over an earlier build it leaves an interrupted one,
    which ``--force`` replaces."""
    with output.build_folder(out, force=force, command="site") as folder:
        for relative, text in files.items():
            folder.write(relative, text)


def build(graph: Graph, out: Path, force: bool = False) -> list[str]:
    """Render the site of ``graph`` and write it to ``out``; the relative paths written."""
    check_target(out, force)
    files = render(graph)
    write(files, out, force)
    return list(files)
