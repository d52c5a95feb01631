"""Start-up cost: help must not import rdflib (or pyshacl), `--help` works everywhere, and a
query loads only the command it runs (the group imports command modules lazily)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ahtgraph import resources
from ahtgraph.cli import COMMANDS, cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"

HEAVY = ("rdflib", "pyshacl", "pyld", "pyparsing", "pyoxigraph", "jinja2")

PROBE = """
import sys
from ahtgraph.cli import main
try:
    main({args!r})
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r})
print('HEAVY:' + ','.join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["query", "--help"],
        ["validate", "--help"],
        ["export", "--help"],
        ["describe", "--help"],
        ["query", "--list"],
        ["site", "--help"],
        ["release", "--help"],
        ["load", "--help"],
        ["jsonld", "--help"],
    ],
)
def test_help_and_list_do_not_import_rdflib(args: list[str]) -> None:
    code = PROBE.format(args=args, heavy=HEAVY)
    env = {**os.environ, resources.RESOURCES_ENV: str(FIXTURE)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stderr.strip().splitlines()[-1] == "HEAVY:"
    assert done.stdout


def test_a_conforming_validate_imports_no_rdflib() -> None:
    # The whole command, report printing included: rdflib's import alone is about 0.1 s, more
    # than the Oxigraph validation of the shipped graph.
    code = PROBE.format(args=["validate"], heavy=("rdflib", "pyshacl", "pyld"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "HEAVY:"
    assert done.stdout.startswith("Conforms")


def test_import_ahtgraph_is_light() -> None:
    code = "import sys, ahtgraph; print(sorted(m for m in sys.modules if m.startswith('rdflib')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("command", ["query", "validate", "export", "describe"])
def test_every_command_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"ahtgraph {command}" in result.stdout


LOADED = """
import sys
from ahtgraph.cli import main
try:
    main({args!r})
except SystemExit as exc:
    code = exc.code
print('MODULES:' + ','.join(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(args: list[str]) -> tuple[str, set[str]]:
    """Run the CLI with ``args`` in a fresh interpreter: its stdout and every module loaded."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED.format(args=args)], capture_output=True, text=True, check=True
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("MODULES:"), done.stderr
    return done.stdout, set(last.removeprefix("MODULES:").split(","))


def test_a_named_query_loads_its_command_alone_and_no_rdflib() -> None:
    # The shipped graph, as users run it. Before the lazy group every command module (and the
    # server's) was imported at start-up, and with them json, tempfile, hashlib, pickle.
    stdout, modules = _modules_after(["query", "funded-centres", "--format", "tsv"])
    assert "<https://w3id.org/ahtgraph/id/payoke>" in stdout
    heavy = {"rdflib", "pyshacl", "pyld", "pyparsing", "jinja2"}
    assert sorted(m for m in modules if m.split(".")[0] in heavy) == []
    commands = sorted(m for m in modules if m.startswith(("ahtgraph.cli.", "ahtgraph.serve")))
    assert commands == ["ahtgraph.cli.exit_codes", "ahtgraph.cli.options", "ahtgraph.cli.query"]
    # What the query path does not use (only -o, --store-dir, --timeout, json output, an
    # unknown name or a parse error need them) stays unimported.
    unused = {"json", "tempfile", "hashlib", "pickle", "difflib", "xml.sax", "shutil"}
    assert sorted(unused & modules) == []


def test_help_imports_no_command_module() -> None:
    stdout, modules = _modules_after(["--help"])
    assert "query     Run one SPARQL query" in stdout
    assert sorted(m for m in modules if m.startswith(("ahtgraph.cli.", "ahtgraph.serve"))) == [
        "ahtgraph.cli.exit_codes"
    ]


def test_every_command_resolves_and_help_lists_its_own_short_help() -> None:
    ctx = click.Context(cli, info_name="ahtgraph")
    real = {name: cli.get_command(ctx, name) for name in COMMANDS}
    for name, command in real.items():
        assert isinstance(command, click.Command) and command.name == name
        for limit in (20, 45, 80, 1000):
            kept = click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit)
            assert kept == command.get_short_help_str(limit), name
    # The listing click itself gives for a group holding the imported commands, at any width.
    eager = click.Group("ahtgraph", commands=real)
    for width in (60, 80, 120):
        expected, lazy = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
        click.Group.format_commands(eager, ctx, expected)
        cli.format_commands(ctx, lazy)
        assert lazy.getvalue() == expected.getvalue()
        assert lazy.getvalue().count("\n") == len(COMMANDS) + 1


def test_an_unknown_command_is_one_error_with_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["quer"])
    assert result.exit_code == 2
    assert "No such command 'quer'." in result.stderr
    if hasattr(click.exceptions, "NoSuchCommand"):  # click >= 8.4 suggests close names
        assert "Did you mean 'query'?" in result.stderr
    assert CliRunner().invoke(cli, ["nosuch"]).stderr.endswith("No such command 'nosuch'.\n")


#: Modules that import a heavy package inside a function, and why (issue 11, part G: imports at
#: module top except where start-up needs them late). Every other module imports them at its top.
LAZY = {
    "cli/store.py": "the CLI boundary: command modules load for --help",
    "params.py": "`query` imports it at start-up (cli.options)",
    "serialize.py": "GRAPH_FORMATS is read at start-up (cli.export, results)",
    "loading.py": "`query` imports it at start-up (cli.options)",
    "queries/inspect.py": "on the query path, which imports no rdflib",
    "graph/prebuilt.py": "on the query path; only building the file parses",
    "completion.py": "Tab completion of query names",
    "version.py": "--version",
    "validation.py": "a conforming run on Oxigraph imports neither rdflib nor pyshacl",
    "validation_report.py": "`validate` prints a conforming report without rdflib",
    "terms.py": "`validate` prints a conforming report through it, without rdflib",
    "serve/jobs.py": "a worker that serves no pages never loads rdflib",
}
HEAVY_TOP = {"rdflib", "pyshacl", "pyld", "pyparsing", "pyoxigraph", "jinja2"}


def _late_heavy_imports(path: Path) -> list[int]:
    """Lines of ``path`` importing a heavy package below module level (TYPE_CHECKING aside)."""
    found: list[int] = []

    def visit(node: ast.AST, depth: int) -> None:
        for child in ast.iter_child_nodes(node):
            if (
                depth == 0
                and isinstance(child, ast.If)
                and "TYPE_CHECKING" in ast.unparse(child.test)
            ):
                continue
            if depth > 0 and isinstance(child, ast.Import | ast.ImportFrom):
                if isinstance(child, ast.ImportFrom):
                    names = [child.module or ""] if not child.level else []
                else:
                    names = [alias.name for alias in child.names]
                if any(name.split(".")[0] in HEAVY_TOP for name in names):
                    found.append(child.lineno)
            visit(child, depth + 1)

    visit(ast.parse(path.read_text(encoding="utf-8")), 0)
    return found


def test_heavy_packages_are_imported_at_module_top_off_the_start_up_path() -> None:
    package = Path(__file__).parents[1] / "src" / "ahtgraph"
    late = {
        path.relative_to(package).as_posix(): lines
        for path in sorted(package.rglob("*.py"))
        if (lines := _late_heavy_imports(path))
    }
    assert sorted(set(late) - set(LAZY)) == [], "import these at the module's top"
    assert sorted(set(LAZY) - set(late)) == [], "no longer lazy: drop from LAZY"
    # Each late import says why (a comment on the line above, or the block's first import's).
    for name, lines in late.items():
        text = (package / name).read_text(encoding="utf-8").splitlines()
        for line in lines:
            above = [t.strip() for t in text[: line - 1]]
            while above and above[-1].startswith(("import ", "from ")):
                above.pop()
            assert above and above[-1].startswith("#"), f"{name}:{line} needs a reason"
