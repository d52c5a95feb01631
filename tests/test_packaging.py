"""The wheel carries the graph, shapes and queries, and its CLI works from any directory.

Built and installed offline: hatchling comes from the test environment (no build isolation, no
index) and the fresh venv borrows this environment's dependencies through a ``.pth`` file, so
the only ahtgraph it can import is the one from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: Files the build reads; README/licences are named in pyproject.toml's metadata.
METADATA_FILES = ("README.md", "LICENSE", "LICENSE-DATA")


def _copy_project(target: Path) -> None:
    """A clean copy of what the build needs: no caches, no build dirs, no venvs."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_resources")
    target.mkdir()
    for name in ("pyproject.toml", "hatch_build.py", ".gitignore", *METADATA_FILES):
        shutil.copy2(REPO / name, target / name)
    for folder in ("src", "data", "shapes", "queries"):
        shutil.copytree(REPO / folder, target / folder, ignore=ignore)


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AHTGRAPH_", "PYTHON"))}
    env.pop("VIRTUAL_ENV", None)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(wheel, venv) with the wheel installed into a fresh venv."""
    root = tmp_path_factory.mktemp("packaging")
    project = root / "project"
    _copy_project(project)
    wheels = root / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(wheels), str(project)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("ahtgraph-*.whl")

    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        check=True, capture_output=True, text=True, env=_clean_env(),
    )  # fmt: skip
    # Only now lend the venv this environment's dependencies: written before the install, the
    # .pth would show pip an ahtgraph already installed here (as in CI) and pip would skip it.
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    return wheel, venv


def test_wheel_carries_resources_and_context(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ahtgraph/context.jsonld" in names
    assert "ahtgraph/cli/__init__.py" in names
    for folder, pattern in (("data", "*.ttl"), ("shapes", "*.ttl"), ("queries", "*.rq")):
        for path in (REPO / folder).glob(pattern):
            assert f"ahtgraph/_resources/{folder}/{path.name}" in names
    # The build hook's prebuilt graph and its manifest, beside data/.
    assert "ahtgraph/_resources/graph.nt" in names
    assert "ahtgraph/_resources/graph.manifest" in names
    # The pages: templates, catalogues, and the static files the server mounts.
    web = REPO / "src" / "ahtgraph" / "web"
    shipped = [p for name in ("templates", "static", "messages") for p in (web / name).iterdir()]
    assert len(shipped) >= 12
    for path in shipped:
        assert f"ahtgraph/web/{path.parent.name}/{path.name}" in names


def test_cli_runs_from_another_directory(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, venv = installed
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=elsewhere, env=_clean_env(), capture_output=True, text=True,
            check=False,
        )  # fmt: skip

    probe = "import ahtgraph.resources as r; print(r.__file__); print(r.resource_root())"
    where = run(str(venv / "bin" / "python"), "-c", probe)
    module_file, root = where.stdout.splitlines()
    assert module_file.startswith(str(venv)), "imported ahtgraph from outside the wheel"
    assert root.endswith("ahtgraph/_resources")

    # The prebuilt graph matches the installed data files, so queries load it, and it holds
    # exactly the triples of those files parsed one by one.
    same = (
        "import pyoxigraph as ox; from ahtgraph import resources as r; "
        "from ahtgraph.graph import prebuilt as p; g = p.matching(r.resource_root(), "
        "r.graph_files()); a = ox.Store(); a.load(path=str(g), format=ox.RdfFormat.N_TRIPLES); "
        "b = ox.Store(); [b.load(path=str(f), format=ox.RdfFormat.TURTLE) for f in "
        "r.graph_files()]; print(len(a), set(a) == set(b))"
    )
    checked = run(str(venv / "bin" / "python"), "-c", same)
    assert checked.returncode == 0, checked.stderr
    count, equal = checked.stdout.split()
    assert int(count) > 1000 and equal == "True"

    listed = run(str(venv / "bin" / "ahtgraph"), "query", "--list")
    assert listed.returncode == 0, listed.stderr
    names = [line.split()[0] for line in listed.stdout.splitlines()]
    assert names == sorted(p.stem for p in (REPO / "queries").glob("*.rq"))

    ask = run(str(venv / "bin" / "ahtgraph"), "query", "ASK { ?s a ?type }")
    assert ask.returncode == 0, ask.stderr
    assert ask.stdout == "true\n"

    for path in sorted((REPO / "queries").glob("*.rq")):
        if "# param:" not in path.read_text(encoding="utf-8"):
            named = run(str(venv / "bin" / "ahtgraph"), "query", path.stem)
            assert named.returncode == 0, named.stderr
            break

    # The pages render from the installed templates, static files and catalogues.
    site = run(str(venv / "bin" / "ahtgraph"), "site", "-o", "public")
    assert site.returncode == 0, site.stderr
    public = elsewhere / "public"
    assert (public / "static" / "search.js").is_file()
    assert '<html lang="en">' in (public / "id" / "payoke.html").read_text(encoding="utf-8")

    as_module = run(str(venv / "bin" / "python"), "-m", "ahtgraph", "--help")
    assert as_module.returncode == 0
    assert "Usage: ahtgraph" in as_module.stdout


def test_metadata_files_exist() -> None:
    """`pip install .` fails without the files pyproject.toml names as readme and licences."""
    missing = [name for name in METADATA_FILES if not (REPO / name).is_file()]
    assert missing == []
