"""Every example of ``ahtgraph <command> --help`` runs (issue 11, part E).

The examples are read from the help texts themselves (the ``Examples:`` section of
``ahtgraph --help`` and of every command's ``--help``), so an example that names a query, a
class or an option that does not exist fails here. Each runs in-process (click's CliRunner, on
the shipped graph) in a fresh folder holding the files it names (tests/fixtures/docs/, or
../shared when it is there), and must exit 0 without a traceback; the few that need a server
(``--endpoint``, ``python -m http.server``) or a file only ../shared has are skipped, and the
run's last lines say so (conftest.py).

The console examples of README.md and docs/*.md are not run here: they are cog blocks written
by real runs (tools/doc_examples.py), which ``.ci/run`` checks with ``cog --check``.
"""

from __future__ import annotations

import gzip
import importlib.util
import itertools
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from ahtgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILES = Path(__file__).parent / "fixtures" / "docs"
SHARED = ROOT.parent / "shared"
#: Files an example names that only ../shared holds (the source page, schema.org's release).
SHARED_FILES = {
    "samilia-other-resources.wp.json": SHARED / "sources" / "samilia-other-resources.wp.json",
    "schemaorg-current-https.ttl": SHARED / "schemaorg" / "schemaorg-current-https.ttl",
    "schemaorgcontext.jsonld": SHARED / "schemaorg" / "schemaorgcontext.jsonld",
}
#: Examples whose outcome is a finding (exit 1), not success: the shipped graph has WARN
#: findings, and a file validated alone (--only-data) names shipped concepts it lacks.
FINDINGS = {
    "ahtgraph check --fail-on WARN --format tsv > report.tsv",
    "ahtgraph validate --only-data --data my-additions.ttl",
}
#: A small N-Triples graph for the examples that compare or follow earlier releases.
EARLIER = (
    "<https://w3id.org/ahtgraph/id/payoke> <http://www.w3.org/2000/01/rdf-schema#label>"
    ' "Payoke"@en .\n'
)


def _help(*command: str) -> str:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def _section(text: str, title: str) -> list[str]:
    """The indented lines under ``title`` (``Examples:``, ``Commands:``) up to a blank line."""
    lines = text.splitlines()
    if title not in [line.strip() for line in lines]:
        return []
    start = [line.strip() for line in lines].index(title) + 1
    section = []
    for line in lines[start:]:
        if not line.strip():
            break
        section.append(line.strip())
    return section


def _examples(text: str) -> list[str]:
    """The examples of one help text, a line ending in ``\\`` joined with the next."""
    joined: list[str] = []
    pending = ""
    for line in _section(text, "Examples:"):
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
        else:
            joined.append(pending + line)
            pending = ""
    return joined


def _commands() -> list[tuple[str, ...]]:
    """Every command path: the group itself, its commands, and their subcommands."""
    found: list[tuple[str, ...]] = [()]
    for line in _section(_help(), "Commands:"):
        name = line.split()[0]
        found.append((name,))
        found.extend((name, sub.split()[0]) for sub in _section(_help(name), "Commands:"))
    return found


#: What makes an example a slow one (a whole release, site, pyshacl or schema.org check).
SLOW = ("ahtgraph release", "ahtgraph site", "--engine pyshacl", "--check-vocabulary")

EXAMPLES = [
    pytest.param(
        example,
        id=f"{' '.join(command) or 'ahtgraph'}: {example}",
        marks=[pytest.mark.slow] if any(slow in example for slow in SLOW) else [],
    )
    for command in _commands()
    for example in _examples(_help(*command))
]


def test_every_command_has_examples() -> None:
    """Each command's help has examples (groups such as ``sources`` aside)."""
    without = [
        " ".join(command)
        for command in _commands()
        if command and not _examples(_help(*command)) and not _section(_help(*command), "Commands:")
    ]
    assert without == [] or set(without) <= {"serve"}, without


def _prepare(words: list[str], folder: Path) -> None:
    """Copy or make the files an example names into ``folder``; skip if one cannot be had."""
    for word in words:
        name = word.split("=", 1)[-1]
        if (EXAMPLE_FILES / name).is_file():
            shutil.copy(EXAMPLE_FILES / name, folder / name)
        elif name in SHARED_FILES:
            if not SHARED_FILES[name].is_file():
                pytest.skip(f"{name} is in ../shared, which is absent")
            shutil.copy(SHARED_FILES[name], folder / name)
        elif name == "old.ttl":
            (folder / name).write_text(EARLIER, encoding="utf-8")
        elif name.endswith(".nt.gz"):
            (folder / name).write_bytes(gzip.compress(EARLIER.encode()))
    # An earlier release an example follows (--previous) or compares (diff): its N-Triples.
    earlier = [value for option, value in itertools.pairwise(words) if option == "--previous"]
    if words[0] == "diff":
        earlier += [word for word in words[1:] if word.startswith("dist/")]
    for value in earlier:
        target = folder / value
        target.mkdir(parents=True, exist_ok=True)
        (target / f"ahtgraph-{target.name}.nt").write_text(EARLIER, encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES)
def test_help_example_runs(example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = shlex.split(example, comments=True)
    env: dict[str, str] = {}
    while words and "=" in words[0] and not words[0].startswith("-"):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    if words[0] != "ahtgraph":
        pytest.skip(f"not an ahtgraph command: {words[0]} (a server)")
    words.pop(0)
    if "--endpoint" in words:
        pytest.skip("needs a SPARQL server (tests/test_remote.py runs one)")
    redirect = None
    if ">" in words:
        at = words.index(">")
        redirect = tmp_path / words[at + 1]
        del words[at : at + 2]
    _prepare(words, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, words, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    expected = 1 if example in FINDINGS else 0
    assert result.exit_code == expected, f"{example}\n{result.output}"
    if redirect is not None:
        redirect.write_text(result.stdout, encoding="utf-8")
        assert redirect.stat().st_size > 0


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_scripts_of_docs_cli_md_are_printed(shell: str) -> None:
    """docs/cli.md's completion lines eval what ``_AHTGRAPH_COMPLETE=<shell>_source`` prints."""
    done = subprocess.run(
        [sys.executable, "-m", "ahtgraph"],
        env={**os.environ, "_AHTGRAPH_COMPLETE": f"{shell}_source"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "_AHTGRAPH_COMPLETE" in done.stdout


def _doc_examples(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """tools/doc_examples.py, the helper cog runs for the docs' console examples (``cog``
    itself exists only inside a cog run: a stand-in here)."""
    monkeypatch.setitem(sys.modules, "cog", ModuleType("cog"))
    spec = importlib.util.spec_from_file_location(
        "doc_examples", ROOT / "tools" / "doc_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_docs_example_must_end_as_the_docs_say(monkeypatch: pytest.MonkeyPatch) -> None:
    """0, what ``# exit N`` says, or 2 for an ``Error:`` line; anything else stops cog."""
    helper = _doc_examples(monkeypatch)
    assert helper.expected_status("ahtgraph validate", "Conforms\n") == 0
    assert helper.expected_status("ahtgraph validate --data x.nt   # exit 1", "Does not\n") == 1
    assert helper.expected_status("ahtgraph query nope", "Error: unknown named query\n") == 2
    with helper.example_folder() as folder:
        assert helper.run("cd sub 2>/dev/null || mkdir sub && cd sub && pwd", folder) == (
            0,
            "./sub\n",
        )
        assert helper.run("pwd", folder) == (0, "./sub\n")  # a cd holds, as in a terminal
        assert helper.run("echo $HOME; exit 3", folder) == (3, "/home/me\n")
        with pytest.raises(helper.ExampleFailed, match="exited 3, the docs expect 0"):
            helper._checked("exit 3", folder, {})
