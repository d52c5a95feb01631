"""The W3C protocol runner (benchmarks/w3c_protocol.py) skips cleanly without ../shared.

The suite itself needs ../shared and runs as its own .ci/run step; tests/test_serve.py covers
the same behaviours (operations, datasets, bad requests, updates refused) without it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "w3c_protocol.py"
_SPEC = importlib.util.spec_from_file_location("w3c_protocol", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
w3c = importlib.util.module_from_spec(_SPEC)
sys.modules["w3c_protocol"] = w3c
_SPEC.loader.exec_module(w3c)


def test_without_the_suite_it_says_so_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert w3c.main(["--shared", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("skipped: no W3C protocol tests at ")
