"""What users of arq, riot and Datasette expect of a command line (issue 11 D): --version,
table widths, progress on stderr, shell completion."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahtgraph import resources
from ahtgraph.cli import cli

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
