"""The pages of ahtgraph, one set for ``ahtgraph site`` (static files) and ``ahtgraph serve``.

* :mod:`.views`: the view model (dataclasses built from the graph): ``ViewModel(graph)`` once,
  then ``home_view``, ``entity_view``, ``ontology_view``, ``query_page_view``, ``twin_text``;
* :mod:`.render`: ``render(template, view, links=...)`` → HTML (Jinja2, autoescaped);
* :mod:`.links`: where pages are: ``SiteLinks(depth)`` (static) or ``ServerLinks(base, lang)``;
* :mod:`.i18n`: the interface texts, one catalogue per language (en, fr, nl);
* :mod:`.network`: the network picture's data and layout;
* :mod:`.site`: writing the static site;
* ``templates/`` and ``static/`` (CSS, JavaScript): shipped in the wheel; the server mounts
  ``static/`` at ``/static/`` (``static_dir()``).

Importing this package loads no rdflib (the server serves static files with it); views and
network import rdflib at their top, and site through them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def static_dir() -> Path:
    """The folder of the shipped static files (an installed package is a plain folder)."""
    return Path(str(files("ahtgraph.web") / "static"))
