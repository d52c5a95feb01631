"""Atomic writes: complete or absent, and shareable once complete."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ahtgraph import atomic


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_written_file_has_the_permissions_the_umask_allows(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    atomic.write_text(target, lambda: "<a> <b> <c> .\n")
    assert target.read_text(encoding="utf-8") == "<a> <b> <c> .\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def test_bytes_are_written_as_given(tmp_path: Path) -> None:
    target = tmp_path / "out.gz"
    atomic.write_bytes(target, lambda: b"\x1f\x8b\x00")
    assert target.read_bytes() == b"\x1f\x8b\x00"


def test_a_failure_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_text("old\n", encoding="utf-8")

    def broken() -> str:
        raise RuntimeError("serialiser failed")

    with pytest.raises(RuntimeError):
        atomic.write_text(target, broken)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]
