"""Handing the ``--data`` sources from the server process to its query workers.

Why: each worker is a separate process started with a JSON config (:mod:`.pool`), and each must
load exactly the sources the user gave, while standard input can be read only once, by the
parent. So a file goes by its path with everything that shapes its reading (syntax, base IRI,
gzip, remote contexts); standard input's bytes are written once by the parent to a private
temporary folder (mode 0700, removed when the server exits) and go by that path, with the
syntax and base IRI they were read with. Bytes never go into argv or the JSON config: argv is
visible to every user in ``ps`` and has a size limit.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..loading import DataSource

#: The staged copy of standard input. No extension on purpose: a worker then reads it as bytes
#: with the base IRI and name standard input had, never by path as a file of its own.
STDIN_FILE = "stdin"


def to_config(source: DataSource, path: Path | None = None) -> dict[str, Any]:
    """``source`` as JSON for a worker; ``path`` replaces its own (standard input's copy)."""
    where = path if path is not None else source.path
    if where is None:
        raise ValueError(f"{source.name} has no file to hand to a worker")
    return {
        "name": source.name,
        "format": source.format,
        "base_iri": source.base_iri,
        "path": str(where),
        "compressed": source.compressed,
        "allow_remote_context": source.allow_remote_context,
    }


def from_config(item: dict[str, Any]) -> DataSource:
    """The DataSource the parent had, rebuilt in a worker from :func:`to_config`'s JSON."""
    return DataSource(
        str(item["name"]),
        str(item["format"]),
        str(item["base_iri"]),
        path=Path(item["path"]),
        compressed=bool(item.get("compressed", False)),
        allow_remote_context=bool(item.get("allow_remote_context", False)),
    )


@contextmanager
def staged(sources: Iterable[DataSource]) -> Iterator[list[dict[str, Any]]]:
    """The sources as worker JSON, standard input written to a private folder meanwhile.

    The folder (``tempfile.mkdtemp``: mode 0700, the file in it 0600) exists only while the
    ``with`` block runs and only when a source holds bytes; it is removed on the way out,
    whatever ends the block.
    """
    folder: str | None = None
    try:
        items = []
        for source in sources:
            if source.content is None:
                items.append(to_config(source))
                continue
            if folder is None:
                folder = tempfile.mkdtemp(prefix="ahtgraph-serve-")
            path = Path(folder) / f"{STDIN_FILE}{len(items)}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as stream:
                stream.write(source.content)
            items.append(to_config(source, path))
        yield items
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
