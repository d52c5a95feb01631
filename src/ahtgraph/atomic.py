"""Writing a file all at once or not at all.

The text goes to a temporary file in the target's folder (same filesystem, so the final rename
is atomic) and replaces the target only when complete; on any error the temporary file is
removed and an existing target is left untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_text(path: Path, produce: Callable[[], str]) -> None:
    """Write ``produce()`` to ``path`` atomically; ``produce`` runs after the temp file exists,
    so a failure while serialising also leaves nothing behind."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(produce())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
