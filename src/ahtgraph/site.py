"""Kept for ``cli_site.py``: the static site now lives in :mod:`ahtgraph.web.site`.

Remove once ``ahtgraph site`` imports ``ahtgraph.web.site`` directly.
"""

from __future__ import annotations

from .web.site import build, check_target, render, write

__all__ = ["build", "check_target", "render", "write"]
