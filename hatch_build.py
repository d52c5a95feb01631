"""Wheel build hook: prebuild the shipped graph as N-Triples (see ahtgraph.graph.prebuilt).

Why a hook: the prebuilt file must come from exactly the data files the wheel carries, and must
not live in the repository (it would go stale with every data edit). It is written into the
build's temporary folder and added to the wheel under ``ahtgraph/_resources/``, beside
``data/``. A checkout or an editable install has none and parses its Turtle.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltGraphHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from ahtgraph.graph.prebuilt import build
        finally:
            sys.path.pop(0)
        self._folder = tempfile.TemporaryDirectory(prefix="ahtgraph-prebuilt-")
        built = build(sorted((root / "data").glob("*.ttl")), Path(self._folder.name))
        if built is None:
            return
        for path in built:
            build_data["force_include"][str(path)] = f"ahtgraph/_resources/{path.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
