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
output is the same on every machine:

* the example's folder prints as ``.``, its ``$HOME`` (a folder holding one file) as
  ``/home/me``;
* ``../shared`` beside the example's folder is the project's shared folder, as it is beside a
  development checkout (examples that read it need it);
* an example's exit status is checked: 0, or what a ``# exit N`` comment on the command says,
  or 2 when it prints one ``Error: ...`` line (docs/cli.md, "Exit codes"); anything else stops
  cog, so a broken example cannot be written into the docs;
* ``replace`` rewrites what a run cannot repeat (timings, an install path) with a fixed text,
  which the prose around the example then says.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import cog  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parent.parent
#: Files an example may ask for by name, copied into its folder before it runs.
EXAMPLE_FILES = ROOT / "tests" / "fixtures" / "docs"
#: Where ../shared is, for the examples that read the source page (skipped without it).
SHARED = ROOT.parent / "shared"
#: What a ``$HOME`` prints as.
HOME_SHOWN = "/home/me"

_EXIT_COMMENT = re.compile(r"#\s*exit (\d+)\b")


class ExampleFailed(RuntimeError):
    """An example exited with a status its block does not expect."""


def expected_status(command: str, output: str) -> int:
    """The exit status an example must end with (see the module docstring)."""
    said = _EXIT_COMMENT.search(command)
    if said:
        return int(said.group(1))
    lines = output.rstrip("\n").split("\n")
    return 2 if lines and lines[-1].startswith("Error: ") else 0


@contextmanager
def example_folder(files: Iterable[str] = ()) -> Iterator[Path]:
    """A fresh folder with ``files`` copied in, a $HOME beside it and ../shared linked."""
    with tempfile.TemporaryDirectory(prefix="ahtgraph-doc-") as name:
        top = Path(name)
        cwd = top / "example"
        cwd.mkdir()
        home = top / "home"
        home.mkdir()
        (home / ".profile").write_text("# a user's file\n", encoding="utf-8")
        if SHARED.is_dir():
            (top / "shared").symlink_to(SHARED.resolve())
        for file in files:
            source = SHARED.parent / file if file.startswith("shared/") else EXAMPLE_FILES / file
            shutil.copy(source, cwd / Path(file).name)
        yield cwd


def run(command: str, cwd: Path, env: Mapping[str, str | None] = ()) -> tuple[int, str]:
    """Run ``command`` with bash in ``cwd``; its exit status and its stdout and stderr.

    As in one terminal, a ``cd`` holds for the commands that follow in the same folder;
    ``env`` adds variables (``None`` removes one, say ``SOURCE_DATE_EPOCH``).
    """
    home = cwd.parent / "home"
    where = cwd.parent / ".cwd"
    if not where.exists():
        where.write_text(str(cwd), encoding="utf-8")
    script = (
        f'cd "$(cat {shlex.quote(str(where))})" || exit 99\n'
        f"{{ {command}\n}}\nstatus=$?\npwd > {shlex.quote(str(where))}\nexit $status\n"
    )
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "SOURCE_DATE_EPOCH": "1764288000",
        "PYTHONHASHSEED": "0",
    }
    for keep in ("VIRTUAL_ENV", "PYTHONPATH", "AHTGRAPH_RESOURCES"):
        if keep in os.environ:
            environ[keep] = os.environ[keep]
    for name, value in dict(env).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    shown = done.stdout.replace(str(home), HOME_SHOWN).replace(str(cwd), ".")
    return done.returncode, shown.replace(str(cwd.parent), "..")


def _elide(lines: list[str], head: int | None, tail: int | None) -> list[str]:
    if head is None or len(lines) <= head + (tail or 0) + 1:
        return lines
    return [*lines[:head], "...", *(lines[len(lines) - tail :] if tail else [])]


def _checked(command: str, cwd: Path, env: Mapping[str, str | None]) -> str:
    status, output = run(command, cwd, env)
    expected = expected_status(command, output)
    if status != expected:
        raise ExampleFailed(
            f"`{command}` exited {status}, the docs expect {expected}:\n{output[-2000:]}"
        )
    return output


def _rewrite(output: str, replace: Iterable[tuple[str, str]]) -> str:
    for pattern, text in replace:
        output = re.sub(pattern, text, output)
    return output


def console(
    *commands: str,
    files: Iterable[str] = (),
    setup: Iterable[str] = (),
    head: int | None = None,
    tail: int | None = None,
    env: Mapping[str, str | None] = (),
    replace: Iterable[tuple[str, str]] = (),
) -> None:
    """Emit a ```console block: each command (``$ ...``) followed by what it printed.

    ``files`` are copied from tests/fixtures/docs/ (or ../shared/... paths) into the example's
    folder; ``setup`` commands run there first and are not shown (their status is checked as
    the shown ones' is); ``head``/``tail`` keep that many lines of each command's output around
    a ``...`` line; ``env`` is added to every command's environment; ``replace`` holds
    (regular expression, text) pairs applied to the output.
    """
    with example_folder(files) as cwd:
        for command in setup:
            _checked(command, cwd, env)
        cog.outl("```console")
        for command in commands:
            cog.outl(f"$ {command}")
            output = _rewrite(_checked(command, cwd, env), replace).rstrip("\n")
            if output:
                for line in _elide(output.split("\n"), head, tail):
                    cog.outl(line.rstrip())
        cog.outl("```")


def output(
    command: str,
    fence: str,
    files: Iterable[str] = (),
    setup: Iterable[str] = (),
    head: int | None = None,
    tail: int | None = None,
    env: Mapping[str, str | None] = (),
) -> None:
    """Emit what ``command`` prints, alone, in a ```FENCE block (``json``, ``html``...)."""
    with example_folder(files) as cwd:
        for command_before in setup:
            _checked(command_before, cwd, env)
        printed = _checked(command, cwd, env).rstrip("\n")
        cog.outl(f"```{fence}")
        for line in _elide(printed.split("\n"), head, tail):
            cog.outl(line.rstrip())
        cog.outl("```")


#: Hidden set-up for docs/releases.md: ``draft/``, a copy of the data in use (data, shapes,
#: queries) with Payoke's homepage changed from https://www.payoke.be/en/ to
#: https://www.payoke.be/, as a curator's next release would change it.
DRAFT = [
    'root="$(python -c "from ahtgraph import resources; print(resources.resource_root())")"'
    ' && mkdir draft && cp -r "$root/data" "$root/shapes" "$root/queries" draft/',
    "grep -q 'foaf:homepage <https://www.payoke.be/en/>' draft/data/resources.ttl"
    " && sed -i 's|foaf:homepage <https://www.payoke.be/en/>|foaf:homepage <https://www.payoke.be/>|'"
    " draft/data/resources.ttl",
]
#: The same draft with an ill-typed date added to Payoke (tests/fixtures/docs/bad.nt).
BROKEN_DRAFT = [*DRAFT, "cp bad.nt draft/data/zz-bad.ttl"]
#: Releases are dated from the ontology's dcterms:modified, as a curator builds them.
UNDATED = {"SOURCE_DATE_EPOCH": None}


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
