"""Start-up cost: help must not import rdflib (or pyshacl), and `--help` works everywhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahtgraph import resources
from ahtgraph.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "cli"

HEAVY = ("rdflib", "pyshacl", "pyld", "pyparsing", "pyoxigraph")

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
