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

from ..errors import AhtgraphError
from ..loading import DataSource

#: The name of standard input's staged copy in the private folder.
STDIN_FILE = "stdin"


def to_config(source: DataSource, staged_copy: Path | None = None) -> dict[str, Any]:
    """``source`` as JSON for a worker; ``staged_copy`` holds the bytes of one read from
    standard input (which has no path)."""
    item: dict[str, Any] = {
        "name": source.name,
        "format": source.format,
        "base_iri": source.base_iri,
        "compressed": source.compressed,
        "allow_remote_context": source.allow_remote_context,
    }
    if staged_copy is not None:
        item["content_file"] = str(staged_copy)
    elif source.path is not None:
        item["path"] = str(source.path)
    else:
        raise ValueError(f"{source.name} has no file to hand to a worker")
    return item


def from_config(item: dict[str, Any]) -> DataSource:
    """The DataSource the parent had, rebuilt in a worker from :func:`to_config`'s JSON.

    Standard input comes back as bytes, as the parent held it (read from the staged copy
    now): every parser then gives it the base IRI and name it was read with, and nothing
    reads the copy again later.
    """
    staged_copy = item.get("content_file")
    content = None
    if staged_copy:
        try:
            content = Path(staged_copy).read_bytes()
        except OSError as exc:  # the folder was removed under a running server
            raise AhtgraphError(
                f"cannot read the server's copy of {item['name']}: {exc.strerror or exc}"
            ) from exc
    return DataSource(
        str(item["name"]),
        str(item["format"]),
        str(item["base_iri"]),
        path=None if staged_copy else Path(item["path"]),
        content=content,
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
