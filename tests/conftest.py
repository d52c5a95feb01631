"""Shared fixtures: the shipped graph is parsed once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

import ahtgraph
from ahtgraph import resources

CLI_FIXTURE = Path(__file__).parent / "fixtures" / "cli"


@pytest.fixture(scope="session")
def graph() -> Graph:
    """The shipped graph (ontology, concept schemes and data), parsed once."""
    return ahtgraph.load()


@pytest.fixture(autouse=True)
def _forget_the_resource_root() -> Iterator[None]:
    """Forget the cached resource folder after every test.

    A test that points AHTGRAPH_RESOURCES at a fixture (monkeypatch restores the variable)
    would otherwise leave the fixture's data and shapes cached for every later test in the
    same process, and which tests share a process changes with pytest-xdist.
    """
    yield
    resources.resource_root.cache_clear()


@pytest.fixture
def fixture_graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point ahtgraph at the small graph in fixtures/cli/ for one test.

    CLI and API tests use it (``pytestmark = pytest.mark.usefixtures("fixture_graph")``) so
    their exact answers do not move as data/ grows.
    """
    monkeypatch.setenv(resources.RESOURCES_ENV, str(CLI_FIXTURE))
    resources.resource_root.cache_clear()
    yield
    resources.resource_root.cache_clear()


#: Deselected tests by marker (slow, browser), for the run's last lines.
_LEFT_OUT: dict[str, int] = {}
_LEFT_OUT_KEY = "ahtgraph_left_out"


def pytest_deselected(items: list[pytest.Item]) -> None:
    """Count the slow and browser tests that ``-m`` left out (in each xdist worker too)."""
    for item in items:
        for marker in ("slow", "browser"):
            if item.get_closest_marker(marker) is not None:
                _LEFT_OUT[marker] = _LEFT_OUT.get(marker, 0) + 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An xdist worker hands its counts to the controller, which prints the summary."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[_LEFT_OUT_KEY] = dict(_LEFT_OUT)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """xdist's controller: every worker collects (and deselects) the whole suite, so the
    counts are the same in each; keep the largest rather than adding them up."""
    for marker, count in getattr(node, "workeroutput", {}).get(_LEFT_OUT_KEY, {}).items():
        _LEFT_OUT[marker] = max(_LEFT_OUT.get(marker, 0), count)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say at the end of the run which tests were skipped and why, never silently.

    The browser tests skip when Debian's chromium (or playwright) is absent, and the W3C suites
    when ../shared is absent; a green run that checked neither must say so in its last lines.
    So must a run that left out the slow or browser tests (pyproject's addopts deselects them;
    .ci/run runs them as steps of their own).
    """
    skipped = terminalreporter.stats.get("skipped", [])
    reasons: dict[str, int] = {}
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        where = report.nodeid.split("::")[0]
        key = f"{where}: {reason.removeprefix('Skipped: ')}"
        reasons[key] = reasons.get(key, 0) + 1
    for key, count in sorted(reasons.items()):
        terminalreporter.write_line(f"SKIPPED {count} in {key}")
    for marker, count in sorted(_LEFT_OUT.items()):
        terminalreporter.write_line(
            f"NOT RUN {count} {marker} test(s): run `pytest -m {marker}` (.ci/run does)"
        )
