"""What users of arq, riot and Datasette expect of a command line (issue 11 D): --version,
table widths, progress on stderr, shell completion."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ahtgraph import progress, resources, table
from ahtgraph.cli import cli
from ahtgraph.cli.options import complete_query_name, table_width, table_width_options

ROOT = Path(__file__).parent.parent


def _resources_with_ontology(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, turtle: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ontology.ttl").write_text(turtle, encoding="utf-8")
    monkeypatch.setenv(resources.RESOURCES_ENV, str(tmp_path))
    resources.resource_root.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_resources() -> object:
    yield
    resources.resource_root.cache_clear()


def test_version_names_the_package_and_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _resources_with_ontology(
        tmp_path,
        monkeypatch,
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/ahtgraph/ontology> a owl:Ontology ;\n"
        '  owl:versionInfo "9.8.7" ;\n'
        "  owl:versionIRI <https://w3id.org/ahtgraph/ontology/9.8.7> .\n",
    )
    package = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == (
        f"ahtgraph {package}\n"
        f"data 9.8.7 <https://w3id.org/ahtgraph/ontology/9.8.7> from {tmp_path / 'data'}\n"
    )
    assert result.stderr == ""


def test_version_without_a_data_version_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _resources_with_ontology(tmp_path, monkeypatch, "")
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        f"data unknown (the ontology has no owl:versionInfo) from {tmp_path / 'data'}"
    )


# ------------------------------------------------------------------ table widths (--width)

LONG = "x" * 100


def test_table_cuts_long_cells_at_80_by_default() -> None:
    text = table.render(["a"], [[LONG]])
    assert text.splitlines()[2] == "x" * 79 + "…"


def test_table_width_n_cuts_at_n_and_none_keeps_every_cell_whole() -> None:
    assert table.render(["a"], [["abcdefghij"]], max_width=5).splitlines()[2] == "abcd…"
    assert table.render(["a"], [[LONG]], max_width=None).splitlines()[2] == LONG


@click.command()
@table_width_options
def _show_width(width: int | None, no_truncate: bool) -> None:
    click.echo(repr(table_width(width, no_truncate)))


@pytest.mark.parametrize(
    ("args", "expected"),
    [([], "80"), (["--width", "12"], "12"), (["--no-truncate"], "None")],
)
def test_width_options_give_the_max_width(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(_show_width, args)
    assert (result.exit_code, result.stdout) == (0, expected + "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--width", "1"], "Invalid value for '--width': 1 is not in the range x>=2."),
        (["--width", "9", "--no-truncate"], "give either --width N or --no-truncate, not both"),
    ],
)
def test_width_options_refuse_nonsense(args: list[str], message: str) -> None:
    result = CliRunner().invoke(_show_width, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


# ------------------------------------------------------------------------ shell completion


def complete(words: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What bash completion offers after ``words`` (click's protocol, as the shell runs it)."""
    monkeypatch.setenv(resources.RESOURCES_ENV, str(ROOT / "tests" / "fixtures" / "cli"))
    resources.resource_root.cache_clear()
    env = {
        "_AHTGRAPH_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="ahtgraph")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_describe_completes_entity_slugs(monkeypatch: pytest.MonkeyPatch) -> None:
    assert complete("ahtgraph describe pa", monkeypatch) == [
        "plain,pag-asa",
        "plain,payoke",
        "plain,payoke-report-2022",
        "plain,payoke-report-2023",
    ]
    assert complete("ahtgraph describe id:w", monkeypatch) == ["plain,id:wallonia"]


def test_the_bash_script_is_what_docs_say_to_source() -> None:
    result = CliRunner().invoke(
        cli, [], env={"_AHTGRAPH_COMPLETE": "bash_source"}, prog_name="ahtgraph"
    )
    assert result.exit_code == 0
    assert "complete -o nosort -F _ahtgraph_completion ahtgraph" in result.stdout


@click.command()
@click.argument("query", shell_complete=complete_query_name)
def _named(query: str) -> None:
    pass


def test_named_query_names_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.RESOURCES_ENV, str(ROOT / "tests" / "fixtures" / "cli"))
    resources.resource_root.cache_clear()
    env = {"_NAMED_COMPLETE": "bash_complete", "COMP_WORDS": "named pu", "COMP_CWORD": "1"}
    result = CliRunner().invoke(_named, [], env=env, prog_name="named")
    assert result.stdout.splitlines() == ["plain,publications-of"]
    env["COMP_WORDS"] = "named "
    result = CliRunner().invoke(_named, [], env=env, prog_name="named")
    assert result.stdout.splitlines() == [
        "plain,funded-centres",
        "plain,publications-of",
        "plain,regions-graph",
    ]


# ------------------------------------------------------------------- progress on stderr

FIXTURE = ROOT / "tests" / "fixtures" / "cli"
TIME = re.compile(r"\(\d+\.\d s\)")


def _fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.RESOURCES_ENV, str(FIXTURE))
    resources.resource_root.cache_clear()


def test_site_progress_goes_to_stderr_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fixture(monkeypatch)
    extra = tmp_path / "extra.nt"
    extra.write_text(
        '<https://w3id.org/ahtgraph/id/zz> <http://www.w3.org/2000/01/rdf-schema#label> "ZZ" .\n'
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["site", "-o", str(out), "--data", str(extra), "--progress"])
    assert result.exit_code == 0, result.output
    quiet = CliRunner().invoke(cli, ["site", "-o", str(tmp_path / "quiet"), "--data", str(extra)])
    assert result.stdout == quiet.stdout.replace("quiet", "site")  # progress never on stdout
    assert quiet.stderr == ""  # not a terminal, no --progress: nothing
    # 70 triples in the fixture's two files; 9 entities there and id:zz; 61 files written.
    assert len({p.stem for p in (out / "id").glob("*.html")}) == 10
    assert len([p for p in out.rglob("*") if p.is_file() and p.name != ".ahtgraph-build"]) == 61
    assert TIME.sub("(T)", result.stderr).splitlines() == [
        "ahtgraph: parsed the shipped graph: 70 triples from 2 files (T)",
        f"ahtgraph: parsed {extra}: 1 triples (T)",
        "ahtgraph: rendering entity pages: 2/10",
        "ahtgraph: rendering entity pages: 5/10",
        "ahtgraph: rendering entity pages: 7/10",
        "ahtgraph: rendering entity pages: 10/10",
        "ahtgraph: writing files: 15/61",
        "ahtgraph: writing files: 30/61",
        "ahtgraph: writing files: 45/61",
        "ahtgraph: writing files: 61/61",
    ]


def test_release_progress_names_its_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fixture(monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    args = ["release", "-o", str(tmp_path / "r"), "--version", "1.0.0", "--allow-invalid"]
    result = CliRunner().invoke(cli, [*args, "--progress"])
    assert result.exit_code == 0, result.output
    steps = [line for line in result.stderr.splitlines() if "parsed" not in line]
    assert [TIME.sub("(T)", line).split(" (")[0] for line in steps] == [
        "ahtgraph: wrote ahtgraph-1.0.0.ttl and ahtgraph-1.0.0.ttl.gz",
        "ahtgraph: wrote ahtgraph-1.0.0.nt and ahtgraph-1.0.0.nt.gz",
        "ahtgraph: wrote ahtgraph-1.0.0.nq and ahtgraph-1.0.0.nq.gz",
        "ahtgraph: wrote ahtgraph-1.0.0.jsonld and ahtgraph-1.0.0.jsonld.gz",
        "ahtgraph: wrote ahtgraph-1.0.0.rdf and ahtgraph-1.0.0.rdf.gz",
        "ahtgraph: parsing every dump back to check it",
        "ahtgraph: every dump checked; writing dataset.ttl and SHA256SUMS",
    ]


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written to it."""

    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_on_a_terminal_progress_shows_once_slow_and_never_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    with progress.settings():
        progress.note("quick")  # the command has run for 0 s: nothing yet
        clock[0] += progress.AUTO_AFTER
        progress.note("slow")
    with progress.settings(quiet=True, progress=True):
        progress.note("quiet wins")
    assert terminal.text == "ahtgraph: slow\n"
