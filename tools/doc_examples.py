"""Console examples for README.md and docs/, produced by real runs so they cannot drift.

The Markdown files hold cog blocks (https://cog.readthedocs.io) such as::

    <!-- [[[cog console("ahtgraph query funded-centres") ]]] -->
    ```console
    $ ahtgraph query funded-centres
    ...
    ```
    <!-- [[[end]]] -->

``cog -r -I tools -p "from doc_examples import *" README.md docs/*.md`` rewrites every block
from a run of its commands; ``.ci/run`` runs the same with ``--check``, so a changed output
fails CI until the docs are regenerated. Each block runs in a fresh temporary folder (with the
files it asks for copied in), from the installed ``ahtgraph``, with a fixed environment, so the
output is the same on every machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

import cog  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parent.parent
#: Files an example may ask for by name, copied into its folder before it runs.
EXAMPLE_FILES = ROOT / "tests" / "fixtures" / "docs"
#: Where ../shared is, for the examples that read the source page (skipped without it).
SHARED = ROOT.parent / "shared"


def _run(command: str, cwd: Path) -> str:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "SOURCE_DATE_EPOCH": "1764288000",
        "PYTHONHASHSEED": "0",
    }
    for keep in ("VIRTUAL_ENV", "PYTHONPATH", "AHTGRAPH_RESOURCES"):
        if keep in os.environ:
            env[keep] = os.environ[keep]
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    return done.stdout.replace(str(cwd), ".")


def _elide(lines: list[str], head: int | None, tail: int | None) -> list[str]:
    if head is None or len(lines) <= head + (tail or 0) + 1:
        return lines
    return [*lines[:head], "...", *(lines[len(lines) - tail :] if tail else [])]


def console(
    *commands: str,
    files: Iterable[str] = (),
    setup: Iterable[str] = (),
    head: int | None = None,
    tail: int | None = None,
) -> None:
    """Emit a ```console block: each command (``$ ...``) followed by what it printed.

    ``files`` are copied from tests/fixtures/docs/ (or ../shared/... paths) into the example's
    folder; ``setup`` commands run there first and are not shown; ``head``/``tail`` keep that
    many lines of each command's output around a ``...`` line.
    """
    with tempfile.TemporaryDirectory(prefix="ahtgraph-doc-") as name:
        cwd = Path(name)
        for file in files:
            source = SHARED.parent / file if file.startswith("shared/") else EXAMPLE_FILES / file
            shutil.copy(source, cwd / Path(file).name)
        for command in setup:
            _run(command, cwd)
        cog.outl("```console")
        for command in commands:
            cog.outl(f"$ {command}")
            output = _run(command, cwd).rstrip("\n")
            if output:
                for line in _elide(output.split("\n"), head, tail):
                    cog.outl(line.rstrip())
        cog.outl("```")


#: The rows of README.md's table of entities: (label, class IRI, note).
COUNTED = [
    ("aht:Organisation", "https://w3id.org/ahtgraph/ontology#Organisation", ""),
    ("aht:Office", "https://w3id.org/ahtgraph/ontology#Office", "(a post in an organisation)"),
    ("aht:Mandate", "https://w3id.org/ahtgraph/ontology#Mandate", ""),
    ("aht:Publication", "https://w3id.org/ahtgraph/ontology#Publication", ""),
    ("aht:PublicationSeries", "https://w3id.org/ahtgraph/ontology#PublicationSeries", ""),
    ("aht:LegalInstrument", "https://w3id.org/ahtgraph/ontology#LegalInstrument", ""),
    (
        "aht:Ratification",
        "https://w3id.org/ahtgraph/ontology#Ratification",
        "(a state bound by a treaty, with its dates)",
    ),
    ("of which aht:Accession", "https://w3id.org/ahtgraph/ontology#Accession", ""),
    ("aht:Campaign", "https://w3id.org/ahtgraph/ontology#Campaign", ""),
    ("aht:Observance", "https://w3id.org/ahtgraph/ontology#Observance", ""),
    ("aht:Place", "https://w3id.org/ahtgraph/ontology#Place", ""),
    ("of which aht:Country", "https://w3id.org/ahtgraph/ontology#Country", ""),
    ("skos:Concept", "http://www.w3.org/2004/02/skos/core#Concept", ""),
    (
        "rdf:Statement",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
        "(provenance of a relation)",
    ),
    (
        "foaf:Document",
        "http://xmlns.com/foaf/0.1/Document",
        "(a cited page, with the date it was read)",
    ),
]

COUNT_QUERY = """SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type"""


def entity_counts() -> None:
    """README's table of entities per class, counted by the query it shows under the table."""
    import ahtgraph

    counts = {str(row["type"]): int(row["n"]) for row in ahtgraph.query(COUNT_QUERY)}
    cog.outl("| type | entities |")
    cog.outl("| ---- | -------: |")
    for label, iri, note in COUNTED:
        name = label.replace("of which ", "")
        shown = f"of which `{name}`" if label.startswith("of which") else f"`{name}`"
        cog.outl(f"| {shown}{' ' + note if note else ''} | {counts.get(iri, 0):,} |")
