"""Where the shipped graph, shapes and named queries are on disk.

An installed wheel carries them under ``ahtgraph/_resources``; a source checkout (or an editable
install) keeps them at the top of the repository. Looking in both places lets the same code run
from either, and from any working directory.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

#: Point this at a folder with ``data/``, ``shapes/`` and ``queries/`` to work on another copy of
#: the graph (a fixture, a working draft) without reinstalling; read once per process.
RESOURCES_ENV = "AHTGRAPH_RESOURCES"


@cache
def resource_root() -> Path:
    """The folder holding ``data/``, ``shapes/`` and ``queries/``."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        root = Path(override).expanduser().resolve()
        if not (root / "data").is_dir():
            raise FileNotFoundError(f"{RESOURCES_ENV}={override} has no data/ folder")
        return root
    bundled = _PACKAGE_DIR / "_resources"
    if (bundled / "data").is_dir():
        return bundled
    checkout = _PACKAGE_DIR.parent.parent
    if (checkout / "data").is_dir():
        return checkout
    raise FileNotFoundError("ahtgraph's data folder is missing: reinstall the package")


def data_dir() -> Path:
    """The curated Turtle files of the graph (ontology, concepts, resources)."""
    return resource_root() / "data"


def shapes_dir() -> Path:
    """The SHACL shapes, one file per concern."""
    return resource_root() / "shapes"


def queries_dir() -> Path:
    """The named SPARQL queries (``*.rq``)."""
    return resource_root() / "queries"


def graph_files() -> list[Path]:
    """The Turtle files that make up the shipped graph, in a stable order."""
    return sorted(data_dir().glob("*.ttl"))


def shape_files() -> list[Path]:
    """The SHACL shape files, in a stable order."""
    return sorted(shapes_dir().glob("*.ttl"))
