"""Writing a file all at once or not at all.

The content goes to a temporary file in the target's folder (same filesystem, so the final rename
is atomic) and replaces the target only when complete; on any error the temporary file is
removed and an existing target is left untouched. The temporary file is private while it is
written (mkstemp makes it 0600); the finished file gets the ordinary permissions the umask
allows, as if it had been opened with ``open(path, "w")``, since exports and releases are meant
to be shared.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: Path, produce: Callable[[], bytes]) -> None:
    """Write ``produce()`` to ``path`` atomically; ``produce`` runs after the temp file exists,
    so a failure while serialising also leaves nothing behind."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(produce())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, produce: Callable[[], str]) -> None:
    """``write_bytes`` for text, encoded as UTF-8 with newlines kept as they are."""
    write_bytes(path, lambda: produce().encode("utf-8"))
