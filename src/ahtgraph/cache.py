"""Parsing the shipped graph (placeholder: no cache yet; see benchmarks/bench_cli.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph


def cached_parse(paths: Sequence[Path]) -> Graph:
    """The graph of ``paths``."""
    from .loading import load_files

    return load_files(paths)
